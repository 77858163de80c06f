using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// Issue 15, differences 3 and 4: an e-mail address or phone number that signs a user in belongs to one user only, and
/// phone numbers are user names in a pool with UsernameAttributes [email, phone_number]. An alias must be verified to
/// sign in, so only a verified alias is held ("only one user can hold the email address value as the email_verified
/// attribute", AWS knowledge center, cognito-email-verified-attribute; AliasExistsException, botocore cognito-idp model).
/// </summary>
public sealed class SignInAliasTests : IDisposable
{
    private const string Password = "Passw0rd!";
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(string PoolId, string ClientId)> PoolAsync(string member, string[] attributes)
    {
        var body = new Dictionary<string, object?> { ["PoolName"] = "aliases", [member] = attributes, ["AutoVerifiedAttributes"] = new[] { "email" } };
        var poolId = (await _app.OkAsync("CreateUserPool", body))["UserPool"]!["Id"].Text();
        var clientId = (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId, ClientName = "app", ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        }))["UserPoolClient"]!["ClientId"].Text();
        return (poolId, clientId);
    }

    private static object[] Attributes(params (string Name, string Value)[] attributes) =>
        [.. attributes.Select(a => new { a.Name, a.Value })];

    private Task<JsonObject> CreateAsync(string poolId, string username, params (string Name, string Value)[] attributes) =>
        _app.OkAsync("AdminCreateUser", new { UserPoolId = poolId, Username = username, MessageAction = "SUPPRESS", UserAttributes = Attributes(attributes) });

    [Fact]
    public async Task InAnEmailUsernamePoolASecondUserCannotTakeTheAddress()
    {
        var (poolId, clientId) = await PoolAsync("UsernameAttributes", ["email"]);
        await _app.OkAsync("SignUp", new { ClientId = clientId, Username = "ada@example.com", Password });
        var bob = (await _app.OkAsync("SignUp", new { ClientId = clientId, Username = "bob@example.com", Password }))["UserSub"].Text();

        (await _app.CallAsync("SignUp", new { ClientId = clientId, Username = "ada@example.com", Password }))
            .AssertError("UsernameExistsException", "An account with the given email already exists.");
        (await _app.CallAsync("AdminCreateUser", new { UserPoolId = poolId, Username = "ada@example.com", MessageAction = "SUPPRESS" }))
            .AssertError("UsernameExistsException", "An account with the given email already exists.");
        (await _app.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = poolId, Username = bob, UserAttributes = Attributes(("email", "ada@example.com")),
        })).AssertError("AliasExistsException", "An account with the given email already exists.");

        var kept = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = bob });
        Assert.Contains(kept["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "email" && a["Value"].Text() == "bob@example.com");
    }

    [Fact]
    public async Task AVerifiedAliasBelongsToOneUserAndAnUnverifiedOneToNobody()
    {
        var (poolId, _) = await PoolAsync("AliasAttributes", ["email"]);
        await CreateAsync(poolId, "ada", ("email", "shared@example.com"), ("email_verified", "true"));

        // An unverified copy is allowed: it signs nobody in.
        await CreateAsync(poolId, "bob", ("email", "shared@example.com"));
        (await _app.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId, Username = "cy", MessageAction = "SUPPRESS",
            UserAttributes = Attributes(("email", "shared@example.com"), ("email_verified", "true")),
        })).AssertError("AliasExistsException", "An account with the given email already exists.");
        (await _app.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = poolId, Username = "bob", UserAttributes = Attributes(("email_verified", "true")),
        })).AssertError("AliasExistsException", "An account with the given email already exists.");

        var ada = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "shared@example.com" });
        Assert.Equal("ada", ada["Username"].Text());
    }

    [Fact]
    public async Task PhoneNumbersAreUsernamesWhenThePoolSaysSo()
    {
        var (poolId, clientId) = await PoolAsync("UsernameAttributes", ["email", "phone_number"]);

        var sub = (await _app.OkAsync("SignUp", new { ClientId = clientId, Username = "+14155550123", Password }))["UserSub"].Text();
        await _app.OkAsync("AdminConfirmSignUp", new { UserPoolId = poolId, Username = "+14155550123" });

        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "+14155550123" });
        Assert.Equal(sub, user["Username"].Text());
        Assert.Contains(user["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "phone_number" && a["Value"].Text() == "+14155550123");
        var tokens = await _app.OkAsync("InitiateAuth", new
        {
            ClientId = clientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new { USERNAME = "+14155550123", PASSWORD = Password },
        });
        Assert.NotNull(tokens["AuthenticationResult"]?["IdToken"]);
        (await _app.CallAsync("SignUp", new { ClientId = clientId, Username = "+14155550123", Password }))
            .AssertError("UsernameExistsException", "An account with the given phone_number already exists.");
        (await _app.CallAsync("SignUp", new { ClientId = clientId, Username = "ada", Password }))
            .AssertError("InvalidParameterException", "Username should be either an email or a phone number.");
    }

    [Fact]
    public async Task APhoneOnlyPoolRefusesAnEmailUsername()
    {
        var (_, clientId) = await PoolAsync("UsernameAttributes", ["phone_number"]);

        (await _app.CallAsync("SignUp", new { ClientId = clientId, Username = "ada@example.com", Password }))
            .AssertError("InvalidParameterException", "Username should be a phone number.");
    }

    [Fact]
    public async Task ConfirmingAnAliasHeldByAnotherUserNeedsForceAliasCreation()
    {
        var (poolId, clientId) = await PoolAsync("AliasAttributes", ["email"]);
        await CreateAsync(poolId, "ada", ("email", "shared@example.com"), ("email_verified", "true"));
        await _app.OkAsync("SignUp", new { ClientId = clientId, Username = "bob", Password, UserAttributes = Attributes(("email", "shared@example.com")) });

        // "If false and an attribute belongs to an existing alias, this request returns an AliasExistsException error" (ConfirmSignUp, ForceAliasCreation).
        (await _app.CallAsync("ConfirmSignUp", new { ClientId = clientId, Username = "bob", ConfirmationCode = await _app.LatestCodeAsync("shared@example.com") }))
            .AssertError("AliasExistsException", "An account with the given email already exists.");
        await _app.OkAsync("ResendConfirmationCode", new { ClientId = clientId, Username = "bob" });
        await _app.OkAsync("ConfirmSignUp", new
        {
            ClientId = clientId, Username = "bob", ConfirmationCode = await _app.LatestCodeAsync("shared@example.com"), ForceAliasCreation = true,
        });

        // The alias moved: bob signs in with it, ada's address is no longer verified.
        Assert.Equal("bob", (await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "shared@example.com" }))["Username"].Text());
        var ada = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "ada" });
        Assert.Contains(ada["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "email_verified" && a["Value"].Text() == "false");
    }

    [Fact]
    public async Task AdminCreateUserWithForceAliasCreationTakesTheAlias()
    {
        var (poolId, _) = await PoolAsync("AliasAttributes", ["email"]);
        await CreateAsync(poolId, "ada", ("email", "shared@example.com"), ("email_verified", "true"));

        // "If this parameter is set to True and the phone number or email address specified in the UserAttributes parameter
        // already exists as an alias with a different user, the API call will migrate the alias" (AdminCreateUser, ForceAliasCreation).
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = poolId, Username = "cy", MessageAction = "SUPPRESS", ForceAliasCreation = true,
            UserAttributes = Attributes(("email", "shared@example.com"), ("email_verified", "true")),
        });

        Assert.Equal("cy", (await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "shared@example.com" }))["Username"].Text());
        var ada = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "ada" });
        Assert.Contains(ada["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "email_verified" && a["Value"].Text() == "false");
    }
}
