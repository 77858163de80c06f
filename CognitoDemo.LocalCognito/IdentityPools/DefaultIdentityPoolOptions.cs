namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// The default identity pool (the seed's last step): its Cognito provider is the default user pool with
/// the web app's client (and the public client, for browsers and command-line tools); an authenticated
/// role; guest access off unless turned on, with its own role then. The id is fixed so the app's
/// configuration never changes. Bound from <c>LocalCognito:DefaultIdentityPool</c>.
/// </summary>
public sealed class DefaultIdentityPoolOptions
{
    public bool Enabled { get; set; } = true;

    public string IdentityPoolId { get; set; } = "us-west-2:00000000-0000-4000-8000-000000000001";

    public string IdentityPoolName { get; set; } = "CognitoDemo";

    /// <summary>The role name; the ARN is <c>arn:aws:iam::{AccountId}:role/{name}</c>.</summary>
    public string AuthenticatedRoleName { get; set; } = "CognitoDemoAuthenticatedRole";

    public bool AllowUnauthenticatedIdentities { get; set; }

    /// <summary>Attached only when <see cref="AllowUnauthenticatedIdentities"/> is on.</summary>
    public string UnauthenticatedRoleName { get; set; } = "CognitoDemoUnauthenticatedRole";

    /// <summary>Also accept ID tokens of the default pool's public client (the web client is always accepted).</summary>
    public bool IncludePublicClient { get; set; } = true;
}
