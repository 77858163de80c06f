namespace CognitoDemo.Web.Credentials;

/// <summary>
/// One exchange of a user's ID token for temporary AWS credentials through the identity pool, with
/// each step kept so the page can show it: the Logins key, GetId's IdentityId, and the credentials.
/// <paramref name="TokenRole"/> is the ID token's <c>cognito:preferred_role</c> at the exchange (null: none), the
/// role an identity pool that maps roles from the token chooses.
/// </summary>
public sealed record CredentialExchange(string LoginsKey, string IdentityPoolId, string IdentityId, TemporaryCredentials Credentials,
    string? TokenRole = null);

/// <summary>Temporary AWS credentials. The secret key and session token are secrets: never logged, never in a cookie.</summary>
public sealed record TemporaryCredentials(string AccessKeyId, string SecretKey, string SessionToken, DateTimeOffset Expiration)
{
    public static TemporaryCredentials From(CognitoDemo.Cognito.IdentityPools.Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new TemporaryCredentials(
            credentials.AccessKeyId ?? throw new InvalidOperationException("GetCredentialsForIdentity returned no AccessKeyId."),
            credentials.SecretKey ?? throw new InvalidOperationException("GetCredentialsForIdentity returned no SecretKey."),
            credentials.SessionToken ?? throw new InvalidOperationException("GetCredentialsForIdentity returned no SessionToken."),
            credentials.Expiration ?? throw new InvalidOperationException("GetCredentialsForIdentity returned no Expiration."));
    }

    /// <summary>Never print the secrets, even by accident (records print every member by default).</summary>
    public override string ToString() => $"TemporaryCredentials {{ AccessKeyId = {AccessKeyId}, Expiration = {Expiration:o} }}";
}

/// <summary>What <c>sts:GetCallerIdentity</c> says the credentials are.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);

/// <summary>Why credentials could not be had, in words for the user.</summary>
public sealed class CredentialsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
