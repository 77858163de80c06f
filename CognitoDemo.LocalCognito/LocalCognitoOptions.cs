namespace CognitoDemo.LocalCognito;

/// <summary>Local Cognito's settings, bound from the <c>LocalCognito</c> configuration section.</summary>
public sealed class LocalCognitoOptions
{
    public const string SectionName = "LocalCognito";

    /// <summary>
    /// Where Local Cognito listens, ahead of the generic <c>--urls</c>: a host app that starts Local Cognito
    /// next to itself sets this so the two never share a port. Default: <see cref="LocalCognitoHost.DefaultUrl"/>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// The address clients know Local Cognito by. The token issuer (<c>{PublicUrl}/{poolId}</c>) and every endpoint
    /// the discovery document publishes are built from it, never from a request's <c>Host</c> header, because a
    /// Cognito pool has one fixed issuer however it is reached (a container and a browser reach it by different
    /// names). Default: the address it listens on, with a listen-on-every-interface host (<c>0.0.0.0</c>, <c>[::]</c>)
    /// read as <c>localhost</c>.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The SQLite file holding pools, clients, users, codes, tokens and keys.</summary>
    public string DataPath { get; set; } = "local-cognito.db";

    /// <summary>Region of pools created by unsigned CreateUserPool calls (signed calls use their credential scope).</summary>
    public string Region { get; set; } = "us-west-2";

    /// <summary>Requests with a larger body are refused before they are parsed.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The key operations AWS signs (management, <c>Admin*</c>) must be signed with. Unset: any well-formed
    /// SigV4 signature is accepted, whatever its key; unsigned calls to those operations never are.
    /// </summary>
    public LocalCognitoCredentials? Credentials { get; set; }

    /// <summary>
    /// Origins whose pages may call the APIs from a browser (CORS). Unset: none, and a host app that starts Local
    /// Cognito next to itself passes its own origin. The mailbox is never readable cross-origin.
    /// </summary>
    public IReadOnlyList<string>? AllowedOrigins { get; set; }

    /// <summary>The pool created at start, mirroring the seed; see <see cref="DefaultPoolOptions"/>.</summary>
    public DefaultPoolOptions DefaultPool { get; set; } = new();

    /// <summary>The AWS account id of the default identity pool's roles (role and assumed-role ARNs).</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>The identity pool created at start; see <see cref="IdentityPools.DefaultIdentityPoolOptions"/>.</summary>
    public IdentityPools.DefaultIdentityPoolOptions DefaultIdentityPool { get; set; } = new();
}

/// <summary>An AWS access key: its id and secret (<c>LocalCognito:Credentials:AccessKeyId</c>, <c>…:SecretAccessKey</c>).</summary>
public sealed class LocalCognitoCredentials
{
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}

/// <summary>
/// The default user pool (the seed's console steps 4.1–4.7): user-name sign-in (case-insensitive),
/// <c>email</c> required and verified by code, custom attribute <c>location</c>, password minimum
/// length 8 without character-class rules, MFA off; the web app's client with a secret and a public
/// client. Ids are fixed so the app's configuration never changes; the secret is local-only.
/// </summary>
public sealed class DefaultPoolOptions
{
    public bool Enabled { get; set; } = true;

    public string UserPoolId { get; set; } = "us-west-2_LocalPool";

    public string PoolName { get; set; } = "CognitoDemo";

    public string WebClientId { get; set; } = "cognitodemowebclient000001";

    public string WebClientName { get; set; } = "Cognito demonstration Web app";

    /// <summary>Local-only: printed at start and listed in the README.</summary>
    public string WebClientSecret { get; set; } = "localcognitodemosecretnotforproductionuse000000001";

    public string PublicClientId { get; set; } = "cognitodemopublicclient001";

    public string PublicClientName { get; set; } = "Cognito demonstration public client";

    public string Domain { get; set; } = "cognito-demo";

    /// <summary>
    /// A group whose members get the role <see cref="AdminsRoleName"/> (<c>arn:aws:iam::{AccountId}:role/{name}</c>) through
    /// the default identity pool's "choose role from token" mapping; empty for none. Default <c>admins</c>, precedence 1.
    /// </summary>
    public string AdminsGroupName { get; set; } = "admins";

    public int AdminsGroupPrecedence { get; set; } = 1;

    public string AdminsRoleName { get; set; } = "CognitoDemoAdminsRole";

    /// <summary>The schema's <c>StringAttributeConstraints.MaxLength</c> of <c>custom:location</c> (the seed's template: 256).</summary>
    public int LocationMaxLength { get; set; } = 256;

    // Null rather than pre-filled: the configuration binder appends to a list that already has items,
    // so configured URLs would be merged with the defaults instead of replacing them.

    /// <summary>OAuth callback URLs of the web app's client; default <c>http://localhost:5080/signin-oidc</c>.</summary>
    public IReadOnlyList<string>? CallbackUrls { get; set; }

    /// <summary>Sign-out URLs of the web app's client; default the web app's sign-out callback and home page.</summary>
    public IReadOnlyList<string>? LogoutUrls { get; set; }

    public IReadOnlyList<string> EffectiveCallbackUrls =>
        CallbackUrls is { Count: > 0 } ? CallbackUrls : ["http://localhost:5080/signin-oidc"];

    public IReadOnlyList<string> EffectiveLogoutUrls =>
        LogoutUrls is { Count: > 0 } ? LogoutUrls : ["http://localhost:5080/signout-callback-oidc", "http://localhost:5080/"];
}
