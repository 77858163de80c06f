using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// Local Cognito on a real loopback port, for clients that bring their own HTTP stack (the AWS SDK for .NET).
/// Its clock starts at the real time, because the SDK signs with the machine's clock.
/// </summary>
public sealed class KestrelLocalCognito : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataPath;
    private readonly HttpClient _http;

    private KestrelLocalCognito(WebApplication app, FakeTimeProvider time, string url, string dataPath)
    {
        _app = app;
        _dataPath = dataPath;
        Time = time;
        Url = url;
        _http = new HttpClient(new SigningHandler(time.GetUtcNow) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(url) };
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Base URL with a trailing slash, e.g. <c>http://127.0.0.1:12345/</c>.</summary>
    public string Url { get; }

    public static async Task<KestrelLocalCognito> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dataPath = LocalCognitoApp.NewDataPath();
        var app = LocalCognitoHost.Create(
            ["--LocalCognito:Url", "http://127.0.0.1:0", "--LocalCognito:DataPath", dataPath],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                configure?.Invoke(builder);
            });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelLocalCognito(app, time, address.TrimEnd('/') + "/", dataPath);
    }

    public async Task<JsonObject> OkAsync(string target, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{target} failed: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Signs up, confirms with the mailed code and signs in through the default pool's public client.</summary>
    public async Task<string> SignedInIdTokenAsync(string username)
    {
        const string idp = "AWSCognitoIdentityProviderService.";
        var email = $"{username}@example.com";
        await OkAsync(idp + "SignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = username,
            Password = Users.Password,
            UserAttributes = Users.Attributes(email, "Paris"),
        });
        var messages = JsonNode.Parse(await _http.GetStringAsync($"/mailbox/messages?to={Uri.EscapeDataString(email)}",
            TestContext.Current.CancellationToken))!.AsArray();
        await OkAsync(idp + "ConfirmSignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = username,
            ConfirmationCode = messages[0]!["code"].Text(),
        });
        var signIn = await OkAsync(idp + "InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = Users.Password },
        });
        return signIn["AuthenticationResult"]!["IdToken"].Text();
    }

    /// <summary>The identity pool exchange: GetId, then GetCredentialsForIdentity; returns the Credentials object.</summary>
    public async Task<JsonObject> CredentialsAsync(string idToken)
    {
        const string identity = "AWSCognitoIdentityService.";
        var logins = IdentityPoolCalls.Logins(idToken);
        var identityId = (await OkAsync(identity + "GetId", new { IdentityPoolId = IdentityPoolCalls.DefaultIdentityPoolId, Logins = logins }))
            ["IdentityId"].Text();
        return (await OkAsync(identity + "GetCredentialsForIdentity", new { IdentityId = identityId, Logins = logins }))
            ["Credentials"]!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
        LocalCognitoApp.DeleteData(_dataPath);
    }
}
