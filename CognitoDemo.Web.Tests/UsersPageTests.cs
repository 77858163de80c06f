using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// Issue 18 in the app: groups on the profile, the <c>admins</c> policy on the Users page, ListUsers signed with the
/// user's own temporary credentials (IAM decides at Local Cognito), and the credentials page naming the role and why.
/// Local Cognito's default pool has the group <c>admins</c> whose role may list users, and its identity pool maps the
/// user pool's tokens with <c>Type: Token</c>.
/// </summary>
public sealed class UsersPageTests(CognitoDemoApp app) : IClassFixture<CognitoDemoApp>
{
    private const string PoolId = "us-west-2_LocalPool";
    private const string PoolArn = "arn:aws:cognito-idp:us-west-2:000000000000:userpool/" + PoolId;

    private static string[] Operations(Page page) =>
        page.Document.QuerySelectorAll("section[aria-label='Cognito calls'] .call-name a").Select(a => a.TextContent.Trim()).ToArray();

    private static string Words(string? text) => System.Text.RegularExpressions.Regex.Replace(text ?? "", @"\s+", " ");

    private static string Panel(Page page) =>
        page.Document.QuerySelector("section[aria-label='Cognito calls']")?.TextContent ?? "";

    /// <summary>"Refresh now" on the profile: the page it lands on.</summary>
    private static async Task<Page> RefreshOnProfileAsync(Support.Browser browser) =>
        await browser.SubmitAsync(await browser.GetAsync("/Profile"), new Dictionary<string, string>(), "form[action*='handler=Refresh']");

    /// <summary>A signed-in user whom an administrator added to admins, after "Refresh now" on the profile.</summary>
    private async Task<(string Username, string Email, Page Profile)> AdminAsync(Support.Browser browser)
    {
        var (username, email) = await browser.SignedInUserAsync(app);
        await AwsMode.AddToGroupAsync(app.LocalCognitoUrl, username);
        return (username, email, await RefreshOnProfileAsync(browser));
    }

