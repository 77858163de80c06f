using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.Cognito.Srp;

/// <summary>
/// How Cognito turns SRP integers into bytes and text (protocol doc, section 3.2): hashed integers use
/// PAD, the minimal big-endian two's-complement form (a leading 0x00 when the top bit is set); hex on the
/// wire is case-insensitive and may carry leading zeros.
/// </summary>
public static class SrpEncoding
{
    /// <summary>PAD(n): minimal big-endian bytes of a non-negative integer, plus 0x00 if the top bit is set.</summary>
    public static byte[] Pad(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "SRP integers are never negative.");
        }

        return value.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Parses hex of any case and length (odd lengths and leading zeros allowed) as a non-negative integer.</summary>
    /// <exception cref="FormatException">The text is empty or not hexadecimal.</exception>
    public static BigInteger FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length == 0)
        {
            throw new FormatException("An SRP value must not be empty.");
        }

        var even = hex.Length % 2 == 0 ? hex : "0" + hex;
        return new BigInteger(Convert.FromHexString(even), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Lower-case hex without leading zeros, as amazon-cognito-identity-js sends it.</summary>
    public static string ToHex(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "SRP integers are never negative.");
        }

        if (value.IsZero)
        {
            return "0";
        }

        var hex = Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true));
        return hex[0] == '0' ? hex[1..] : hex;
    }

    /// <summary>SHA-256 over the concatenation of the parts, read as an unsigned big-endian integer.</summary>
    public static BigInteger HashToInteger(params ReadOnlySpan<byte[]> parts) =>
        new(Hash(parts), isUnsigned: true, isBigEndian: true);

    /// <summary>SHA-256 over the concatenation of the parts.</summary>
    public static byte[] Hash(params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return sha.GetHashAndReset();
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
