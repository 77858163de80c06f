using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CognitoDemo.LocalCognito.Signing;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// Calls signed with the temporary credentials an identity pool issued (access key, secret, session token), as an
/// AWS SDK holding them signs: the user pools API, and STS GetCallerIdentity to see which role was assumed.
/// </summary>
public static class IssuedCredentialCalls
{
    public const string AdminsRoleArn = "arn:aws:iam::000000000000:role/CognitoDemoAdminsRole";

    /// <summary>A user pools operation signed with the issued credentials.</summary>
    public static async Task<AwsResponse> SignedWithAsync(this LocalCognitoApp app, JsonObject credentials, string operation, object body)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseAddress!, "/"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        // Signed here; the client's own signing handler leaves a request with Authorization alone.
        await SigningHandler.SignAsync(request, app.Time.GetUtcNow(), credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(),
            TestContext.Current.CancellationToken, credentials["SessionToken"].Text());
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await AwsResponse.ReadAsync(response);
    }

    /// <summary>The <c>Arn</c> STS GetCallerIdentity answers for the credentials.</summary>
    public static async Task<string> CallerArnAsync(this LocalCognitoApp app, JsonObject credentials)
    {
        const string query = "Action=GetCallerIdentity&Version=2011-06-15";
        var amzDate = app.Time.GetUtcNow().ToString(SigV4.DateFormat, CultureInfo.InvariantCulture);
        var sessionToken = credentials["SessionToken"].Text();
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = ["localhost"], ["x-amz-date"] = [amzDate], ["x-amz-security-token"] = [sessionToken],
        };
        var pairs = query.Split('&').Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], p[1])).ToList();
        var signed = new SignedRequest("GET", "/", pairs, headers, []);
        var authorization = SigV4Signer.Authorization(signed, ["host", "x-amz-date", "x-amz-security-token"], amzDate,
            credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), "us-east-1", "sts");

        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?" + query);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        return xml.Root!.Element(ns + "GetCallerIdentityResult")?.Element(ns + "Arn")?.Value
               ?? throw new InvalidOperationException($"GetCallerIdentity failed: {xml}");
    }

    /// <summary>Signs in (fresh tokens, so group changes show) and asks the default identity pool for credentials.</summary>
    public static async Task<AwsResponse> GetCredentialsAsync(this LocalCognitoApp app, string username, string? customRoleArn = null,
        string identityPoolId = IdentityPoolCalls.DefaultIdentityPoolId)
    {
        var idToken = (await app.TokensAsync(username))["IdToken"].Text();
        var logins = IdentityPoolCalls.Logins(idToken);
        var identityId = (await app.IdentityOkAsync("GetId", new { IdentityPoolId = identityPoolId, Logins = logins }))["IdentityId"].Text();
        var body = new Dictionary<string, object> { ["IdentityId"] = identityId, ["Logins"] = logins };
        if (customRoleArn is not null)
        {
            body["CustomRoleArn"] = customRoleArn;
        }

        return await app.IdentityAsync("GetCredentialsForIdentity", body);
    }

    /// <summary>The credentials of a successful GetCredentialsForIdentity.</summary>
    public static JsonObject Credentials(this AwsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, $"GetCredentialsForIdentity failed: {response.Body.ToJsonString()}");
        return response.Body["Credentials"]!.AsObject();
    }

    public static Task<JsonObject> JoinGroupAsync(this LocalCognitoApp app, string username, string group) =>
        app.OkAsync("AdminAddUserToGroup", new { UserPoolId = LocalCognitoApp.PoolId, Username = username, GroupName = group });

    public static Task<JsonObject> CreateGroupAsync(this LocalCognitoApp app, string group, int precedence, string roleArn) =>
        app.OkAsync("CreateGroup", new { UserPoolId = LocalCognitoApp.PoolId, GroupName = group, Precedence = precedence, RoleArn = roleArn });
}
