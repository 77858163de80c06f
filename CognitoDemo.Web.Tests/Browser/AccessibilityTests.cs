using CognitoDemo.Web.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on every page, signed out and signed in, at a desktop's 1280 and a
/// phone's 375 pixels: any serious or critical violation fails. The desktop run saves each page's screenshot
/// (<see cref="Screenshots"/>).
/// </summary>
public sealed class AccessibilityTests(ChromiumFixture chromium, BrowserApp app) : BrowserTest(chromium, app), IClassFixture<BrowserApp>
{
    private static readonly (string Path, string Name)[] SignedOutPages =
    [
        ("/", "home"), ("/Account/SignUp", "sign-up"), ("/Account/SignIn", "sign-in"), ("/Account/SignIn?ReturnUrl=%2FProfile", "sign-in-to-see-profile"),
        ("/Account/Confirm", "confirm"), ("/Account/ForgotPassword", "forgot-password"), ("/Account/ResetPassword", "reset-password"),
        ("/diagnostics", "diagnostics-signed-out"),
    ];

    private static readonly (string Path, string Name)[] SignedInPages =
    [
        ("/", "home-signed-in"), ("/Profile", "profile"), ("/Tokens", "tokens"), ("/Credentials", "credentials"),
        ("/Users", "users-closed"), ("/Account/ChangePassword", "change-password"), ("/Profile/Delete", "delete-account"), ("/diagnostics", "diagnostics"),
    ];

    private readonly List<string> _violations = [];

    private async Task CheckAsync(string name, bool phone)
    {
        var result = await Page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            _violations.Add($"{name} at {(phone ? 375 : 1280)} px: {violation.Impact} {violation.Id} ({violation.Help}) on " +
                            string.Join(", ", violation.Nodes.Select(n => n.Html)));
        }

        if (!phone)
        {
            await Screenshots.SaveAsync(Page, name, phone: false);
        }
    }

    [Fact]
    public async Task NoPageHasASeriousOrCriticalViolationAtEitherWidth()
    {
        var (username, email) = Journeys.NewUser("axe");
        foreach (var phone in (bool[])[false, true])
        {
            await Page.SetViewportSizeAsync(phone ? 375 : 1280, phone ? 812 : 900);
            foreach (var (path, name) in SignedOutPages)
            {
                await Page.GotoAsync(path);
                await CheckAsync(name, phone);
            }

            // A form with errors: invalid fields, their messages, the alert.
            await Page.GotoAsync("/Account/SignUp");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
            await CheckAsync("sign-up-errors", phone);

            if (!phone)
            {
                await new SignUpPage(Page).SignUpAsync(username, email, "correct horse", "Lisbon");
                await CheckAsync("confirm-after-sign-up", phone);
                await Page.GotoAsync(new Uri(App.LocalCognitoUrl, "/mailbox").ToString());
                await CheckAsync("mailbox", phone);
                var code = await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email);
                await new ConfirmPage(Page).ConfirmAsync(username, code);
            }

            await new SignInPage(Page).SignInAsync(username, "correct horse");
            await Microsoft.Playwright.Assertions.Expect(Header.SignOut(Page)).ToBeVisibleAsync();
            foreach (var (path, name) in SignedInPages)
            {
                await Page.GotoAsync(path);
                await CheckAsync(name, phone);
            }

            await Header.SignOut(Page).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out");
        }

        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
        AssertNoProblems();
    }
}
