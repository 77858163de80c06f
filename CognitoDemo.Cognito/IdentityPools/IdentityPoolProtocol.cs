using CognitoDemo.Cognito.Configuration;

namespace CognitoDemo.Cognito.IdentityPools;

/// <summary>Protocol strings of Cognito Identity (botocore cognito-identity 2014-06-30 model).</summary>
public static class IdentityPoolOperations
{
    public const string TargetPrefix = "AWSCognitoIdentityService";
    public const string SigningName = "cognito-identity";

    public const string GetId = nameof(GetId);
    public const string GetCredentialsForIdentity = nameof(GetCredentialsForIdentity);
    public const string GetOpenIdToken = nameof(GetOpenIdToken);
}

/// <summary>Error codes of Cognito Identity that callers branch on.</summary>
public static class IdentityPoolErrors
{
    public const string NotAuthorized = "NotAuthorizedException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string InvalidIdentityPoolConfiguration = "InvalidIdentityPoolConfigurationException";
    public const string ResourceConflict = "ResourceConflictException";
    public const string TooManyRequests = "TooManyRequestsException";
    public const string ExternalService = "ExternalServiceException";
}

/// <summary>Names of the identity providers in a <c>Logins</c> map (protocol doc, section 7).</summary>
public static class IdentityProviderNames
{
    /// <summary>
    /// A user pool as an identity provider: <c>cognito-idp.{region}.amazonaws.com/{userPoolId}</c>.
    /// The same key is used against Local Cognito.
    /// </summary>
    public static string UserPool(string region, string userPoolId) =>
        $"cognito-idp.{region}.{CognitoEndpoints.DnsSuffix(region)}/{userPoolId}";

    /// <summary>The provider name of a user pool in the region its id names (<c>{region}_{suffix}</c>).</summary>
    public static string UserPool(string userPoolId)
    {
        ArgumentNullException.ThrowIfNull(userPoolId);
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0
            ? UserPool(userPoolId[..underscore], userPoolId)
            : throw new ArgumentException($"'{userPoolId}' is not a user pool id ({{region}}_{{suffix}}).", nameof(userPoolId));
    }

    /// <summary>
    /// The user pool a provider name stands for, or null when it is not a user pool's: exactly the names
    /// <see cref="UserPool(string)"/> builds, so the region in the host, the pool's region and the DNS suffix agree.
    /// </summary>
    public static string? UserPoolId(string providerName)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        const string prefix = "cognito-idp.";
        var slash = providerName.IndexOf('/', StringComparison.Ordinal);
        if (!providerName.StartsWith(prefix, StringComparison.Ordinal) || slash < 0)
        {
            return null;
        }

        var userPoolId = providerName[(slash + 1)..];
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && userPoolId.IndexOf('/', StringComparison.Ordinal) < 0
                              && string.Equals(UserPool(userPoolId), providerName, StringComparison.Ordinal)
            ? userPoolId
            : null;
    }
}
