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
}
