using System.Text.RegularExpressions;
using CognitoDemo.Web.Pages.Credentials;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>What the pages teach beside the calls: the guided path, the tokens explained, the credentials usable, the mailbox at hand.</summary>
public sealed class TeachingPagesTests(CognitoDemoApp app) : IClassFixture<CognitoDemoApp>
{
    private static string[] Steps(Page page) =>
        page.Document.QuerySelectorAll("[data-testid='guided-path'] > li > a").Select(a => a.TextContent.Trim()).ToArray();

    private static string[] DoneSteps(Page page) =>
        page.Document.QuerySelectorAll("[data-testid='guided-path'] > li.done > a").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public async Task AnonymousHomeShowsTheJourneyAsNumberedLinkedSteps()
    {
        using var browser = app.Browser();

        var home = await browser.GetAsync("/");

        Assert.Equal(
            ["Sign up", "Get the code from the mailbox", "Confirm the account", "Sign in", "See your profile", "Read your tokens",
             "Get AWS credentials", "Sign in with the Hosted UI", "Sign out"], Steps(home));
        Assert.Equal("OL", home.Document.QuerySelector("[data-testid='guided-path']")!.TagName);
        Assert.Equal(new Uri(app.LocalCognitoUrl, "/mailbox").ToString(),
            home.Document.QuerySelectorAll("[data-testid='guided-path'] a")[1].GetAttribute("href"));
        Assert.Empty(DoneSteps(home));
        Assert.Null(home.TestId("signed-in-as"));
    }

    [Fact]
    public async Task SignedInHomeSaysWhoTheUserIsMarksWhatThisSessionDidAndPointsAtTheNextStep()
    {
        using var browser = app.Browser();
        var (username, email) = await browser.SignedInUserAsync(app);

        var home = await browser.GetAsync("/");
        Assert.Equal($"You are signed in as {username} ({email}). Next: See your profile.",
            Regex.Replace(home.TestId("signed-in-as")!, @"\s+", " "));
        Assert.Equal(["Sign up", "Get the code from the mailbox", "Confirm the account", "Sign in"], DoneSteps(home));

        await browser.GetAsync("/Profile");
        await browser.GetAsync("/Tokens");
        home = await browser.GetAsync("/");
        Assert.Equal(["Sign up", "Get the code from the mailbox", "Confirm the account", "Sign in", "See your profile", "Read your tokens"],
            DoneSteps(home));
        Assert.Equal("Get AWS credentials", home.Document.QuerySelector("[aria-current='step'] > a")?.TextContent);
    }

    [Fact]
    public async Task TokensPageExplainsTheHeaderEveryClaimTheTimesAndTheRefreshToken()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);

        var page = await browser.GetAsync("/Tokens");

        var header = page.TestId("id-token-header")!;
        Assert.Matches(@"alg RS256, kid \S+\. That is key 1 of the \d+ in the pool's JWKS", Regex.Replace(header, @"\s+", " "));
        var rows = page.Document.QuerySelectorAll("table.claims")[0].QuerySelectorAll("tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent, r => (Value: r.Children[1].TextContent, Meaning: r.Children[2].TextContent));
        foreach (var claim in (string[])["sub", "cognito:username", "token_use", "auth_time", "origin_jti", "event_id", "aud", "custom:location"])
        {
            Assert.True(rows.ContainsKey(claim), claim);
            Assert.NotEqual("not explained", rows[claim].Meaning);
        }

        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(in 59 minutes\), \d+$", rows["exp"].Value);
        Assert.Contains("scope", page.Document.QuerySelectorAll("table.claims")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("not decoded", page.TestId("refresh-token"), StringComparison.Ordinal);
        Assert.Equal("not explained", Pages.Tokens.ClaimMeanings.For("x-something-new"));
    }

    [Fact]
    public async Task CredentialsPageExportsTheCredentialsFourWaysAndExplainsTheRole()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Credentials");
        var id = page.TestId("access-key-id")!;
        var secret = page.TestId("secret-key")!;

        var exports = page.Document.QuerySelector("[data-export]")!;
        Assert.True(exports.HasAttribute("hidden"), "the exports hold the secret: hidden until Reveal");
        var shell = exports.QuerySelector("#export-shell")!.TextContent.Split('\n');
        Assert.Equal($"export AWS_ACCESS_KEY_ID={id}", shell[0]);
        Assert.Equal($"export AWS_SECRET_ACCESS_KEY={secret}", shell[1]);
        Assert.StartsWith("export AWS_SESSION_TOKEN=", shell[2], StringComparison.Ordinal);
        Assert.Contains($"$env:AWS_SECRET_ACCESS_KEY=\"{secret}\"", exports.QuerySelector("#export-powershell")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("[cognito-demo]\naws_access_key_id = " + id, exports.QuerySelector("#export-profile")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("new Amazon.Runtime.SessionAWSCredentials(", exports.QuerySelector("#export-csharp")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, page.Document.QuerySelectorAll("button[data-copy-from]").Length);

        var proved = await browser.SubmitAsync(page, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");
        Assert.Equal("CognitoDemoAuthenticatedRole", proved.TestId("assumed-role"));
        Assert.Contains("cognito-identity.amazonaws.com:amr: authenticated", proved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTrustPolicyExcerptIsTheTemplatesOwn()
    {
        static string Normal(string text) => string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

        Assert.Contains(Normal(CredentialExports.TrustPolicyExcerpt),
            Normal(File.ReadAllText(Path.Combine(Repository.Root, "infra", "cognito-demo.yaml"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmAndResetShowTheNewestMailboxMessageToThatUser()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser("mailbox");
        var confirm = await browser.SignUpAsync(username, email);
        var code = await app.LatestCodeAsync(email);

        Assert.Equal("/Account/Confirm", confirm.Path);
        Assert.Equal(code, confirm.TestId("mailbox-code"));
        Assert.Contains(email, confirm.Document.QuerySelector("section.mailbox-box")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await browser.GetAsync("/Account/Confirm?username=someone-else")).TestId("mailbox-code"));

        await browser.ConfirmAsync(app, username, email);
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        var reset = await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Username"] = username });
        Assert.Equal("/Account/ResetPassword", reset.Path);
        var resetCode = await app.LatestCodeAsync(email);
        Assert.NotEqual(code, resetCode);
        Assert.Equal(resetCode, reset.TestId("mailbox-code"));
    }

    [Fact]
    public async Task AwsModeShowsNoMailboxBox()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-aws-mailbox-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var awsApp = new AwsModeApp(emulatorUrl);
        using var browser = awsApp.Browser();
        var (username, email) = Journeys.NewUser("aws");

        var confirm = await browser.SignUpAsync(username, email);

        Assert.Equal("/Account/Confirm", confirm.Path);
        Assert.Null(confirm.Document.QuerySelector("section.mailbox-box"));
        Assert.DoesNotContain(await awsApp.LatestCodeAsync(email), confirm.Html, StringComparison.Ordinal);
    }
}
