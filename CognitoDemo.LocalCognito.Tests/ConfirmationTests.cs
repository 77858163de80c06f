using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

public sealed class ConfirmationTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<AwsResponse> ConfirmAsync(string code, string username = "paul") =>
        _app.CallAsync("ConfirmSignUp", new { ClientId = LocalCognitoApp.PublicClientId, Username = username, ConfirmationCode = code });

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

    [Fact]
    public async Task RightCodeConfirmsAndVerifiesTheEmail()
    {
        await _app.SignUpAsync("paul");
        var response = await ConfirmAsync(await _app.LatestCodeAsync("paul@example.com"));

        Assert.Equal("{}", response.Body.ToJsonString());
        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "paul" });
        Assert.Equal("CONFIRMED", user["UserStatus"].Text());
        Assert.Contains(user["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "email_verified" && a["Value"].Text() == "true");
    }

    [Fact]
    public async Task WrongCodeIsCodeMismatch()
    {
        await _app.SignUpAsync("paul");
        var response = await ConfirmAsync(Wrong(await _app.LatestCodeAsync("paul@example.com")));
        response.AssertError("CodeMismatchException", "Invalid verification code provided, please try again.");
    }

    [Fact]
    public async Task CodeExpiresAfter24Hours()
    {
        await _app.SignUpAsync("paul");
        var code = await _app.LatestCodeAsync("paul@example.com");
        _app.Time.Advance(TimeSpan.FromHours(24));

        var response = await ConfirmAsync(code);

        response.AssertError("ExpiredCodeException", "Invalid code provided, please request a code again.");
    }

    [Fact]
    public async Task CodeIsStillGoodJustBefore24Hours()
    {
        await _app.SignUpAsync("paul");
        var code = await _app.LatestCodeAsync("paul@example.com");
        _app.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));

        var response = await ConfirmAsync(code);

        Assert.Null(response.Type);
    }

    [Fact]
    public async Task CodeIsSingleUse()
    {
        await _app.SignUpAsync("paul");
        var code = await _app.LatestCodeAsync("paul@example.com");
        await ConfirmAsync(code);

        var again = await ConfirmAsync(code);

        again.AssertError("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED");
    }

    [Fact]
    public async Task AfterFiveWrongCodesEvenTheRightOneIsRefused()
    {
        await _app.SignUpAsync("paul");
        var code = await _app.LatestCodeAsync("paul@example.com");
        for (var i = 0; i < 5; i++)
        {
            (await ConfirmAsync(Wrong(code))).AssertError("CodeMismatchException");
        }

        var response = await ConfirmAsync(code);

        response.AssertError("LimitExceededException", "Attempt limit exceeded, please try after some time.");
    }

    [Fact]
    public async Task ResendSendsANewCodeAndTheOldOneNoLongerWorks()
    {
        await _app.SignUpAsync("paul");
        var first = await _app.LatestCodeAsync("paul@example.com");

        var resent = await _app.OkAsync("ResendConfirmationCode", new { ClientId = LocalCognitoApp.PublicClientId, Username = "paul" });
        var second = await _app.LatestCodeAsync("paul@example.com");

        Assert.Equal("p***@e***", resent["CodeDeliveryDetails"]!["Destination"].Text());
        if (first != second)
        {
            (await ConfirmAsync(first)).AssertError("CodeMismatchException");
        }

        Assert.Null((await ConfirmAsync(second)).Type);
    }

    [Fact]
    public async Task ResendForAConfirmedUserIsInvalidParameter()
    {
        await _app.SignUpConfirmedAsync("paul");
        var response = await _app.CallAsync("ResendConfirmationCode", new { ClientId = LocalCognitoApp.PublicClientId, Username = "paul" });
        response.AssertError("InvalidParameterException", "User is already confirmed.");
    }

    [Fact]
    public async Task UnknownUserLooksLikeAWrongCode()
    {
        var response = await ConfirmAsync("123456", "ghost");
        response.AssertError("CodeMismatchException", "Invalid verification code provided, please try again.");
    }

    [Fact]
    public async Task ConfirmationWithSecretClientNeedsTheSecretHash()
    {
        await _app.SignUpAsync("paul");
        var response = await _app.CallAsync("ConfirmSignUp", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            Username = "paul",
            ConfirmationCode = await _app.LatestCodeAsync("paul@example.com"),
            SecretHash = Users.SecretHash("paula"),
        });
        response.AssertError("NotAuthorizedException", "Unable to verify secret hash for client cognitodemowebclient000001");
    }
}
