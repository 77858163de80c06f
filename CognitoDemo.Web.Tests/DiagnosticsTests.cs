using System.Net;
using CognitoDemo.LocalCognito;
using CognitoDemo.Web.Tests.Browser;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// /diagnostics explains each misconfiguration the seed's readers meet, each produced here on purpose
/// against a Local Cognito, and never shows a secret.
/// </summary>
public sealed class DiagnosticsTests
{
    internal static Dictionary<string, (string Status, string Text)> Checks(Page page) =>
        page.Document.QuerySelectorAll("tr[data-check]").ToDictionary(
            r => r.GetAttribute("data-check")!,
            r => (r.GetAttribute("data-status")!, r.Children[2].TextContent));

    /// <summary>A signed-in user on the app's real port, where the Hosted UI callback is registered.</summary>
    private static async Task<Support.Browser> SignedInOnKestrelAsync(BrowserApp app)
    {
        var browser = new Support.Browser(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.Url });
        var (username, email) = Journeys.NewUser("diag");
        await browser.SignUpAsync(username, email);
        await browser.ConfirmAsync(app, username, email);
        await browser.SignInAsync(username);
        return browser;
    }

    private static async Task<Dictionary<string, (string Status, string Text)>> DiagnoseAsync(IDictionary<string, string?> settings)
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-diagnostics-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var app = new AwsModeApp(emulatorUrl, settings);
        using var browser = app.Browser();
        var page = await browser.GetAsync("/diagnostics");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(new DefaultPoolOptions().WebClientSecret, page.Html, StringComparison.Ordinal);
        return Checks(page);
    }

    /// <summary>Diagnostics for a user signed in through the app, with an identity pool an administrator created in the emulator.</summary>
    private static async Task<Dictionary<string, (string Status, string Text)>> DiagnoseSignedInAsync(Func<Uri, Task<string>> createIdentityPool)
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-diagnostics-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        var identityPoolId = await createIdentityPool(emulatorUrl);
        await using var app = new AwsModeApp(emulatorUrl, new Dictionary<string, string?> { ["Cognito:IdentityPoolId"] = identityPoolId });
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        return Checks(await browser.GetAsync("/diagnostics"));
    }

    [Fact]
    public async Task InLocalModeEveryCheckPassesForASignedInUser()
    {
        await using var app = new BrowserApp();
        using var browser = await SignedInOnKestrelAsync(app);

        var page = await browser.GetAsync("/diagnostics");

        var checks = Checks(page);
        Assert.All(checks, c => Assert.True(c.Value.Status == "Ok", $"{c.Key}: {c.Value.Text}"));
        Assert.Contains("Identity pool role", checks.Keys);
        Assert.Contains("client secret configured", checks["Configuration"].Text, StringComparison.Ordinal);
        Assert.Equal("The user pool and identity pool are in us-west-2, the region the app calls.", checks["Pool ids and region"].Text);
        Assert.DoesNotContain(new DefaultPoolOptions().WebClientSecret, page.Html, StringComparison.Ordinal);
    }

    /// <summary>One setting wrong at a time: the check it breaks, and the words that explain it.</summary>
    public static TheoryData<string, string, string, string> Misconfigurations => new()
    {
        // The web client has a secret; none configured is the seed's "Unable to verify secret hash".
        { "Cognito:ClientSecret", "", "Client secret", "The app client has a secret, but none is configured: set Cognito:ClientSecret" },
        { "Cognito:ClientSecret", "notthesecretnotthesecretnotthesecret", "Client secret", "Cognito:ClientSecret is not this app client's secret" },
        // The public client has no secret, and the web client's secret is still configured.
        { "Cognito:ClientId", new DefaultPoolOptions().PublicClientId, "Client secret",
            "Cognito:ClientSecret is set, but the app client was created without a secret: remove Cognito:ClientSecret" },
        { "Cognito:Region", "eu-west-2", "Pool ids and region",
            "Cognito:UserPoolId 'us-west-2_LocalPool' is in region us-west-2 but Cognito:Region is eu-west-2: the app calls Cognito in " +
            "eu-west-2, where this pool does not exist. Set Cognito:Region to us-west-2 or leave it out" },
        { "Cognito:IdentityPoolId", "eu-west-1:11111111-1111-4111-8111-111111111111", "Pool ids and region",
            "Cognito:IdentityPoolId 'eu-west-1:11111111-1111-4111-8111-111111111111' is in region eu-west-1 but the app calls Cognito in us-west-2" },
        { "Cognito:UserPoolId", "us-west-2_NoSuchPool", "Signing keys (JWKS)", "the user pool id or region is probably wrong" },
        { "Cognito:IdentityPoolId", "us-west-2:11111111-1111-4111-8111-111111111111", "Identity pool",
            "The identity pool us-west-2:11111111-1111-4111-8111-111111111111 was not found" },
        { "Cognito:HostedUiDomain", $"http://127.0.0.1:{AwsMode.FreePort()}", "Hosted UI",
            "could not be reached: check Cognito:HostedUiDomain" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task EachMisconfigurationIsExplained(string setting, string value, string check, string explanation)
    {
        var checks = await DiagnoseAsync(new Dictionary<string, string?> { [setting] = value });

        Assert.Equal("Problem", checks[check].Status);
        Assert.Contains(explanation, checks[check].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuerOtherThanTheAppExpectsIsExplainedAndSignInFailsWithWords()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-diagnostics-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var proxy = await HostRewritingProxy.StartAsync(emulatorUrl);
        await using var app = new AwsModeApp(proxy.Url);
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser("issuer");
        await browser.SignUpAsync(username, email);
        await browser.ConfirmAsync(app, username, email);

        var checks = Checks(await browser.GetAsync("/diagnostics"));
        var signIn = await browser.SignInAsync(username);

        Assert.Equal("Problem", checks["Issuer"].Status);
        Assert.Contains($"The pool says its issuer is {emulatorUrl}us-west-2_LocalPool, but the app expects {proxy.Url}us-west-2_LocalPool",
            checks["Issuer"].Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Equal("/Account/SignIn", signIn.Path);
        Assert.Contains("this site refused the ID token it sent", signIn.FormErrors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientWithoutASecretAndNoneConfiguredPasses()
    {
        var checks = await DiagnoseAsync(new Dictionary<string, string?>
        {
            ["Cognito:ClientId"] = new DefaultPoolOptions().PublicClientId,
            ["Cognito:ClientSecret"] = "",
        });

        Assert.Equal("Ok", checks["Client secret"].Status);
        Assert.Contains("has no secret, and none is configured", checks["Client secret"].Text, StringComparison.Ordinal);
        Assert.Equal("The user pool is in us-west-2, the region the app calls.", checks["Pool ids and region"].Text);
    }

    [Fact]
    public async Task IdentityPoolWhoseProviderListsAnotherAppClientIsExplainedForASignedInUser()
    {
        var checks = await DiagnoseSignedInAsync(emulator => AwsMode.CreateIdentityPoolAsync(emulator,
            "cognito-idp.us-west-2.amazonaws.com/us-west-2_LocalPool", new DefaultPoolOptions().PublicClientId));

        Assert.Equal("Problem", checks["Identity pool"].Status);
        Assert.Contains("lists another app client: add app client cognitodemowebclient000001 to it", checks["Identity pool"].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Identity pool role", checks.Keys);
    }

    [Fact]
    public async Task IdentityPoolWithAnotherUserPoolAsItsProviderIsExplainedForASignedInUser()
    {
        var checks = await DiagnoseSignedInAsync(emulator => AwsMode.CreateIdentityPoolAsync(emulator,
            "cognito-idp.us-west-2.amazonaws.com/us-west-2_AnotherPool", new DefaultPoolOptions().WebClientId));

        Assert.Equal("Problem", checks["Identity pool"].Status);
        Assert.Contains("has no Cognito provider for this user pool: add cognito-idp.us-west-2.amazonaws.com/us-west-2_LocalPool",
            checks["Identity pool"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedUiThatDoesNotKnowThisAppsCallbackIsExplained()
    {
        var emulator = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}");
        var checks = await DiagnoseWithHostedUiAsync(emulator);

        Assert.Equal("Problem", checks["Hosted UI"].Status);
        Assert.Contains("to the app client's allowed callback URLs", checks["Hosted UI"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityPoolWithoutARoleIsExplainedForASignedInUser()
    {
        await using var app = new BrowserApp();
        using var browser = await SignedInOnKestrelAsync(app);
        await AwsMode.RemoveIdentityPoolRolesAsync(app.LocalCognitoUrl, new CognitoDemo.LocalCognito.IdentityPools.DefaultIdentityPoolOptions().IdentityPoolId);

        var checks = Checks(await browser.GetAsync("/diagnostics"));

        Assert.Equal("Problem", checks["Identity pool role"].Status);
        Assert.Contains("trust policy", checks["Identity pool role"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindAProxyTheForwardedAddressIsTheOneChecked()
    {
        var emulator = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}");
        using var folder = new TempFolder("cognitodemo-diagnostics-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(new Uri(emulator, "/"), Path.Combine(data, "lc.db"));
        await using var app = new AwsModeApp(new Uri(emulator, "/"), new Dictionary<string, string?>
        {
            ["Cognito:HostedUiDomain"] = emulator.ToString().TrimEnd('/'),
            ["ForwardedHeaders:Enabled"] = "true",
        });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "demo.example.com");

        var html = await client.GetStringAsync(new Uri("/diagnostics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("https://demo.example.com/signin-oidc", html, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, (string Status, string Text)>> DiagnoseWithHostedUiAsync(Uri emulator)
    {
        using var folder = new TempFolder("cognitodemo-diagnostics-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(new Uri(emulator, "/"), Path.Combine(data, "lc.db"));
        // The in-memory test server is http://localhost/, which the default client does not list.
        await using var app = new AwsModeApp(new Uri(emulator, "/"), new Dictionary<string, string?> { ["Cognito:HostedUiDomain"] = emulator.ToString().TrimEnd('/') });
        using var browser = app.Browser();
        return Checks(await browser.GetAsync("/diagnostics"));
    }
}
