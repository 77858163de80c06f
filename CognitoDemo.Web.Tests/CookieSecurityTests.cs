using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// Every cookie the app sets, over every journey that sets one: <c>Secure</c> whenever the browser's
/// request is HTTPS (directly, or to a TLS-terminating proxy that says so in <c>X-Forwarded-Proto</c>),
/// and <c>HttpOnly</c>, since no script of the app reads a cookie.
/// </summary>
public sealed class CookieSecurityTests
{
    /// <summary>
    /// The in-memory test server listens on no address the app could register with its Local Cognito, so the
    /// addresses this test browses at are registered as the app client's callbacks, as an operator would.
    /// </summary>
    private sealed class CookieApp(bool behindProxy) : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = behindProxy ? "true" : "false",
            ["LocalCognito:DefaultPool:CallbackUrls:0"] = "https://localhost/signin-oidc",
            ["LocalCognito:DefaultPool:CallbackUrls:1"] = "http://localhost/signin-oidc",
        };
    }

    public static TheoryData<string, bool, bool> Connections => new()
    {
        // base address the app sees, behind a proxy that sent X-Forwarded-Proto: https, cookies Secure
        { "https://localhost/", false, true },
        { "http://localhost/", true, true },
        // Local mode over plain http must still work: a Secure cookie would never come back.
        { "http://localhost/", false, false },
    };

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task EveryCookieIsSecureOverHttpsAndHttpOnly(string baseAddress, bool behindProxy, bool secure)
    {
        await using var app = new CookieApp(behindProxy);
        using var jar = new RecordingCookieJar(app.Server.CreateHandler(),
            behindProxy ? new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" } : null);
        using var browser = new Support.Browser(new HttpClient(jar) { BaseAddress = new Uri(baseAddress) });

        await RunEveryJourneyAsync(app, browser);

        var names = jar.Received.Select(c => c.Name).ToHashSet();
        Assert.Contains("CognitoDemo.Antiforgery", names);
        Assert.Contains("CognitoDemo.Session", names);
        Assert.Contains(".AspNetCore.Mvc.CookieTempDataProvider", names);
        Assert.Contains(names, n => n.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal));
        Assert.All(jar.Received, cookie =>
        {
            Assert.True(cookie.Secure == secure, $"{cookie} should {(secure ? "" : "not ")}be Secure");
            Assert.True(cookie.HttpOnly, $"{cookie} should be HttpOnly");
        });
    }

    /// <summary>Sign-up, confirmation, sign-in and sign-out, a new-password challenge (its session in TempData), and the Hosted UI's start.</summary>
    private static async Task RunEveryJourneyAsync(CognitoDemoApp app, Support.Browser browser)
    {
        var (username, email) = Journeys.NewUser("cookies");
        Assert.Equal("/Account/Confirm", (await browser.SignUpAsync(username, email)).Path);
        Assert.Equal("/Account/SignIn", (await browser.ConfirmAsync(app, username, email)).Path);
        var home = await browser.SignInAsync(username);
        Assert.Equal("/", home.Path);
        Assert.Equal("/", (await browser.SubmitFormAsync(home, "header form")).Path);

        await AwsMode.SetTemporaryPasswordAsync(app.LocalCognitoUrl, username, "temporary pw");
        var challenged = await browser.SignInAsync(username, "temporary pw");
        Assert.Equal("/Account/NewPassword", challenged.Path);
        var signedIn = await browser.SubmitAsync(challenged, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "my own password",
            ["Input.ConfirmPassword"] = "my own password",
        });
        Assert.Equal("/", signedIn.Path);
        await browser.SubmitFormAsync(signedIn, "header form");

        var toHostedUi = await browser.SubmitAsync(await browser.GetAsync("/Account/SignIn"), new Dictionary<string, string>(), "form.hosted-ui");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, toHostedUi.Status);
    }
}
