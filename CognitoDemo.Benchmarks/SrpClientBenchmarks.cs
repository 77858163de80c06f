using System.Numerics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.Benchmarks;

/// <summary>
/// The client's share of one SRP sign-in: generating a and A (one 3072-bit modular exponentiation),
/// then answering PASSWORD_VERIFIER (x, u, two more exponentiations, HKDF and the HMAC signature),
/// plus SECRET_HASH, which is sent on every call of a client with a secret.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class SrpClientBenchmarks
{
    private SrpClientSession _session = null!;
    private PasswordVerifierChallenge _challenge = null!;
    private BigInteger _legacyPrivateA;
    private BigInteger _legacyA;

    [GlobalSetup]
    public void Setup()
    {
        _session = SrpClientSession.Create();
        _legacyPrivateA = SrpGroup.RandomExponent(128);
        _legacyA = BigInteger.ModPow(SrpGroup.G, _legacyPrivateA, SrpGroup.N);
        // A realistic challenge: B = k·v + g^b for a real verifier, so the work is what a sign-in does.
        var salt = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
        var verifier = SrpCalculations.Verifier(SrpCalculations.PrivateKey("Pj8nlkpKR", "alice", "correct horse", salt));
        var b = SrpGroup.RandomExponent(32);
        var serverPublic = SrpGroup.Reduce((SrpGroup.K * verifier) + BigInteger.ModPow(SrpGroup.G, b, SrpGroup.N));
        _challenge = PasswordVerifierChallenge.Parse("Pj8nlkpKR", new Dictionary<string, string>
        {
            ["SALT"] = SrpEncoding.ToHex(salt),
            ["SRP_B"] = SrpEncoding.ToHex(serverPublic),
            ["SECRET_BLOCK"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1284)),
            ["USERNAME"] = "alice",
            ["USER_ID_FOR_SRP"] = "alice",
        });
    }

    [Benchmark(Description = "A generation (a, g^a mod N)")]
    public string GeneratePublicValue() => SrpClientSession.Create().PublicValueHex;

    [Benchmark(Description = "PASSWORD_VERIFIER signature")]
    public string ComputeClaimSignature() =>
        _session.ComputeClaimSignature(_challenge, "correct horse", "Mon Jan 5 09:03:07 UTC 2026");

    // The same two steps as the client did them before MontgomeryModulus (BigInteger.ModPow, a of 1024
    // bits), measured in the same process so the comparison survives a busy machine.
    [Benchmark(Description = "before: A generation with BigInteger.ModPow, 1024-bit a")]
    public BigInteger GeneratePublicValueBefore() =>
        BigInteger.ModPow(SrpGroup.G, SrpGroup.RandomExponent(128), SrpGroup.N);

    [Benchmark(Description = "before: PASSWORD_VERIFIER exponentiations with BigInteger.ModPow")]
    public BigInteger ComputeSharedSecretBefore()
    {
        var u = SrpCalculations.Scrambler(_legacyA, _challenge.ServerPublic);
        var x = SrpCalculations.PrivateKey(_challenge.PoolName, _challenge.UserIdForSrp, "correct horse", _challenge.Salt);
        var gx = BigInteger.ModPow(SrpGroup.G, x, SrpGroup.N);
        var @base = SrpGroup.Reduce(_challenge.ServerPublic - (SrpGroup.K * gx));
        return BigInteger.ModPow(@base, _legacyPrivateA + (u * x), SrpGroup.N);
    }

    [Benchmark(Description = "SECRET_HASH")]
    public string ComputeSecretHash() =>
        SecretHash.Compute("alice", "6npouauc8jt1fioujvblmvpise", "1k4bq8p0mbe3r7qnuvd1m5cb0pjg7n5c3ke0d3v2m1sb3c0s2hj");
}
