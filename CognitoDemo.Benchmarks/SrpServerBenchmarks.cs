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
[MemoryDiagnoser]
public class SrpServerBenchmarks
{
    private const string PoolId = "us-west-2_LocalPool";
    private BigInteger _verifier;
    private BigInteger _clientA;
    private BigInteger _b;
    private BigInteger _serverB;
    private byte[] _secretBlock = [];
    private byte[] _signature = [];
    private const string Timestamp = "Mon Jan 5 09:03:07 UTC 2026";

    [GlobalSetup]
    public void Setup()
    {
        var salt = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
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
}
