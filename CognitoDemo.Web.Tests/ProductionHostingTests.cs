using System.Net;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>Running several instances behind a load balancer: shared Data Protection keys and health endpoints.</summary>
public sealed class ProductionHostingTests
{
    private sealed class KeyedApp(string keysPath) : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = keysPath,
        };
    }

    [Fact]
    public async Task SessionCookieFromOneInstanceIsAcceptedByAnotherSharingTheKeys()
    {
        using var keyFolder = new TempFolder("cognitodemo-keys-");
        using var otherKeyFolder = new TempFolder("cognitodemo-keys-");
        var (keys, otherKeys) = (keyFolder.Path, otherKeyFolder.Path);
        var cookies = new CookieContainer();
        await using var first = new KeyedApp(keys);
        using (var browser = first.Browser(cookies))
        {
            await browser.SignedInUserAsync(first);
        }

        await using var second = new KeyedApp(keys);
        await using var stranger = new KeyedApp(otherKeys);
        using var onSecond = second.Browser(cookies);
        using var onStranger = stranger.Browser(cookies);

        var tokens = await onSecond.GetAsync("/Tokens");
        var refused = await onStranger.GetAsync("/Tokens");

        Assert.Equal("/Tokens", tokens.Path);
        Assert.Contains("token_use", tokens.Text, StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", refused.Path);
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task ReadinessFollowsWhetherThePoolsKeysCanBeFetched()
    {
        await using var app = new CognitoDemoApp();
        using var client = app.CreateClient();

        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        await app.StopLocalCognitoAsync();
        using var notReady = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
