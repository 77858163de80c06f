using System.Numerics;
using System.Security.Cryptography;

namespace CognitoDemo.Cognito.Srp;

/// <summary>
/// The SRP-6a group Cognito uses: the 3072-bit MODP prime of RFC 3526 (group 15), generator 2,
/// SHA-256, and the multiplier k = H(PAD(N) || PAD(g)). Shared by the client and by Local Cognito.
/// </summary>
public static class SrpGroup
{
    // RFC 3526, section 4 (3072-bit MODP group); also amazon-cognito-identity-js AuthenticationHelper.js.
    private const string PrimeHex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

    /// <summary>The group prime N.</summary>
    public static BigInteger N { get; } = SrpEncoding.FromHex(PrimeHex);

    /// <summary>The generator g = 2.</summary>
    public static BigInteger G { get; } = new(2);

    /// <summary>The multiplier k = H(PAD(N) || PAD(g)).</summary>
    public static BigInteger K { get; } = SrpEncoding.HashToInteger(SrpEncoding.Pad(N), SrpEncoding.Pad(G));

    /// <summary>
    /// Reduces a value into [0, N). <see cref="BigInteger.ModPow"/> and <c>%</c> keep the sign of a
    /// negative operand, so differences such as B − k·g^x must be brought back into range first.
    /// </summary>
    public static BigInteger Reduce(BigInteger value)
    {
        var r = BigInteger.Remainder(value, N);
        return r.Sign < 0 ? r + N : r;
    }

    /// <summary>A uniformly random integer of <paramref name="byteCount"/> bytes, reduced mod N.</summary>
    public static BigInteger RandomExponent(int byteCount = 128)
    {
        Span<byte> bytes = stackalloc byte[byteCount];
        RandomNumberGenerator.Fill(bytes);
        return Reduce(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
    }
}
