using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// The identity-pool exchange and its proof, through the real page against Local Cognito's identity
/// pool and STS (SigV4 really verified there); the STS call is made by the official AWS SDK for .NET.
/// </summary>
public sealed class CredentialsTests(CognitoDemoApp app) : IClassFixture<CognitoDemoApp>
{
    [Fact]
    public async Task SignedInUserSeesEachStepAnAsiaKeyAMaskedSecretAndTheExpiry()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);

        var page = await browser.GetAsync("/Credentials");

        Assert.Equal("cognito-idp.us-west-2.amazonaws.com/us-west-2_LocalPool", page.TestId("logins-key"));
        Assert.Matches(@"^us-west-2:[0-9a-f-]{36}$", page.TestId("identity-id"));
        Assert.Matches("^ASIA[A-Z0-9]{16}$", page.TestId("access-key-id"));
        Assert.Matches("^•+$", page.TestId("secret-masked"));
        Assert.True(page.Document.QuerySelector("[data-testid='secret-key']")!.HasAttribute("hidden"), "the secret stays hidden until revealed");
        Assert.Equal(40, page.TestId("secret-key")!.Length);
        Assert.Contains("…", page.TestId("session-token"), StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(page.Document.QuerySelector("[data-testid='expiration']")!.GetAttribute("datetime")!,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - app.Time.GetUtcNow(), TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task WhoAmIShowsTheAssumedRoleFromStsCalledWithTheCredentials()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var page = await browser.GetAsync("/Credentials");

        var proved = await browser.SubmitAsync(page, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");

        Assert.Null(proved.Document.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials", proved.TestId("caller-arn"));
        Assert.Equal("000000000000", proved.TestId("caller-account"));
        Assert.EndsWith(":CognitoIdentityCredentials", proved.TestId("caller-userid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsAreReusedUntilTheUserAsksForNewOnes()
    {
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var first = await browser.GetAsync("/Credentials");
        var again = await browser.GetAsync("/Credentials");

        var renewed = await browser.SubmitAsync(again, new Dictionary<string, string>(), "form.actions", submitter: "Get new credentials");

        Assert.Equal(first.TestId("access-key-id"), again.TestId("access-key-id"));
        Assert.Equal("New temporary credentials were issued.", renewed.StatusMessage);
        Assert.NotEqual(first.TestId("access-key-id"), renewed.TestId("access-key-id"));
        Assert.Equal(first.TestId("identity-id"), renewed.TestId("identity-id"));
    }

    [Fact]
    public async Task SignedOutVisitorIsSentToSignIn()
    {
        using var browser = app.Browser();

        var page = await browser.GetAsync("/Credentials");

        Assert.Equal("/Account/SignIn", page.Path);
    }

    [Fact]
    public async Task IdentityPoolWithoutARoleIsExplainedAsARoleOrTrustPolicyProblem()
    {
        await using var own = new CognitoDemoApp();
        using var browser = own.Browser();
        await browser.SignedInUserAsync(own);
        await AwsMode.RemoveIdentityPoolRolesAsync(own.LocalCognitoUrl, new CognitoDemo.LocalCognito.IdentityPools.DefaultIdentityPoolOptions().IdentityPoolId);

        var page = await browser.GetAsync("/Credentials");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("Invalid identity pool configuration", page.FormErrors, StringComparison.Ordinal);
        Assert.Contains("trust policy", page.FormErrors, StringComparison.Ordinal);
        Assert.Null(page.TestId("access-key-id"));
    }
}
