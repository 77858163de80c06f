using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// A browser on Local Cognito's Hosted UI: keeps its cookies, follows no redirect by itself, reads the
/// sign-in form's hidden inputs and posts them back like a browser would. Token calls go out as the web app.
/// </summary>
public sealed partial class HostedUiBrowser : IDisposable
{
    public const string Callback = "http://localhost:5080/signin-oidc";
    public const string SignedOut = "http://localhost:5080/";
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUhU2F6HFv3JwrZpmQ8nJ1aB2cD3eF4gH5iJ6kL7mN8";

    private readonly LocalCognitoApp _app;
    private readonly HttpClient _browser;

    public HostedUiBrowser(LocalCognitoApp app)
    {
        _app = app;
        _browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string AuthorizeUrl(string state = "state-1", string? nonce = "nonce-1", string redirectUri = Callback,
        string scope = "openid email profile", string? challenge = null, string method = "S256",
        string clientId = LocalCognitoApp.WebClientId) =>
        QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge ?? Challenge(Verifier),
            ["code_challenge_method"] = method,
        }.Where(p => p.Value is not null));

    public async Task<HttpResponseMessage> GetAsync(string url) =>
        await _browser.GetAsync(url, TestContext.Current.CancellationToken);

    /// <summary>Follows the authorize redirect to the form and returns the sign-in page's HTML.</summary>
    public async Task<string> OpenLoginAsync(string authorizeUrl)
    {
        using var authorize = await GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var login = authorize.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?", login, StringComparison.Ordinal);
        using var page = await GetAsync(login);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Submits the form on the page with these credentials; every hidden input goes back as it came.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string username, string password, bool withAntiforgery = true)
    {
        var fields = HiddenInputs(page);
        if (!withAntiforgery)
        {
            fields.Remove("__RequestVerificationToken");
        }

        fields["username"] = username;
        fields["password"] = password;
        using var content = new FormUrlEncodedContent(fields);
        return await _browser.PostAsync("/login", content, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts these fields as a form to a Hosted UI page, with the browser's cookies.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _browser.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    /// <summary>Authorize, sign in on the form, and return the redirect the browser is sent to.</summary>
    public async Task<Uri> SignInAsync(string username, string password = Users.Password, string? authorizeUrl = null)
    {
        var page = await OpenLoginAsync(authorizeUrl ?? AuthorizeUrl());
        using var response = await SubmitAsync(page, username, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.Headers.Location!;
    }

    public static Dictionary<string, string> Query(Uri redirect) =>
        QueryHelpers.ParseQuery(redirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public static Dictionary<string, string> HiddenInputs(string page) =>
        HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    /// <summary>POST /oauth2/token as the web app (client_secret_basic unless a secret goes in the body).</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(Dictionary<string, string> form,
        string? basicSecret = LocalCognitoApp.WebClientSecret) =>
        await PostJsonAsync("/oauth2/token", form, basicSecret);

    public Task<(HttpStatusCode Status, JsonObject Body)> RedeemAsync(string code, string verifier = Verifier,
        string? basicSecret = LocalCognitoApp.WebClientSecret) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Callback,
            ["code_verifier"] = verifier,
        }, basicSecret);

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostJsonAsync(string path, Dictionary<string, string> form, string? basicSecret)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basicSecret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalCognitoApp.WebClientId}:{basicSecret}")));
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public void Dispose() => _browser.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
