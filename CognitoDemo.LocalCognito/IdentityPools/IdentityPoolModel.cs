using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>An identity pool as CreateIdentityPool describes it; its roles as SetIdentityPoolRoles sets them.</summary>
internal sealed record IdentityPool(string Id, string Name, IdentityPoolSettings Settings, DateTimeOffset CreatedAt)
{
    public string? Role(bool authenticated) =>
        Settings.Roles.GetValueOrDefault(authenticated ? CognitoIdentity.AuthenticatedRole : CognitoIdentity.UnauthenticatedRole);
}

/// <summary>Everything about a pool besides its id and name, stored as JSON.</summary>
internal sealed class IdentityPoolSettings
{
    public bool AllowUnauthenticatedIdentities { get; set; }

    public bool? AllowClassicFlow { get; set; }

    public List<CognitoProvider> CognitoIdentityProviders { get; set; } = [];

    public Dictionary<string, string> SupportedLoginProviders { get; set; } = [];

    public string? DeveloperProviderName { get; set; }

    public List<string> OpenIdConnectProviderArns { get; set; } = [];

    public List<string> SamlProviderArns { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];

    public Dictionary<string, string> Roles { get; set; } = [];

    /// <summary>Keyed by provider (a user pool's as <c>{ProviderName}:{ClientId}</c>); see <see cref="RoleSelection"/>.</summary>
    public Dictionary<string, RoleMapping>? RoleMappings { get; set; }
}

/// <summary>A user pool app client whose ID tokens the identity pool accepts.</summary>
internal sealed record CognitoProvider(string ProviderName, string ClientId, bool ServerSideTokenCheck);

/// <summary>An identity; its logins are the (provider, subject) pairs linked to it.</summary>
internal sealed record Identity(string Id, string PoolId, IReadOnlyList<VerifiedLogin> Logins, DateTimeOffset CreatedAt)
{
    public bool IsAuthenticated => Logins.Count > 0;
}

/// <summary>A login whose token was checked: the provider name and the token's <c>sub</c>.</summary>
internal sealed record VerifiedLogin(string ProviderName, string Subject);

/// <summary>A login whose token was checked, with the app client it was issued to and its claims.</summary>
internal sealed record VerifiedToken(VerifiedLogin Login, string ClientId, JsonWebToken Token);

/// <summary>Temporary AWS credentials as issued; the secret only ever leaves in the GetCredentialsForIdentity answer.</summary>
internal sealed record IssuedCredentials(
    string AccessKeyId, string SecretKey, string SessionToken, DateTimeOffset Expiration, string IdentityId, string RoleArn);
