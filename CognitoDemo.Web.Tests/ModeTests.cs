using CognitoDemo.LocalCognito;
using CognitoDemo.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// The app chooses its Cognito by configuration alone. These tests run it in "AWS mode" (a user pool
/// configured) against a Local Cognito started separately, against nothing at all, and misconfigured.
/// </summary>
public sealed class ModeTests
{
    [Fact]
    public async Task AwsModeAgainstASeparateEmulatorRunsTheWholeJourney()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-aws-mode-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var app = new AwsModeApp(emulatorUrl);
        using var browser = app.Browser();

        await browser.SignedInUserAsync(app);
        var home = await browser.GetAsync("/");
        var profile = await browser.GetAsync("/Profile");

        Assert.Equal("AWS — region us-west-2, user pool us-west-2_LocalPool.", home.TestId("mode-banner"));
        Assert.Equal("Lisbon", profile.TestId("location"));
    }

    [Fact]
    public async Task WithoutAHostedUiDomainTheButtonIsHiddenAndTheHomePageSaysHowToEnableIt()
    {
        await using var app = new AwsModeApp(new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/"));
        using var browser = app.Browser();

        var home = await browser.GetAsync("/");
        var signIn = await browser.GetAsync("/Account/SignIn");

        Assert.Contains("Cognito:HostedUiDomain", home.Text, StringComparison.Ordinal);
        Assert.Null(home.Document.QuerySelector("form.hosted-ui"));
        Assert.Null(signIn.Document.QuerySelector("form.hosted-ui"));
    }

    [Fact]
    public async Task WithoutAnIdentityPoolTheCredentialsPageSaysHowToConfigureOne()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-no-identity-pool-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var app = new AwsModeApp(emulatorUrl);
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Credentials");

        Assert.Contains("No identity pool is configured. Set Cognito:IdentityPoolId", page.FormErrors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CognitoUnreachableGivesAFriendlyMessageNotAnError()
    {
        await using var app = new AwsModeApp(new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/"));
        using var browser = app.Browser();

        var page = await browser.SignInAsync("anyone", "any password");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Equal("/Account/SignIn", page.Path);
        Assert.Contains("Cognito cannot be reached right now", page.FormErrors, StringComparison.Ordinal);
        Assert.Equal("anyone", page.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
    }

    [Fact]
    public void MisconfiguredPoolStopsTheAppWithEveryProblemExplained()
    {
        using var app = new AwsModeApp(new Uri("http://127.0.0.1:1/"), new Dictionary<string, string?>
        {
            ["Cognito:Region"] = "Oregon",
            ["Cognito:ClientId"] = "",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(error.Failures, f => f.Contains("Cognito:Region must be an AWS region such as 'us-west-2', but was 'Oregon'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Cognito:ClientId must be set", StringComparison.Ordinal));
    }

    [Fact]
    public void PoolInAnotherRegionStartsTheAppAndIsLoggedOnce()
    {
        var logs = new LogCapture();
        using var app = new AwsModeApp(new Uri("http://127.0.0.1:1/"), new Dictionary<string, string?> { ["Cognito:Region"] = "eu-west-2" }) { Logs = logs };

        using var client = app.CreateClient();

        Assert.Single(logs.Lines, l => l.Contains(
            "Configuration problem: Cognito:UserPoolId 'us-west-2_LocalPool' is in region us-west-2 but Cognito:Region is eu-west-2",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoolInAnotherRegionIsShownOnTheHomePageWithTheWayToDiagnostics()
    {
        await using var app = new AwsModeApp(new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/"),
            new Dictionary<string, string?> { ["Cognito:Region"] = "eu-west-2" });
        using var browser = app.Browser();

        var home = await browser.GetAsync("/");

        var problems = home.Document.QuerySelector("[data-testid='configuration-problems']");
        Assert.NotNull(problems);
        Assert.Contains("Cognito:UserPoolId 'us-west-2_LocalPool' is in region us-west-2 but Cognito:Region is eu-west-2", problems.TextContent,
            StringComparison.Ordinal);
        Assert.Equal("/diagnostics", problems.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task WrongClientSecretIsNamedOnSignInAndTheUserNameKept()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-wrong-secret-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var app = new AwsModeApp(emulatorUrl, new Dictionary<string, string?> { ["Cognito:ClientSecret"] = "notthesecretnotthesecretnotthesecret" });
        using var browser = app.Browser();

        var page = await browser.SignInAsync("anyone", "any password");

        Assert.Equal("/Account/SignIn", page.Path);
        Assert.Contains("client secret (Cognito:ClientSecret) is missing or does not match", page.FormErrors, StringComparison.Ordinal);
        Assert.Equal("anyone", page.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task SecretForAClientWithoutOneIsNamedOnSignUpAndNothingIsLost()
    {
        var emulatorUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        using var folder = new TempFolder("cognitodemo-public-client-");
        var data = folder.Path;
        await using var localCognito = await AwsMode.StartLocalCognitoAsync(emulatorUrl, Path.Combine(data, "lc.db"));
        await using var app = new AwsModeApp(emulatorUrl, new Dictionary<string, string?> { ["Cognito:ClientId"] = new DefaultPoolOptions().PublicClientId });
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var page = await browser.SignUpAsync(username, email);

        Assert.Equal("/Account/SignUp", page.Path);
        Assert.Contains("configured with a client secret, but its Cognito app client has none", page.FormErrors, StringComparison.Ordinal);
        Assert.Equal(username, page.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
        Assert.Equal(email, page.Document.QuerySelector("input[name='Input.Email']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task NoPasswordCodeOrTokenReachesTheLogs()
    {
        var logs = new LogCapture();
        await using var app = new CognitoDemoApp { Logs = logs };
        using var browser = app.Browser();
        var password = "very secret password 42";
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email, password);
        var code = await app.LatestCodeAsync(email);
        await browser.ConfirmAsync(app, username, email);
        await browser.SignInAsync(username, password);
        await browser.GetAsync("/Tokens");
        var credentials = await browser.GetAsync("/Credentials");
        var secretKey = credentials.TestId("secret-key")!;
        await browser.SubmitAsync(credentials, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(code, StringComparison.Ordinal) && !l.Contains("Mailbox", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("eyJ", StringComparison.Ordinal));
        Assert.Equal(40, secretKey.Length);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(secretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(new DefaultPoolOptions().WebClientSecret, StringComparison.Ordinal)
                                               && !l.Contains("default pool", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task LocalCognitoListeningOnEveryInterfaceIsReachedAtLocalhost()
    {
        var port = AwsMode.FreePort();
        var logs = new LogCapture();
        await using var app = new EveryInterfaceApp(port) { Logs = logs };
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var confirm = await browser.SignUpAsync(username, email);

        Assert.Equal("/Account/Confirm", confirm.Path);
        Assert.Equal($"http://localhost:{port}/mailbox", confirm.Document.QuerySelector("[data-testid='mode-banner'] a")?.GetAttribute("href"));
        Assert.Single(logs.Lines, l => l.Contains($"Local Cognito is running at http://localhost:{port}/; every code it sends is in its mailbox at http://localhost:{port}/mailbox",
            StringComparison.Ordinal));
    }

    /// <summary>As in the container: Local Cognito bound to 0.0.0.0.</summary>
    private sealed class EveryInterfaceApp(int port) : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["LocalCognito:Url"] = $"http://0.0.0.0:{port}",
        };
    }
}
