using System.Net;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>The signed-in session: profile edits, tokens, sign-out, and what happens to a forged session.</summary>
public sealed class SessionTests(CognitoDemoApp app) : IClassFixture<CognitoDemoApp>
{
    [Fact]
    public async Task EditedLocationShowsAtOnceOnThePageAndInTheSession()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app, location: "Lisbon");
        var profile = await browser.GetAsync("/Profile");

        var saved = await browser.SubmitAsync(profile, new Dictionary<string, string> { ["Input.Location"] = "Porto" });

        Assert.Equal("/Profile", saved.Path);
        Assert.Equal("Your location is updated.", saved.StatusMessage);
        Assert.Equal("Porto", saved.TestId("location"));
        Assert.Equal("Porto", saved.TestId("session-location"));
    }

    [Fact]
    public async Task ProtectedPagesSendASignedOutVisitorToSignIn()
    {
        using var browser = app.Browser();

        foreach (var path in new[] { "/Profile", "/Tokens", "/Account/ChangePassword", "/Profile/Delete" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal("/Account/SignIn", page.Path);
            Assert.Contains($"ReturnUrl={Uri.EscapeDataString(path)}", page.Url.Query, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignOutRevokesTheTokensAndClearsTheSession()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var home = await browser.GetAsync("/");

        var signedOut = await browser.SubmitFormAsync(home, "header form");

        Assert.Equal("/", signedOut.Path);
        Assert.Contains("revoked at Cognito", signedOut.StatusMessage ?? signedOut.Text, StringComparison.Ordinal);
        var profile = await browser.GetAsync("/Profile");
        Assert.Equal("/Account/SignIn", profile.Path);
    }

    [Fact]
    public async Task TokensPageShowsBothTokensClaimsAndRefreshIssuesNewOnes()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var tokens = await browser.GetAsync("/Tokens");
        Assert.Contains("token_use", tokens.Text, StringComparison.Ordinal);
        Assert.Contains(username, tokens.Text, StringComparison.Ordinal);
        var before = tokens.TestId("id-token-expires");

        app.Time.Advance(TimeSpan.FromMinutes(10));
        var refreshed = await browser.SubmitAsync(tokens, new Dictionary<string, string>(), "main form");

        Assert.Equal("New ID and access tokens were issued.", refreshed.StatusMessage);
        Assert.NotEqual(before, refreshed.TestId("id-token-expires"));
    }

    [Fact]
    public async Task TamperedSessionCookieIsIgnored()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var handler = app.Server.CreateHandler();
        using var forged = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };
        forged.DefaultRequestHeaders.Add("Cookie", "CognitoDemo.Session=CfDJ8Forged" + new string('A', 200));

        using var response = await forged.GetAsync(new Uri("/Profile", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedPasswordWorksForTheNextSignInAndTheOldOneNoLonger()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Account/ChangePassword");

        var changed = await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "correct horse",
            ["Input.NewPassword"] = "battery staple",
            ["Input.ConfirmPassword"] = "battery staple",
        });
        Assert.Equal("Your password is changed.", changed.StatusMessage);

        using var other = app.Browser();
        Assert.Equal("Incorrect username or password.", (await other.SignInAsync(username, "correct horse")).FormErrors);
        Assert.Equal("/", (await other.SignInAsync(username, "battery staple")).Path);
    }

    [Fact]
    public async Task ChangePasswordWithWrongCurrentPasswordSaysSoOnThatField()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Account/ChangePassword");

        var result = await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not it at all",
            ["Input.NewPassword"] = "battery staple",
            ["Input.ConfirmPassword"] = "battery staple",
        });

        Assert.Equal("Your current password is not right.", result.FieldError("Input.CurrentPassword"));
    }

    [Fact]
    public async Task DeletedAccountCannotSignInAgain()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Profile/Delete");

        var wrong = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.ConfirmUsername"] = "someone else" });
        Assert.Contains("nothing was deleted", wrong.FieldError("Input.ConfirmUsername"), StringComparison.Ordinal);

        var deleted = await browser.SubmitAsync(wrong, new Dictionary<string, string> { ["Input.ConfirmUsername"] = username });
        Assert.Equal("/", deleted.Path);
        Assert.Equal("Your account is deleted.", deleted.StatusMessage);
        Assert.Equal("Incorrect username or password.", (await browser.SignInAsync(username)).FormErrors);
    }

    [Fact]
    public async Task ForgotAndResetPasswordWithTheMailboxCode()
    {
        using var browser = app.Browser();
        var (username, email) = await browser.SignedInUserAsync(app);
        using var visitor = app.Browser();
        var forgot = await visitor.GetAsync("/Account/ForgotPassword");

        var reset = await visitor.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Username"] = username });
        Assert.Equal("/Account/ResetPassword", reset.Path);

        var done = await visitor.SubmitAsync(reset, new Dictionary<string, string>
        {
            ["Input.Code"] = await app.LatestCodeAsync(email),
            ["Input.NewPassword"] = "a whole new one",
            ["Input.ConfirmPassword"] = "a whole new one",
        });
        Assert.Equal("/Account/SignIn", done.Path);
        Assert.Equal("/", (await visitor.SignInAsync(username, "a whole new one")).Path);
    }
}
