using Microsoft.Extensions.Configuration;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// The Local Cognito this app starts in local mode answers CORS for this app's own origin only (its
/// <c>LocalCognito:AllowedOrigins</c> default), and never lets another origin read the mailbox.
/// </summary>
public sealed class LocalCognitoOriginTests
{
    [Fact]
    public async Task TheAppsOwnOriginMayCallItsLocalCognitoAndNoOtherMay()
    {
        await using var app = new ListeningApp();
        using var browser = app.Browser();
        await browser.GetAsync("/");

        using var own = await PreflightAsync(app.LocalCognitoUrl, "http://localhost:5080");
        using var other = await PreflightAsync(app.LocalCognitoUrl, "https://evil.example");
        using var mailbox = await GetWithOriginAsync(new Uri(app.LocalCognitoUrl, "/mailbox/messages"), "http://localhost:5080");

        Assert.Equal("http://localhost:5080", own.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.True(mailbox.IsSuccessStatusCode);
        Assert.False(mailbox.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("http://localhost:5080", null, "http://localhost:5080")]
    [InlineData("http://0.0.0.0:8080;https://+:8443", null, "http://localhost:8080 https://localhost:8443")]
    [InlineData(null, "8080", "http://localhost:8080")]
    [InlineData(null, null, "http://localhost:5000")]
    public void TheDefaultOriginsAreTheUrlsTheAppListensOn(string? urls, string? httpPorts, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        Assert.Equal(expected, string.Join(' ', CognitoDemo.Web.Cognito.LocalCognitoOrigins.OfThisApp(configuration)));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(Uri localCognito, string origin)
    {
        using var http = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, localCognito);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-amz-target");
        return await http.SendAsync(preflight, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> GetWithOriginAsync(Uri url, string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The app as <c>dotnet run</c> starts it: listening on http://localhost:5080 (the test server ignores the URL).</summary>
    private sealed class ListeningApp : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["urls"] = "http://localhost:5080" };
    }
}
