using System.Text;
using CognitoDemo.LocalCognito.Tests.Support;
using CsCheck;

namespace CognitoDemo.LocalCognito.Tests.Fuzz;

/// <summary>
/// The Hosted UI's OAuth 2.0 endpoints meet malformed query strings, forms and headers from a fixed seed:
/// nothing answers with a 5xx. (The OAuth error shapes themselves are the Hosted UI's own tests' business.)
/// </summary>
public sealed class OAuthFuzzTests : IDisposable
{
    private static readonly string[] Parameters =
    [
        "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "nonce",
        "grant_type", "code", "code_verifier", "refresh_token", "client_secret", "token", "logout_uri", "identity_provider",
    ];

    private readonly LocalCognitoApp _app = new();
    private readonly FuzzRun _run = new("oauth", defaultCases: 2_000);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task NoMalformedOAuthRequestIsAServerError()
    {
        using var client = _app.CreateDefaultClient();
        await _run.RunAsync(Requests(), async request =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + "?" + request.Query);
            if (request.Form is not null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Form));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            if (request.Authorization is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
            }

            using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
            _run.Count($"{request.Method} {request.Path} {(int)response.StatusCode}");
            Assert.True((int)response.StatusCode < 500,
                $"answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }, request => request.ToString());
    }

    private static Gen<OAuthRequest> Requests()
    {
        var junk = Gen.String[Gen.Char[' ', '~'], 0, 120];
        var value = Gen.OneOf(
            Gen.OneOf("", "code", "token", "openid", "S256", "plain", "authorization_code", "refresh_token", "client_credentials",
                LocalCognitoApp.WebClientId, LocalCognitoApp.PublicClientId, "http://localhost:5080/signin-oidc",
                "javascript:alert(1)", "http://evil.example/", "//evil.example", "a%0d%0aSet-Cookie:x=1"),
            junk.Select(Uri.EscapeDataString),
            Gen.Int[1, 20_000].Select(n => new string('x', n)));
        var pairs = Gen.Select(Gen.OneOf(Parameters), value, (name, v) => $"{name}={v}").Array[0, 10].Select(p => string.Join('&', p));
        var query = Gen.OneOf(pairs, junk, Gen.OneOf("&&&", "=", "a=b=c", "%", "%ZZ", "state=%ED%A0%80", "state=%00", "client_id", "client_id=a&client_id=b"));
        // Forms as broken as the queries: %-escapes of control characters and of bytes that are not UTF-8, and broken multipart bodies.
        var form = Gen.OneOf(pairs, Gen.OneOf("&&&", "=", "a=b=c", "%", "%ZZ", "state=%ED%A0%80", "state=%00", "client_id", "client_id=a&client_id=b",
            "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nrefr"));
        var endpoint = Gen.OneOf(("GET", "/oauth2/authorize"), ("GET", "/login"), ("POST", "/login"), ("POST", "/oauth2/token"),
            ("GET", "/oauth2/userInfo"), ("POST", "/oauth2/userInfo"), ("POST", "/oauth2/revoke"), ("GET", "/logout"), ("GET", "/oauth2/token"),
            ("GET", "/confirm"), ("POST", "/confirm"), ("POST", "/resendcode"));
        var authorization = Gen.OneOf(
            Gen.OneOf<string?>(null, null, "Basic", "Basic !!!", "Basic " + Convert.ToBase64String("a"u8.ToArray()),
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(LocalCognitoApp.WebClientId + ":wrong")), "Bearer", "Bearer a.b.c"),
            junk.Select(j => (string?)("Bearer " + j)));
        var contentType = Gen.OneOf("application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/json", "text/plain",
            "multipart/form-data", "multipart/form-data; boundary=x");
        return Gen.Select(endpoint, query, form, authorization, contentType,
            (e, q, f, auth, type) => new OAuthRequest(e.Item1, e.Item2, q, e.Item1 == "POST" ? f : null, type, auth));
    }

    private sealed record OAuthRequest(string Method, string Path, string Query, string? Form, string ContentType, string? Authorization)
    {
        public override string ToString() => $"{Method} {Path}?{Query} form '{Form}' ({ContentType}), Authorization '{Authorization}'";
    }
}
