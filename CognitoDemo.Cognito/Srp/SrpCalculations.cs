using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.Cognito.Srp;

/// <summary>
/// The steps of Cognito's SRP-6a that both sides compute the same way (protocol doc, sections 3.3–3.4).
/// The client (<see cref="SrpClientSession"/>) and Local Cognito's verifier both build on these.
/// </summary>
public static class SrpCalculations
{
    private static readonly byte[] DerivedKeyInfo = Encoding.ASCII.GetBytes("Caldera Derived Key");

    /// <summary>Length in bytes of the key both sides derive.</summary>
    public const int DerivedKeyLength = 16;

    /// <summary>The pool name SRP hashes: the part of the user pool id after the first underscore.</summary>
    public static string PoolName(string userPoolId)
    {
        ArgumentNullException.ThrowIfNull(userPoolId);
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || underscore == userPoolId.Length - 1)
        {
            throw new ArgumentException(
                $"A user pool id has the form '{{region}}_{{id}}', e.g. 'us-east-1_AbC123xyz', but was '{userPoolId}'.",
                nameof(userPoolId));
        }

        return userPoolId[(underscore + 1)..];
    }

    /// <summary>x = H(PAD(salt) || H(poolName || userId || ":" || password)).</summary>
    public static BigInteger PrivateKey(string poolName, string userIdForSrp, string password, BigInteger salt)
    {
        var identity = SrpEncoding.Hash(SrpEncoding.Utf8(poolName + userIdForSrp + ":" + password));
        return SrpEncoding.HashToInteger(SrpEncoding.Pad(salt), identity);
    }

    /// <summary>v = g^x mod N, what a server stores instead of the password.</summary>
    public static BigInteger Verifier(BigInteger privateKey) =>
        SrpGroup.PowerOfG(privateKey, Math.Max(SrpGroup.HashBits, (int)privateKey.GetBitLength()));

    /// <summary>u = H(PAD(A) || PAD(B)).</summary>
    public static BigInteger Scrambler(BigInteger clientPublic, BigInteger serverPublic) =>
        SrpEncoding.HashToInteger(SrpEncoding.Pad(clientPublic), SrpEncoding.Pad(serverPublic));

    /// <summary>
    /// The 16-byte key both sides derive from the shared secret S: HKDF-SHA256 with salt PAD(u),
    /// input PAD(S) and info "Caldera Derived Key".
    /// </summary>
    public static byte[] DeriveKey(BigInteger sharedSecret, BigInteger scrambler) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, SrpEncoding.Pad(sharedSecret), DerivedKeyLength,
            SrpEncoding.Pad(scrambler), DerivedKeyInfo);

    /// <summary>
    /// PASSWORD_CLAIM_SIGNATURE: HMAC-SHA256 with the derived key over
    /// poolName || userIdForSrp || SECRET_BLOCK bytes || TIMESTAMP.
    /// </summary>
    public static byte[] PasswordClaimSignature(byte[] derivedKey, string poolName, string userIdForSrp,
        byte[] secretBlock, string timestamp)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, derivedKey);
        hmac.AppendData(SrpEncoding.Utf8(poolName));
        hmac.AppendData(SrpEncoding.Utf8(userIdForSrp));
        hmac.AppendData(secretBlock);
        hmac.AppendData(SrpEncoding.Utf8(timestamp));
        return hmac.GetHashAndReset();
    }

    /// <summary>Decodes SECRET_BLOCK, accepting standard or URL-safe base64 with or without padding.</summary>
    /// <exception cref="FormatException">The text is not base64.</exception>
    public static byte[] DecodeSecretBlock(string secretBlock)
    {
        ArgumentNullException.ThrowIfNull(secretBlock);
        var standard = secretBlock.Replace('-', '+').Replace('_', '/');
        var padding = (4 - (standard.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException("SECRET_BLOCK is not valid base64.");
        }

        return Convert.FromBase64String(standard + new string('=', padding));
    }
}
