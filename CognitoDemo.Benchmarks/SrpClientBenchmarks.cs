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
[MemoryDiagnoser]
public class SrpClientBenchmarks
{
    private SrpClientSession _session = null!;
    private PasswordVerifierChallenge _challenge = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = SrpClientSession.Create();
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

    [Benchmark(Description = "SECRET_HASH")]
    public string ComputeSecretHash() =>
        SecretHash.Compute("alice", "6npouauc8jt1fioujvblmvpise", "1k4bq8p0mbe3r7qnuvd1m5cb0pjg7n5c3ke0d3v2m1sb3c0s2hj");
}
