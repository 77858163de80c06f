using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// The journeys at their edges (issue 12): forms that post to their own handler whatever URL the page
/// was rendered at, sessions Cognito refuses, field limits, and the words on the way.
/// </summary>
public sealed class JourneyEdgeTests
{
    [Fact]
    public async Task ConfirmAfterARefusedResendChecksTheCode()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        var confirm = await browser.SignUpAsync(username, email);
        var resent = await browser.SubmitAsync(confirm, new Dictionary<string, string>(), submitter: "Send a new code");
        var refused = await browser.SubmitAsync(resent, new Dictionary<string, string>(), submitter: "Send a new code");
        Assert.Contains("Wait", refused.FormErrors, StringComparison.Ordinal);
        var sentBefore = app.MessageCount(email);

        var result = await browser.SubmitAsync(refused, new Dictionary<string, string> { ["Input.Code"] = await app.LatestCodeAsync(email) });

        Assert.Equal("/Account/SignIn", result.Path);
        Assert.Contains("confirmed", result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(sentBefore, app.MessageCount(email));
    }

    [Theory]
    [InlineData("/Account/Confirm?handler=Resend")]
    [InlineData("/Account/ResetPassword?handler=Anything")]
    [InlineData("/Account/SignIn?handler=Anything")]
    [InlineData("/Account/SignUp?handler=Anything")]
    [InlineData("/Account/ForgotPassword?handler=Anything")]
    public async Task EveryAnonymousFormPostsToItsOwnHandlerWhateverTheUrl(string url)
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();

        var page = await browser.GetAsync(url);

        var forms = page.Document.QuerySelectorAll("main form[method=post]");
        Assert.NotEmpty(forms);
        Assert.All(forms, form => Assert.DoesNotContain("handler=Anything", form.GetAttribute("action") ?? "(no action)", StringComparison.Ordinal));
        Assert.All(forms, form => Assert.False(string.IsNullOrEmpty(form.GetAttribute("action")), form.OuterHtml));
    }

    /// <summary>Signs the same user in on a second browser and signs out there: GlobalSignOut revokes every token of the user.</summary>
    private static async Task SignOutElsewhereAsync(CognitoDemoApp app, string username)
    {
        using var second = app.Browser();
        await second.SignInAsync(username);
        await second.SubmitFormAsync(await second.GetAsync("/"), "header form");
    }

    [Fact]
    public async Task ASessionSignedOutElsewhereEndsAtOnceWithItsCachedCredentials()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var keyBefore = (await browser.GetAsync("/Credentials")).TestId("access-key-id");
        Assert.StartsWith("ASIA", keyBefore, StringComparison.Ordinal);
        await SignOutElsewhereAsync(app, username);

        var profile = await browser.GetAsync("/Profile");

        Assert.Equal("/Account/SignIn", profile.Path);
        Assert.Contains("Your session ended", profile.Text, StringComparison.Ordinal);
        Assert.Null(profile.Document.QuerySelector("header form"));
        Assert.Null((await browser.GetAsync("/")).Document.QuerySelector("header form"));
        await browser.SignInAsync(username);
        Assert.NotEqual(keyBefore, (await browser.GetAsync("/Credentials")).TestId("access-key-id"));
    }

    [Fact]
    public async Task CachedCredentialsAreNotShownToASessionSignedOutElsewhere()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        await browser.GetAsync("/Credentials");
        await SignOutElsewhereAsync(app, username);

        var page = await browser.GetAsync("/Credentials");

        Assert.Equal("/Account/SignIn", page.Path);
        Assert.Contains("Your session ended", page.Text, StringComparison.Ordinal);
        Assert.Null(page.TestId("access-key-id"));
    }

    [Fact]
    public async Task RefreshNowRefusedEndsTheSessionAndIsNeverShownAsSuccess()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var tokens = await browser.GetAsync("/Tokens");
        await SignOutElsewhereAsync(app, username);

        var page = await browser.SubmitAsync(tokens, new Dictionary<string, string>());

        Assert.Equal("/Account/SignIn", page.Path);
        Assert.Contains("Your session ended", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("header form"));
        Assert.DoesNotContain(page.Document.QuerySelectorAll(".status:not(.warning)"), e => e.TextContent.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARedirectToSignInSaysWhy()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();

        var page = await browser.GetAsync("/Profile");

        Assert.Equal("/Account/SignIn", page.Path);
        Assert.Equal("Sign in to see your profile.", page.TestId("sign-in-reason"));
    }

    [Fact]
    public async Task ConfirmingAnAlreadyConfirmedAccountIsInformationWithAWayToSignIn()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        var confirm = await browser.GetAsync($"/Account/Confirm?username={username}");
        var code = await app.LatestCodeAsync(email);
        await browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Input.Code"] = code });

        var again = await browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Input.Code"] = code });

        Assert.Equal("/Account/SignIn", again.Path);
        Assert.Equal("This account is already confirmed. Sign in below.", again.StatusMessage);
        Assert.Equal("", again.FormErrors);
    }

    [Fact]
    public async Task InvalidFieldsAreMarkedAndDescribedByTheirMessage()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();

        var page = await browser.SubmitAsync(await browser.GetAsync("/Account/SignUp"), new Dictionary<string, string>
        {
            ["Input.Username"] = "",
            ["Input.Email"] = "not an address",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
            ["Input.Location"] = "Lisbon",
        });

        foreach (var field in (string[])["Input.Username", "Input.Email", "Input.Password"])
        {
            var input = page.Document.QuerySelector($"input[name='{field}']")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            var described = (input.GetAttribute("aria-describedby") ?? "").Split(' ').Select(id => page.Document.GetElementById(id)?.TextContent.Trim()).ToList();
            Assert.Contains(page.FieldError(field), described);
        }

        Assert.Null(page.Document.QuerySelector("input[name='Input.Location']")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task SendAnotherCodeOnResetKeepsTheUsername()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();

        var page = await browser.GetAsync("/Account/ResetPassword?username=someone");

        var link = page.Document.QuerySelectorAll("main a").First(a => a.TextContent.Trim() == "Send another code");
        var forgot = await browser.GetAsync(link.GetAttribute("href")!);
        Assert.Equal("someone", forgot.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task WhoAmIIsPostRedirectGetSoAReloadDoesNotPostAgain()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var credentials = await browser.GetAsync("/Credentials");

        var page = await browser.SubmitAsync(credentials, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");

        Assert.Equal("/Credentials", page.Path);
        Assert.Equal("", page.Url.Query);
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials", page.TestId("caller-arn"));
        Assert.Null((await browser.GetAsync("/Credentials")).TestId("caller-arn"));
    }

    [Fact]
    public async Task WhereTheCodeWentAndWhereToReadItAreTwoSentences()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var confirm = await browser.SignUpAsync(username, email);

        var lead = System.Text.RegularExpressions.Regex.Replace(confirm.Document.QuerySelector("main .lead")!.TextContent, @"\s+", " ");
        Assert.Matches(@"\*\*\*\. In local mode", lead);
    }
}
