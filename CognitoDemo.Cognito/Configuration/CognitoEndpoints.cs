using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Cognito.Configuration;

/// <summary>Where each Cognito service is (protocol doc, section 1.1).</summary>
public static class CognitoEndpoints
{
    /// <summary>The user pools API: the service URL override, else <c>https://cognito-idp.{region}.{dnsSuffix}/</c>.</summary>
    public static Uri UserPools(CognitoOptions options) => Resolve(options, UserPoolOperations.SigningName);

    /// <summary>The identity pools API: the service URL override, else <c>https://cognito-identity.{region}.{dnsSuffix}/</c>.</summary>
    public static Uri IdentityPools(CognitoOptions options) => Resolve(options, IdentityPoolOperations.SigningName);

    /// <summary>
    /// The issuer of the configured pool's tokens: <c>{ServiceUrl}/{poolId}</c> on an emulator (Local
    /// Cognito issues tokens under the URL it is reached at), else AWS's issuer.
    /// </summary>
    public static string Issuer(CognitoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pool = options.UserPoolId ?? throw new InvalidOperationException("Cognito:UserPoolId is not configured.");
        if (options.ServiceUrl is { } url)
        {
            return url.GetLeftPart(UriPartial.Authority) + url.AbsolutePath.TrimEnd('/') + "/" + pool;
        }

        var region = options.EffectiveRegion ?? throw new InvalidOperationException("Cognito:Region is not configured.");
        return AwsIssuer(region, pool);
    }

    /// <summary>The issuer of a user pool's tokens on AWS: <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.</summary>
    public static string AwsIssuer(string region, string userPoolId) =>
        $"https://cognito-idp.{region}.{DnsSuffix(region)}/{userPoolId}";

    /// <summary>The DNS suffix of a region's partition: China regions use <c>amazonaws.com.cn</c>.</summary>
    public static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";

    private static Uri Resolve(CognitoOptions options, string service)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServiceUrl is { } url)
        {
            return url;
        }

        var region = options.EffectiveRegion
                     ?? throw new InvalidOperationException(
                         "Cognito:Region (or a Cognito:UserPoolId that names its region) is required to reach AWS.");
        return new Uri($"https://{service}.{region}.{DnsSuffix(region)}/");
    }
}
