using CognitoDemo.LocalCognito;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace CognitoDemo.Web.Tests.Support;

/// <summary>
/// The app configured like for a real pool, with Cognito:ServiceUrl naming an emulator started on its
/// own (whose mailbox <see cref="CognitoDemoApp.LatestCodeAsync"/> then reads).
/// </summary>
public sealed class AwsModeApp(Uri serviceUrl, IDictionary<string, string?>? extra = null) : CognitoDemoApp(serviceUrl)
{
    /// <summary>The web client of Local Cognito's default pool, reached at its URL, with the extra settings over it.</summary>
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Cognito:Region"] = "us-west-2",
                ["Cognito:UserPoolId"] = new DefaultPoolOptions().UserPoolId,
                ["Cognito:ClientId"] = new DefaultPoolOptions().WebClientId,
                ["Cognito:ClientSecret"] = new DefaultPoolOptions().WebClientSecret,
                ["Cognito:ServiceUrl"] = LocalCognitoUrl.ToString(),
            };
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}

public static class AwsMode
{
    /// <summary>A Local Cognito of its own on <paramref name="url"/>, as a separately running emulator.</summary>
    public static async Task<WebApplication> StartLocalCognitoAsync(Uri url, string dataPath)
    {
        // LocalCognito:Url wins over --urls (and over any appsettings.json in the test folder).
        var localCognito = LocalCognitoHost.Create(["--LocalCognito:Url", url.ToString(), "--LocalCognito:DataPath", dataPath]);
        await localCognito.StartAsync(TestContext.Current.CancellationToken);
        return localCognito;
    }

    /// <summary>An administrator removes an identity pool's roles, as SetIdentityPoolRoles with no roles does on AWS.</summary>
    public static async Task RemoveIdentityPoolRolesAsync(Uri localCognito, string identityPoolId)
    {
        using var admin = AdminClient(localCognito);
        using var request = new StringContent($$$"""{"IdentityPoolId":"{{{identityPoolId}}}","Roles":{}}""");
        request.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityService.SetIdentityPoolRoles");
        using var response = await admin.PostAsync(new Uri("/", UriKind.Relative), request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An administrator sets a temporary password, as AdminSetUserPassword with Permanent=false does on AWS.</summary>
    public static async Task SetTemporaryPasswordAsync(Uri localCognito, string username, string password)
    {
        using var admin = AdminClient(localCognito);
        using var request = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
        {
            UserPoolId = new DefaultPoolOptions().UserPoolId,
            Username = username,
            Password = password,
            Permanent = false,
        }));
        request.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminSetUserPassword");
        using var response = await admin.PostAsync(new Uri("/", UriKind.Relative), request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// An administrator adds a user of the default pool to a group, as the Profile page's
    /// <c>aws cognito-idp admin-add-user-to-group</c> command does (AdminAddUserToGroup).
    /// </summary>
    public static Task AddToGroupAsync(Uri localCognito, string username, string group = "admins") =>
        AdminCallAsync(localCognito, "AWSCognitoIdentityProviderService.AdminAddUserToGroup",
            new { UserPoolId = new DefaultPoolOptions().UserPoolId, Username = username, GroupName = group });

    /// <summary>An administrator creates a group without a role in the default pool (CreateGroup).</summary>
    public static Task CreateGroupAsync(Uri localCognito, string group) =>
        AdminCallAsync(localCognito, "AWSCognitoIdentityProviderService.CreateGroup",
            new { UserPoolId = new DefaultPoolOptions().UserPoolId, GroupName = group });

    /// <summary>An administrator creates a user in the default pool without a message (AdminCreateUser, MessageAction SUPPRESS).</summary>
    public static Task CreateUserAsync(Uri localCognito, string username, string email) =>
        AdminCallAsync(localCognito, "AWSCognitoIdentityProviderService.AdminCreateUser", new
        {
            UserPoolId = new DefaultPoolOptions().UserPoolId,
            Username = username,
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = email } },
        });

    private static async Task AdminCallAsync(Uri localCognito, string target, object input)
    {
        using var admin = AdminClient(localCognito);
        using var request = new StringContent(System.Text.Json.JsonSerializer.Serialize(input));
        request.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        using var response = await admin.PostAsync(new Uri("/", UriKind.Relative), request, TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{target} answered {(int)response.StatusCode}: "
                                                + await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>An administrator creates an identity pool (guests off) whose one Cognito provider is <paramref name="providerName"/> with <paramref name="clientId"/>.</summary>
    public static async Task<string> CreateIdentityPoolAsync(Uri localCognito, string providerName, string clientId)
    {
        using var admin = AdminClient(localCognito);
        using var request = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
        {
            IdentityPoolName = "diagnostics",
            AllowUnauthenticatedIdentities = false,
            CognitoIdentityProviders = new[] { new { ProviderName = providerName, ClientId = clientId } },
        }));
        request.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityService.CreateIdentityPool");
        using var response = await admin.PostAsync(new Uri("/", UriKind.Relative), request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var created = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return created.RootElement.GetProperty("IdentityPoolId").GetString()!;
    }

    /// <summary>
    /// An administrator's client: management operations are SigV4-signed, as the AWS CLI signs them (any key will
    /// do unless LocalCognito:Credentials is set). The emulator runs on its own clock, so the machine's time is used.
    /// </summary>
    public static HttpClient AdminClient(Uri localCognito) =>
        new(new SigningHandler(() => DateTimeOffset.UtcNow) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = localCognito };

    public static int FreePort() => CognitoDemo.LocalCognito.Tests.Support.TestPorts.Next();
}
