using System.Text.Json;
using CognitoDemo.Cognito.Tests.Support;
using CognitoDemo.Cognito.UserPools;
using Microsoft.Extensions.Time.Testing;

namespace CognitoDemo.Cognito.Tests.UserPools;

/// <summary>The high-level SRP sign-in against a server half that really verifies the proof.</summary>
public sealed class SrpAuthenticatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 3, 7, TimeSpan.Zero));

    private static Dictionary<string, string> Sent(RecordedRequest request, string member)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty(member).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    [Fact]
    public async Task CorrectPasswordSignsInAndReturnsTokens()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "correct horse");

        var result = await Clients.Srp(server.Handler, _time).SignInAsync("alice", "correct horse", TestContext.Current.CancellationToken);

        Assert.True(result.IsSignedIn);
        Assert.Equal("id", result.Tokens!.IdToken);
        Assert.Equal("refresh", result.Tokens.RefreshToken);
        Assert.Null(result.Challenge);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedByTheServersCheck()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "correct horse");

        var error = await Assert.ThrowsAsync<CognitoServiceException>(
            () => Clients.Srp(server.Handler, _time).SignInAsync("alice", "wrong horse", TestContext.Current.CancellationToken));

        Assert.Equal(UserPoolErrors.NotAuthorized, error.ErrorCode);
        Assert.Equal("RespondToAuthChallenge", error.Operation);
    }

    [Fact]
    public async Task InitiateAuthSendsUsernameSrpAAndSecretHashOfWhatTheUserTyped()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "pw");

        await Clients.Srp(server.Handler, _time).SignInAsync("Alice", "pw", TestContext.Current.CancellationToken);

        var initiate = server.Handler.Requests[0];
        using var body = JsonDocument.Parse(initiate.Body);
        Assert.Equal("USER_SRP_AUTH", body.RootElement.GetProperty("AuthFlow").GetString());
        Assert.Equal(Clients.ClientId, body.RootElement.GetProperty("ClientId").GetString());
        var parameters = Sent(initiate, "AuthParameters");
        Assert.Equal(["SECRET_HASH", "SRP_A", "USERNAME"], parameters.Keys.Order());
        Assert.Equal("Alice", parameters["USERNAME"]);
        Assert.Equal(SecretHash.Compute("Alice", Clients.ClientId, Clients.ClientSecret), parameters["SECRET_HASH"]);
        Assert.Matches("^[0-9a-f]+$", parameters["SRP_A"]);
    }

    [Fact]
    public async Task ChallengeAnswerUsesTheCanonicalUsernameUserIdForSrpAndTheInjectedClock()
    {
        // Signed in by e-mail alias: the server's canonical name and SRP user id differ from what was typed.
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "pw", userIdForSrp: "7c5e2a30-1b4f-4d8e-9a61-3f0c2b9d8e71");

        var result = await Clients.Srp(server.Handler, _time).SignInAsync("alice@example.com", "pw", TestContext.Current.CancellationToken);

        Assert.True(result.IsSignedIn);
        var respond = server.Handler.Requests[1];
        using var body = JsonDocument.Parse(respond.Body);
        Assert.Equal("PASSWORD_VERIFIER", body.RootElement.GetProperty("ChallengeName").GetString());
        Assert.Equal(new string('s', 40), body.RootElement.GetProperty("Session").GetString());
        var responses = Sent(respond, "ChallengeResponses");
        Assert.Equal(["PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "SECRET_HASH", "TIMESTAMP", "USERNAME"], responses.Keys.Order());
        Assert.Equal("alice", responses["USERNAME"]);
        Assert.Equal(SecretHash.Compute("alice", Clients.ClientId, Clients.ClientSecret), responses["SECRET_HASH"]);
        Assert.Equal("Mon Jan 5 09:03:07 UTC 2026", responses["TIMESTAMP"]);
    }

    [Fact]
    public async Task PublicClientSendsNoSecretHashAnywhere()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "pw");

        await Clients.Srp(server.Handler, _time, Clients.Options(withSecret: false)).SignInAsync("alice", "pw", TestContext.Current.CancellationToken);

        Assert.All(server.Handler.Requests, r => Assert.DoesNotContain("SECRET_HASH", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInWorksUnderTheThaiCulture()
    {
        using var _ = new CultureScope("th-TH");
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "pw");

        var result = await Clients.Srp(server.Handler, _time).SignInAsync("alice", "pw", TestContext.Current.CancellationToken);

        Assert.True(result.IsSignedIn);
        Assert.Equal("Mon Jan 5 09:03:07 UTC 2026", Assert.Single(server.Timestamps));
    }

    [Fact]
    public async Task NewPasswordRequiredIsReturnedAsAChallengeValue()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "temporary")
        {
            SuccessAnswer = """
                {"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"next-session-0123456789",
                 "ChallengeParameters":{"USER_ID_FOR_SRP":"alice","requiredAttributes":"[\"userAttributes.custom:location\"]",
                 "userAttributes":"{\"email\":\"alice@example.com\"}"}}
                """,
        };

        var result = await Clients.Srp(server.Handler, _time).SignInAsync("alice", "temporary", TestContext.Current.CancellationToken);

        Assert.False(result.IsSignedIn);
        var challenge = result.Challenge!;
        Assert.Equal(ChallengeNames.NewPasswordRequired, challenge.ChallengeName);
        Assert.Equal("next-session-0123456789", challenge.Session);
        Assert.Equal("alice", challenge.Username);
        Assert.Equal(["custom:location"], challenge.RequiredAttributes);
    }

    [Fact]
    public async Task CompletingNewPasswordSendsTheNewPasswordAttributesAndSecretHash()
    {
        var handler = RecordingHandler.Answering("""{"AuthenticationResult":{"IdToken":"id","AccessToken":"a","ExpiresIn":3600}}""");
        var challenge = new AuthChallenge(ChallengeNames.NewPasswordRequired, "next-session-0123456789", "alice",
            new Dictionary<string, string>());

        var result = await Clients.Srp(handler, _time).CompleteNewPasswordAsync(challenge, "brand new pw",
            new Dictionary<string, string> { ["custom:location"] = "Lisbon" }, TestContext.Current.CancellationToken);

        Assert.True(result.IsSignedIn);
        var responses = Sent(handler.Only, "ChallengeResponses");
        Assert.Equal("brand new pw", responses["NEW_PASSWORD"]);
        Assert.Equal("Lisbon", responses["userAttributes.custom:location"]);
        Assert.Equal(SecretHash.Compute("alice", Clients.ClientId, Clients.ClientSecret), responses["SECRET_HASH"]);
    }

    [Fact]
    public async Task MfaChallengeAfterThePasswordIsReturnedAsAValue()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "pw")
        {
            SuccessAnswer = """{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"mfa-session-0123456789","ChallengeParameters":{}}""",
        };

        var result = await Clients.Srp(server.Handler, _time).SignInAsync("alice", "pw", TestContext.Current.CancellationToken);

        Assert.Equal(ChallengeNames.SoftwareTokenMfa, result.Challenge!.ChallengeName);
        Assert.Equal("alice", result.Challenge.Username);
    }

    [Fact]
    public async Task RefreshSendsTheRefreshTokenUsernameAndSecretHashComputedFromTheUsername()
    {
        var handler = RecordingHandler.Answering("""{"AuthenticationResult":{"IdToken":"id2","AccessToken":"a2","ExpiresIn":3600,"TokenType":"Bearer"}}""");

        var tokens = await Clients.Srp(handler, _time).RefreshAsync("alice", "refresh-token", TestContext.Current.CancellationToken);

        Assert.Equal("id2", tokens.IdToken);
        Assert.Null(tokens.RefreshToken);
        using var body = JsonDocument.Parse(handler.Only.Body);
        Assert.Equal("REFRESH_TOKEN_AUTH", body.RootElement.GetProperty("AuthFlow").GetString());
        var parameters = Sent(handler.Only, "AuthParameters");
        Assert.Equal("refresh-token", parameters["REFRESH_TOKEN"]);
        Assert.Equal("alice", parameters["USERNAME"]);
        Assert.Equal(SecretHash.Compute("alice", Clients.ClientId, Clients.ClientSecret), parameters["SECRET_HASH"]);
    }

    [Fact]
    public async Task RefreshAnswerWithoutTokensIsAFormatError()
    {
        var handler = RecordingHandler.Answering("{}");

        await Assert.ThrowsAsync<CognitoResponseFormatException>(
            () => Clients.Srp(handler, _time).RefreshAsync("alice", "r", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MalformedChallengeIsAnSrpErrorNotACrash()
    {
        var handler = RecordingHandler.Answering(
            """{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"zz","SRP_B":"01","SECRET_BLOCK":"AA==","USERNAME":"alice"}}""");

        await Assert.ThrowsAsync<CognitoDemo.Cognito.Srp.SrpException>(
            () => Clients.Srp(handler, _time).SignInAsync("alice", "pw", TestContext.Current.CancellationToken));
    }
}
