using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>The user journeys in headless Chromium, against the app and Local Cognito on real ports.</summary>
public sealed class JourneyTests(ChromiumFixture chromium, BrowserApp app) : BrowserTest(chromium, app), IClassFixture<BrowserApp>
{
    private const string Password = "correct horse";

    private async Task<(string Username, string Email)> SignedUpAndConfirmedAsync(string location = "Lisbon")
    {
        var (username, email) = Journeys.NewUser("browser");
        await new SignUpPage(Page).SignUpAsync(username, email, Password, location);
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Confirm"));
        var code = await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email);
        await new ConfirmPage(Page).ConfirmAsync(username, code);
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmed");
        return (username, email);
    }

    [Fact]
    public async Task SignUpWithLocationConfirmFromTheMailboxSignInAndEditTheLocation()
    {
        var (username, _) = await SignedUpAndConfirmedAsync("Lisbon");
        await new SignInPage(Page).SignInAsync(username, Password);
        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();

        var profile = new ProfilePage(Page);
        await profile.OpenAsync();
        Assert.Equal("Lisbon", await profile.ValueOfAsync("Location"));

        await profile.ChangeLocationAsync("Porto");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your location is updated.");
        Assert.Equal("Porto", await profile.ValueOfAsync("Location"));
        Assert.Equal("Porto", await profile.ValueOfAsync("Location in your session (ID token)"));
        AssertNoProblems();
    }

    [Fact]
    public async Task CredentialsPageMasksTheSecretCountsDownAndWhoAmIShowsTheRole()
    {
        var (username, _) = await SignedUpAndConfirmedAsync();
        await new SignInPage(Page).SignInAsync(username, Password);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "AWS credentials" }).ClickAsync();

        var main = Page.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync("GetCredentialsForIdentity");
        var accessKey = Page.GetByRole(AriaRole.Definition).Filter(new() { HasText = "ASIA" }).First;
        await Expect(accessKey).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("ASIA[A-Z0-9]{16}"));

        var reveal = Page.GetByRole(AriaRole.Button, new() { Name = "Reveal" });
        var secretRow = Page.GetByRole(AriaRole.Definition).Filter(new()
        {
            Has = Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Reveal|Hide)$") }),
        });
        // innerText: what is visible, not the hidden element's text.
        var visible = new LocatorAssertionsToContainTextOptions { UseInnerText = true };
        await Expect(secretRow).ToContainTextAsync("••••••••", visible);
        await Expect(secretRow).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex("[A-Za-z0-9/+]{40}"), visible);
        await reveal.ClickAsync();
        var hide = Page.GetByRole(AriaRole.Button, new() { Name = "Hide" });
        await Expect(hide).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(secretRow).Not.ToContainTextAsync("••••••••", visible);
        await Expect(secretRow).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[A-Za-z0-9/+]{40}"), visible);

        // The live countdown ("59:58 left") goes down while the page is open.
        var countdown = Page.GetByRole(AriaRole.Definition).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d+:\d\d left") });
        var first = SecondsLeft(await countdown.InnerTextAsync());
        // Read as one piece, "(59:58 left)": no stray spaces inside the parentheses.
        Assert.Matches(@"\(\d+:\d\d left\)", await countdown.InnerTextAsync());
        await Expect(countdown).Not.ToContainTextAsync(SecondsText(first));
        Assert.True(SecondsLeft(await countdown.InnerTextAsync()) < first);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Who am I?" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "sts:GetCallerIdentity says" }))
            .ToContainTextAsync("arn:aws:sts::000000000000:assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials");
        AssertNoProblems();
    }

    private static int SecondsLeft(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"(\d+):(\d\d) left");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60)
               + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string SecondsText(int seconds) =>
        $"{seconds / 60}:{(seconds % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)} left";

    [Fact]
    public async Task HostedUiSignInAndSignOutEndTheSessionAtCognitoToo()
    {
        var (username, _) = await SignedUpAndConfirmedAsync("Faro");
        await new SignInPage(Page).OpenAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the Hosted UI" }).ClickAsync();

        // Cognito's own page, on Local Cognito's port.
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($":{App.LocalCognitoUrl.Port}/login"));
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();
        var profile = new ProfilePage(Page);
        await profile.OpenAsync();
        Assert.Equal("Faro", await profile.ValueOfAsync("Location"));

        await Header.SignOut(Page).ClickAsync();
        await Expect(Page).ToHaveURLAsync(App.Url.ToString());
        await new SignInPage(Page).OpenAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the Hosted UI" }).ClickAsync();
        await Expect(Page.GetByLabel("Password")).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task TokensPageShowsBothTokensAndRefreshNowChangesTheExpiry()
    {
        var (username, _) = await SignedUpAndConfirmedAsync();
        await new SignInPage(Page).SignInAsync(username, Password);
        var tokens = new TokensPage(Page);
        await tokens.OpenAsync();
        await Expect(tokens.IdClaims).ToContainTextAsync("token_use");
        await Expect(tokens.AccessClaims).ToContainTextAsync("aws.cognito.signin.user.admin");
        var before = await tokens.IdTokenExpiryAsync();

        App.Time.Advance(TimeSpan.FromMinutes(3));
        await tokens.RefreshNow.ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("New ID and access tokens were issued.");
        Assert.NotEqual(before, await tokens.IdTokenExpiryAsync());
        AssertNoProblems();
    }

    [Fact]
    public async Task SignOutThenAProtectedPageSendsTheBrowserToSignIn()
    {
        var (username, _) = await SignedUpAndConfirmedAsync();
        await new SignInPage(Page).SignInAsync(username, Password);

        await Header.SignOut(Page).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out");
        await Page.GotoAsync("/Profile");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/SignIn\\?ReturnUrl=%2FProfile"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task ForgotPasswordCodeFromTheMailboxResetsThePassword()
    {
        var (username, email) = await SignedUpAndConfirmedAsync();
        await Page.GotoAsync("/Account/ForgotPassword");
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send a reset code" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/ResetPassword"));
        var resetUrl = Page.Url;

        var code = await new MailboxPage(Page, App.LocalCognitoUrl).LatestCodeAsync(email);
        await Page.GotoAsync(resetUrl);
        await Page.GetByLabel("Code").FillAsync(code);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("a brand new one");
        await Page.GetByLabel("Confirm new password").FillAsync("a brand new one");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        await new SignInPage(Page).SignInAsync(username, "a brand new one");
        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task WrongPasswordIsGenericAndFiveWrongPasswordsLockTheUserOut()
    {
        var (username, _) = await SignedUpAndConfirmedAsync();
        var signIn = new SignInPage(Page);

        await signIn.SignInAsync(username, "wrong 0");
        await Expect(signIn.Alert).ToHaveTextAsync("Incorrect username or password.");
        for (var i = 1; i < 5; i++)
        {
            await signIn.SignInAsync(username, "wrong " + i);
        }

        await signIn.SignInAsync(username, Password);
        await Expect(signIn.Alert).ToContainTextAsync("Too many failed attempts");
        AssertNoProblems();
    }

    [Fact]
    public async Task PasswordChecklistTicksAsOneTypesAndTheToggleShowsThePassword()
    {
        var signUp = new SignUpPage(Page);
        await signUp.OpenAsync();
        var length = signUp.Rule("At least 8 characters");
        await Expect(length).ToHaveAttributeAsync("data-met", "false");

        await signUp.Password.PressSequentiallyAsync("1234567");
        await Expect(length).ToHaveAttributeAsync("data-met", "false");
        await Expect(length).ToContainTextAsync("At least 8 characters: not met yet");
        await signUp.Password.PressSequentiallyAsync("8");
        await Expect(length).ToHaveAttributeAsync("data-met", "true");
        await Expect(length).ToContainTextAsync("At least 8 characters: met");

        await Expect(signUp.Password).ToHaveAttributeAsync("type", "password");
        await signUp.ShowPassword.ClickAsync();
        await Expect(signUp.Password).ToHaveAttributeAsync("type", "text");
        await Expect(signUp.HidePassword).ToHaveAttributeAsync("aria-pressed", "true");
        await signUp.HidePassword.ClickAsync();
        await Expect(signUp.Password).ToHaveAttributeAsync("type", "password");
        AssertNoProblems();
    }

    [Fact]
    public async Task SignInWithTheKeyboardAlone()
    {
        var (username, _) = await SignedUpAndConfirmedAsync();
        await new SignInPage(Page).OpenAsync();

        // The username field has focus on arrival; Tab moves to the password, Enter submits.
        await Page.Keyboard.TypeAsync(username);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Header.SignOut(Page)).ToBeVisibleAsync();
        AssertNoProblems();
    }
}
