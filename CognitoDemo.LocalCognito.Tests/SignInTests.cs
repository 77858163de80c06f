using System.Net;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

public sealed class SignInTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task PasswordSignInGivesBearerTokensForAnHour()
    {
        await _app.SignUpConfirmedAsync("quinn");

        var response = await _app.PasswordSignInAsync("quinn");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var result = response.Body["AuthenticationResult"]!;
        Assert.Equal("Bearer", result["TokenType"].Text());
        Assert.Equal(3600, result["ExpiresIn"]!.GetValue<int>());
        Assert.Equal(3, result["AccessToken"].Text().Split('.').Length);
        Assert.Equal(3, result["IdToken"].Text().Split('.').Length);
        Assert.Matches("^[A-Za-z0-9-_=.]+$", result["RefreshToken"].Text());
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetTheSameAnswer()
    {
        await _app.SignUpConfirmedAsync("quinn");

        var unknown = await _app.PasswordSignInAsync("nobody");
        var wrong = await _app.PasswordSignInAsync("quinn", "wrong password");

        unknown.AssertError("NotAuthorizedException", "Incorrect username or password.");
        wrong.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task UnconfirmedUserIsUserNotConfirmed()
    {
        await _app.SignUpAsync("quinn");
        var response = await _app.PasswordSignInAsync("quinn");
        response.AssertError("UserNotConfirmedException", "User is not confirmed.");
    }

    [Fact]
    public async Task DisabledUserCannotSignIn()
    {
        await _app.SignUpConfirmedAsync("quinn");
        var access = (await _app.TokensAsync("quinn"))["AccessToken"].Text();
        await _app.OkAsync("AdminDisableUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "quinn" });

        var response = await _app.PasswordSignInAsync("quinn");
        var getUser = await _app.CallAsync("GetUser", new { AccessToken = access });
        await _app.OkAsync("AdminEnableUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "quinn" });

        response.AssertError("NotAuthorizedException", "User is disabled.");
        getUser.AssertError("NotAuthorizedException");
        Assert.Null((await _app.PasswordSignInAsync("quinn")).Type);
    }

    [Fact]
    public async Task FlowNotAllowedForTheClientIsRefused()
    {
        await _app.SignUpConfirmedAsync("quinn");
        var response = await _app.PasswordSignInAsync("quinn", clientId: LocalCognitoApp.WebClientId);
        response.AssertError("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
    }

    [Fact]
    public async Task AdminFlowsAreNotForInitiateAuth()
    {
        var response = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "a", ["PASSWORD"] = "b" },
        });
        response.AssertError("InvalidParameterException", "Initiate Auth method not supported.");
    }

    [Fact]
    public async Task UnknownAuthFlowIsAnEnumViolation()
    {
        var response = await _app.CallAsync("InitiateAuth", new { ClientId = LocalCognitoApp.PublicClientId, AuthFlow = "MAGIC" });
        response.AssertError("InvalidParameterException");
        Assert.Contains("'authFlow'", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SrpWithSecretClientWithoutSecretHashIsRefused()
    {
        var response = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "quinn", ["SRP_A"] = "abc123" },
        });
        response.AssertError("NotAuthorizedException",
            "Client cognitodemowebclient000001 is configured with secret but SECRET_HASH was not received");
    }

    [Fact]
    public async Task LockoutFollowsCognitosDoublingBackOff()
    {
        await _app.SignUpConfirmedAsync("quinn");
        for (var i = 0; i < 5; i++)
        {
            (await _app.PasswordSignInAsync("quinn", "wrong password")).AssertError("NotAuthorizedException", "Incorrect username or password.");
        }

        // Fifth failure: locked for 2^0 = 1 second; even the right password is refused meanwhile.
        (await _app.PasswordSignInAsync("quinn")).AssertError("NotAuthorizedException", "Password attempts exceeded");
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        (await _app.PasswordSignInAsync("quinn", "wrong password")).AssertError("NotAuthorizedException", "Incorrect username or password.");

        // Sixth failure: 2 seconds.
        _app.Time.Advance(TimeSpan.FromSeconds(1.5));
        (await _app.PasswordSignInAsync("quinn")).AssertError("NotAuthorizedException", "Password attempts exceeded");
        _app.Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Null((await _app.PasswordSignInAsync("quinn")).Type);

        // Success reset the count: a new failure is not locked out.
        (await _app.PasswordSignInAsync("quinn", "wrong password")).AssertError("NotAuthorizedException", "Incorrect username or password.");
        (await _app.PasswordSignInAsync("quinn", "wrong password")).AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task LockoutAlsoGuardsSrpSignIn()
    {
        await _app.SignUpConfirmedAsync("quinn");
        for (var i = 0; i < 5; i++)
        {
            await _app.PasswordSignInAsync("quinn", "wrong password");
        }

        var response = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "quinn", ["SRP_A"] = "abc123" },
        });

        response.AssertError("NotAuthorizedException", "Password attempts exceeded");
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(10, 32)]
    [InlineData(14, 512)]
    [InlineData(15, 900)]
    [InlineData(40, 900)]
    public void BackOffDoublesFromOneSecondAndCapsAtFifteenMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Storage.Lockout.BackOff(failures));
}

public sealed class LegacyExistenceErrorsTests : IDisposable
{
    private static readonly string[] PasswordFlow = ["ALLOW_USER_PASSWORD_AUTH"];
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task LegacyClientRevealsUnknownUsers()
    {
        var client = (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId,
            ClientName = "legacy",
            PreventUserExistenceErrors = "LEGACY",
            ExplicitAuthFlows = PasswordFlow,
        }))["UserPoolClient"]!["ClientId"].Text();

        var signIn = await _app.PasswordSignInAsync("ghost", clientId: client);
        var forgot = await _app.CallAsync("ForgotPassword", new { ClientId = client, Username = "ghost" });

        signIn.AssertError("UserNotFoundException", "User does not exist.");
        forgot.AssertError("UserNotFoundException", "User does not exist.");
    }
}
