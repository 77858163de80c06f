using System.Numerics;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>USER_SRP_AUTH and PASSWORD_VERIFIER over the wire, computed with the shared SRP primitives.</summary>
public sealed class SrpTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<AwsResponse> InitiateAsync(string username, string srpA) =>
        _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["SRP_A"] = srpA },
        });

    private Task<AwsResponse> RespondAsync(SrpClientSession session, JsonObject initiated, string password, bool withSession = true,
        TimeSpan clientClockOffset = default)
    {
        var parameters = initiated["ChallengeParameters"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var challenge = PasswordVerifierChallenge.Parse("LocalPool", parameters);
        var timestamp = SrpTimestamp.ToWire(_app.Time.GetUtcNow() + clientClockOffset);
        return _app.CallAsync("RespondToAuthChallenge", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            ChallengeName = "PASSWORD_VERIFIER",
            Session = withSession ? initiated["Session"].Text() : null,
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = challenge.Username,
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = challenge.SecretBlock,
                ["TIMESTAMP"] = timestamp,
                ["PASSWORD_CLAIM_SIGNATURE"] = session.ComputeClaimSignature(challenge, password, timestamp),
            },
        });
    }

    [Fact]
    public async Task ChallengeNamesTheCanonicalUserAndCarriesSaltBAndSecretBlock()
    {
        await _app.SignUpConfirmedAsync("Frank");
        var response = await InitiateAsync("FRANK", SrpClientSession.Create().PublicValueHex);

        Assert.Equal("PASSWORD_VERIFIER", response.Body["ChallengeName"].Text());
        var parameters = response.Body["ChallengeParameters"]!.AsObject();
        Assert.Equal("Frank", parameters["USERNAME"].Text());
        Assert.Equal("Frank", parameters["USER_ID_FOR_SRP"].Text());
        Assert.False(SrpGroup.Reduce(SrpEncoding.FromHex(parameters["SRP_B"].Text())).IsZero);
        Assert.NotEmpty(Convert.FromBase64String(parameters["SECRET_BLOCK"].Text()));
        Assert.Matches("^[0-9a-f]+$", parameters["SALT"].Text());
        Assert.InRange(response.Body["Session"].Text().Length, 20, 2048);
    }

    [Fact]
    public async Task RightPasswordProofGivesTokens()
    {
        await _app.SignUpConfirmedAsync("grace");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("grace", session.PublicValueHex);

        var answered = await RespondAsync(session, initiated.Body, Users.Password);

        Assert.NotNull(answered.Body["AuthenticationResult"]?["AccessToken"]);
        Assert.NotNull(answered.Body["AuthenticationResult"]?["RefreshToken"]);
    }

    [Fact]
    public async Task SrpAIsReadInUpperCaseWithLeadingZeros()
    {
        await _app.SignUpConfirmedAsync("heidi");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("heidi", "000" + session.PublicValueHex.ToUpperInvariant());

        var answered = await RespondAsync(session, initiated.Body, Users.Password);

        Assert.NotNull(answered.Body["AuthenticationResult"]);
    }

    [Fact]
    public async Task PendingStateIsFoundBySecretBlockWhenSessionIsAbsent()
    {
        await _app.SignUpConfirmedAsync("ivan");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("ivan", session.PublicValueHex);

        var answered = await RespondAsync(session, initiated.Body, Users.Password, withSession: false);

        Assert.NotNull(answered.Body["AuthenticationResult"]);
    }

    [Fact]
    public async Task WrongPasswordProofIsIncorrectUsernameOrPassword()
    {
        await _app.SignUpConfirmedAsync("judy");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("judy", session.PublicValueHex);

        var answered = await RespondAsync(session, initiated.Body, "wrong password");

        answered.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task ChallengeStateIsSingleUse()
    {
        await _app.SignUpConfirmedAsync("ken");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("ken", session.PublicValueHex);
        await RespondAsync(session, initiated.Body, "wrong password");

        var replay = await RespondAsync(session, initiated.Body, Users.Password);

        replay.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task ChallengeExpiresAfterTheClientsAuthSessionValidity()
    {
        await _app.SignUpConfirmedAsync("leo");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("leo", session.PublicValueHex);
        _app.Time.Advance(TimeSpan.FromMinutes(3));

        var late = await RespondAsync(session, initiated.Body, Users.Password);

        late.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task UnknownUserGetsADecoyChallengeThenTheSameRefusalAsAWrongPassword()
    {
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("nobody", session.PublicValueHex);
        Assert.Equal("PASSWORD_VERIFIER", initiated.Body["ChallengeName"].Text());
        var again = await InitiateAsync("nobody", SrpClientSession.Create().PublicValueHex);
        Assert.Equal(initiated.Body["ChallengeParameters"]!["SALT"].Text(), again.Body["ChallengeParameters"]!["SALT"].Text());

        var answered = await RespondAsync(session, initiated.Body, Users.Password);

        answered.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task ClaimSignedWithAClockHoursAwayIsRefused()
    {
        await _app.SignUpConfirmedAsync("olga");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("olga", session.PublicValueHex);

        var answered = await RespondAsync(session, initiated.Body, Users.Password, clientClockOffset: TimeSpan.FromHours(-2));

        answered.AssertError("NotAuthorizedException", "TIMESTAMP is more than 5 minutes away from the server's time.");
    }

    [Fact]
    public async Task UnconfirmedUserWithTheRightProofIsUserNotConfirmed()
    {
        await _app.SignUpAsync("pia");
        var session = SrpClientSession.Create();
        var initiated = await InitiateAsync("pia", session.PublicValueHex);

        var answered = await RespondAsync(session, initiated.Body, Users.Password);

        answered.AssertError("UserNotConfirmedException", "User is not confirmed.");
    }

    [Fact]
    public async Task LegacyClientTellsSrpCallersTheUserDoesNotExist()
    {
        var client = (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientName = "legacy", PreventUserExistenceErrors = "LEGACY",
        }))["UserPoolClient"]!["ClientId"].Text();

        var response = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = client,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "nobody", ["SRP_A"] = SrpClientSession.Create().PublicValueHex },
        });

        response.AssertError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task SrpAThatIsZeroModNIsRefused()
    {
        await _app.SignUpConfirmedAsync("mallory");
        var response = await InitiateAsync("mallory", SrpEncoding.ToHex(SrpGroup.N * 2));
        response.AssertError("InvalidParameterException", "SRP_A must not be 0 mod N.");
    }

    [Fact]
    public async Task MissingSrpAIsNamed()
    {
        var response = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "x" },
        });
        response.AssertError("InvalidParameterException", "Missing required parameter SRP_A");
    }

    [Fact]
    public async Task StoredCredentialIsOnlySaltAndVerifierNeverThePassword()
    {
        var sub = await _app.SignUpConfirmedAsync("nina", "a memorable secret");
        var user = _app.Service<Storage.UserStore>().FindBySub(LocalCognitoApp.PoolId, sub)!;

        var x = SrpCalculations.PrivateKey("LocalPool", "nina", "a memorable secret", SrpEncoding.FromHex(user.Salt!));
        Assert.Equal(SrpCalculations.Verifier(x), SrpEncoding.FromHex(user.Verifier!));
        var file = await File.ReadAllBytesAsync(_app.DataPath, TestContext.Current.CancellationToken);
        var wal = File.Exists(_app.DataPath + "-wal")
            ? await File.ReadAllBytesAsync(_app.DataPath + "-wal", TestContext.Current.CancellationToken)
            : [];
        Assert.Equal(-1, file.AsSpan().IndexOf("a memorable secret"u8));
        Assert.Equal(-1, wal.AsSpan().IndexOf("a memorable secret"u8));
    }

    [Fact]
    public void ServerAndClientDeriveTheSameKeyForTheSamePassword()
    {
        var salt = new BigInteger(16_777_259);
        var verifier = SrpCalculations.Verifier(SrpCalculations.PrivateKey("Pool", "user", "pw", salt));
        var client = SrpClientSession.Create();
        var (b, publicB) = LocalCognito.UserPools.SrpServer.Start(verifier);
        var block = new byte[] { 1, 2, 3 };
        var challenge = new PasswordVerifierChallenge("Pool", "user", "user", salt, publicB, "AQID", block);

        var signature = Convert.FromBase64String(client.ComputeClaimSignature(challenge, "pw", "Mon Jan 5 09:03:07 UTC 2026"));

        Assert.True(LocalCognito.UserPools.SrpServer.VerifyClaim("x_Pool", "user", verifier, client.PublicValue, b, publicB,
            block, "Mon Jan 5 09:03:07 UTC 2026", signature));
        Assert.False(LocalCognito.UserPools.SrpServer.VerifyClaim("x_Pool", "user", verifier, client.PublicValue, b, publicB,
            block, "Mon Jan 5 09:03:08 UTC 2026", signature));
    }
}
