using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>Sign up, confirm and sign in through the real pages, against Local Cognito over HTTP.</summary>
public sealed class AccountJourneyTests(CognitoDemoApp app) : IClassFixture<CognitoDemoApp>
{
    [Fact]
    public async Task SignUpConfirmSignInShowsTheProfileWithTheLocation()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var afterSignUp = await browser.SignUpAsync(username, email, location: "Lisbon");
        Assert.Equal("/Account/Confirm", afterSignUp.Path);
        Assert.Contains("Enter the code we sent", afterSignUp.StatusMessage, StringComparison.Ordinal);

        var afterConfirm = await browser.ConfirmAsync(app, username, email);
        Assert.Equal("/Account/SignIn", afterConfirm.Path);
        Assert.Contains("confirmed", afterConfirm.StatusMessage, StringComparison.Ordinal);

        var afterSignIn = await browser.SignInAsync(username);
        Assert.Equal("/", afterSignIn.Path);

        var profile = await browser.GetAsync("/Profile");
        Assert.Equal(username, profile.TestId("username"));
        Assert.Equal("Lisbon", profile.TestId("location"));
        Assert.Contains(email, profile.TestId("email"), StringComparison.Ordinal);
        Assert.Contains("verified", profile.TestId("email"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f-]{36}$", profile.TestId("sub"));
    }

    [Fact]
    public async Task SignUpWithTakenUsernameShowsUsernameTaken()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);

        var again = await browser.SignUpAsync(username, "other" + email);

        Assert.Equal("/Account/SignUp", again.Path);
        Assert.Equal("That username is taken. Choose another one.", again.FieldError("Input.Username"));
    }

    [Fact]
    public async Task SignUpWithShortPasswordShowsTheRuleOnThePasswordField()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var page = await browser.SignUpAsync(username, email, password: "short");

        Assert.Equal("/Account/SignUp", page.Path);
        Assert.Contains("at least 8 characters", page.FieldError("Input.Password"), StringComparison.Ordinal);
        Assert.Equal(0, app.MessageCount(email));
    }

    [Fact]
    public async Task SignUpWithMismatchedConfirmPasswordKeepsWhatWasTyped()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var page = await browser.SignUpAsync(username, email, confirmPassword: "something else");

        Assert.Equal("The two passwords do not match.", page.FieldError("Input.ConfirmPassword"));
        Assert.Equal(username, page.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
        Assert.Equal("Lisbon", page.Document.QuerySelector("input[name='Input.Location']")?.GetAttribute("value"));
        Assert.Equal("", page.Document.QuerySelector("input[name='Input.Password']")?.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task SignUpWithInvalidEmailShowsItOnTheEmailField()
    {
        using var browser = app.Browser();
        var (username, _) = Journeys.NewUser();

        var page = await browser.SignUpAsync(username, "not-an-address");

        Assert.Equal("Enter a valid e-mail address, like name@example.com.", page.FieldError("Input.Email"));
    }

    [Fact]
    public async Task WrongCodeIsRefusedOnTheCodeField()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        var code = await app.LatestCodeAsync(email);

        var page = await browser.GetAsync($"/Account/Confirm?username={username}");
        var result = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.Code"] = code == "000000" ? "111111" : "000000" });

        Assert.Equal("/Account/Confirm", result.Path);
        Assert.Contains("code is not right", result.FieldError("Input.Code"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResendSendsANewCodeAndTheOldOneNoLongerWorks()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        var first = await app.LatestCodeAsync(email);

        var page = await browser.GetAsync($"/Account/Confirm?username={username}");
        var resent = await browser.SubmitAsync(page, new Dictionary<string, string>(), submitter: "Send a new code");

        Assert.Contains("A new code is on its way", resent.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(2, app.MessageCount(email));
        var second = await app.LatestCodeAsync(email);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ResendTwiceInARowAsksToWait()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        var page = await browser.GetAsync($"/Account/Confirm?username={username}");
        var resent = await browser.SubmitAsync(page, new Dictionary<string, string>(), submitter: "Send a new code");

        var again = await browser.SubmitAsync(resent, new Dictionary<string, string>(), submitter: "Send a new code");

        Assert.Contains("Wait", again.FormErrors, StringComparison.Ordinal);
        Assert.Equal(2, app.MessageCount(email));
    }

    [Fact]
    public async Task WrongPasswordShowsOneGenericMessage()
    {
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        using var other = app.Browser();

        var wrongPassword = await other.SignInAsync(username, "wrong password");
        var unknownUser = await other.SignInAsync("nobody" + username, "wrong password");

        Assert.Equal("/Account/SignIn", wrongPassword.Path);
        Assert.Equal("Incorrect username or password.", wrongPassword.FormErrors);
        Assert.Equal(wrongPassword.FormErrors, unknownUser.FormErrors);
    }

    [Fact]
    public async Task SignInBeforeConfirmingSendsAFreshCodeAndGoesToConfirm()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);

        var page = await browser.SignInAsync(username);

        Assert.Equal("/Account/Confirm", page.Path);
        Assert.Contains("not confirmed yet", page.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(2, app.MessageCount(email));
        Assert.Equal(username, page.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task ReturnUrlOutsideTheSiteIsIgnored()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        await browser.ConfirmAsync(app, username, email);

        var page = await browser.SignInAsync(username, returnUrl: "https://evil.example/steal");

        Assert.Equal("localhost", page.Url.Host);
        Assert.Equal("/", page.Path);
    }

    [Fact]
    public async Task LocalReturnUrlIsFollowedAfterSignIn()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        await browser.ConfirmAsync(app, username, email);

        var page = await browser.SignInAsync(username, returnUrl: "/Tokens");

        Assert.Equal("/Tokens", page.Path);
    }

    [Fact]
    public async Task TemporaryPasswordFromAnAdministratorLeadsToSetNewPasswordThenSignsIn()
    {
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        await browser.ConfirmAsync(app, username, email);
        // An administrator sets a temporary password, as AdminSetUserPassword with Permanent=false does on AWS.
        using (var admin = AwsMode.AdminClient(app.LocalCognitoUrl))
        {
            using var request = new StringContent(
                $$"""{"UserPoolId":"{{new CognitoDemo.LocalCognito.DefaultPoolOptions().UserPoolId}}","Username":"{{username}}","Password":"temporary pw","Permanent":false}""");
            request.Headers.ContentType = new("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminSetUserPassword");
            using var response = await admin.PostAsync(new Uri("/", UriKind.Relative), request, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        var challenged = await browser.SignInAsync(username, "temporary pw");
        Assert.Equal("/Account/NewPassword", challenged.Path);
        Assert.Contains(username, challenged.Text, StringComparison.Ordinal);

        var mismatched = await browser.SubmitAsync(challenged, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "my own password",
            ["Input.ConfirmPassword"] = "something else",
        });
        Assert.Equal("The two passwords do not match.", mismatched.FieldError("Input.ConfirmPassword"));

        var signedIn = await browser.SubmitAsync(mismatched, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "my own password",
            ["Input.ConfirmPassword"] = "my own password",
        });
        Assert.Equal("/", signedIn.Path);
        Assert.Equal(username, (await browser.GetAsync("/Profile")).TestId("username"));
    }

    [Fact]
    public async Task NewPasswordPageWithoutAChallengeSendsToSignIn()
    {
        using var browser = app.Browser();

        var page = await browser.GetAsync("/Account/NewPassword");

        Assert.Equal("/Account/SignIn", page.Path);
    }
}
