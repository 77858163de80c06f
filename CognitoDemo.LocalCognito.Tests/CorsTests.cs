using System.Net;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// Cross-origin access is an explicit list (<c>LocalCognito:AllowedOrigins</c>, none by default), and the
/// mailbox, which holds every code, is never readable from another origin.
/// </summary>
public sealed class CorsTests : IDisposable
{
    private const string Listed = "http://localhost:3000";
    private readonly LocalCognitoApp _app = new();
    private readonly WebApplicationFactory<Program> _listing;

    public CorsTests() => _listing = _app.WithWebHostBuilder(b => b.UseSetting("LocalCognito:AllowedOrigins:0", Listed));

    public void Dispose()
    {
        _listing.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task AListedOriginMayPreflightTheApi()
    {
        using var response = await PreflightAsync(_listing, "/", "POST", Listed);

        Assert.Equal(Listed, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-amz-target", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnlistedOriginGetsNoCorsHeaders()
    {
        using var preflight = await PreflightAsync(_listing, "/", "POST", "https://evil.example");
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        using var client = _listing.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.SignUp");
        request.Content = new StringContent("{}");
        using var answer = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ByDefaultNoOriginIsAllowed()
    {
        using var response = await PreflightAsync(_app, "/", "POST", Listed);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Theory]
    [InlineData("/mailbox/messages")]
    [InlineData("/mailbox/messages?to=a%40example.com")]
    [InlineData("/mailbox")]
    public async Task TheMailboxIsNeverReadableCrossOriginEvenFromAListedOrigin(string path)
    {
        using var client = _listing.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", Listed);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = await PreflightAsync(_listing, path, "GET", Listed);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(WebApplicationFactory<Program> app, string path, string method, string origin)
    {
        using var client = app.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-user-agent");
        return await client.SendAsync(preflight, TestContext.Current.CancellationToken);
    }
}
