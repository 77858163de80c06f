using System.Text.RegularExpressions;
using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// The "Cognito calls" panel in Chromium along sign-up → confirm → SRP sign-in → profile → tokens →
/// credentials: on each page it names the right operations and shows no password, JWT, secret key or
/// code; beside the content on a desktop, below it (collapsed) on a phone. Screenshots of both go to
/// <c>artifacts/screenshots/</c>.
/// </summary>
public abstract partial class CognitoCallsPanelTests(ChromiumFixture chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    private const string Password = "correct horse";

    public static readonly string ScreenshotFolder = Path.Combine(Repository.Root, "artifacts", "screenshots");

    protected abstract bool IsWide { get; }

    private ILocator Panel => Page.GetByRole(AriaRole.Region, new() { Name = "Cognito calls", Exact = true });

    [Fact]
    public async Task EachPageOfTheJourneyShowsItsCallsRedactedAndTheExportsAfterReveal()
    {
        var secrets = new List<string> { Password };
        var (username, email) = Journeys.NewUser("panel");
        await new SignUpPage(Page).SignUpAsync(username, email, Password, "Lisbon");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Confirm"));
        await AssertCallsAsync(["SignUp"], secrets);

        var code = await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email);
        secrets.Add(code);
        await new ConfirmPage(Page).ConfirmAsync(username, code);
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await AssertCallsAsync(["ConfirmSignUp"], secrets);

        await new SignInPage(Page).SignInAsync(username, Password);
        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();
        await AssertCallsAsync(["InitiateAuth", "RespondToAuthChallenge"], secrets);
        await Expect(Panel).ToContainTextAsync("USER_SRP_AUTH");
        await Expect(Panel).ToContainTextAsync("PASSWORD_VERIFIER");
        await Expect(Panel).ToContainTextAsync("The password itself never left the server.");
        await ScreenshotAsync("sign-in");

        await new ProfilePage(Page).OpenAsync();
        await AssertCallsAsync(["GetUser"], secrets);

        await new TokensPage(Page).OpenAsync();
        await AssertCallsAsync([], secrets);

        await Page.GotoAsync("/Credentials");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        var secretKey = (await Page.GetByTestId("secret-key").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Za-z0-9/+]{40}$", secretKey);
        secrets.Add(secretKey);
        await AssertCallsAsync(["GetUser", "GetId", "GetCredentialsForIdentity"], secrets);
        var shell = Page.GetByRole(AriaRole.Region, new() { Name = "Use them elsewhere" }).Locator("#export-shell");
        await Expect(shell).ToBeVisibleAsync();
        await Expect(shell).ToContainTextAsync(new Regex("^export AWS_ACCESS_KEY_ID=ASIA", RegexOptions.Multiline));
        await Expect(shell).ToContainTextAsync($"export AWS_SECRET_ACCESS_KEY={secretKey}");
        await Expect(shell).ToContainTextAsync(new Regex("^export AWS_SESSION_TOKEN=.+", RegexOptions.Multiline));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Who am I?" }).ClickAsync();
        await AssertCallsAsync(["GetUser", "sts:GetCallerIdentity", "GetUser"], secrets);
        await ScreenshotAsync("credentials");
        AssertNoProblems();
    }

    /// <summary>The panel names exactly these operations, holds no secret, and sits where the width says.</summary>
    private async Task AssertCallsAsync(string[] operations, IReadOnlyList<string> secrets)
    {
        await Expect(Panel).ToBeAttachedAsync();
        var names = (await Panel.Locator(".call-name a").AllTextContentsAsync()).Select(n => n.Trim()).ToArray();
        Assert.Equal(operations, names);
        await Expect(Panel.Locator("summary").First).ToHaveTextAsync(
            new Regex($"^{operations.Length} Cognito calls?, \\d+ ms$"));

        var text = await Panel.TextContentAsync() ?? "";
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(FullJwt(), text);

        var main = await Page.GetByRole(AriaRole.Main).BoundingBoxAsync();
        var panel = await Panel.BoundingBoxAsync();
        Assert.NotNull(main);
        Assert.NotNull(panel);
        if (IsWide)
        {
            // Beside: to the right of the content, starting near its top, and open.
            Assert.True(panel.X >= main.X + main.Width - 1, $"panel at x={panel.X}, content ends at {main.X + main.Width}");
            Assert.True(panel.Y < main.Y + 200, $"panel at y={panel.Y}, content at {main.Y}");
            await Expect(Panel.Locator("details.calls-panel")).ToHaveAttributeAsync("open", "");
        }
        else
        {
            // Below, collapsed to its one-line summary.
            Assert.True(panel.Y >= main.Y + main.Height - 1, $"panel at y={panel.Y}, content ends at {main.Y + main.Height}");
            await Expect(Panel.Locator("details.calls-panel")).Not.ToHaveAttributeAsync("open", "");
        }
    }

    private async Task ScreenshotAsync(string page)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, $"calls-{page}-{Viewport.Width}.png"),
            FullPage = !IsWide,
        });
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}")]
    private static partial Regex FullJwt();
}

public sealed class CognitoCallsPanelOnADesktop(ChromiumFixture chromium, BrowserApp app)
    : CognitoCallsPanelTests(chromium, app), IClassFixture<BrowserApp>
{
    protected override bool IsWide => true;

    protected override ViewportSize Viewport => new() { Width = 1280, Height = 900 };
}

public sealed class CognitoCallsPanelOnAPhone(ChromiumFixture chromium, BrowserApp app)
    : CognitoCallsPanelTests(chromium, app), IClassFixture<BrowserApp>
{
    protected override bool IsWide => false;

    protected override ViewportSize Viewport => new() { Width = 375, Height = 812 };
}
