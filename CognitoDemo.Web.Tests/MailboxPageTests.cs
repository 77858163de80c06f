using CognitoDemo.Web.Tests.Browser;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests;

/// <summary>Local Cognito's mailbox page as the app's users meet it: readable on a phone, filtered by address, with a way back.</summary>
public sealed class MailboxPageTests
{
    [Fact]
    public async Task TheMailboxFitsAPhoneFiltersByAddressAndLinksBackToTheApp()
    {
        await using var app = new BrowserApp();
        using var browser = new Support.Browser(new HttpClient { BaseAddress = app.Url });
        var (alice, aliceEmail) = Journeys.NewUser("alice");
        var (bob, bobEmail) = Journeys.NewUser("bob");
        var confirm = await browser.SignUpAsync(alice, aliceEmail);
        await browser.SignUpAsync(bob, bobEmail);
        var link = confirm.Document.QuerySelectorAll("main a").First(a => a.TextContent.Contains("mailbox", StringComparison.Ordinal)).GetAttribute("href")!;

        var all = await browser.GetAsync(link);
        // The filter form is a GET form: what it sends is its fields as a query.
        var search = all.Document.QuerySelector("form[role=search]")!;
        Assert.Equal("get", search.GetAttribute("method"));
        var query = string.Join('&', search.QuerySelectorAll("input[name]").Select(i =>
            $"{i.GetAttribute("name")}={Uri.EscapeDataString(i.GetAttribute("name") == "to" ? aliceEmail : i.GetAttribute("value") ?? "")}"));
        var filtered = await browser.GetAsync(new Uri(app.LocalCognitoUrl, $"{search.GetAttribute("action")}?{query}").ToString());

        Assert.Equal("width=device-width, initial-scale=1", all.Document.QuerySelector("meta[name=viewport]")?.GetAttribute("content"));
        var back = all.Document.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Contains("Back to the app", StringComparison.Ordinal));
        Assert.Equal(confirm.Url.ToString(), back?.GetAttribute("href"));
        Assert.Contains(bobEmail, all.Text, StringComparison.Ordinal);
        Assert.Contains(aliceEmail, filtered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(bobEmail, filtered.Text, StringComparison.Ordinal);
        Assert.Contains(filtered.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == confirm.Url.ToString());
    }

    [Fact]
    public async Task TheBackLinkGoesOnlyToAnAddressAnAppClientRegistered()
    {
        await using var app = new BrowserApp();
        using var browser = new Support.Browser(new HttpClient { BaseAddress = app.Url });

        var page = await browser.GetAsync(new Uri(app.LocalCognitoUrl, "/mailbox?return=https%3A%2F%2Fevil.example%2F").ToString());

        Assert.DoesNotContain(page.Document.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("evil.example", StringComparison.Ordinal));
    }
}
