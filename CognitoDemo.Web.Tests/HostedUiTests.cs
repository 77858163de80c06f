using System.Net;
using CognitoDemo.Web.Tests.Browser;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// Sign-in through the Hosted UI with the real OpenID Connect handler against Local Cognito's Hosted UI:
/// the app on a real Kestrel port and a client that follows redirects across both hosts, like a browser
/// without JavaScript.
/// </summary>
public sealed class HostedUiTests
{
    private static (Support.Browser Browser, HttpClientHandler Handler) BrowserFor(BrowserApp app, bool followRedirects = true, string? host = null)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects };
        var url = host is null ? app.Url : new UriBuilder(app.Url) { Host = host }.Uri;
        return (new Support.Browser(new HttpClient(handler) { BaseAddress = url }), handler);
    }

    /// <summary>Nothing configures the app's address: it registers the addresses it listens on with the Local Cognito it hosts.</summary>
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task HostedUiWorksWhereverTheAppIsServed(string host)
    {
        await using var app = new BrowserApp();
        var (username, _) = await ConfirmedUserAsync(app);
        var (browser, handler) = BrowserFor(app, host: host);
        using var __ = handler;
        using var ___ = browser;

        var login = await StartHostedUiAsync(browser);
        Assert.Equal(app.LocalCognitoUrl.Port, login.Url.Port);
        Assert.Equal("/login", login.Path);
        var home = await browser.SubmitByLabelsAsync(login, new Dictionary<string, string> { ["Username"] = username, ["Password"] = "correct horse" });

        Assert.Equal(host, home.Url.Host);
        Assert.Equal(app.Url.Port, home.Url.Port);
        Assert.Equal(username, (await browser.GetAsync("/Profile")).TestId("username"));
        var signedOut = await browser.SubmitFormAsync(await browser.GetAsync("/"), "header form");
        Assert.Equal(host, signedOut.Url.Host);
        Assert.Equal("/", signedOut.Path);
    }

    /// <summary>As in AWS mode when the app is served at an address the app client does not list.</summary>
    [Fact]
    public async Task ARedirectMismatchLandsOnAnAppPageThatNamesTheSetting()
    {
        await using var app = new BrowserApp();
        var (browser, handler) = BrowserFor(app);
        using var __ = handler;
        using var ___ = browser;
        browser.Http.DefaultRequestHeaders.Host = $"demo.example:{app.Url.Port}";

        var page = await StartHostedUiAsync(browser);
        var diagnostics = await browser.GetAsync("/diagnostics");

        Assert.Equal(app.Url.Port, page.Url.Port);
        Assert.Equal("/Account/HostedUi", page.Path);
        var problem = page.TestId("hosted-ui-problem");
        Assert.Contains($"http://demo.example:{app.Url.Port}/signin-oidc", problem, StringComparison.Ordinal);
        Assert.Contains("allowed callback URLs", problem, StringComparison.Ordinal);
        Assert.Contains("CallbackUrls", problem, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("main a[href='/Account/SignIn']"));
        var check = diagnostics.Document.QuerySelector("tr[data-check='Hosted UI']");
        Assert.Equal("Problem", check?.GetAttribute("data-status"));
        Assert.Contains("CallbackUrls", check?.TextContent, StringComparison.Ordinal);
    }

    private static async Task<Page> StartHostedUiAsync(Support.Browser browser)
    {
        var signIn = await browser.GetAsync("/Account/SignIn");
        return await browser.SubmitAsync(signIn, new Dictionary<string, string>(), "form.hosted-ui");
    }

    private static async Task<(string Username, string Email)> ConfirmedUserAsync(BrowserApp app)
    {
        var (browser, handler) = BrowserFor(app);
        using var _ = handler;
        using (browser)
        {
            var (username, email) = Journeys.NewUser("hosted");
            await browser.SignUpAsync(username, email);
            await browser.ConfirmAsync(app, username, email);
            return (username, email);
        }
    }

    /// <summary>The ID token's cognito:groups reaches the cookie principal on this path too, so the admins policy holds.</summary>
    [Fact]
    public async Task AnAdminSignedInThroughTheHostedUiHasTheGroupAndListsTheUsers()
    {
        await using var app = new BrowserApp();
        var (username, email) = await ConfirmedUserAsync(app);
        await AwsMode.AddToGroupAsync(app.LocalCognitoUrl, username);
        var (browser, handler) = BrowserFor(app);
        using var __ = handler;
        using var ___ = browser;

        var login = await StartHostedUiAsync(browser);
        await browser.SubmitByLabelsAsync(login, new Dictionary<string, string> { ["Username"] = username, ["Password"] = "correct horse" });
        var profile = await browser.GetAsync("/Profile");
        var users = await browser.GetAsync("/Users");

        Assert.Equal("admins", profile.TestId("groups"));
        Assert.Null(users.TestId("users-closed"));
        Assert.Contains(email, users.TestId("users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedUiSignInEndsInTheSameSessionAsSrp()
    {
        await using var app = new BrowserApp();
        var (username, _) = await ConfirmedUserAsync(app);
        var (browser, handler) = BrowserFor(app);
        using var __ = handler;
        using var ___ = browser;

        var login = await StartHostedUiAsync(browser);
        Assert.Equal(app.LocalCognitoUrl.Port, login.Url.Port);
        var home = await browser.SubmitByLabelsAsync(login, new Dictionary<string, string> { ["Username"] = username, ["Password"] = "correct horse" });

        Assert.Equal(app.Url.Port, home.Url.Port);
        Assert.Equal("/", home.Path);
        var profile = await browser.GetAsync("/Profile");
        Assert.Equal(username, profile.TestId("username"));
        Assert.Equal("Lisbon", profile.TestId("location"));
        var tokens = await browser.GetAsync("/Tokens");
        Assert.Contains("at_hash", tokens.Text, StringComparison.Ordinal);
        var credentials = await browser.GetAsync("/Credentials");
        Assert.Matches("^ASIA", credentials.TestId("access-key-id"));
    }

    [Fact]
    public async Task SignOutEndsTheHostedUiSessionTooSoTheFormShowsAgain()
    {
        await using var app = new BrowserApp();
        var (username, _) = await ConfirmedUserAsync(app);
        var (browser, handler) = BrowserFor(app);
        using var __ = handler;
        using var ___ = browser;
        await browser.SubmitByLabelsAsync(await StartHostedUiAsync(browser),
            new Dictionary<string, string> { ["Username"] = username, ["Password"] = "correct horse" });

        var signedOut = await browser.SubmitFormAsync(await browser.GetAsync("/"), "header form");
        Assert.Equal(app.Url.Port, signedOut.Url.Port);
        Assert.Equal("/", signedOut.Path);
        Assert.Equal("/Account/SignIn", (await browser.GetAsync("/Profile")).Path);

        var again = await StartHostedUiAsync(browser);
        Assert.Equal(app.LocalCognitoUrl.Port, again.Url.Port);
        Assert.NotNull(again.Document.QuerySelector("input[type=password]"));
    }

    [Fact]
    public async Task TamperedStateIsRefusedWithAMessageOnTheSignInPage()
    {
        await using var app = new BrowserApp();
        var (username, _) = await ConfirmedUserAsync(app);
        var (browser, handler) = BrowserFor(app, followRedirects: false);
        using var __ = handler;
        using var ___ = browser;
        // Walk the redirects by hand to change the state on its way back to the app.
        var signIn = await browser.GetAsync("/Account/SignIn");
        var form = signIn.Document.QuerySelector("form.hosted-ui")!;
        using var start = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        using var challenge = await browser.Http.PostAsync(new Uri(app.Url, form.GetAttribute("action")), start, TestContext.Current.CancellationToken);
        var location = challenge.Headers.Location!;
        Page page;
        while (true)
        {
            using var response = await browser.Http.GetAsync(location, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            {
                page = new Page(location, response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
                    await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), "");
                break;
            }

            location = new Uri(location, response.Headers.Location!);
        }

        var loginForm = page.Document.QuerySelector("form")!;
        var fields = loginForm.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var userField = page.Document.QuerySelectorAll("label").First(l => l.TextContent.Trim() == "Username").GetAttribute("for")!;
        var passwordField = page.Document.QuerySelectorAll("label").First(l => l.TextContent.Trim() == "Password").GetAttribute("for")!;
        fields[page.Document.GetElementById(userField)!.GetAttribute("name")!] = username;
        fields[page.Document.GetElementById(passwordField)!.GetAttribute("name")!] = "correct horse";
        using var login = new FormUrlEncodedContent(fields);
        using var loggedIn = await browser.Http.PostAsync(new Uri(location, loginForm.GetAttribute("action") ?? location.PathAndQuery), login,
            TestContext.Current.CancellationToken);
        var callback = new Uri(location, loggedIn.Headers.Location!);
        Assert.Equal("/signin-oidc", callback.AbsolutePath);
        var tampered = new Uri(System.Text.RegularExpressions.Regex.Replace(callback.ToString(), "state=[^&]+", "state=tampered"));

        using var refused = await browser.Http.GetAsync(tampered, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/Account/SignIn?hostedUiFailed=true", refused.Headers.Location!.ToString());
        var shown = await browser.GetAsync("/Account/SignIn?hostedUiFailed=true");
        Assert.Contains("could not be completed", shown.FormErrors, StringComparison.Ordinal);
    }
}
