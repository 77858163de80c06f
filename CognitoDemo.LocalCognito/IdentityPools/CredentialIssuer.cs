using System.Security.Cryptography;
using System.Text;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// Temporary credentials shaped like STS's for an assumed role (protocol doc 7): an <c>ASIA…</c> access key
/// id, a 40-character secret, a session token, one hour of validity. Stored so STS can verify signatures.
/// </summary>
internal sealed class CredentialIssuer(CredentialStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string UpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public IssuedCredentials Issue(string identityId, string roleArn)
    {
        var credentials = new IssuedCredentials(
            "ASIA" + RandomNumberGenerator.GetString(UpperDigits, 16),
            RandomNumberGenerator.GetString(SecretAlphabet, 40),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(240)),
            time.GetUtcNow() + Lifetime,
            identityId,
            roleArn);
        store.Insert(credentials);
        return credentials;
    }

    /// <summary>
    /// The role's unique id as STS shows it in <c>UserId</c> (<c>AROA</c> + 17 characters); derived from the
    /// ARN so it is stable across restarts, as a real role's id is.
    /// </summary>
    public static string RoleId(string roleArn)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(roleArn));
        return "AROA" + string.Concat(hash.Take(17).Select(b => Upper[b % Upper.Length]));
    }
}
