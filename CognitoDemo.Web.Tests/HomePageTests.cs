using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CognitoDemo.Web.Tests;

public sealed class HomePageTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task HomePageSaysWhatTheDemoIsAndWhichCognitoCallEachStepMakes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Cognito demonstration Web app", document.QuerySelector("h1")?.TextContent);
        var calls = document.QuerySelectorAll("table.calls tbody tr")
            .ToDictionary(r => r.Children[0].TextContent, r => r.Children[1].TextContent);
        Assert.Contains("SignUp", calls["Sign up with a location"], StringComparison.Ordinal);
        Assert.Contains("USER_SRP_AUTH", calls["Sign in"], StringComparison.Ordinal);
        Assert.Contains("GetCredentialsForIdentity", calls["Get temporary AWS credentials"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPageIsA404NotAnError()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
