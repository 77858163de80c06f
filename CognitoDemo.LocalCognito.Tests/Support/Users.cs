using System.Text.Json.Nodes;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>The usual steps of a test, against the default pool's public client unless told otherwise.</summary>
public static class Users
{
    public const string Password = "correct horse";

    public static string SecretHash(string username) =>
        CognitoDemo.Cognito.SecretHash.Compute(username, LocalCognitoApp.WebClientId, LocalCognitoApp.WebClientSecret);

    public static Task<AwsResponse> SignUpAsync(this LocalCognitoApp app, string username, string password = Password,
        string? email = null, string? location = "Paris") =>
        app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = username,
            Password = password,
            UserAttributes = Attributes(email ?? $"{username.ToLowerInvariant()}@example.com", location),
        });

    public static object[] Attributes(string email, string? location)
    {
        var list = new List<object> { new { Name = "email", Value = email } };
        if (location is not null)
        {
            list.Add(new { Name = "custom:location", Value = location });
        }

        return [.. list];
    }

    public static async Task<string> LatestCodeAsync(this LocalCognitoApp app, string email)
    {
        var messages = (JsonArray)await app.GetJsonAsync($"/mailbox/messages?to={Uri.EscapeDataString(email)}");
        Assert.NotEmpty(messages);
        return messages[0]!["code"]!.GetValue<string>();
    }

    /// <summary>Signs up and confirms with the mailed code; returns the user's sub.</summary>
    public static async Task<string> SignUpConfirmedAsync(this LocalCognitoApp app, string username, string password = Password)
    {
        var signUp = await app.SignUpAsync(username, password);
        Assert.Null(signUp.Type);
        var email = $"{username.ToLowerInvariant()}@example.com";
        await app.OkAsync("ConfirmSignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = username,
            ConfirmationCode = await app.LatestCodeAsync(email),
        });
        return signUp.Body["UserSub"]!.GetValue<string>();
    }

    public static Task<AwsResponse> PasswordSignInAsync(this LocalCognitoApp app, string username, string password = Password,
        string clientId = LocalCognitoApp.PublicClientId) =>
        app.CallAsync("InitiateAuth", new
        {
            ClientId = clientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        });

    /// <summary>Signs in with USER_PASSWORD_AUTH and returns the AuthenticationResult.</summary>
    public static async Task<JsonObject> TokensAsync(this LocalCognitoApp app, string username, string password = Password)
    {
        var response = await app.PasswordSignInAsync(username, password);
        Assert.True(response.Type is null, response.Body.ToJsonString());
        return response.Body["AuthenticationResult"]!.AsObject();
    }

    public static string Text(this JsonNode? node) => node!.GetValue<string>();
}
