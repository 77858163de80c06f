using System.Numerics;
using System.Security.Cryptography;
using CognitoDemo.Cognito.Arithmetic;

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

    /// <summary>Constant-time modular exponentiation modulo N, for the client and for Local Cognito.</summary>
    public static MontgomeryModulus Arithmetic { get; } = new(N);

    /// <summary>
    /// Size in bits of the ephemeral private values a (client) and b (server), 256 uniformly random bits.
    /// RFC 5054 sections 2.5.3 and 2.5.4 say b and a "SHOULD be at least 256 bits in length", for about
    /// 128 bits of security: the square-root attacks on short exponents (Pollard's kangaroo, van Oorschot
    /// and Wiener 1996) take about 2^(bits/2) steps. 128 bits is also the strength of the 3072-bit group against
    /// the number field sieve (NIST SP 800-57 part 1, table 2), so a longer exponent buys nothing and
    /// costs a squaring per extra bit. The peer cannot tell: A = g^a mod N and B = k·v + g^b mod N are
    /// full 3072-bit values whatever the exponent's length, so AWS's service receives an SRP_A of the
    /// same form as from amazon-cognito-identity-js (which draws 1024 bits).
    /// </summary>
    public const int EphemeralExponentBits = 256;

    /// <summary>Bits of x and u: each is a SHA-256 digest read as an integer.</summary>
    public const int HashBits = 256;

    /// <summary>The generator g = 2.</summary>
    public static BigInteger G { get; } = new(2);

    /// <summary>The multiplier k = H(PAD(N) || PAD(g)).</summary>
    public static BigInteger K { get; } = SrpEncoding.HashToInteger(SrpEncoding.Pad(N), SrpEncoding.Pad(G));

    /// <summary>g^exponent mod N in constant time for exponents below 2^<paramref name="exponentBits"/>.</summary>
    public static BigInteger PowerOfG(BigInteger exponent, int exponentBits) =>
        Arithmetic.ModPow(G, exponent, exponentBits);

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
    public static BigInteger RandomExponent(int byteCount = EphemeralExponentBits / 8)
    {
        Span<byte> bytes = stackalloc byte[byteCount];
        RandomNumberGenerator.Fill(bytes);
        return Reduce(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
    }
}
