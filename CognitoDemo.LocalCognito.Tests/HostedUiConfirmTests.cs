using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// The Hosted UI's confirmation page (issue 12): an unconfirmed user on <c>/login</c> is offered <c>/confirm</c>, where the
/// mailed code confirms the account through ConfirmSignUp and "Send a new code" goes through ResendConfirmationCode.
/// </summary>
public sealed partial class HostedUiConfirmTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();
    private readonly HostedUiBrowser _browser;

    public HostedUiConfirmTests() => _browser = new HostedUiBrowser(_app);

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task AnUnconfirmedUserOnTheFormGetsALinkToConfirmWithTheAuthorizeParameters()
    {
        await _app.SignUpAsync("kate");

        var page = await RefusedLoginAsync("kate");

        Assert.Contains("User is not confirmed.", page, StringComparison.Ordinal);
        var link = ConfirmLink(page);
        Assert.StartsWith("/confirm?", link, StringComparison.Ordinal);
        var query = HostedUiBrowser.Query(new Uri("http://localhost" + link));
        Assert.Equal("kate", query["username"]);
        Assert.Equal(LocalCognitoApp.WebClientId, query["client_id"]);
        Assert.Equal(HostedUiBrowser.Callback, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("state-1", query["state"]);
        Assert.Equal("openid email profile", query["scope"]);
    }

    [Fact]
    public async Task TheMailedCodeConfirmsAndTheUserThenSignsInAndTheClientGetsACode()
    {
        await _app.SignUpAsync("lena");
        var form = await OpenConfirmAsync("lena");
        Assert.Contains("<label for=\"code\">", form, StringComparison.Ordinal);
        Assert.Contains("lena", form, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", form, StringComparison.Ordinal);
        Assert.Contains("Send a new code", form, StringComparison.Ordinal);

        using var confirmed = await SubmitCodeAsync(form, await _app.LatestCodeAsync("lena@example.com"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var login = confirmed.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?", login, StringComparison.Ordinal);
        using var loginPage = await _browser.GetAsync(login);
        var page = await loginPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Your account is confirmed. Sign in.", page, StringComparison.Ordinal);
        Assert.Equal("state-1", HostedUiBrowser.HiddenInputs(page)["state"]);
        using var signIn = await _browser.SubmitAsync(page, "lena", Users.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var redirect = signIn.Headers.Location!;
        Assert.StartsWith(HostedUiBrowser.Callback, redirect.OriginalString, StringComparison.Ordinal);
        var (status, tokens) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(tokens["id_token"]);
    }

    [Fact]
    public async Task AWrongCodeKeepsTheFormWithTheErrorTheUsernameAndTheParameters()
    {
        await _app.SignUpAsync("mona");
        var form = await OpenConfirmAsync("mona");
        var code = await _app.LatestCodeAsync("mona@example.com");

        using var wrong = await SubmitCodeAsync(form, code == "000000" ? "111111" : "000000");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var page = await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Invalid verification code provided, please try again.", page, StringComparison.Ordinal);
        var hidden = HostedUiBrowser.HiddenInputs(page);
        Assert.Equal("mona", hidden["username"]);
        Assert.Equal("state-1", hidden["state"]);
        Assert.Equal(HostedUiBrowser.Callback, hidden["redirect_uri"]);
        Assert.Contains("href=\"/login?", page, StringComparison.Ordinal);
        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "mona" });
        Assert.Equal("UNCONFIRMED", user["UserStatus"].Text());

        using var right = await SubmitCodeAsync(page, code);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task SendANewCodeMailsANewCodeThatConfirms()
    {
        await _app.SignUpAsync("nora");
        var form = await OpenConfirmAsync("nora");
        var before = await MessagesAsync("nora@example.com");

        var fields = HostedUiBrowser.HiddenInputs(form);
        using var resent = await _browser.PostFormAsync("/resendcode", fields);

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var page = await resent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before.Count + 1, (await MessagesAsync("nora@example.com")).Count);
        Assert.Contains("We sent a new code", page, StringComparison.Ordinal);
        Assert.Equal("nora", HostedUiBrowser.HiddenInputs(page)["username"]);
        using var confirmed = await SubmitCodeAsync(page, await _app.LatestCodeAsync("nora@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Theory]
    [InlineData("/confirm?response_type=code&client_id=nosuchclient&redirect_uri=http%3A%2F%2Fevil.example%2F&username=x", "Invalid client_id")]
    [InlineData("/confirm?response_type=code&client_id=cognitodemowebclient000001&redirect_uri=http%3A%2F%2Fevil.example%2F&username=x", "redirect_mismatch")]
    public async Task InvalidAuthorizeParametersOnConfirmGetTheErrorPageNeverARedirect(string url, string error)
    {
        using var response = await _browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(error, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostedWithBadAuthorizeParametersNeverRedirectsToAnUnregisteredAddress()
    {
        await _app.SignUpAsync("olga");
        var form = await OpenConfirmAsync("olga");
        var fields = HostedUiBrowser.HiddenInputs(form);
        fields["redirect_uri"] = "http://evil.example/";
        fields["code"] = "123456";

        using var response = await _browser.PostFormAsync("/confirm", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task MalformedFormsAreRefusedWith400AndAWayBack()
    {
        await _app.SignUpAsync("pia");
        var form = await OpenConfirmAsync("pia");

        using var client = _app.CreateClient();
        using var multipart = new MultipartFormDataContent { { new StringContent("x"), "code" } };
        using var notAForm = await client.PostAsync("/confirm", multipart, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);

        foreach (var missing in new[] { "__RequestVerificationToken", "username" })
        {
            var fields = HostedUiBrowser.HiddenInputs(form);
            fields.Remove(missing);
            fields["code"] = "123456";
            using var refused = await _browser.PostFormAsync("/confirm", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("href=\"/login?", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var twice = HostedUiBrowser.HiddenInputs(form).Select(p => KeyValuePair.Create(p.Key, p.Value)).Append(KeyValuePair.Create("code", "1")).Append(KeyValuePair.Create("code", "2"));
        using var content = new FormUrlEncodedContent(twice);
        using var duplicated = await client.PostAsync("/resendcode", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, duplicated.StatusCode);
    }

    [Fact]
    public async Task AnEmptyCodeIsNamedOnTheForm()
    {
        await _app.SignUpAsync("rina");
        var form = await OpenConfirmAsync("rina");

        using var empty = await SubmitCodeAsync(form, "");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var page = await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Enter the code", page, StringComparison.Ordinal);
        Assert.Equal("rina", HostedUiBrowser.HiddenInputs(page)["username"]);
    }

    private async Task<string> RefusedLoginAsync(string username)
    {
        var login = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl());
        using var response = await _browser.SubmitAsync(login, username, Users.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string ConfirmLink(string page)
    {
        var match = ConfirmHref().Match(page);
        Assert.True(match.Success, page);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<string> OpenConfirmAsync(string username)
    {
        using var response = await _browser.GetAsync(ConfirmLink(await RefusedLoginAsync(username)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> SubmitCodeAsync(string page, string code)
    {
        var fields = HostedUiBrowser.HiddenInputs(page);
        fields["code"] = code;
        return await _browser.PostFormAsync("/confirm", fields);
    }

    private async Task<JsonArray> MessagesAsync(string email) =>
        (JsonArray)await _app.GetJsonAsync($"/mailbox/messages?to={Uri.EscapeDataString(email)}");

    [GeneratedRegex("href=\"(/confirm\\?[^\"]*)\"")]
    private static partial Regex ConfirmHref();
}
