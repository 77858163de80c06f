using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>GetUser, UpdateUserAttributes, ChangePassword, ForgotPassword, ConfirmForgotPassword, DeleteUser.</summary>
public sealed class AccountTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> SignedInAsync(string username = "sam")
    {
        await _app.SignUpConfirmedAsync(username);
        return (await _app.TokensAsync(username))["AccessToken"].Text();
    }

    private static Dictionary<string, string> AttributesOf(JsonNode? list) =>
        list!.AsArray().ToDictionary(a => a!["Name"].Text(), a => a!["Value"].Text());

    [Fact]
    public async Task GetUserListsUsernameAndAttributesWithSubAndStringBooleans()
    {
        var sub = await _app.SignUpConfirmedAsync("Sam");
        var access = (await _app.TokensAsync("sam"))["AccessToken"].Text();

        var user = await _app.OkAsync("GetUser", new { AccessToken = access });

        Assert.Equal("Sam", user["Username"].Text());
        var attributes = AttributesOf(user["UserAttributes"]);
        Assert.Equal(sub, attributes["sub"]);
        Assert.Equal("true", attributes["email_verified"]);
        Assert.Equal("Paris", attributes["custom:location"]);
    }

    [Fact]
    public async Task MissingAccessTokenIsNamed()
    {
        var response = await _app.CallAsync("GetUser", new { });
        response.AssertError("InvalidParameterException",
            "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task UpdatingLocationShowsAtOnceAndInTheNextIdToken()
    {
        var access = await SignedInAsync();

        var response = await _app.OkAsync("UpdateUserAttributes", new
        {
            AccessToken = access,
            UserAttributes = new[] { new { Name = "custom:location", Value = "Kyoto" } },
        });

        Assert.Null(response["CodeDeliveryDetailsList"]);
        Assert.Equal("Kyoto", AttributesOf((await _app.OkAsync("GetUser", new { AccessToken = access }))["UserAttributes"])["custom:location"]);
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await _app.TokensAsync("sam"))["IdToken"].Text());
        Assert.Equal("Kyoto", id.GetPayloadValue<string>("custom:location"));
    }

    [Fact]
    public async Task EmptyValueDeletesAnAttribute()
    {
        var access = await SignedInAsync();
        await _app.OkAsync("UpdateUserAttributes", new
        {
            AccessToken = access,
            UserAttributes = new[] { new { Name = "custom:location", Value = "" } },
        });

        Assert.False(AttributesOf((await _app.OkAsync("GetUser", new { AccessToken = access }))["UserAttributes"]).ContainsKey("custom:location"));
    }

    [Fact]
    public async Task RequiredAttributeCannotBeDeleted()
    {
        var access = await SignedInAsync();
        var response = await _app.CallAsync("UpdateUserAttributes", new
        {
            AccessToken = access,
            UserAttributes = new[] { new { Name = "email", Value = "" } },
        });
        response.AssertError("InvalidParameterException", "Attributes did not conform to the schema: email: The attribute is required");
    }

    [Fact]
    public async Task ChangingEmailUnverifiesItAndMailsACodeToTheNewAddress()
    {
        var access = await SignedInAsync();

        var response = await _app.OkAsync("UpdateUserAttributes", new
        {
            AccessToken = access,
            UserAttributes = new[] { new { Name = "email", Value = "sam.new@example.com" } },
        });

        Assert.Equal("s***@e***", response["CodeDeliveryDetailsList"]![0]!["Destination"].Text());
        Assert.Matches("^[0-9]{6}$", await _app.LatestCodeAsync("sam.new@example.com"));
        var attributes = AttributesOf((await _app.OkAsync("GetUser", new { AccessToken = access }))["UserAttributes"]);
        Assert.Equal("false", attributes["email_verified"]);
        Assert.Equal("sam.new@example.com", attributes["email"]);
    }

    [Fact]
    public async Task MailedCodeVerifiesTheChangedEmail()
    {
        var access = await SignedInAsync();
        await _app.OkAsync("UpdateUserAttributes", new
        {
            AccessToken = access,
            UserAttributes = new[] { new { Name = "email", Value = "sam.new@example.com" } },
        });

        var wrong = await _app.CallAsync("VerifyUserAttribute", new { AccessToken = access, AttributeName = "email", Code = "99999x" });
        await _app.OkAsync("VerifyUserAttribute", new
        {
            AccessToken = access, AttributeName = "email", Code = await _app.LatestCodeAsync("sam.new@example.com"),
        });

        wrong.AssertError("CodeMismatchException");
        Assert.Equal("true", AttributesOf((await _app.OkAsync("GetUser", new { AccessToken = access }))["UserAttributes"])["email_verified"]);
    }

    [Fact]
    public async Task VerificationCodeCanBeRequestedAgain()
    {
        var access = await SignedInAsync();
        var before = ((JsonArray)await _app.GetJsonAsync("/mailbox/messages?to=sam@example.com")).Count;

        var response = await _app.OkAsync("GetUserAttributeVerificationCode", new { AccessToken = access, AttributeName = "email" });

        Assert.Equal("s***@e***", response["CodeDeliveryDetails"]!["Destination"].Text());
        Assert.Equal(before + 1, ((JsonArray)await _app.GetJsonAsync("/mailbox/messages?to=sam@example.com")).Count);
    }

    [Fact]
    public async Task ChangePasswordReplacesTheVerifier()
    {
        var access = await SignedInAsync();

        var response = await _app.OkAsync("ChangePassword", new
        {
            AccessToken = access,
            PreviousPassword = Users.Password,
            ProposedPassword = "a brand new one",
        });

        Assert.Equal("{}", response.ToJsonString());
        (await _app.PasswordSignInAsync("sam")).AssertError("NotAuthorizedException", "Incorrect username or password.");
        Assert.Null((await _app.PasswordSignInAsync("sam", "a brand new one")).Type);
    }

    [Fact]
    public async Task ChangePasswordWithWrongPreviousPasswordIsRefused()
    {
        var access = await SignedInAsync();
        var response = await _app.CallAsync("ChangePassword", new
        {
            AccessToken = access,
            PreviousPassword = "not it at all",
            ProposedPassword = "a brand new one",
        });
        response.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task ChangePasswordEnforcesThePolicy()
    {
        var access = await SignedInAsync();
        var response = await _app.CallAsync("ChangePassword", new
        {
            AccessToken = access,
            PreviousPassword = Users.Password,
            ProposedPassword = "short",
        });
        response.AssertError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
    }

    [Fact]
    public async Task ForgotPasswordMailsAResetCodeAndConfirmingItSetsTheNewPassword()
    {
        await _app.SignUpConfirmedAsync("sam");

        var forgot = await _app.OkAsync("ForgotPassword", new { ClientId = LocalCognitoApp.PublicClientId, Username = "sam" });
        var code = await _app.LatestCodeAsync("sam@example.com");
        var confirmed = await _app.OkAsync("ConfirmForgotPassword", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = "sam",
            ConfirmationCode = code,
            Password = "reset and ready",
        });

        Assert.Equal("s***@e***", forgot["CodeDeliveryDetails"]!["Destination"].Text());
        Assert.DoesNotContain(code, forgot.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("{}", confirmed.ToJsonString());
        Assert.Null((await _app.PasswordSignInAsync("sam", "reset and ready")).Type);
    }

    [Fact]
    public async Task ResetCodeExpiresAfterOneHour()
    {
        await _app.SignUpConfirmedAsync("sam");
        await _app.OkAsync("ForgotPassword", new { ClientId = LocalCognitoApp.PublicClientId, Username = "sam" });
        var code = await _app.LatestCodeAsync("sam@example.com");
        _app.Time.Advance(TimeSpan.FromHours(1));

        var response = await _app.CallAsync("ConfirmForgotPassword", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = "sam",
            ConfirmationCode = code,
            Password = "reset and ready",
        });

        response.AssertError("ExpiredCodeException", "Invalid code provided, please request a code again.");
    }

    [Fact]
    public async Task ConfirmForgotPasswordEnforcesThePolicyWithoutSpendingTheCode()
    {
        await _app.SignUpConfirmedAsync("sam");
        await _app.OkAsync("ForgotPassword", new { ClientId = LocalCognitoApp.PublicClientId, Username = "sam" });
        var code = await _app.LatestCodeAsync("sam@example.com");

        var weak = await _app.CallAsync("ConfirmForgotPassword", new
        {
            ClientId = LocalCognitoApp.PublicClientId, Username = "sam", ConfirmationCode = code, Password = "short",
        });
        var strong = await _app.CallAsync("ConfirmForgotPassword", new
        {
            ClientId = LocalCognitoApp.PublicClientId, Username = "sam", ConfirmationCode = code, Password = "long enough",
        });

        weak.AssertError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
        Assert.Null(strong.Type);
    }

    [Fact]
    public async Task ForgotPasswordForAnUnknownUserLooksLikeSuccess()
    {
        var response = await _app.OkAsync("ForgotPassword", new { ClientId = LocalCognitoApp.PublicClientId, Username = "ghost" });
        Assert.Equal("EMAIL", response["CodeDeliveryDetails"]!["DeliveryMedium"].Text());
        Assert.Empty((JsonArray)await _app.GetJsonAsync("/mailbox/messages"));
    }

    [Fact]
    public async Task ForgotPasswordNeedsAVerifiedEmail()
    {
        await _app.SignUpAsync("sam");
        var response = await _app.CallAsync("ForgotPassword", new { ClientId = LocalCognitoApp.PublicClientId, Username = "sam" });
        response.AssertError("InvalidParameterException",
            "Cannot reset password for the user as there is no registered/verified email or phone_number");
    }

    [Fact]
    public async Task DeleteUserRemovesTheUserAndItsTokensStopWorking()
    {
        var access = await SignedInAsync();

        var response = await _app.CallAsync("DeleteUser", new { AccessToken = access });

        Assert.Null(response.Type);
        (await _app.CallAsync("GetUser", new { AccessToken = access })).AssertError("UserNotFoundException", "User does not exist.");
        (await _app.CallAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "sam" }))
            .AssertError("UserNotFoundException", "User does not exist.");
        Assert.Null((await _app.SignUpAsync("sam")).Type);
    }
}
