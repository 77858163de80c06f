using System.Numerics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.Benchmarks;

/// <summary>
/// Local Cognito's share of one SRP sign-in: answering InitiateAuth (b and B = k·v + g^b) and
/// checking the PASSWORD_VERIFIER claim (u, S = (A·v^u)^b, HKDF, HMAC).
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class SrpServerBenchmarks
{
    private const string PoolId = "us-west-2_LocalPool";
    private BigInteger _verifier;
    private BigInteger _clientA;
    private BigInteger _b;
    private BigInteger _serverB;
    private BigInteger _salt;
    private BigInteger _legacyB;
    private byte[] _secretBlock = [];
    private byte[] _signature = [];
    private const string Timestamp = "Mon Jan 5 09:03:07 UTC 2026";

    [GlobalSetup]
    public void Setup()
    {
        var salt = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
        _salt = salt;
        _legacyB = SrpGroup.RandomExponent(64);
        _verifier = SrpCalculations.Verifier(SrpCalculations.PrivateKey("LocalPool", "alice", "correct horse", salt));
        var client = SrpClientSession.Create();
        _clientA = client.PublicValue;
        (_b, _serverB) = SrpServer.Start(_verifier);
        _secretBlock = RandomNumberGenerator.GetBytes(64);
        var challenge = PasswordVerifierChallenge.Parse("LocalPool", new Dictionary<string, string>
        {
            ["SALT"] = SrpEncoding.ToHex(salt),
            ["SRP_B"] = SrpEncoding.ToHex(_serverB),
            ["SECRET_BLOCK"] = Convert.ToBase64String(_secretBlock),
            ["USERNAME"] = "alice",
            ["USER_ID_FOR_SRP"] = "alice",
        });
        _signature = Convert.FromBase64String(client.ComputeClaimSignature(challenge, "correct horse", Timestamp));
        if (!VerifyClaim())
        {
            throw new InvalidOperationException("The benchmark's own claim does not verify.");
        }
    }

    [Benchmark(Description = "InitiateAuth: b, B = k·v + g^b")]
    public BigInteger StartChallenge() => SrpServer.Start(_verifier).PublicB;

    [Benchmark(Description = "PASSWORD_VERIFIER check")]
    public bool VerifyClaim() =>
        SrpServer.VerifyClaim(PoolId, "alice", _verifier, _clientA, _b, _serverB, _secretBlock, Timestamp, _signature);

    [Benchmark(Description = "USER_PASSWORD_AUTH check: x, v = g^x")]
    public BigInteger PasswordCheck() =>
        SrpCalculations.Verifier(SrpCalculations.PrivateKey("LocalPool", "alice", "correct horse", _salt));

    // The server's exponentiations as they were before MontgomeryModulus (BigInteger.ModPow, b of 512
    // bits), measured in the same process so the comparison survives a busy machine.
    [Benchmark(Description = "before: InitiateAuth with BigInteger.ModPow, 512-bit b")]
    public BigInteger StartChallengeBefore() =>
        SrpGroup.Reduce((SrpGroup.K * _verifier) + BigInteger.ModPow(SrpGroup.G, SrpGroup.RandomExponent(64), SrpGroup.N));

    [Benchmark(Description = "before: PASSWORD_VERIFIER exponentiations with BigInteger.ModPow")]
    public BigInteger VerifyClaimBefore()
    {
        var u = SrpCalculations.Scrambler(_clientA, _serverB);
        return BigInteger.ModPow(SrpGroup.Reduce(_clientA * BigInteger.ModPow(_verifier, u, SrpGroup.N)), _legacyB, SrpGroup.N);
    }

    [Benchmark(Description = "before: USER_PASSWORD_AUTH check with BigInteger.ModPow")]
    public BigInteger PasswordCheckBefore() =>
        BigInteger.ModPow(SrpGroup.G, SrpCalculations.PrivateKey("LocalPool", "alice", "correct horse", _salt), SrpGroup.N);
}
