using CognitoDemo.Web.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// Issue 18 end to end in headless Chromium: a new user is refused on Users (by the app's policy, and by IAM when
/// trying anyway), an administrator adds them to <c>admins</c> through Local Cognito's admin API (what the profile's
/// CLI command does), "Refresh now" brings the group into the session, the Users page lists the pool, and the
/// credentials are the admins role. axe checks both states of the page, whose screenshots the README shows.
/// </summary>
public sealed class UsersJourneyTests(ChromiumFixture chromium, BrowserApp app) : BrowserTest(chromium, app), IClassFixture<BrowserApp>
{
    private const string Password = "correct horse";

    private ILocator Nav(string name) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private async Task AssertAccessibleAsync(string name)
    {
        var result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Impact} {v.Id} ({v.Help}) on {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious));
    }

    /// <summary>Signs a new user up and confirms them with the mailbox's code.</summary>
    private async Task<(string Username, string Email)> ConfirmedUserAsync(string prefix, string location)
    {
        var (username, email) = Journeys.NewUser(prefix);
        await new SignUpPage(Page).SignUpAsync(username, email, Password, location);
        var code = await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email);
        await new ConfirmPage(Page).ConfirmAsync(username, code);
        return (username, email);
    }

    [Fact]
    public async Task ANewUserIsDeniedJoinsAdminsRefreshesAndThenListsTheUsersAsTheAdminsRole()
    {
        var (username, email) = await ConfirmedUserAsync("admin", "Lisbon");
        await new SignInPage(Page).SignInAsync(username, Password);
        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();

        // Closed: the policy says no, and IAM says no when the call is tried anyway.
        await Nav("Users").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This page is for members of admins" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("users-closed");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Try ListUsers anyway with my credentials" }).ClickAsync();
        var denied = Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "AccessDeniedException" });
        await Expect(denied).ToContainTextAsync("CognitoDemoAuthenticatedRole");
        await Expect(denied).ToContainTextAsync("cognito-idp:ListUsers");
        await Expect(denied).ToContainTextAsync("arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_LocalPool");
        await Expect(Page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await AssertAccessibleAsync("users-denied");
        await Screenshots.SaveAsync(Page, "users-denied", phone: false);

        // An administrator runs the profile's command (AdminAddUserToGroup); the session learns it on refresh.
        await Nav("Profile").ClickAsync();
        await Expect(Page.GetByTestId("add-to-admins-command")).ToContainTextAsync($"--username {username} --group-name admins");
        await AwsMode.AddToGroupAsync(App.LocalCognitoUrl, username);
        await Expect(Page.GetByTestId("groups")).ToHaveTextAsync("none");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
        await Expect(Page.GetByTestId("groups")).ToHaveTextAsync("admins");

        // Two more users, one still to set a password of their own, so the list shows more than its reader.
        var (invited, invitedEmail) = Journeys.NewUser("invited");
        await AwsMode.CreateUserAsync(App.LocalCognitoUrl, invited, invitedEmail);
        await Nav("Users").ClickAsync();
        var users = Page.GetByRole(AriaRole.Table);
        await Expect(users.GetByRole(AriaRole.Row).Filter(new() { HasText = invited })).ToContainTextAsync("FORCE_CHANGE_PASSWORD");
        await Expect(users.GetByRole(AriaRole.Row).Filter(new() { HasText = username })).ToContainTextAsync(email);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await AssertAccessibleAsync("users-admin");
        await Screenshots.SaveAsync(Page, "users-admin", phone: false);

        await Nav("AWS credentials").ClickAsync();
        await Expect(Page.GetByTestId("token-role")).ToHaveTextAsync("CognitoDemoAdminsRole");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Who am I?" }).ClickAsync();
        await Expect(Page.GetByTestId("assumed-role")).ToHaveTextAsync("CognitoDemoAdminsRole");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "sts:GetCallerIdentity says" }))
            .ToContainTextAsync("arn:aws:sts::000000000000:assumed-role/CognitoDemoAdminsRole/CognitoIdentityCredentials");
        AssertNoProblems();
    }

    [Fact]
    public async Task OnAPhoneTheUsersTableScrollsInsideItsRegionAndThePageFits()
    {
        var (username, _) = await ConfirmedUserAsync("phoneadmin", "A rather long location name, Lisbon, Portugal");
        await AwsMode.AddToGroupAsync(App.LocalCognitoUrl, username);
        await new SignInPage(Page).SignInAsync(username, Password);
        await Page.SetViewportSizeAsync(375, 812);

        await Page.GotoAsync("/Users");

        await Expect(Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = username })).ToBeVisibleAsync();
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the Users page is {widths[0]}px wide on a {widths[1]}px screen");
        await AssertAccessibleAsync("users-admin-phone");
        await Screenshots.SaveAsync(Page, "users-admin", phone: true);
        AssertNoProblems();
    }
}
