using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

public sealed class SignUpTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<AwsResponse> SignUpAsync(object userAttributes, string password = Users.Password, string username = "olivia") =>
        _app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = username,
            Password = password,
            UserAttributes = userAttributes,
        });

    [Fact]
    public async Task SignUpAnswersUnconfirmedWithSubAndMaskedDeliveryButNoCode()
    {
        var response = await _app.SignUpAsync("olivia");

        Assert.False(response.Body["UserConfirmed"]!.GetValue<bool>());
        Assert.True(Guid.TryParse(response.Body["UserSub"].Text(), out _));
        Assert.Equal("o***@e***", response.Body["CodeDeliveryDetails"]!["Destination"].Text());
        Assert.Equal("EMAIL", response.Body["CodeDeliveryDetails"]!["DeliveryMedium"].Text());
        Assert.Equal("email", response.Body["CodeDeliveryDetails"]!["AttributeName"].Text());
        var code = await _app.LatestCodeAsync("olivia@example.com");
        Assert.Matches("^[0-9]{6}$", code);
        Assert.DoesNotContain(code, response.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedUpUserIsStoredUnconfirmedWithItsAttributes()
    {
        var sub = (await _app.SignUpAsync("olivia", location: "Oslo")).Body["UserSub"].Text();

        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "OLIVIA" });

        Assert.Equal("olivia", user["Username"].Text());
        Assert.Equal("UNCONFIRMED", user["UserStatus"].Text());
        Assert.True(user["Enabled"]!.GetValue<bool>());
        var attributes = user["UserAttributes"]!.AsArray().ToDictionary(a => a!["Name"].Text(), a => a!["Value"].Text());
        Assert.Equal(sub, attributes["sub"]);
        Assert.Equal("Oslo", attributes["custom:location"]);
        Assert.Equal("olivia@example.com", attributes["email"]);
    }

    [Fact]
    public async Task TakenUserNameInAnyCaseIsUsernameExists()
    {
        await _app.SignUpAsync("olivia");
        var response = await _app.SignUpAsync("Olivia");
        response.AssertError("UsernameExistsException", "User already exists");
    }

    [Fact]
    public async Task ShortPasswordBreaksThePolicy()
    {
        var response = await _app.SignUpAsync("olivia", "seven77");
        response.AssertError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
    }

    [Fact]
    public async Task AnyEightCharactersMeetTheDefaultPoolsPolicy()
    {
        var response = await _app.SignUpAsync("olivia", "aaaaaaaa");
        Assert.Null(response.Type);
    }

    [Fact]
    public async Task MissingEmailIsASchemaViolation()
    {
        var response = await SignUpAsync(new[] { new { Name = "custom:location", Value = "Rome" } });
        response.AssertError("InvalidParameterException", "Attributes did not conform to the schema: email: The attribute is required");
    }

    [Fact]
    public async Task UnknownAttributeIsASchemaViolation()
    {
        var response = await SignUpAsync(new[]
        {
            new { Name = "email", Value = "o@example.com" }, new { Name = "custom:planet", Value = "Mars" },
        });
        response.AssertError("InvalidParameterException",
            "Attributes did not conform to the schema: Type for attribute {custom:planet} could not be determined");
    }

    [Fact]
    public async Task MalformedEmailIsRefused()
    {
        var response = await SignUpAsync(new[] { new { Name = "email", Value = "not-an-email" } });
        response.AssertError("InvalidParameterException", "Invalid email address format.");
    }

    [Fact]
    public async Task ClientsCannotWriteSubOrVerifiedFlags()
    {
        var response = await SignUpAsync(new[]
        {
            new { Name = "email", Value = "o@example.com" }, new { Name = "email_verified", Value = "true" },
        });
        response.AssertError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
    }

    [Fact]
    public async Task UnknownClientIsResourceNotFound()
    {
        var response = await _app.CallAsync("SignUp", new { ClientId = "nosuchclient", Username = "u", Password = "password1" });
        response.AssertError("ResourceNotFoundException", "User pool client nosuchclient does not exist.");
    }

    [Fact]
    public async Task ClientWithSecretRequiresSecretHash()
    {
        var response = await _app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            Username = "olivia",
            Password = Users.Password,
            UserAttributes = Users.Attributes("olivia@example.com", null),
        });
        response.AssertError("NotAuthorizedException",
            "Client cognitodemowebclient000001 is configured with secret but SECRET_HASH was not received");
    }

    [Fact]
    public async Task WrongSecretHashIsRefused()
    {
        var response = await _app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            SecretHash = Users.SecretHash("someone-else"),
            Username = "olivia",
            Password = Users.Password,
            UserAttributes = Users.Attributes("olivia@example.com", null),
        });
        response.AssertError("NotAuthorizedException", "Unable to verify secret hash for client cognitodemowebclient000001");
    }

    [Fact]
    public async Task RightSecretHashIsAccepted()
    {
        var response = await _app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            SecretHash = Users.SecretHash("olivia"),
            Username = "olivia",
            Password = Users.Password,
            UserAttributes = Users.Attributes("olivia@example.com", null),
        });
        Assert.Null(response.Type);
    }

    [Fact]
    public async Task ConcurrentSignUpsAreAllStored()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => _app.SignUpAsync($"user{i}")));

        Assert.All(responses, r => Assert.Null(r.Type));
        var listed = await _app.OkAsync("ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });
        Assert.Equal(16, listed["Users"]!.AsArray().Count);
        var mail = (JsonArray)await _app.GetJsonAsync("/mailbox/messages");
        Assert.Equal(16, mail.Count);
    }
}
