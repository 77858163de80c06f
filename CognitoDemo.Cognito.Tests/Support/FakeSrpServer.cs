using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.Cognito.Tests.Support;

/// <summary>
/// The server half of Cognito's SRP for one user, as protocol doc section 3.4 describes it, answering
/// InitiateAuth and RespondToAuthChallenge through a <see cref="RecordingHandler"/>. It checks the
/// client's signature for real, so a wrong password, user id or timestamp fails as it would on AWS.
/// </summary>
public sealed class FakeSrpServer
{
    private readonly string _poolName;
    private readonly BigInteger _salt = new(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
    private readonly BigInteger _verifier;
    private readonly Dictionary<string, (BigInteger A, BigInteger B, BigInteger b)> _pending = [];

    public FakeSrpServer(string userPoolId, string canonicalUsername, string password, string? userIdForSrp = null)
    {
        _poolName = SrpCalculations.PoolName(userPoolId);
        CanonicalUsername = canonicalUsername;
        UserIdForSrp = userIdForSrp ?? canonicalUsername;
        _verifier = SrpCalculations.Verifier(SrpCalculations.PrivateKey(_poolName, UserIdForSrp, password, _salt));
        Handler = new RecordingHandler(Answer);
    }

    public string CanonicalUsername { get; }

    public string UserIdForSrp { get; }

    public RecordingHandler Handler { get; }

    /// <summary>What to answer after a correct signature; tokens by default.</summary>
    public string SuccessAnswer { get; set; } =
        """{"AuthenticationResult":{"AccessToken":"access","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"refresh","IdToken":"id"},"ChallengeParameters":{}}""";

    /// <summary>The timestamps the client signed, as received.</summary>
    public List<string> Timestamps { get; } = [];

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        return request.Headers["X-Amz-Target"] switch
        {
            "AWSCognitoIdentityProviderService.InitiateAuth" => Initiate(root.GetProperty("AuthParameters")),
            "AWSCognitoIdentityProviderService.RespondToAuthChallenge" => Respond(root.GetProperty("ChallengeResponses")),
            var other => throw new InvalidOperationException($"unexpected {other}"),
        };
    }

    private HttpResponseMessage Initiate(JsonElement parameters)
    {
        if (parameters.GetProperty("SRP_A").GetString() is not { } aHex)
        {
            return NotAuthorized();
        }

        var a = SrpEncoding.FromHex(aHex);
        var b = SrpGroup.RandomExponent(32);
        var bigB = SrpGroup.Reduce((SrpGroup.K * _verifier) + BigInteger.ModPow(SrpGroup.G, b, SrpGroup.N));
        var secretBlock = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        _pending[secretBlock] = (a, bigB, b);
        var answer = new JsonObject
        {
            ["ChallengeName"] = "PASSWORD_VERIFIER",
            ["Session"] = new string('s', 40),
            ["ChallengeParameters"] = new JsonObject
            {
                ["SALT"] = SrpEncoding.ToHex(_salt),
                ["SRP_B"] = SrpEncoding.ToHex(bigB),
                ["SECRET_BLOCK"] = secretBlock,
                ["USERNAME"] = CanonicalUsername,
                ["USER_ID_FOR_SRP"] = UserIdForSrp,
            },
        };
        return RecordingHandler.Json(answer.ToJsonString());
    }

    private HttpResponseMessage Respond(JsonElement responses)
    {
        var secretBlock = responses.GetProperty("PASSWORD_CLAIM_SECRET_BLOCK").GetString()!;
        if (!_pending.Remove(secretBlock, out var state))
        {
            return NotAuthorized();
        }

        var timestamp = responses.GetProperty("TIMESTAMP").GetString()!;
        Timestamps.Add(timestamp);
        var u = SrpCalculations.Scrambler(state.A, state.B);
        var s = BigInteger.ModPow(state.A * BigInteger.ModPow(_verifier, u, SrpGroup.N), state.b, SrpGroup.N);
        var key = SrpCalculations.DeriveKey(s, u);
        var expected = SrpCalculations.PasswordClaimSignature(key, _poolName, UserIdForSrp,
            Convert.FromBase64String(secretBlock), timestamp);
        var received = Convert.FromBase64String(responses.GetProperty("PASSWORD_CLAIM_SIGNATURE").GetString()!);
        return CryptographicOperations.FixedTimeEquals(expected, received)
            ? RecordingHandler.Json(SuccessAnswer)
            : NotAuthorized();
    }

    private static HttpResponseMessage NotAuthorized() => RecordingHandler.Json(
        """{"__type":"NotAuthorizedException","message":"Incorrect username or password."}""", HttpStatusCode.BadRequest);
}
