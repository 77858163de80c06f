using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>AdminCreateUser and AdminUpdateUserAttributes, as the AWS CLI provisions test users.</summary>
public sealed class AdminUserTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private static object[] VerifiedEmail(string email) =>
        [new { Name = "email", Value = email }, new { Name = "email_verified", Value = "true" }];

    [Fact]
    public async Task AdminCreatedUserGetsAnInvitationAndMustChooseAPassword()
    {
        var created = await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId,
            Username = "ada",
            TemporaryPassword = "Temporary1!",
            UserAttributes = VerifiedEmail("ada@example.com"),
        });

        var user = created["User"]!;
        Assert.Equal("ada", user["Username"].Text());
        Assert.Equal("FORCE_CHANGE_PASSWORD", user["UserStatus"].Text());
        Assert.Contains(user["Attributes"]!.AsArray(), a => a!["Name"].Text() == "email_verified" && a["Value"].Text() == "true");
        Assert.DoesNotContain("Temporary1!", created.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Temporary1!", await _app.LatestCodeAsync("ada@example.com"));
        var signIn = await _app.PasswordSignInAsync("ada", "Temporary1!");
        Assert.Equal("NEW_PASSWORD_REQUIRED", signIn.Body["ChallengeName"].Text());
    }

    [Fact]
    public async Task SuppressedInvitationSendsNothing()
    {
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "bob", MessageAction = "SUPPRESS", UserAttributes = VerifiedEmail("bob@example.com"),
        });

        Assert.Empty((JsonArray)await _app.GetJsonAsync("/mailbox/messages"));
    }

    [Fact]
    public async Task ResendGivesANewTemporaryPassword()
    {
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "cy", TemporaryPassword = "first temp", UserAttributes = VerifiedEmail("cy@example.com"),
        });

        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "cy", MessageAction = "RESEND", TemporaryPassword = "second temp",
        });

        (await _app.PasswordSignInAsync("cy", "first temp")).AssertError("NotAuthorizedException", "Incorrect username or password.");
        Assert.Equal("NEW_PASSWORD_REQUIRED", (await _app.PasswordSignInAsync("cy", "second temp")).Body["ChallengeName"].Text());
    }

    [Fact]
    public async Task TemporaryPasswordExpiresAfterThePoolsValidityUntilReissued()
    {
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "jo", TemporaryPassword = "temporary one", UserAttributes = VerifiedEmail("jo@example.com"),
        });
        _app.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal("NEW_PASSWORD_REQUIRED", (await _app.PasswordSignInAsync("jo", "temporary one")).Body["ChallengeName"].Text());
        _app.Time.Advance(TimeSpan.FromSeconds(1));

        var expired = await _app.PasswordSignInAsync("jo", "temporary one");
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "jo", MessageAction = "RESEND", TemporaryPassword = "temporary two",
        });

        expired.AssertError("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.");
        Assert.Equal("NEW_PASSWORD_REQUIRED", (await _app.PasswordSignInAsync("jo", "temporary two")).Body["ChallengeName"].Text());
    }

    [Fact]
    public async Task GeneratedTemporaryPasswordMeetsAStrictPolicy()
    {
        var poolId = (await _app.OkAsync("CreateUserPool", new { PoolName = "strict" }))["UserPool"]!["Id"].Text();

        await _app.OkAsync("AdminCreateUser", new { UserPoolId = poolId, Username = "dee", UserAttributes = VerifiedEmail("dee@example.com") });
        var password = await _app.LatestCodeAsync("dee@example.com");

        Assert.True(password.Length >= 8);
        Assert.Contains(password, char.IsUpper);
        Assert.Contains(password, char.IsLower);
        Assert.Contains(password, char.IsAsciiDigit);
        Assert.Contains(password, c => !char.IsLetterOrDigit(c));
    }

    [Fact]
    public async Task AdminCreateUserChecksPolicySchemaAndUniqueness()
    {
        await _app.SignUpAsync("eve");

        (await _app.CallAsync("AdminCreateUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "EVE", UserAttributes = VerifiedEmail("e@example.com") }))
            .AssertError("UsernameExistsException", "User account already exists");
        (await _app.CallAsync("AdminCreateUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "fay", TemporaryPassword = "short", UserAttributes = VerifiedEmail("f@example.com") }))
            .AssertError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
        (await _app.CallAsync("AdminCreateUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "gus" }))
            .AssertError("InvalidParameterException", "Attributes did not conform to the schema: email: The attribute is required");
    }

    [Fact]
    public async Task AdminUpdateUserAttributesMayMarkTheEmailVerified()
    {
        await _app.SignUpAsync("hal");

        await _app.OkAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = LocalCognitoApp.PoolId,
            Username = "hal",
            UserAttributes = new[] { new { Name = "email_verified", Value = "true" }, new { Name = "custom:location", Value = "Turin" } },
        });

        var attributes = (await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "hal" }))["UserAttributes"]!
            .AsArray().ToDictionary(a => a!["Name"].Text(), a => a!["Value"].Text());
        Assert.Equal("true", attributes["email_verified"]);
        Assert.Equal("Turin", attributes["custom:location"]);
    }

    [Fact]
    public async Task AdminUpdateUserAttributesStillProtectsSub()
    {
        await _app.SignUpAsync("ivy");
        var response = await _app.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "ivy", UserAttributes = new[] { new { Name = "sub", Value = "x" } },
        });
        response.AssertError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
    }
}
