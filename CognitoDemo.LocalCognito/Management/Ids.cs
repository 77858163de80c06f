using System.Security.Cryptography;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>Ids shaped like AWS's (protocol doc 9): pools <c>{region}_{9 alnum}</c>, 26-char client ids, ~51-char secrets.</summary>
internal static class Ids
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string UserPool(string region) => $"{region}_{RandomNumberGenerator.GetString(Mixed, 9)}";

    public static string Client() => RandomNumberGenerator.GetString(Lower, 26);

    public static string ClientSecret() => RandomNumberGenerator.GetString(Lower, 51);
}
