using System.Text.RegularExpressions;
using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>The journeys at their edges in Chromium (issue 12): a refused resend, a double click, a session ended elsewhere.</summary>
public sealed class EdgeJourneyTests(ChromiumFixture chromium, BrowserApp app) : BrowserTest(chromium, app), IClassFixture<BrowserApp>
{
    private const string Password = "correct horse";

    private async Task<string> SignedInUserAsync(string prefix)
    {
        var (username, email) = Journeys.NewUser(prefix);
        await new SignUpPage(Page).SignUpAsync(username, email, Password, "Lisbon");
        await new ConfirmPage(Page).ConfirmAsync(username, await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email));
        await new SignInPage(Page).SignInAsync(username, Password);
        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();
        return username;
    }

    /// <summary>The same user signs in in another browser and signs out there: GlobalSignOut revokes every token of the user.</summary>
    private async Task SignOutInAnotherBrowserAsync(string username)
    {
        await using var other = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.Url.ToString() });
        var second = await other.NewPageAsync();
        await new SignInPage(second).SignInAsync(username, Password);
        await Header.SignOut(second).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("tokens are revoked");
    }

    [Fact]
    public async Task ConfirmAfterARefusedResendConfirmsAndADoubleClickIsNoError()
    {
        var (username, email) = Journeys.NewUser("resend");
        await new SignUpPage(Page).SignUpAsync(username, email, Password, "Lisbon");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Confirm"));
        var resend = Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send a new code") });
        await resend.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("A new code is on its way");

        // The cooldown counts down on the button, which stays disabled until it ends.
        await Expect(resend).ToBeDisabledAsync();
        await Expect(resend).ToHaveTextAsync(new Regex(@"^Send a new code \(in \d+ s\)$"));
        var first = await resend.InnerTextAsync();
        await Expect(resend).Not.ToHaveTextAsync(first);

        // Asked anyway (a stale page, no JavaScript): the server refuses, and the page is now at ?handler=Resend.
        await resend.EvaluateAsync("b => { b.disabled = false; b.click(); }");
        await Expect(Page).ToHaveURLAsync(new Regex(@"handler=Resend"));
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex(@"Wait \d+ seconds"));

        // The newest code, read in another tab, as a user would.
        var code = await new MailboxPage(await Context.NewPageAsync(), App.LocalCognitoUrl).LatestCodeAsync(email);
        await Page.GetByLabel("Code").FillAsync(code);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).DblClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await Expect(Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("confirmed");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await new SignInPage(Page).SignInAsync(username, Password);
        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task SigningOutInOneBrowserEndsTheSessionInTheOtherAtOnce()
    {
        var username = await SignedInUserAsync("twice");
        await Page.GotoAsync("/Credentials");
        await Expect(Page.GetByTestId("access-key-id")).ToHaveTextAsync(new Regex("^ASIA[A-Z0-9]{16}$"));
        await SignOutInAnotherBrowserAsync(username);

        await Page.GotoAsync("/Credentials");

        await Expect(Page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Your session ended");
        await Expect(Header.SignOut(Page)).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(Page.GetByText(new Regex("ASIA[A-Z0-9]{16}"))).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [Fact]
    public async Task RefreshNowRefusedIsNeverAGreenBanner()
    {
        var username = await SignedInUserAsync("refresh");
        var tokens = new TokensPage(Page);
        await tokens.OpenAsync();
        await SignOutInAnotherBrowserAsync(username);

        await tokens.RefreshNow.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Your session ended");
        await Expect(Header.SignOut(Page)).ToHaveCountAsync(0);
        AssertNoProblems();
    }
}
