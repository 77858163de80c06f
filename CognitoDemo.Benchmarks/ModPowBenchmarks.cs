using System.Numerics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CognitoDemo.Cognito.Arithmetic;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.Benchmarks;

/// <summary>
/// One 3072-bit modular exponentiation, <see cref="BigInteger.ModPow"/> against the Montgomery
/// implementation the SRP code uses (<see cref="SrpGroup.Arithmetic"/>), for each exponent size SRP
/// uses: 256 bits (a, b, x, u), 513 bits (the client's a + u·x) and 1024 bits (the old size of a).
/// "Montgomery" runs on the multiplier the CPU gets (AVX-512 where it has it); "AVX2" and "64-bit limbs"
/// force the narrower vector multiplier and the portable one every CPU runs.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ModPowBenchmarks
{
    private static readonly MontgomeryModulus OnAvx2 = new(SrpGroup.N, MultiplierChoice.Avx2);
    private static readonly MontgomeryModulus OnWords = new(SrpGroup.N, MultiplierChoice.Words);
    private BigInteger _base;
    private BigInteger _exponent;

    [Params(256, 513, 1024)]
    public int ExponentBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _base = SrpGroup.Reduce(new BigInteger(RandomNumberGenerator.GetBytes(384), isUnsigned: true));
        _exponent = new BigInteger(RandomNumberGenerator.GetBytes((ExponentBits + 7) / 8), isUnsigned: true)
            & ((BigInteger.One << ExponentBits) - 1);
    }

    [Benchmark(Baseline = true, Description = "BigInteger.ModPow, 3072-bit base")]
    public BigInteger BigIntegerModPow() => BigInteger.ModPow(_base, _exponent, SrpGroup.N);

    [Benchmark(Description = "Montgomery, 3072-bit base")]
    public BigInteger MontgomeryModPow() => SrpGroup.Arithmetic.ModPow(_base, _exponent, ExponentBits);

    [Benchmark(Description = "Montgomery with AVX2, 3072-bit base")]
    public BigInteger Avx2ModPow() => OnAvx2.ModPow(_base, _exponent, ExponentBits);

    [Benchmark(Description = "Montgomery on 64-bit limbs, 3072-bit base")]
    public BigInteger WordsModPow() => OnWords.ModPow(_base, _exponent, ExponentBits);

    [Benchmark(Description = "BigInteger.ModPow, base g = 2")]
    public BigInteger BigIntegerPowerOfG() => BigInteger.ModPow(SrpGroup.G, _exponent, SrpGroup.N);

    [Benchmark(Description = "Montgomery, base g = 2")]
    public BigInteger MontgomeryPowerOfG() => SrpGroup.Arithmetic.ModPow(SrpGroup.G, _exponent, ExponentBits);

    [Benchmark(Description = "Montgomery on 64-bit limbs, base g = 2")]
    public BigInteger WordsPowerOfG() => OnWords.ModPow(SrpGroup.G, _exponent, ExponentBits);
}
