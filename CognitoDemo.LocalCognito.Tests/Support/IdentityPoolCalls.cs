using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>Calls to the identity pools API and the default identity pool's fixed names.</summary>
public static class IdentityPoolCalls
{
    public const string DefaultIdentityPoolId = "us-west-2:00000000-0000-4000-8000-000000000001";
    public const string ProviderName = "cognito-idp.us-west-2.amazonaws.com/us-west-2_LocalPool";
    public const string AuthenticatedRoleArn = "arn:aws:iam::000000000000:role/CognitoDemoAuthenticatedRole";
    public const string AssumedRoleArn = "arn:aws:sts::000000000000:assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials";

    /// <summary>POST / with <c>X-Amz-Target: AWSCognitoIdentityService.{operation}</c>.</summary>
    public static Task<AwsResponse> IdentityAsync(this LocalCognitoApp app, string operation, object body,
        Action<HttpRequestMessage>? configure = null) =>
        app.SendAsync(null, JsonSerializer.Serialize(body), request =>
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityService." + operation);
            configure?.Invoke(request);
        });

    public static async Task<JsonObject> IdentityOkAsync(this LocalCognitoApp app, string operation, object body)
    {
        var response = await app.IdentityAsync(operation, body);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, $"{operation} failed: {response.Body.ToJsonString()}");
        return response.Body;
    }

    /// <summary>A confirmed user of the default pool, signed in; returns the ID token.</summary>
    public static async Task<string> SignedInIdTokenAsync(this LocalCognitoApp app, string username)
    {
        await app.SignUpConfirmedAsync(username);
        return (await app.TokensAsync(username))["IdToken"].Text();
    }

    public static Dictionary<string, string> Logins(string idToken) => new() { [ProviderName] = idToken };

    public static async Task<string> IdentityIdAsync(this LocalCognitoApp app, string idToken) =>
        (await app.IdentityOkAsync("GetId", new { IdentityPoolId = DefaultIdentityPoolId, Logins = Logins(idToken) }))["IdentityId"].Text();

    /// <summary>GetId then GetCredentialsForIdentity for a new signed-in user; returns the Credentials object.</summary>
    public static async Task<JsonObject> CredentialsAsync(this LocalCognitoApp app, string username)
    {
        var idToken = await app.SignedInIdTokenAsync(username);
        var identityId = await app.IdentityIdAsync(idToken);
        var answer = await app.IdentityOkAsync("GetCredentialsForIdentity", new { IdentityId = identityId, Logins = Logins(idToken) });
        return answer["Credentials"]!.AsObject();
    }
}
