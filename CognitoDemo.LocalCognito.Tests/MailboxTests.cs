using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

public sealed class MailboxTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task MessagesJsonHasEveryFieldForOneAddressNewestFirst()
    {
        await _app.SignUpAsync("amy");
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await _app.OkAsync("ResendConfirmationCode", new { ClientId = LocalCognitoApp.PublicClientId, Username = "amy" });
        await _app.SignUpAsync("ben");

        var messages = (JsonArray)await _app.GetJsonAsync("/mailbox/messages?to=AMY@example.com");

        Assert.Equal(2, messages.Count);
        var newest = messages[0]!;
        Assert.Equal("amy@example.com", newest["to"].Text());
        Assert.Equal("Your verification code", newest["subject"].Text());
        Assert.Contains(newest["code"].Text(), newest["body"].Text(), StringComparison.Ordinal);
        Assert.Equal(LocalCognitoApp.PoolId, newest["userPoolId"].Text());
        Assert.Equal("amy", newest["username"].Text());
        Assert.True(DateTimeOffset.Parse(newest["sentAt"].Text(), System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.Parse(messages[1]!["sentAt"].Text(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task MailboxPageListsMessagesNewestFirstAndEncodesThem()
    {
        Assert.Null((await _app.SignUpAsync("amy")).Type);
        Assert.Null((await _app.SignUpAsync("<b>ben</b>", email: "ben@example.com")).Type);

        var html = await _app.GetStringAsync("/mailbox");

        Assert.Contains("<h1>Local Cognito mailbox</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>ben", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;ben", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("ben@example.com", StringComparison.Ordinal) < html.IndexOf("amy@example.com", StringComparison.Ordinal));
        Assert.Contains(await _app.LatestCodeAsync("amy@example.com"), html, StringComparison.Ordinal);
    }
}
