using System.Numerics;
using System.Runtime.Intrinsics.X86;
using CognitoDemo.Cognito.Arithmetic;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.Cognito.Tests.Arithmetic;

/// <summary>
/// Differential tests: the Montgomery exponentiation gives exactly what <see cref="BigInteger.ModPow"/>
/// gives, on seeded random inputs of every size SRP uses and on the edge cases. 10,400 random inputs in
/// all: 400 at the SRP group's 3072-bit N with the protocol's exponent sizes (each costs BigInteger.ModPow
/// several milliseconds), and 10,000 over random odd moduli of 1 to 8 limbs, which run the same code
/// with other limb counts, with and without the all-ones top limb that enables the base-2 shortcut.
/// Each runs with every multiplier: the one the CPU gets by default (AVX-512 where the CPU has it), AVX2,
/// and the 64-bit limb multiplier every CPU can run (a choice the CPU lacks falls back to the next one).
/// </summary>
public sealed class MontgomeryModulusTests
{
    private static readonly BigInteger N = SrpGroup.N;
    private static readonly MontgomeryModulus Group = SrpGroup.Arithmetic;
    private static readonly MontgomeryModulus GroupOnAvx2 = new(N, MultiplierChoice.Avx2);
    private static readonly MontgomeryModulus GroupOnWords = new(N, MultiplierChoice.Words);

    // MultiplierChoice is internal, so the theories name the multipliers as text.
    private static MultiplierChoice Choice(string multiplier) => Enum.Parse<MultiplierChoice>(multiplier);

    private static MontgomeryModulus GroupWith(string multiplier) => Choice(multiplier) switch
    {
        MultiplierChoice.Best => Group,
        MultiplierChoice.Avx2 => GroupOnAvx2,
        _ => GroupOnWords,
    };

    /// <summary>
    /// The exponent sizes SRP uses: 256 (a, b, x, u: SHA-256 digests and 256-bit ephemerals) and 513
    /// (the client's a + u·x); 1024 and 1281 are the sizes of a and a + u·x in the published vectors.
    /// </summary>
    public static TheoryData<int, int, string> ProtocolSizes
    {
        get
        {
            var sizes = new TheoryData<int, int, string>();
            foreach (var choice in Enum.GetNames<MultiplierChoice>())
            {
                sizes.Add(256, 1, choice);
                sizes.Add(513, 2, choice);
                sizes.Add(1024, 3, choice);
                sizes.Add(1281, 4, choice);
            }

            return sizes;
        }
    }

    [Fact]
    public void TheGroupUsesTheWidestVectorsTheCpuHas()
    {
        Assert.Equal(Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "64-bit limbs", Group.MultiplierName);
        Assert.Equal(Avx2.IsSupported ? "AVX2" : "64-bit limbs", GroupOnAvx2.MultiplierName);
        Assert.Equal("64-bit limbs", GroupOnWords.MultiplierName);
        Assert.False(GroupOnWords.IsVectorised);
    }

    [Theory]
    [MemberData(nameof(ProtocolSizes))]
    public void PowersOfRandomBasesModuloTheGroupPrimeEqualModPow(int exponentBits, int seed, string multiplier)
    {
        var random = new Random(seed);
        var count = exponentBits <= 513 ? 100 : 25;
        for (var i = 0; i < count; i++)
        {
            var value = RandomBelow(random, N);
            // Full-length exponents and shorter ones under the same public bound.
            var exponent = RandomBits(random, i % 2 == 0 ? exponentBits : random.Next(exponentBits + 1));
            Assert.Equal(BigInteger.ModPow(value, exponent, N), GroupWith(multiplier).ModPow(value, exponent, exponentBits));
        }
    }

    [Theory]
    [MemberData(nameof(ProtocolSizes))]
    public void PowersOfTheGeneratorEqualModPow(int exponentBits, int seed, string multiplier)
    {
        var random = new Random(100 + seed);
        var count = exponentBits <= 513 ? 50 : 25;
        for (var i = 0; i < count; i++)
        {
            var exponent = RandomBits(random, i % 2 == 0 ? exponentBits : random.Next(exponentBits + 1));
            var power = Choice(multiplier) == MultiplierChoice.Best ? SrpGroup.PowerOfG(exponent, exponentBits) : GroupWith(multiplier).ModPow(SrpGroup.G, exponent, exponentBits);
            Assert.Equal(BigInteger.ModPow(SrpGroup.G, exponent, N), power);
        }
    }

    [Theory]
    [InlineData(false, 11, nameof(MultiplierChoice.Best))]
    [InlineData(true, 12, nameof(MultiplierChoice.Best))]
    [InlineData(false, 13, nameof(MultiplierChoice.Avx2))]
    [InlineData(true, 14, nameof(MultiplierChoice.Avx2))]
    [InlineData(false, 15, nameof(MultiplierChoice.Words))]
    [InlineData(true, 16, nameof(MultiplierChoice.Words))]
    public void RandomInputsOverRandomModuliEqualModPow(bool topLimbAllOnes, int seed, string multiplier)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var limbs = random.Next(1, 9);
            var modulus = RandomBits(random, 64 * limbs) | BigInteger.One;
            if (topLimbAllOnes)
            {
                modulus |= ulong.MaxValue * (BigInteger.One << (64 * (limbs - 1)));
            }

