using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Calls;
using CognitoDemo.Web.Tests.Browser;
using CognitoDemo.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// The "Cognito calls" panel: what each page asked Cognito, recorded in the HTTP pipeline, carried across
/// a redirect, and redacted. The redaction test feeds every operation's real request and answer (taken
/// off the wire under the recorder) through the redactor and looks for every secret in what comes out.
/// </summary>
public sealed partial class CognitoCallsTests
{
    private const string Password = "correct horse";
    private const string NewPassword = "a brand new one";
    private const string LocalClientSecret = "localcognitodemosecretnotforproductionuse000000001";

    /// <summary>The real Kestrel app, with a handler under the recorder that keeps the raw exchanges.</summary>
    private sealed class CapturingApp : BrowserApp
    {
        // Field initialisers run before the base constructor starts the server (and calls ConfigureWebHost).
        public ConcurrentQueue<RawExchange> Raw { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddHttpClient<UserPoolClient>().AddHttpMessageHandler(() => new CaptureHandler(Raw));
                services.AddHttpClient<IdentityPoolClient>().AddHttpMessageHandler(() => new CaptureHandler(Raw));
                services.AddHttpClient(RecordingAwsHttpClientFactory.ClientName).AddHttpMessageHandler(() => new CaptureHandler(Raw));
                services.AddHttpClient(CallsSetup.HostedUiBackchannel).AddHttpMessageHandler(() => new CaptureHandler(Raw));
            });
        }
    }

    public sealed record RawExchange(HttpRequestMessage Request, string RequestBody, string? RequestType, string ResponseBody, string? ResponseType);

    private sealed class CaptureHandler(ConcurrentQueue<RawExchange> raw) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            raw.Enqueue(new RawExchange(request, body, request.Content?.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType));
            return response;
        }
    }

    private static Support.Browser BrowserFor(BrowserApp app) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.Url });

    private static string Panel(Page page) =>
        page.Document.QuerySelector("section[aria-label='Cognito calls']")?.TextContent
        ?? throw new InvalidOperationException($"{page.Path} has no Cognito calls region");

    private static string[] Operations(Page page) =>
        page.Document.QuerySelectorAll("section[aria-label='Cognito calls'] .call-name a").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public async Task SrpSignInShowsBothStepsOnThePageTheUserLandsOnWithTheSrpNote()
    {
        await using var app = new BrowserApp();
        using var browser = BrowserFor(app);
        var (username, email) = Journeys.NewUser("calls");
        var confirm = await browser.SignUpAsync(username, email);
        Assert.Equal(["SignUp"], Operations(confirm));

        var signIn = await browser.ConfirmAsync(app, username, email);
        Assert.Equal("/Account/SignIn", signIn.Path);
        Assert.Equal(["ConfirmSignUp"], Operations(signIn));

        var home = await browser.SignInAsync(username, Password);
        Assert.Equal("/", home.Path);
        Assert.Equal(["InitiateAuth", "RespondToAuthChallenge"], Operations(home));
        var panel = Panel(home);
        Assert.Contains("USER_SRP_AUTH", panel, StringComparison.Ordinal);
        Assert.Contains("PASSWORD_VERIFIER", panel, StringComparison.Ordinal);
        Assert.Contains("The password itself never left the server.", panel, StringComparison.Ordinal);
        Assert.Contains("var initiated = await client.InitiateAuthAsync(new InitiateAuthRequest", panel, StringComparison.Ordinal);
        Assert.Equal("2 Cognito calls", Regex.Match(home.TestId("calls-summary")!, @"^\d+ Cognito calls").Value);
        Assert.Equal("https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html",
            home.Document.QuerySelector(".call-name a")!.GetAttribute("href"));

        // Shown once: the next page has only its own calls.
        var profile = await browser.GetAsync("/Profile");
        Assert.Equal(["GetUser"], Operations(profile));
        var credentials = await browser.GetAsync("/Credentials");
        Assert.Equal(["GetUser", "GetId", "GetCredentialsForIdentity"], Operations(credentials));
        var proved = await browser.SubmitAsync(credentials, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?");
        Assert.Equal(["GetUser", "sts:GetCallerIdentity", "GetUser"], Operations(proved));
        Assert.Equal("https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
            proved.Document.QuerySelectorAll(".call-name a")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task EveryOperationsRealRequestAndAnswerLeaveTheRedactorWithoutASecret()
    {
        await using var app = new CapturingApp();
        using var browser = BrowserFor(app);
        var (username, email) = Journeys.NewUser("redact");
        var pages = new List<Page>();

        pages.Add(await browser.SignUpAsync(username, email));
        var confirm = await browser.GetAsync($"/Account/Confirm?username={username}");
        pages.Add(await browser.SubmitAsync(confirm, new Dictionary<string, string>(), submitter: "Send a new code"));
        pages.Add(await browser.ConfirmAsync(app, username, email));
        pages.Add(await browser.SignInAsync(username, Password));
        var profile = await browser.GetAsync("/Profile");
        pages.Add(profile);
        pages.Add(await browser.SubmitAsync(profile, new Dictionary<string, string> { ["Input.Location"] = "Porto" }));
        var tokens = await browser.GetAsync("/Tokens");
        pages.Add(await browser.SubmitAsync(tokens, new Dictionary<string, string>()));
        var credentials = await browser.GetAsync("/Credentials");
        pages.Add(credentials);
        pages.Add(await browser.SubmitAsync(credentials, new Dictionary<string, string>(), "form.actions", submitter: "Who am I?"));
        var change = await browser.GetAsync("/Account/ChangePassword");
        pages.Add(await browser.SubmitAsync(change, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        }));
        pages.Add(await browser.SubmitFormAsync(await browser.GetAsync("/"), "header form"));
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        var reset = await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Username"] = username });
        pages.Add(reset);
        pages.Add(await browser.SubmitAsync(reset, new Dictionary<string, string>
        {
            ["Input.Code"] = await app.LatestCodeAsync(email), ["Input.NewPassword"] = Password, ["Input.ConfirmPassword"] = Password,
        }));
        // The Hosted UI's /oauth2/token through the OpenID Connect handler's backchannel.
        var login = await browser.SubmitAsync(await browser.GetAsync("/Account/SignIn"), new Dictionary<string, string>(), "form.hosted-ui");
        var landed = await browser.SubmitByLabelsAsync(login, new Dictionary<string, string> { ["Username"] = username, ["Password"] = Password });
        Assert.Equal(["/oauth2/token"], Operations(landed));
        Assert.Equal("https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html",
            landed.Document.QuerySelector(".call-name a")!.GetAttribute("href"));
        pages.Add(landed);
        var delete = await browser.GetAsync("/Profile/Delete");
        pages.Add(await browser.SubmitAsync(delete, new Dictionary<string, string> { ["Input.ConfirmUsername"] = username }));

        var exchanges = app.Raw.ToArray();
        var named = exchanges.Select(e => CallRecordingHandler.Name(e.Request, e.RequestBody)?.Operation).ToHashSet();
        foreach (var operation in (string[])["SignUp", "ResendConfirmationCode", "ConfirmSignUp", "InitiateAuth", "RespondToAuthChallenge",
                     "GetUser", "UpdateUserAttributes", "GetId", "GetCredentialsForIdentity", "GetCallerIdentity", "ChangePassword",
                     "GlobalSignOut", "ForgotPassword", "ConfirmForgotPassword", "/oauth2/token", "DeleteUser"])
        {
            Assert.Contains(operation, named);
        }

        var secrets = SecretsIn(exchanges, await CodesSentToAsync(app, email));
        Assert.Contains(secrets, s => s.StartsWith("eyJ", StringComparison.Ordinal));
        foreach (var exchange in exchanges)
        {
            var shown = CallRedactor.Body(exchange.RequestBody, exchange.RequestType) + "\n"
                        + CallRedactor.Body(exchange.ResponseBody, exchange.ResponseType);
            AssertNoSecret(shown, secrets, exchange.Request.RequestUri + " " + exchange.RequestBody[..Math.Min(60, exchange.RequestBody.Length)]);
        }

        foreach (var page in pages)
        {
            Assert.NotEmpty(Operations(page));
            AssertNoSecret(Panel(page), secrets, page.Path);
        }
    }

    [Fact]
    public async Task ARedirectsCallsAreShownOnceAndOnlyToTheBrowserThatMadeThem()
    {
        await using var app = new CognitoDemoApp();
        using var maker = new Support.Browser(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost/"),
        }));
        using var stranger = app.Browser();
        var (username, email) = Journeys.NewUser("carry");

        var redirect = await maker.SignUpAsync(username, email);
        Assert.Equal(HttpStatusCode.Redirect, redirect.Status);

        Assert.Empty(Operations(await stranger.GetAsync("/Account/Confirm")));
        Assert.Equal(["SignUp"], Operations(await maker.GetAsync($"/Account/Confirm?username={username}")));
        Assert.Empty(Operations(await maker.GetAsync($"/Account/Confirm?username={username}")));
    }

    [Fact]
    public void EveryQuotedLineOfCodeIsInItsFile()
    {
        foreach (var (operation, source) in CallCatalog.Sources)
        {
            var lines = File.ReadAllLines(Path.Combine(Repository.Root, source.File)).Select(l => l.Trim());
            Assert.True(lines.Contains(source.Code), $"{operation}: '{source.Code}' is not a line of {source.File}");
        }
    }

    [Theory]
    [InlineData("{\"Password\":\"hunter2hunter2\",\"Username\":\"ann\"}", "hunter2hunter2", "ann")]
    [InlineData("{\"ChallengeResponses\":{\"NEW_PASSWORD\":\"n3w password\",\"SECRET_HASH\":\"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=\"}}",
        "n3w password", "abcdef…EFG= (44 chars)")]
    [InlineData("{\"Credentials\":{\"AccessKeyId\":\"ASIAABCDEFGHIJKLMNOP\",\"SecretKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}}",
        "wJalrXUtnFEMI", "ASIAABCDEFGHIJKLMNOP")]
    [InlineData("grant_type=authorization_code&code=0b1c2d3e-aaaa&client_secret=s3cr3tvalue&code_verifier=verifierverifierverifier",
        "s3cr3tvalue", "authorization_code")]
    [InlineData("{\"Unlisted\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl\"}",
        "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "(73 chars)")]
    public void RedactorHidesTheSecretAndKeepsWhatTeaches(string body, string secret, string kept)
    {
        var shown = CallRedactor.Body(body, body.StartsWith('{') ? "application/x-amz-json-1.1" : "application/x-www-form-urlencoded");

        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.Contains(kept, shown, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(string shown, IReadOnlyCollection<string> secrets, string where)
    {
        foreach (var secret in secrets)
        {
            var found = secret.All(char.IsAsciiDigit)
                ? Regex.IsMatch(shown, $"(?<![0-9]){secret}(?![0-9])")
                : shown.Contains(secret, StringComparison.Ordinal);
            Assert.False(found, $"{where}: a secret ({secret[..Math.Min(8, secret.Length)]}…, {secret.Length} chars) is shown:\n{shown}");
        }

        Assert.DoesNotMatch(FullJwt(), shown);
    }

    /// <summary>Every secret the exchanges carried: passwords, codes, JWTs, SRP numbers, hashes, keys, the client secret.</summary>
    private static HashSet<string> SecretsIn(IEnumerable<RawExchange> exchanges, IEnumerable<string> codes)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal) { Password, NewPassword, LocalClientSecret };
        secrets.UnionWith(codes);
        string[] secretNames =
        [
            "Password", "PreviousPassword", "ProposedPassword", "ConfirmationCode", "AccessToken", "IdToken", "RefreshToken",
            "REFRESH_TOKEN", "Session", "SessionToken", "SecretKey", "SECRET_HASH", "SecretHash", "SRP_A", "SRP_B", "SALT",
            "SECRET_BLOCK", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "code", "code_verifier", "client_secret",
            "access_token", "id_token", "refresh_token",
        ];
        foreach (var exchange in exchanges)
        {
            foreach (var body in new[] { exchange.RequestBody, exchange.ResponseBody })
            {
                secrets.UnionWith(FullJwt().Matches(body).Select(m => m.Value));
                if (body.TrimStart().StartsWith('{'))
                {
                    Collect(JsonDocument.Parse(body).RootElement, secretNames, secrets);
                }
                else if (body.Contains('=', StringComparison.Ordinal) && !body.TrimStart().StartsWith('<'))
                {
                    foreach (var pair in body.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && secretNames.Contains(p[0])))
                    {
                        secrets.Add(Uri.UnescapeDataString(pair[1]));
                    }
                }
            }
        }

        secrets.RemoveWhere(s => s.Length < 6);
        return secrets;
    }

    private static void Collect(JsonElement element, string[] names, HashSet<string> secrets)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (names.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String)
                {
                    secrets.Add(property.Value.GetString()!);
                }

                Collect(property.Value, names, secrets);
            }
        }
    }

    private static async Task<string[]> CodesSentToAsync(CognitoDemoApp app, string email)
    {
        using var http = new HttpClient { BaseAddress = app.LocalCognitoUrl };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"mailbox/messages?to={Uri.EscapeDataString(email)}", UriKind.Relative)));
        return document.RootElement.EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToArray();
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}")]
    private static partial Regex FullJwt();
}
