using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// A fresh Local Cognito over real HTTP (the ASP.NET Core test server) with its own SQLite file and a
/// clock the test moves. Pass the same data path to a second instance to test a restart.
/// </summary>
public sealed class LocalCognitoApp : WebApplicationFactory<Program>
{
    public static readonly DefaultPoolOptions Defaults = new();
    public const string PoolId = "us-west-2_LocalPool";
    public const string WebClientId = "cognitodemowebclient000001";
    public const string WebClientSecret = "localcognitodemosecretnotforproductionuse000000001";
    public const string PublicClientId = "cognitodemopublicclient001";

    /// <summary>Where the test server's Local Cognito says it is: the default URL, whatever host a request names.</summary>
    public const string PublicUrl = "http://localhost:9229";

    private readonly bool _ownsData;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <summary>A fresh app; pass another app's data path and clock to restart it, and extra configuration (e.g. <c>LocalCognito:PublicUrl</c>) as settings.</summary>
    public LocalCognitoApp(string? dataPath = null, FakeTimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _ownsData = dataPath is null;
        _settings = settings ?? new Dictionary<string, string?>();
        DataPath = dataPath ?? NewDataPath();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 3, 7, TimeSpan.Zero));
    }

    public string DataPath { get; }

    public FakeTimeProvider Time { get; }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), $"local-cognito-test-{Guid.NewGuid():N}.db");

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// A client of this app (cookies kept, redirects followed, as <see cref="WebApplicationFactory{T}.CreateClient()"/>)
    /// that signs every AWS JSON call with a test key (<see cref="SigningHandler"/>), as the AWS CLI and SDKs do.
    /// </summary>
    public new HttpClient CreateClient() => SigningClient(this, Time);

    /// <summary>The same for a variant of the app (<c>WithWebHostBuilder</c>), signing with <paramref name="time"/>.</summary>
    public static HttpClient SigningClient(WebApplicationFactory<Program> factory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(time);
        return factory.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(), new SigningHandler(time.GetUtcNow));
    }

    /// <summary>
    /// Calls one operation: POST / with X-Amz-Target, an anonymous object as the JSON body, signed as the AWS CLI
    /// signs (pass <see cref="SigningHandler.SendUnsigned"/> as <c>configure</c> to <see cref="SendAsync"/> for an unsigned call).
    /// </summary>
    public Task<AwsResponse> CallAsync(string operation, object body) =>
        SendAsync(operation, JsonSerializer.Serialize(body));

    public async Task<AwsResponse> SendAsync(string? operation, string body, Action<HttpRequestMessage>? configure = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        if (operation is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        }

        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        configure?.Invoke(request);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await AwsResponse.ReadAsync(response);
    }

    public async Task<JsonObject> OkAsync(string operation, object body)
    {
        var response = await CallAsync(operation, body);
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed: {response.Body.ToJsonString()}");
        return response.Body;
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var client = CreateClient();
        return await client.GetStringAsync(path, TestContext.Current.CancellationToken);
    }

    public async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await GetStringAsync(path))!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LocalCognito:DataPath", DataPath);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData)
        {
            DeleteData(DataPath);
        }
    }

    /// <summary>
    /// Deletes a stopped instance's files. No <c>SqliteConnection.ClearAllPools()</c>: a stopped instance has closed
    /// its own connections, and clearing every pool would close other tests' live databases' connections too.
    /// </summary>
    public static void DeleteData(string path)
    {
        foreach (var file in (string[])[path, path + "-wal", path + "-shm"])
        {
            File.Delete(file);
        }
    }
}

/// <summary>An answer: status, JSON body and content type.</summary>
public sealed record AwsResponse(HttpStatusCode Status, JsonObject Body, string? ContentType, string? ErrorTypeHeader = null)
{
    public static async Task<AwsResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new AwsResponse(response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("X-Amzn-ErrorType", out var types) ? types.Single() : null);
    }

    public string? Type => Body["__type"]?.GetValue<string>();

    public string? Message => Body["message"]?.GetValue<string>();

    /// <summary>Asserts an AWS error of this code and (when given) exactly this message.</summary>
    public void AssertError(string code, string? message = null, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(code, Type);
        if (message is not null)
        {
            Assert.Equal(message, Message);
        }

        Assert.Equal(status, Status);
        Assert.Equal("application/x-amz-json-1.1", ContentType);
        Assert.Equal(code, ErrorTypeHeader);
    }
}
