using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// Every page at a 375-pixel-wide phone viewport: nothing wider than the screen. The same run saves a
/// screenshot of each page under artifacts/screenshots/ (<see cref="Screenshots"/>).
/// </summary>
public sealed class NarrowScreenTests(ChromiumFixture chromium, BrowserApp app) : BrowserTest(chromium, app), IClassFixture<BrowserApp>
{
    protected override ViewportSize Viewport => new() { Width = 375, Height = 812 };

    private async Task AssertFitsAsync(string name)
    {
        var widths = await Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"{name}: content is {scrollWidth}px wide on a {clientWidth}px screen");
        await Screenshots.SaveAsync(Page, name, phone: true);
    }

    [Fact]
    public async Task EveryPageFitsAPhoneScreen()
    {
        foreach (var (path, name) in new[]
                 {
                     ("/", "home"), ("/Account/SignUp", "sign-up"), ("/Account/SignIn", "sign-in"),
                     ("/Account/Confirm", "confirm"), ("/Account/ForgotPassword", "forgot-password"),
                     ("/Account/ResetPassword", "reset-password"),
                 })
        {
            await Page.GotoAsync(path);
            await AssertFitsAsync(name);
        }

        var (username, email) = Journeys.NewUser("narrow");
        await new SignUpPage(Page).SignUpAsync(username, email, "correct horse", "A rather long location name, Lisbon, Portugal");
        var code = await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email);
        await new ConfirmPage(Page).ConfirmAsync(username, code);
        await new SignInPage(Page).SignInAsync(username, "correct horse");
        foreach (var (path, name) in new[]
                 {
                     ("/Profile", "profile"), ("/Tokens", "tokens"), ("/Credentials", "credentials"),
                     ("/Users", "users-closed"), ("/Account/ChangePassword", "change-password"),
                     ("/Profile/Delete", "delete-account"), ("/diagnostics", "diagnostics"),
                 })
        {
            await Page.GotoAsync(path);
            await AssertFitsAsync(name);
        }

        AssertNoProblems();
    }
}
