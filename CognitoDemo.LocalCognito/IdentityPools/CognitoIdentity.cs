using System.Text.RegularExpressions;
using CognitoDemo.Cognito.IdentityPools;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// Every protocol string Local Cognito speaks for the identity pools API (botocore cognito-identity
/// 2014-06-30 model; protocol doc section 7), in one place. What the client library also speaks (the public
/// operations, error codes, provider names: <see cref="IdentityPoolOperations"/>, <see cref="IdentityPoolErrors"/>,
/// <see cref="IdentityProviderNames"/>) is declared there and only referred to here.
/// </summary>
internal static partial class CognitoIdentity
{
    public const string TargetPrefix = IdentityPoolOperations.TargetPrefix;

    public const string GetId = IdentityPoolOperations.GetId;
    public const string GetCredentialsForIdentity = IdentityPoolOperations.GetCredentialsForIdentity;
    public const string GetOpenIdToken = IdentityPoolOperations.GetOpenIdToken;
    public const string CreateIdentityPool = nameof(CreateIdentityPool);
    public const string DescribeIdentityPool = nameof(DescribeIdentityPool);
    public const string ListIdentityPools = nameof(ListIdentityPools);
    public const string DeleteIdentityPool = nameof(DeleteIdentityPool);
    public const string SetIdentityPoolRoles = nameof(SetIdentityPoolRoles);
    public const string GetIdentityPoolRoles = nameof(GetIdentityPoolRoles);

    /// <summary>The keys of the <c>Roles</c> map.</summary>
    public const string AuthenticatedRole = "authenticated";
    public const string UnauthenticatedRole = "unauthenticated";

    /// <summary>The session name AWS gives the role it assumes for an identity (protocol doc 7).</summary>
    public const string RoleSessionName = "CognitoIdentityCredentials";

    /// <summary>
    /// The principal STS names for a role assumed for an identity (protocol doc 7):
    /// <c>arn:aws:sts::{account}:assumed-role/{role}/CognitoIdentityCredentials</c>, and that account.
    /// </summary>
    public static (string Account, string Arn) AssumedRole(string roleArn, string fallbackAccount)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        var role = RoleArn().Match(roleArn);
        var account = role.Success ? role.Groups["account"].Value : fallbackAccount;
        var name = role.Success ? role.Groups["name"].Value : roleArn;
        return (account, $"arn:aws:sts::{account}:assumed-role/{name}/{RoleSessionName}");
    }

    /// <summary>Issuer of the OpenID tokens GetOpenIdToken returns (protocol doc 7).</summary>
    public const string OpenIdIssuer = "https://cognito-identity.amazonaws.com";

    /// <summary>IdentityPoolId and IdentityId: <c>{region}:{guid}</c>.</summary>
    [GeneratedRegex(@"^[\w-]+:[0-9a-f-]+$")]
    public static partial Regex IdentityId();

    [GeneratedRegex(@"^[\w\s+=,.@-]+$")]
    public static partial Regex IdentityPoolName();

    [GeneratedRegex(@"^[\w._:/-]+$")]
    public static partial Regex CognitoProviderName();

    [GeneratedRegex(@"^[\w_]+$")]
    public static partial Regex CognitoClientId();

    [GeneratedRegex(@"^\d+$")]
    public static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{1,15}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]+)$")]
    public static partial Regex RoleArn();
}

/// <summary>The error codes (<c>__type</c>) of the identity pools API.</summary>
internal static class IdentityErrors
{
    public const string NotAuthorized = IdentityPoolErrors.NotAuthorized;
    public const string ResourceNotFound = IdentityPoolErrors.ResourceNotFound;
    public const string ResourceConflict = IdentityPoolErrors.ResourceConflict;
    public const string InvalidParameter = IdentityPoolErrors.InvalidParameter;
    public const string InvalidIdentityPoolConfiguration = IdentityPoolErrors.InvalidIdentityPoolConfiguration;
}

/// <summary>Messages the real service sends (protocol doc 7, observed).</summary>
internal static class IdentityMessages
{
    public const string UnauthenticatedNotSupported = "Unauthenticated access is not supported for this identity pool.";
    public const string LoginsDoNotMatch = "Logins don't match. Please include at least one valid login for this identity or identity pool.";
    public const string UnsupportedProvider = "Token is not from a supported provider of this identity pool.";
    public const string NotACognitoToken = "Invalid login token. Not a Cognito token.";
    public const string IssuerMismatch = "Invalid login token. Issuer doesn't match providerName";
    public const string SignatureNotVerified = "Invalid login token. Couldn't verify signed token.";
    public const string MissingAudience = "Invalid login token. Missing a required claim: aud";
    public const string IncorrectAudience = "Invalid login token. Incorrect token audience.";
    public const string InvalidRoleConfiguration = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

    /// <summary>NotAuthorizedException when AmbiguousRoleResolution is Deny (the wording aws-amplify/amplify-js issue 3621 quotes).</summary>
    public static string AmbiguousRoleDenied(string provider) => $"The ambiguous role mapping rules for: {provider} denied this request.";

    /// <summary>
    /// NotAuthorizedException for a CustomRoleArn the mapping does not offer: the developer guide says "deny access" without
    /// quoting AWS's text, so this wording is Local Cognito's.
    /// </summary>
    public static string CustomRoleNotAllowed(string roleArn, string provider) =>
        $"The role mapping for: {provider} does not allow the CustomRoleArn {roleArn}.";

    public static string TokenExpired(long now, long expires) => $"Invalid login token. Token expired: {now} >= {expires}";

    public static string PoolNotFound(string id) => $"IdentityPool '{id}' not found.";

    public static string IdentityNotFound(string id) => $"Identity '{id}' not found.";
}
