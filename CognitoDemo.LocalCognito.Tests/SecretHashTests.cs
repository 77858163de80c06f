using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>With the web app's client (which has a secret), every operation that takes SECRET_HASH enforces it.</summary>
public sealed class SecretHashTests : IDisposable
{
    private const string Missing = "Client cognitodemowebclient000001 is configured with secret but SECRET_HASH was not received";
    private const string Mismatch = "Unable to verify secret hash for client cognitodemowebclient000001";
    private const string NotExpected = "App client cognitodemopublicclient001 is not configured for secret but secret hash was received";
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> MemberOperations => new()
    {
        "SignUp", "ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword", "ConfirmForgotPassword",
    };

    private static object Body(string operation, string? secretHash, string clientId = LocalCognitoApp.WebClientId) => new
    {
        ClientId = clientId,
        Username = "wanda",
        SecretHash = secretHash,
        Password = operation is "SignUp" or "ConfirmForgotPassword" ? Users.Password : null,
        ConfirmationCode = operation is "ConfirmSignUp" or "ConfirmForgotPassword" ? "123456" : null,
        UserAttributes = operation == "SignUp" ? Users.Attributes("wanda@example.com", null) : null,
    };

    [Theory]
    [MemberData(nameof(MemberOperations))]
    public async Task MissingSecretHashIsRefused(string operation)
    {
        await _app.SignUpConfirmedAsync("wanda");
        (await _app.CallAsync(operation, Body(operation, null))).AssertError("NotAuthorizedException", Missing);
    }

    [Theory]
    [MemberData(nameof(MemberOperations))]
    public async Task SecretHashOfAnotherUserIsRefused(string operation)
    {
        await _app.SignUpConfirmedAsync("wanda");
        (await _app.CallAsync(operation, Body(operation, Users.SecretHash("wendy")))).AssertError("NotAuthorizedException", Mismatch);
    }

    [Fact]
    public async Task SrpChallengeAnswerNeedsTheSecretHashOfTheCanonicalUsername()
    {
        await _app.SignUpConfirmedAsync("wanda");
        var initiated = await _app.OkAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string>
            {
                ["USERNAME"] = "WANDA",
                ["SRP_A"] = Cognito.Srp.SrpClientSession.Create().PublicValueHex,
                ["SECRET_HASH"] = Users.SecretHash("WANDA"),
            },
        });

        var answered = await _app.CallAsync("RespondToAuthChallenge", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            ChallengeName = "PASSWORD_VERIFIER",
            Session = initiated["Session"].Text(),
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = "wanda",
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = initiated["ChallengeParameters"]!["SECRET_BLOCK"].Text(),
                ["PASSWORD_CLAIM_SIGNATURE"] = "AAAA",
                ["TIMESTAMP"] = Cognito.Srp.SrpTimestamp.ToWire(_app.Time.GetUtcNow()),
                ["SECRET_HASH"] = Users.SecretHash("someone"),
            },
        });

        answered.AssertError("NotAuthorizedException", Mismatch);
    }

    [Fact]
    public async Task RefreshWithTheWebClientNeedsTheSecretHash()
    {
        await _app.SignUpConfirmedAsync("wanda");
        var options = Options.Create(new CognitoOptions
        {
            UserPoolId = LocalCognitoApp.PoolId,
            ClientId = LocalCognitoApp.WebClientId,
            ClientSecret = LocalCognitoApp.WebClientSecret,
            ServiceUrl = new Uri("http://localhost/"),
        });
        var srp = new SrpAuthenticator(new UserPoolClient(_app.CreateClient(), options), options, _app.Time);
        var refresh = (await srp.SignInAsync("wanda", Users.Password, TestContext.Current.CancellationToken)).Tokens!.RefreshToken!;

        var withoutHash = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh },
        });
        var withHash = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            AuthFlow = "REFRESH_TOKEN",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh, ["SECRET_HASH"] = Users.SecretHash("wanda") },
        });

        withoutHash.AssertError("NotAuthorizedException", Missing);
        Assert.NotNull(withHash.Body["AuthenticationResult"]?["AccessToken"]);
    }

    [Fact]
    public async Task PublicClientNeedsNoSecretHash()
    {
        Assert.Null((await _app.SignUpAsync("wanda")).Type);
    }

    [Theory]
    [MemberData(nameof(MemberOperations))]
    public async Task SecretHashForAClientWithoutASecretIsRefused(string operation)
    {
        var body = Body(operation, Users.SecretHash("wanda"), LocalCognitoApp.PublicClientId);

        (await _app.CallAsync(operation, body)).AssertError("InvalidParameterException", NotExpected);
        Assert.Empty((System.Text.Json.Nodes.JsonArray)await _app.GetJsonAsync("/mailbox/messages"));
    }

    [Fact]
    public async Task SignInWithASecretHashForAClientWithoutASecretIsRefused()
    {
        await _app.SignUpConfirmedAsync("wanda");

        var answer = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string>
            {
                ["USERNAME"] = "wanda",
                ["SRP_A"] = Cognito.Srp.SrpClientSession.Create().PublicValueHex,
                ["SECRET_HASH"] = Users.SecretHash("wanda"),
            },
        });

        answer.AssertError("InvalidParameterException", NotExpected);
    }
}