    [Fact]
    public async Task ProfileShowsNoGroupAndTheOneCliCommandThatAddsTheUserToAdmins()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);

        var profile = await browser.GetAsync("/Profile");

        Assert.Equal("none", profile.TestId("groups"));
        var localCognito = app.LocalCognitoUrl.GetLeftPart(UriPartial.Authority);
        Assert.Equal(
            "AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws cognito-idp admin-add-user-to-group"
            + $" --endpoint-url {localCognito} --region us-west-2 --user-pool-id {PoolId} --username {username} --group-name admins",
            profile.TestId("add-to-admins-command"));
        Assert.Contains("shows after the next token refresh", profile.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshNowOnTheProfileBringsTheNewGroupIntoTheSession()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        await AwsMode.AddToGroupAsync(app.LocalCognitoUrl, username);
        var before = await browser.GetAsync("/Profile");

        var after = await browser.SubmitAsync(before, new Dictionary<string, string>(), "form[action*='handler=Refresh']");

        Assert.Equal("none", before.TestId("groups"));
        Assert.Equal("/Profile", after.Path);
        Assert.Equal("admins", after.TestId("groups"));
        Assert.Contains("New tokens were issued", after.StatusMessage, StringComparison.Ordinal);
        Assert.Contains("InitiateAuth", Operations(after));
        Assert.Contains("REFRESH_TOKEN_AUTH", Panel(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPageIsClosedToANonMemberWithoutCallingCognitoAndSaysHowToJoin()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);

        var page = await browser.GetAsync("/Users");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("This page is for members of admins", Words(page.TestId("users-closed")), StringComparison.Ordinal);
        Assert.Contains("names no group", Words(page.TestId("users-closed")), StringComparison.Ordinal);
        Assert.Equal("/Profile#groups", page.Document.QuerySelector("[data-testid='users-closed'] a[href^='/Profile']")?.GetAttribute("href"));
        Assert.Null(page.Document.QuerySelector("[data-testid='users']"));
        Assert.DoesNotContain("ListUsers", Operations(page));
    }

    [Fact]
    public async Task AMemberOfAnotherGroupIsStillOutsideTheAdminsPolicy()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var group = "readers" + Guid.NewGuid().ToString("N")[..6];
        await AwsMode.CreateGroupAsync(app.LocalCognitoUrl, group);
        await AwsMode.AddToGroupAsync(app.LocalCognitoUrl, username, group);
        await RefreshOnProfileAsync(browser);

        var page = await browser.GetAsync("/Users");

        Assert.Contains($"names {group}, not admins", Words(page.TestId("users-closed")), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[data-testid='users']"));
    }

    [Fact]
    public async Task TryingAnywayShowsIamsAccessDeniedInWordsAndTheCallInThePanel()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var closed = await browser.GetAsync("/Users");

        var denied = await browser.SubmitAsync(closed, new Dictionary<string, string>(), "form[action*='handler=Try']");

        Assert.Equal("CognitoDemoAuthenticatedRole", denied.TestId("denied-role"));
        Assert.Equal("cognito-idp:ListUsers", denied.TestId("denied-action"));
        Assert.Equal(PoolArn, denied.TestId("denied-resource"));
        Assert.Contains("no identity-based policy allows the cognito-idp:ListUsers action", Words(denied.TestId("access-denied")), StringComparison.Ordinal);
        Assert.Null(denied.Document.QuerySelector("[data-testid='users']"));
        Assert.Equal(["GetId", "GetCredentialsForIdentity", "ListUsers"], Operations(denied));
        var panel = Panel(denied);
        Assert.Contains("HTTP 400", panel, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", panel, StringComparison.Ordinal);
        Assert.Contains("assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminSeesThePoolsUsersFromListUsersSignedWithTheirOwnCredentials()
    {
        using var browser = app.Browser();
        var (username, email, _) = await AdminAsync(browser);
        var credentials = await browser.GetAsync("/Credentials");

        var page = await browser.GetAsync("/Users");

        Assert.Null(page.TestId("users-problem"));
        Assert.Null(page.TestId("users-closed"));
        var row = page.Document.QuerySelectorAll("[data-testid='users'] tbody tr")
            .Single(r => r.QuerySelector(".username")?.TextContent.Trim() == username);
        Assert.Equal(email, row.QuerySelector(".email")?.TextContent.Trim());
        Assert.Equal(["CONFIRMED", "yes", "Lisbon", app.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
            row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Null(page.TestId("access-denied"));
        Assert.Equal(["ListUsers"], Operations(page));
        var panel = Panel(page);
        Assert.Contains("HTTP 200", panel, StringComparison.Ordinal);
        Assert.Contains($"\"UserPoolId\": \"{PoolId}\"", panel, StringComparison.Ordinal);
        // The panel never shows what signed the call.
        Assert.DoesNotContain(credentials.TestId("secret-key")!, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.Document.QuerySelector("[data-copy]")!.GetAttribute("data-copy")!, page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsExchangedBeforeJoiningAreReplacedOnceTheTokenNamesTheAdminsRole()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var before = await browser.GetAsync("/Credentials");
        await AwsMode.AddToGroupAsync(app.LocalCognitoUrl, username);
        await RefreshOnProfileAsync(browser);

        var after = await browser.GetAsync("/Credentials");
        var proved = await browser.SubmitAsync(after, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");

        Assert.Equal("the identity pool's default authenticated role", before.TestId("token-role"));
        Assert.NotEqual(before.TestId("access-key-id"), after.TestId("access-key-id"));
        Assert.Equal("CognitoDemoAdminsRole", after.TestId("token-role"));
        Assert.Equal("admins", after.TestId("role-group"));
        // Precedence is the pool's setting, not the token's; in local mode the app knows the pool it builds.
        Assert.Equal("1", after.TestId("role-precedence"));
        Assert.Equal("CognitoDemoAdminsRole", proved.TestId("assumed-role"));
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/CognitoDemoAdminsRole/CognitoIdentityCredentials", proved.TestId("caller-arn"));
    }

    [Fact]
    public async Task CredentialsPageSaysAUserInNoGroupGetsThePoolsDefaultRole()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Credentials");

        var proved = await browser.SubmitAsync(page, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");

        Assert.Equal("the identity pool's default authenticated role", proved.TestId("token-role"));
        Assert.Contains("Your ID token names no group", Words(proved.TestId("role-reason")), StringComparison.Ordinal);
        Assert.Equal("CognitoDemoAuthenticatedRole", proved.TestId("assumed-role"));
    }

    [Fact]
    public async Task UsersComeInPagesOfTwentyWithANextPageLinkCarryingThePaginationToken()
    {
        await using var own = new CognitoDemoApp();
        using var browser = own.Browser();
        var (username, _) = await browser.SignedInUserAsync(own);
        for (var i = 0; i < 21; i++)
        {
            var (other, otherEmail) = Journeys.NewUser("listed");
            await AwsMode.CreateUserAsync(own.LocalCognitoUrl, other, otherEmail);
        }

        await AwsMode.AddToGroupAsync(own.LocalCognitoUrl, username);
        await RefreshOnProfileAsync(browser);

        var first = await browser.GetAsync("/Users");
        var next = first.Document.QuerySelector("[data-testid='next-page']")?.GetAttribute("href");
        Assert.NotNull(next);
        var second = await browser.GetAsync(next);

        string[] Names(Page page) => [.. page.Document.QuerySelectorAll("[data-testid='users'] tbody .username").Select(c => c.TextContent.Trim())];
        Assert.Equal(20, Names(first).Length);
        Assert.Equal(2, Names(second).Length);
        Assert.Equal(22, Names(first).Concat(Names(second)).Distinct().Count());
        Assert.Null(second.TestId("next-page"));
        Assert.NotNull(second.TestId("first-page"));
        Assert.Contains("PaginationToken", Panel(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAwsModeTheProfileHasNoLocalCommandAndAnAdminStillListsUsers()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        var data = Directory.CreateTempSubdirectory("cognitodemo-users-aws-mode-").FullName;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var aws = new AwsModeApp(emulatorUrl, new Dictionary<string, string?>
        {
            ["Cognito:IdentityPoolId"] = new CognitoDemo.LocalCognito.IdentityPools.DefaultIdentityPoolOptions().IdentityPoolId,
        });
        using var browser = aws.Browser();
        var (username, email) = await browser.SignedInUserAsync(aws);
        await AwsMode.AddToGroupAsync(emulatorUrl, username);

        var profile = await browser.GetAsync("/Profile");
        var refreshed = await browser.SubmitAsync(profile, new Dictionary<string, string>(), "form[action*='handler=Refresh']");
        var users = await browser.GetAsync("/Users");

        Assert.Null(profile.TestId("add-to-admins-command"));
        Assert.Null(profile.TestId("join-admins"));
        Assert.Equal("admins", refreshed.TestId("groups"));
        Assert.Contains(users.Document.QuerySelectorAll("[data-testid='users'] tbody .username"), c => c.TextContent.Trim() == username);
        Assert.Contains(email, users.TestId("users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedOutVisitorIsSentToSignInFromUsers()
    {
        using var browser = app.Browser();

        var page = await browser.GetAsync("/Users");

        Assert.Equal("/Account/SignIn", page.Path);
    }
}
