using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// USER_SRP_AUTH and its PASSWORD_VERIFIER challenge, verified for real against the stored verifier (protocol
/// doc 3.4). With prevent-user-existence-errors an unknown user gets a decoy challenge and then the same
/// refusal as a wrong password.
/// </summary>
internal sealed class SrpSignIn(UserStore users, ChallengeStore challenges, SignInGate gate, SignInResults results, TimeProvider time)
{
    private const int SecretBlockBytes = 512;
    private const int MaxSrpAHexDigits = 1024;
    private static readonly TimeSpan TimestampSkew = TimeSpan.FromMinutes(5);

    public JsonObject Start(UserPool pool, AppClient client, IReadOnlyDictionary<string, string> parameters)
    {
        AuthInput.RequireFlow(client, ExplicitAuthFlow.UserSrp, AuthFlows.UserSrpAuth);
        var username = AuthInput.Required(parameters, AuthParameterNames.Username);
        var srpA = AuthInput.Required(parameters, AuthParameterNames.SrpA);
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, parameters.GetValueOrDefault(AuthParameterNames.SecretHash), username, user?.Username);

        var clientA = ParseSrpA(srpA);
        if (user is null && !client.Settings.PreventsUserExistenceErrors)
        {
            throw AwsServiceException.UserNotFound();
        }

        if (user is not null && gate.IsLocked(user))
        {
            throw SignInResults.Refusal(SignInVerdict.Locked);
        }

        // An unknown user gets a challenge that looks the same (stable salt, random verifier) and can never be answered.
        var canonical = user?.Username ?? username;
        var salt = user?.Salt ?? DecoySalt(pool, username);
        var verifier = user?.Verifier is { } v ? SrpEncoding.FromHex(v) : SrpGroup.RandomExponent(32);
        var (privateB, publicB) = SrpServer.Start(verifier);
        var secretBlock = RandomNumberGenerator.GetBytes(SecretBlockBytes);
        var state = new SrpState(SrpEncoding.ToHex(clientA), SrpEncoding.ToHex(privateB), SrpEncoding.ToHex(publicB));
        var session = AuthInput.NewSession();
        challenges.Save(new PendingChallenge(session, SecretBlockHash(secretBlock), ChallengeNames.PasswordVerifier,
            pool.Id, client.Id, user?.Sub, canonical, JsonSerializer.Serialize(state, PoolStore.Json),
            time.GetUtcNow() + client.AuthSessionLifetime));

        return new JsonObject
        {
            ["ChallengeName"] = ChallengeNames.PasswordVerifier,
            ["Session"] = session,
            ["ChallengeParameters"] = new JsonObject
            {
                [ChallengeParameterNames.Salt] = salt,
                [ChallengeParameterNames.SrpB] = state.PublicB,
                [ChallengeParameterNames.SecretBlock] = Convert.ToBase64String(secretBlock),
                [ChallengeParameterNames.Username] = canonical,
                [ChallengeParameterNames.UserIdForSrp] = canonical,
            },
        };
    }

    public JsonObject AnswerPasswordVerifier(UserPool pool, AppClient client, string? sessionId,
        IReadOnlyDictionary<string, string> responses)
    {
        var secretBlockText = AuthInput.Required(responses, AuthParameterNames.PasswordClaimSecretBlock);
        var signatureText = AuthInput.Required(responses, AuthParameterNames.PasswordClaimSignature);
        var timestamp = AuthInput.Required(responses, AuthParameterNames.Timestamp);
        byte[] secretBlock;
        try
        {
            secretBlock = SrpCalculations.DecodeSecretBlock(secretBlockText);
        }
        catch (FormatException)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials);
        }

        // The pending state is found by Session, or by the secret block when a client omits Session (pycognito).
        var blockHash = SecretBlockHash(secretBlock);
        var challenge = challenges.Take(sessionId, sessionId is null ? blockHash : null, time.GetUtcNow());
        if (challenge is null || challenge.Name != ChallengeNames.PasswordVerifier || challenge.ClientId != client.Id
            || challenge.SecretBlockHash != blockHash)
        {
            throw AwsServiceException.NotAuthorized("Invalid session for the user, session is expired.");
        }

        ClientDirectory.CheckSecretHash(client, responses.GetValueOrDefault(AuthParameterNames.SecretHash),
            challenge.Username, responses.GetValueOrDefault(AuthParameterNames.Username));
        if (!SrpTimestamp.TryParse(timestamp, out var signedAt))
        {
            throw AwsServiceException.InvalidParameter("TIMESTAMP format is invalid.");
        }

        // AWS wants the answer signed "within a few seconds"; a wider window still catches clients that
        // sign with local time labelled UTC, which would fail on AWS (emulator choice, protocol doc 3.4).
        if ((signedAt - time.GetUtcNow()).Duration() > TimestampSkew)
        {
            throw AwsServiceException.NotAuthorized("TIMESTAMP is more than 5 minutes away from the server's time.");
        }

        var user = challenge.Sub is null ? null : users.FindBySub(pool.Id, challenge.Sub);
        if (user?.Verifier is null)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials);
        }

        var state = JsonSerializer.Deserialize<SrpState>(challenge.State, PoolStore.Json)!;
        var verdict = gate.SignIn(user, u => TryDecodeBase64(signatureText, out var signature)
            && SrpServer.VerifyClaim(pool.Id, u.Username, SrpEncoding.FromHex(u.Verifier!), SrpEncoding.FromHex(state.ClientA),
                SrpEncoding.FromHex(state.PrivateB), SrpEncoding.FromHex(state.PublicB), secretBlock, timestamp, signature));
        return results.Finish(pool, client, user, verdict, AuthFlows.UserSrpAuth);
    }

    /// <summary>Hex of any case, leading zeros allowed (protocol doc 3.3 step 3); A mod N = 0 is refused.</summary>
    private static BigInteger ParseSrpA(string hex)
    {
        BigInteger value;
        try
        {
            value = hex.Length <= MaxSrpAHexDigits ? SrpEncoding.FromHex(hex) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw AwsServiceException.InvalidParameter("SRP_A is not a valid hexadecimal number.");
        }

        return SrpGroup.Reduce(value).IsZero
            ? throw AwsServiceException.InvalidParameter("SRP_A must not be 0 mod N.")
            : value;
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    private static string DecoySalt(UserPool pool, string username)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(pool.Id + "\n" + UserStore.Key(pool, username)));
        return SrpEncoding.ToHex(new BigInteger(digest.AsSpan(0, 16), isUnsigned: true, isBigEndian: true));
    }

    private static string SecretBlockHash(byte[] secretBlock) => Convert.ToHexStringLower(SHA256.HashData(secretBlock));

    private sealed record SrpState(string ClientA, string PrivateB, string PublicB);
}
