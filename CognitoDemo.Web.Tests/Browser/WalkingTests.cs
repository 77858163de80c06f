using System.Text.RegularExpressions;
using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// Rate limits punish hammering, not walking (issue 12, item 4), and the Hosted UI works wherever the app is
/// served (item 5): with the production limits, every journey walked twice within a minute, once at 127.0.0.1
/// and once at localhost, meets no 429.
/// </summary>
public sealed class WalkingTests(ChromiumFixture chromium, ProductionLimitsApp app) : BrowserTest(chromium, app), IClassFixture<ProductionLimitsApp>
{
    private async Task WalkEveryJourneyAsync(IPage page, Uri at)
    {
        var (username, email) = Journeys.NewUser("walk");
        const string password = "correct horse";
        var mailbox = new MailboxPage(page, App.LocalCognitoUrl);

        await new SignUpPage(page).SignUpAsync(username, email, password, "Lisbon");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Confirm"));
        await new ConfirmPage(page).ConfirmAsync(username, await mailbox.LatestCodeAsync(email));
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("confirmed");

        await new SignInPage(page).SignInAsync(username, password);
        await Expect(Header.SignOut(page)).ToBeVisibleAsync();
        var profile = new ProfilePage(page);
        await profile.OpenAsync();
        await profile.ChangeLocationAsync("Porto");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your location is updated.");
        var tokens = new TokensPage(page);
        await tokens.OpenAsync();
        await tokens.RefreshNow.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("New ID and access tokens were issued.");
        await page.GotoAsync(new Uri(at, "/Credentials").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Who am I?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "sts:GetCallerIdentity says" })).ToContainTextAsync("assumed-role");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get new credentials" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("New temporary credentials were issued.");
        await page.GotoAsync(new Uri(at, "/Account/ChangePassword").ToString());
        await page.GetByLabel("Current password").FillAsync(password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("second horse");
        await page.GetByLabel("Confirm new password").FillAsync("second horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password is changed.");
        await Header.SignOut(page).ClickAsync();

        await page.GotoAsync(new Uri(at, "/Account/ForgotPassword").ToString());
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a reset code" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/ResetPassword"));
        var reset = page.Url;
        var code = await mailbox.LatestCodeAsync(email);
        await page.GotoAsync(reset);
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("third horse");
        await page.GetByLabel("Confirm new password").FillAsync("third horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        // The Hosted UI, at whichever address this walk uses.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the Hosted UI" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($":{App.LocalCognitoUrl.Port}/login"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync("third horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Header.SignOut(page)).ToBeVisibleAsync();
        Assert.Equal(at.Host, new Uri(page.Url).Host);

        await page.GotoAsync(new Uri(at, "/diagnostics").ToString());
        await Expect(page.Locator("tr[data-check='Hosted UI']")).ToHaveAttributeAsync("data-status", "Ok");
        await page.GotoAsync(new Uri(at, "/Profile/Delete").ToString());
        await page.GetByLabel(new Regex("^Type your username")).FillAsync(username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("deleted");
    }

    [Fact]
    public async Task EveryJourneyTwiceWithinAMinuteMeetsNoLimitAtEitherAddress()
    {
        var started = DateTimeOffset.UtcNow;
        await WalkEveryJourneyAsync(Page, App.Url);
        await using var atLocalhost = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.LocalhostUrl.ToString() });
        var second = await atLocalhost.NewPageAsync();
        var statuses = new List<int>();
        second.Response += (_, response) => statuses.Add(response.Status);
        await WalkEveryJourneyAsync(second, App.LocalhostUrl);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromMinutes(1), "the two walks took more than a minute");
        Assert.DoesNotContain(429, statuses);
        AssertNoProblems();
    }
}

/// <summary>Sixty sign-in attempts from one address in a minute: refused with 429 and Retry-After, in the site layout.</summary>
public sealed class HammeringTests(ChromiumFixture chromium, HammeredApp app) : BrowserTest(chromium, app), IClassFixture<HammeredApp>
{
    [Fact]
    public async Task SixtySignInsFromOneAddressAreRefusedInTheSiteLayoutWithTheInputKept()
    {
        var signIn = new SignInPage(Page);
        IResponse? refused = null;
        await signIn.OpenAsync();
        for (var i = 0; i < 60 && refused is null; i++)
        {
            await signIn.Username.FillAsync($"hammer{i}");
            await signIn.Password.FillAsync("wrong password");
            var response = await Page.RunAndWaitForResponseAsync(
                () => Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
                r => r.Request.Method == "POST");
            if (response.Status == 429)
            {
                refused = response;
                Assert.Equal($"hammer{i}", await signIn.Username.InputValueAsync());
            }
        }

        Assert.NotNull(refused);
        var retryAfter = int.Parse(await refused.HeaderValueAsync("retry-after") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var alert = Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert).Filter(new() { HasText = "Too many attempts" });
        await Expect(alert).ToContainTextAsync($"Wait {retryAfter} second");
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Back to the page" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }
}
