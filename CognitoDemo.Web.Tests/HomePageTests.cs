using AngleSharp.Html.Parser;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

public sealed class HomePageTests(CognitoDemoApp app) : IClassFixture<CognitoDemoApp>
{
    [Fact]
    public async Task HomePageSaysWhatTheDemoIsAndWhichCognitoCallEachStepMakes()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Cognito demonstration Web app", document.QuerySelector("h1")?.TextContent);
        Assert.Null(document.QuerySelector("[data-testid='configuration-problems']"));
        var calls = document.QuerySelectorAll("table.calls tbody tr")
            .ToDictionary(r => r.Children[0].TextContent, r => r.Children[1].TextContent);
        Assert.Contains("SignUp", calls["Sign up with a location"], StringComparison.Ordinal);
        Assert.Contains("USER_SRP_AUTH", calls["Sign in"], StringComparison.Ordinal);
        Assert.Contains("GetCredentialsForIdentity", calls["Get temporary AWS credentials"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPageSaysLocalCognitoIsInUseAndLinksTheMailbox()
    {
        using var browser = app.Browser();

        var page = await browser.GetAsync("/Account/SignUp");

        Assert.Contains("Local Cognito", page.TestId("mode-banner"), StringComparison.Ordinal);
        Assert.Equal(new Uri(app.LocalCognitoUrl, "/mailbox").ToString(),
            page.Document.QuerySelector("[data-testid='mode-banner'] a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task ResponsesCarryTheSecurityHeaders()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task UnknownPageIsA404WithAFriendlyPage()
    {
        using var browser = app.Browser();

        var page = await browser.GetAsync("/no-such-page");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryTokenIsRefused()
    {
        using var client = app.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Username"] = "x", ["Input.Password"] = "y" });

        using var response = await client.PostAsync(new Uri("/Account/SignIn", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LivenessEndpointAnswersHealthy()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