            if (modulus == BigInteger.One)
            {
                modulus = 3;
            }

            var arithmetic = new MontgomeryModulus(modulus, Choice(multiplier));
            var value = i % 4 == 0 ? new BigInteger(2) : RandomBits(random, 64 * limbs + 8);
            var exponentBits = random.Next(0, 600);
            var exponent = RandomBits(random, random.Next(exponentBits + 1));
            Assert.Equal(BigInteger.ModPow(value, exponent, modulus), arithmetic.ModPow(value, exponent, exponentBits));
        }
    }

    public static TheoryData<string, string, int> EdgeCases => new()
    {
        { "0", "0", 0 },
        { "0", "0", 256 },
        { "0", "1", 256 },
        { "1", "0", 256 },
        { "1", "ffffffff", 256 },
        { "2", "0", 256 },
        { "2", "1", 1 },
        { "N-1", "0", 256 },
        { "N-1", "1", 256 },
        { "N-1", "2", 256 },
        { "N-1", "3", 513 },
        { "N", "5", 256 },
        { "N+2", "7", 256 },
        { "-2", "3", 256 },
        { "2", "N-1", 3072 },
        { "N-1", "N-1", 3072 },
        { "2", "all-ones", 256 },
        { "N-1", "all-ones", 513 },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCasesEqualModPow(string value, string exponent, int exponentBits)
    {
        var x = Parse(value);
        var e = exponent == "all-ones" ? (BigInteger.One << exponentBits) - 1 : Parse(exponent);
        var expected = BigInteger.ModPow(SrpGroup.Reduce(x), e, N);
        foreach (var multiplier in Enum.GetNames<MultiplierChoice>())
        {
            Assert.Equal(expected, GroupWith(multiplier).ModPow(x, e, exponentBits));
        }
    }

    /// <summary>
    /// The vectorised multiplier defers carries, and its lanes are sized (by the bound argued in
    /// <see cref="VectorMultiplier"/>) for at most <see cref="VectorMultiplier.MaxDigits"/> digits of 28 bits:
    /// at that size, with operands whose digits are nearly all at their largest (a modulus of all ones,
    /// bases just below it), the results agree with ModPow; one bit longer and the modulus goes to the
    /// 64-bit limb multiplier. (Random data cannot reach the bound's worst case, which needs every m to
    /// be all ones too: this checks the largest size works and the cut-off, not the bound itself.)
    /// </summary>
    [Theory]
    [InlineData(nameof(MultiplierChoice.Best))]
    [InlineData(nameof(MultiplierChoice.Avx2))]
    public void TheLongestVectorisedModulusAgreesAndOneBitMoreFallsBackToWords(string multiplier)
    {
        var longest = (BigInteger.One << ((VectorMultiplier.MaxDigits * 28) - 2)) - 1;
        var arithmetic = new MontgomeryModulus(longest, Choice(multiplier));
        Assert.Equal(Avx2.IsSupported, arithmetic.IsVectorised);
        foreach (var value in new[] { longest - 1, longest - 2, (longest >> 1) + 1, new BigInteger(2) })
        {
            foreach (var exponentBits in new[] { 256, 513 })
            {
                var exponent = (BigInteger.One << exponentBits) - 1;
                Assert.Equal(BigInteger.ModPow(value, exponent, longest), arithmetic.ModPow(value, exponent, exponentBits));
            }
        }

        Assert.False(new MontgomeryModulus((longest << 1) | 1, Choice(multiplier)).IsVectorised);
    }

    [Fact]
    public void ExponentLongerThanItsBoundIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Group.ModPow(3, BigInteger.One << 256, 256));
        Assert.Equal("exponent", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Group.ModPow(3, BigInteger.MinusOne, 256));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("-7")]
    public void EvenOrTooSmallModulusIsRefused(string modulus) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MontgomeryModulus(BigInteger.Parse(modulus, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void PublicExponentOverloadUsesTheExponentsOwnLength()
    {
        var u = SrpEncoding.HashToInteger([1, 2, 3]);
        var v = SrpGroup.PowerOfG(12345, SrpGroup.HashBits);
        Assert.Equal(BigInteger.ModPow(v, u, N), Group.ModPow(v, u));
        Assert.Equal(BigInteger.One, Group.ModPow(v, BigInteger.Zero));
    }

    private static BigInteger Parse(string text) => text switch
    {
        "N" => N,
        "N-1" => N - 1,
        "N+2" => N + 2,
        _ => BigInteger.Parse(text.StartsWith('-') ? text : "0" + text,
            text.StartsWith('-') ? System.Globalization.NumberStyles.Integer : System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture),
    };

    private static BigInteger RandomBits(Random random, int bits)
    {
        if (bits == 0)
        {
            return BigInteger.Zero;
        }

        var bytes = new byte[(bits + 7) / 8];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) & ((BigInteger.One << bits) - 1);
    }

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bits = (int)bound.GetBitLength();
        while (true)
        {
            var candidate = RandomBits(random, bits);
            if (candidate < bound)
            {
                return candidate;
            }
        }
    }
}
