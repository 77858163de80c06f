using System.Net;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// Rate limits punish hammering, not walking: only requests that call Cognito count (POST handlers and
/// /diagnostics), per address and per target username, and a refusal is the page itself in the site layout.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task PageViewsAreNeverLimited()
    {
        await using var app = new LimitedApp(addressPermits: 2, usernamePermits: 2);
        using var browser = app.Browser();

        foreach (var path in (string[])["/Account/SignIn", "/Account/SignUp", "/Account/Confirm", "/Account/ForgotPassword", "/Account/ResetPassword", "/"])
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).Status);
            }
        }
    }

    [Fact]
    public async Task SixtySignInPostsFromOneAddressInAMinuteGet429WithRetryAfterInTheSiteLayout()
    {
        // The defaults of appsettings.json.
        await using var app = new LimitedApp(addressPermits: 40, usernamePermits: 10);
        using var browser = app.Browser();
        var form = await browser.GetAsync("/Account/SignIn");
        var answers = new List<Page>();
        for (var i = 0; i < 60; i++)
        {
            answers.Add(await WrongSignInAsync(browser, form, $"nobody{i}"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].Status);
        var refused = answers.FirstOrDefault(a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].Status);
        var retryAfter = int.Parse(refused.Headers!.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"Wait {retryAfter} second", refused.Document.QuerySelector("[data-testid='rate-limited']")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refused.Document.QuerySelector("header nav"));
        Assert.Equal("/Account/SignIn", refused.Document.QuerySelector("[data-testid='rate-limited'] a")?.GetAttribute("href"));
        var kept = answers.IndexOf(refused);
        Assert.Equal($"nobody{kept}", refused.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task AttemptsOnOneUsernameAreLimitedWhateverTheAddress()
    {
        await using var app = new LimitedApp(addressPermits: 10000, usernamePermits: 3);
        using var browser = app.Browser();
        var form = await browser.GetAsync("/Account/SignIn");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await WrongSignInAsync(browser, form, i % 2 == 0 ? "Alice" : "alice")).Status);
        }

        var other = await WrongSignInAsync(browser, form, "bob");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task DiagnosticsViewsCallCognitoSoTheyAreLimited()
    {
        await using var app = new LimitedApp(addressPermits: 2, usernamePermits: 2);
        using var browser = app.Browser();

        var first = await browser.GetAsync("/diagnostics");
        var second = await browser.GetAsync("/diagnostics");
        var third = await browser.GetAsync("/diagnostics");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Contains("Too many attempts", third.Document.QuerySelector("main [role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(third.Headers!.RetryAfter);
    }

    private static Task<Page> WrongSignInAsync(Support.Browser browser, Page form, string username) =>
        browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Username"] = username, ["Input.Password"] = "wrong password" });

    private sealed class LimitedApp(int addressPermits, int usernamePermits) : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:AccountPermitLimit"] = addressPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:UsernamePermitLimit"] = usernamePermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
