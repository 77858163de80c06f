using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// InitiateAuth and RespondToAuthChallenge: SRP verified for real against the stored verifier
/// (protocol doc 3.4), USER_PASSWORD_AUTH against the same verifier, refresh, NEW_PASSWORD_REQUIRED,
/// lockout, and prevent-user-existence-errors (an unknown user gets a decoy SRP challenge and then the
/// same refusal as a wrong password).
/// </summary>
internal sealed class AuthOperations(
    ClientDirectory clients,
    UserStore users,
    ChallengeStore challenges,
    AuthSessionStore sessions,
    TokenService tokens,
    SignInGate gate,
    TimeProvider time) : IOperationGroup
{
    private const int SecretBlockBytes = 512;
    private const int MaxSrpAHexDigits = 1024;
    private static readonly TimeSpan TimestampSkew = TimeSpan.FromMinutes(5);

    private const string AdminUserPasswordAuth = "ADMIN_USER_PASSWORD_AUTH";
    private const string AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH";

    /// <summary>AuthFlowType (botocore cognito-idp 2016-04-18).</summary>
    private static readonly string[] KnownFlows =
    [
        AuthFlows.UserSrpAuth, AuthFlows.RefreshTokenAuth, AuthFlows.RefreshToken, AuthFlows.CustomAuth,
        AdminNoSrpAuth, AuthFlows.UserPasswordAuth, AdminUserPasswordAuth, AuthFlows.UserAuth,
    ];

    public void Register(OperationTable table)
    {
        table.Add(Operations.InitiateAuth, c => Task.FromResult(InitiateAuth(c)));
        table.Add(Operations.RespondToAuthChallenge, c => Task.FromResult(RespondToAuthChallenge(c)));
        table.Add(Operations.GetTokensFromRefreshToken, c => Task.FromResult(GetTokensFromRefreshToken(c)));
    }

    private JsonObject InitiateAuth(OperationContext context)
    {
        var input = context.Input;
        var flow = input.RequiredString("AuthFlow", 1, 64);
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var parameters = input.Map("AuthParameters");
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId);
        return Initiate(pool, client, flow, parameters, admin: false);
    }

    /// <summary>
    /// The flows InitiateAuth and AdminInitiateAuth share. The admin password flow (and its legacy name) is only
    /// AdminInitiateAuth's and USER_PASSWORD_AUTH only InitiateAuth's; each refuses the other's as AWS does
    /// ("Initiate Auth method not supported.").
    /// </summary>
    internal JsonObject Initiate(UserPool pool, AppClient client, string flow, IReadOnlyDictionary<string, string> parameters, bool admin)
    {
        if (!KnownFlows.Contains(flow, StringComparer.Ordinal))
        {
            throw AwsServiceException.InvalidParameter(
                $"1 validation error detected: Value at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", KnownFlows)}]");
        }

        return flow switch
        {
            AuthFlows.UserSrpAuth => StartSrp(pool, client, parameters),
            AuthFlows.UserPasswordAuth when !admin => PasswordSignIn(pool, client, parameters, ExplicitAuthFlow.UserPassword,
                $"{AuthFlows.UserPasswordAuth} flow not enabled for this client"),
            AdminUserPasswordAuth or AdminNoSrpAuth when admin => PasswordSignIn(pool, client, parameters, ExplicitAuthFlow.AdminUserPassword,
                "Auth flow not enabled for this client"),
            AuthFlows.RefreshTokenAuth or AuthFlows.RefreshToken => Refresh(pool, client, parameters),
            AuthFlows.CustomAuth => throw AwsServiceException.InvalidParameter(
                "Custom auth lambda trigger is not configured for the user pool."),
            AuthFlows.UserAuth => throw AwsServiceException.InvalidParameter($"{flow} flow not enabled for this client"),
            _ => throw AwsServiceException.InvalidParameter("Initiate Auth method not supported."),
        };
    }

    private JsonObject StartSrp(UserPool pool, AppClient client, IReadOnlyDictionary<string, string> parameters)
    {
        RequireFlow(client, ExplicitAuthFlow.UserSrp, AuthFlows.UserSrpAuth);
        var username = Required(parameters, AuthParameterNames.Username);
        var srpA = Required(parameters, AuthParameterNames.SrpA);
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, parameters.GetValueOrDefault(AuthParameterNames.SecretHash), username, user?.Username);

        var clientA = ParseSrpA(srpA);
        if (user is null && !client.Settings.PreventsUserExistenceErrors)
        {
            throw AwsServiceException.UserNotFound();
        }

        if (user is not null && gate.IsLocked(user))
        {
            throw Refusal(SignInVerdict.Locked);
        }

        // An unknown user gets a challenge that looks the same (stable salt, random verifier) and can never be answered.
        var canonical = user?.Username ?? username;
        var salt = user?.Salt ?? DecoySalt(pool, username);
        var verifier = user?.Verifier is { } v ? SrpEncoding.FromHex(v) : SrpGroup.RandomExponent(32);
        var (privateB, publicB) = SrpServer.Start(verifier);
        var secretBlock = RandomNumberGenerator.GetBytes(SecretBlockBytes);
        var state = new SrpState(SrpEncoding.ToHex(clientA), SrpEncoding.ToHex(privateB), SrpEncoding.ToHex(publicB));
        var session = NewSession();
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

    private JsonObject PasswordSignIn(UserPool pool, AppClient client, IReadOnlyDictionary<string, string> parameters,
        string explicitFlow, string notEnabled)
    {
        if (!client.Allows(explicitFlow))
        {
            throw AwsServiceException.InvalidParameter(notEnabled);
        }

        var username = Required(parameters, AuthParameterNames.Username);
        var password = Required(parameters, AuthParameterNames.Password);
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, parameters.GetValueOrDefault(AuthParameterNames.SecretHash), username, user?.Username);
        if (user is null)
        {
            throw client.Settings.PreventsUserExistenceErrors
                ? AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials)
                : AwsServiceException.UserNotFound();
        }

        return Finish(pool, client, user, gate.SignIn(user, u => PasswordVerifier.Matches(u, password)), AuthFlows.UserPasswordAuth);
    }

    private JsonObject Refresh(UserPool pool, AppClient client, IReadOnlyDictionary<string, string> parameters)
    {
        RequireFlow(client, ExplicitAuthFlow.RefreshToken, AuthFlows.RefreshTokenAuth);
        var (session, user) = RefreshSession(pool, client, Required(parameters, AuthParameterNames.RefreshToken),
            u => ClientDirectory.CheckSecretHash(client, parameters.GetValueOrDefault(AuthParameterNames.SecretHash),
                u.Username, u.Sub, parameters.GetValueOrDefault(AuthParameterNames.Username)));
        return new JsonObject
        {
            ["ChallengeParameters"] = new JsonObject(),
            ["AuthenticationResult"] = tokens.Refresh(pool, client, user, session),
        };
    }

    /// <summary>The newer refresh operation: the client proves itself with ClientSecret instead of SECRET_HASH.</summary>
    private JsonObject GetTokensFromRefreshToken(OperationContext context)
    {
        var input = context.Input;
        var refreshToken = input.RequiredString("RefreshToken", 1, 16384, Patterns.Token());
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var secret = input.OptionalString("ClientSecret", 1, 64, Patterns.ClientId());
        input.OptionalString("DeviceKey", 1, 55);
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId);
        RequireFlow(client, ExplicitAuthFlow.RefreshToken, AuthFlows.RefreshTokenAuth);
        if (client.HasSecret && !client.SecretMatches(secret))
        {
            throw AwsServiceException.NotAuthorized(secret is null
                ? $"Client {client.Id} is configured with secret but ClientSecret was not received"
                : $"Unable to verify client secret for client {client.Id}");
        }

        var (session, user) = RefreshSession(pool, client, refreshToken, _ => { });
        return new JsonObject { ["AuthenticationResult"] = tokens.Refresh(pool, client, user, session) };
    }

    /// <summary>The live session behind a refresh token of this client, and its user.</summary>
    private (AuthSession Session, User User) RefreshSession(UserPool pool, AppClient client, string refreshToken,
        Action<User> checkClient)
    {
        var session = sessions.FindByRefreshHash(TokenService.Hash(refreshToken));
        if (session is null || session.ClientId != client.Id)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidRefreshToken);
        }

        var user = users.FindBySub(pool.Id, session.Sub)
            ?? throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidRefreshToken);
        // The client's proof needs the user: SECRET_HASH is computed from the user's name (protocol doc 2).
        checkClient(user);
        if (session.Revoked)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.RefreshTokenRevoked);
        }

        if (time.GetUtcNow() >= session.RefreshExpiresAt)
        {
            throw AwsServiceException.NotAuthorized("Refresh Token has expired");
        }

        if (!user.Enabled)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.UserDisabled);
        }

        return (session, user);
    }

    private JsonObject RespondToAuthChallenge(OperationContext context)
    {
        var input = context.Input;
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var challengeName = input.RequiredString("ChallengeName", 1, 64);
        var sessionId = input.OptionalString("Session", 20, 2048);
        var responses = input.Map("ChallengeResponses");
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId);
        return Respond(pool, client, challengeName, sessionId, responses);
    }

    /// <summary>The challenges RespondToAuthChallenge and AdminRespondToAuthChallenge share.</summary>
    internal JsonObject Respond(UserPool pool, AppClient client, string challengeName, string? sessionId,
        IReadOnlyDictionary<string, string> responses)
    {
        return challengeName switch
        {
            ChallengeNames.PasswordVerifier => AnswerPasswordVerifier(pool, client, sessionId, responses),
            ChallengeNames.NewPasswordRequired => AnswerNewPassword(pool, client, sessionId, responses),
            _ => throw AwsServiceException.InvalidParameter($"The challenge {challengeName} is not supported by this user pool."),
        };
    }

    private JsonObject AnswerPasswordVerifier(UserPool pool, AppClient client, string? sessionId,
        IReadOnlyDictionary<string, string> responses)
    {
        var secretBlockText = Required(responses, AuthParameterNames.PasswordClaimSecretBlock);
        var signatureText = Required(responses, AuthParameterNames.PasswordClaimSignature);
        var timestamp = Required(responses, AuthParameterNames.Timestamp);
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
        return Finish(pool, client, user, verdict, AuthFlows.UserSrpAuth);
    }

    private JsonObject AnswerNewPassword(UserPool pool, AppClient client, string? sessionId,
        IReadOnlyDictionary<string, string> responses)
    {
        var newPassword = Required(responses, AuthParameterNames.NewPassword);
        var challenge = sessionId is null ? null : challenges.Take(sessionId, null, time.GetUtcNow());
        if (challenge is null || challenge.Name != ChallengeNames.NewPasswordRequired || challenge.ClientId != client.Id)
        {
            throw AwsServiceException.NotAuthorized("Invalid session for the user, session is expired.");
        }

        ClientDirectory.CheckSecretHash(client, responses.GetValueOrDefault(AuthParameterNames.SecretHash),
            challenge.Username, responses.GetValueOrDefault(AuthParameterNames.Username));
        var user = challenge.Sub is null ? null : users.FindBySub(pool.Id, challenge.Sub);
        if (user is null || user.Status != UserStatus.ForceChangePassword)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials);
        }

        var attributes = new Dictionary<string, string>(user.Attributes);
        try
        {
            var written = PoolRules.CheckWritable(pool, [.. responses
                .Where(r => r.Key.StartsWith(AuthParameterNames.UserAttributePrefix, StringComparison.Ordinal))
                .Select(r => KeyValuePair.Create(r.Key[AuthParameterNames.UserAttributePrefix.Length..], r.Value))], updating: false);
            foreach (var (name, value) in written)
            {
                attributes[name] = value;
            }

            PoolRules.CheckRequired(pool, attributes);
            PoolRules.CheckPassword(pool, newPassword);
        }
        catch (AwsServiceException)
        {
            // A rejected new password does not use up the session: the user may try another.
            challenges.Save(challenge);
            throw;
        }
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, user.Username, newPassword);
        var updated = user with
        {
            Salt = salt,
            Verifier = verifier,
            Status = UserStatus.Confirmed,
            Attributes = attributes,
            ModifiedAt = time.GetUtcNow(),
            TemporaryPasswordExpiresAt = null,
        };
        users.Update(user, updated);
        return Finish(pool, client, updated, gate.Admit(updated), ChallengeNames.NewPasswordRequired);
    }

    /// <summary>The gate's verdict in the API's words: tokens, the new-password challenge, or AWS's refusal.</summary>
    private JsonObject Finish(UserPool pool, AppClient client, User user, SignInVerdict verdict, string authFlow) => verdict switch
    {
        SignInVerdict.Admitted => new JsonObject
        {
            ["ChallengeParameters"] = new JsonObject(),
            ["AuthenticationResult"] = tokens.SignIn(pool, client, user, authFlow),
        },
        SignInVerdict.NewPasswordRequired => NewPasswordChallenge(pool, client, user),
        _ => throw Refusal(verdict),
    };

    /// <summary>AWS's error for each refusal of the sign-in gate (protocol doc 2, "Observed error messages").</summary>
    internal static AwsServiceException Refusal(SignInVerdict verdict) => verdict switch
    {
        SignInVerdict.Locked => AwsServiceException.NotAuthorized(ErrorMessages.PasswordAttemptsExceeded),
        SignInVerdict.Disabled => AwsServiceException.NotAuthorized(ErrorMessages.UserDisabled),
        SignInVerdict.Unconfirmed => new AwsServiceException(ErrorCodes.UserNotConfirmed, ErrorMessages.UserNotConfirmed),
        SignInVerdict.ResetRequired => new AwsServiceException(ErrorCodes.PasswordResetRequired, ErrorMessages.PasswordResetRequired),
        SignInVerdict.TemporaryPasswordExpired => AwsServiceException.NotAuthorized(ErrorMessages.TemporaryPasswordExpired),
        _ => AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials),
    };

    private JsonObject NewPasswordChallenge(UserPool pool, AppClient client, User user)
    {
        var session = NewSession();
        challenges.Save(new PendingChallenge(session, null, ChallengeNames.NewPasswordRequired, pool.Id, client.Id,
            user.Sub, user.Username, "{}", time.GetUtcNow() + client.AuthSessionLifetime));
        var current = new JsonObject();
        foreach (var (name, value) in user.Attributes)
        {
            current[name] = value;
        }

        var missing = new JsonArray([.. pool.Settings.Schema
            .Where(a => a.Required && a.Name != UserAttributes.Sub && !user.Attributes.ContainsKey(a.Name))
            .Select(a => (JsonNode)(AuthParameterNames.UserAttributePrefix + a.Name))]);
        return new JsonObject
        {
            ["ChallengeName"] = ChallengeNames.NewPasswordRequired,
            ["Session"] = session,
            ["ChallengeParameters"] = new JsonObject
            {
                [ChallengeParameterNames.UserIdForSrp] = user.Username,
                [ChallengeParameterNames.RequiredAttributes] = missing.ToJsonString(),
                [ChallengeParameterNames.UserAttributes] = current.ToJsonString(),
            },
        };
    }

    private static void RequireFlow(AppClient client, string explicitFlow, string flow)
    {
        if (!client.Allows(explicitFlow))
        {
            throw AwsServiceException.InvalidParameter($"{flow} flow not enabled for this client");
        }
    }

    private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw AwsServiceException.InvalidParameter($"Missing required parameter {name}");

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

    private static string NewSession() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));

    private sealed record SrpState(string ClientA, string PrivateB, string PublicB);
}
