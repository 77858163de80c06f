using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>The Hosted UI's OAuth2 code flow over real HTTP, as a browser and the web app drive it (protocol doc 6).</summary>
public sealed class HostedUiTests : IDisposable
{
    private const string Issuer = LocalCognitoApp.PublicUrl + "/us-west-2_LocalPool";
    private readonly LocalCognitoApp _app = new();
    private readonly HostedUiBrowser _browser;

    public HostedUiTests() => _browser = new HostedUiBrowser(_app);

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }

    private async Task<JsonObject> SignedInTokensAsync(string username)
    {
        await _app.SignUpConfirmedAsync(username);
        var redirect = await _browser.SignInAsync(username);
        var (status, body) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, string? audience) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(await _app.GetStringAsync("/us-west-2_LocalPool/.well-known/jwks.json")).GetSigningKeys(),
            ValidIssuer = Issuer,
            ValidAudience = audience,
            ValidateAudience = audience is not null,
            LifetimeValidator = (_, _, _, _) => true,
        });

    private async Task<HttpResponseMessage> UserInfoAsync(string? accessToken)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth2/userInfo");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task CodeFlowWithPkceIssuesTokensWhoseIdTokenCarriesNonceAndAtHash()
    {
        var sub = await _app.SignUpConfirmedAsync("alice");
        var page = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl(state: "xyz", nonce: "n-0S6_WzA2Mj"));
        Assert.Contains("<label for=\"username\">Username</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Password</label>", page, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Sign in</button>", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"icon\" href=\"data:,\">", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace(HostedUiBrowser.Callback, "", StringComparison.Ordinal), StringComparison.Ordinal);

        using var signIn = await _browser.SubmitAsync(page, "alice", Users.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var redirect = signIn.Headers.Location!;
        Assert.StartsWith(HostedUiBrowser.Callback + "?", redirect.OriginalString, StringComparison.Ordinal);
        Assert.Equal("xyz", HostedUiBrowser.Query(redirect)["state"]);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cognito=", StringComparison.Ordinal));
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var (status, tokens) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);

        Assert.True(status == HttpStatusCode.OK, tokens.ToJsonString());
        Assert.Equal("Bearer", tokens["token_type"].Text());
        Assert.Equal(3600, tokens["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"].Text()));
        var id = await ValidateAsync(tokens["id_token"].Text(), LocalCognitoApp.WebClientId);
        Assert.True(id.IsValid, id.Exception?.Message);
        Assert.Equal(sub, id.Claims["sub"]);
        Assert.Equal("n-0S6_WzA2Mj", id.Claims["nonce"]);
        var accessToken = tokens["access_token"].Text();
        var expectedAtHash = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
        Assert.Equal(expectedAtHash, id.Claims["at_hash"]);
        var access = await ValidateAsync(accessToken, null);
        Assert.True(access.IsValid, access.Exception?.Message);
        Assert.Equal("openid email profile", access.Claims["scope"]);
        Assert.Equal(LocalCognitoApp.WebClientId, access.Claims["client_id"]);
    }

    [Fact]
    public async Task SecondAuthorizeWithinTheSessionSkipsTheForm()
    {
        await _app.SignUpConfirmedAsync("bob");
        await _browser.SignInAsync("bob");

        using var again = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(state: "second"));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var query = HostedUiBrowser.Query(again.Headers.Location!);
        Assert.StartsWith(HostedUiBrowser.Callback + "?", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("second", query["state"]);
        var (status, body) = await _browser.RedeemAsync(query["code"]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task LogoutWithARegisteredLogoutUriEndsTheSessionSoTheFormIsShownAgain()
    {
        await _app.SignUpConfirmedAsync("carol");
        await _browser.SignInAsync("carol");

        using var logout = await _browser.GetAsync(
            $"/logout?client_id={LocalCognitoApp.WebClientId}&logout_uri={Uri.EscapeDataString(HostedUiBrowser.SignedOut)}");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HostedUiBrowser.SignedOut, logout.Headers.Location!.OriginalString);
        using var again = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl());
        Assert.StartsWith("/login?", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogoutWithAnUnregisteredLogoutUriShowsAnErrorPageAndKeepsTheSession()
    {
        await _app.SignUpConfirmedAsync("carl");
        await _browser.SignInAsync("carl");

        using var logout = await _browser.GetAsync($"/logout?client_id={LocalCognitoApp.WebClientId}&logout_uri=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Null(logout.Headers.Location);
        using var again = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl());
        Assert.StartsWith(HostedUiBrowser.Callback, again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogoutWithRedirectUriSendsTheBrowserToTheSignInForm()
    {
        await _app.SignUpConfirmedAsync("cody");
        await _browser.SignInAsync("cody");

        using var logout = await _browser.GetAsync(
            $"/logout?client_id={LocalCognitoApp.WebClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(HostedUiBrowser.Callback)}");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/login?", logout.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var again = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl());
        Assert.StartsWith("/login?", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredRedirectUriShowsAnErrorPageAndDoesNotRedirect()
    {
        using var response = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(redirectUri: "https://evil.example/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("redirect_mismatch", page, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInFormWithATamperedRedirectUriShowsAnErrorPageAndDoesNotRedirect()
    {
        await _app.SignUpConfirmedAsync("dina");
        var page = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl());
        page = page.Replace(HostedUiBrowser.Callback, "https://evil.example/callback", StringComparison.Ordinal);

        using var response = await _browser.SubmitAsync(page, "dina", Users.Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task SessionOfADisabledUserNoLongerSkipsTheForm()
    {
        await _app.SignUpConfirmedAsync("ella");
        await _browser.SignInAsync("ella");
        await _app.OkAsync("AdminDisableUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ella" });

        using var again = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl());

        Assert.StartsWith("/login?", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainPkceMethodIsSentBackAsInvalidRequest()
    {
        using var response = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(state: "s1", challenge: HostedUiBrowser.Verifier, method: "plain"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{HostedUiBrowser.Callback}?error=invalid_request&state=s1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ScopeTheClientDoesNotAllowIsSentBackAsInvalidScope()
    {
        using var response = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(state: "s2", scope: "openid phone"));

        Assert.Equal($"{HostedUiBrowser.Callback}?error=invalid_scope&state=s2", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnknownResponseTypeIsSentBackAsUnsupportedResponseType()
    {
        var url = HostedUiBrowser.AuthorizeUrl(state: "s3").Replace("response_type=code", "response_type=magic", StringComparison.Ordinal);

        using var response = await _browser.GetAsync(url);

        Assert.Equal($"{HostedUiBrowser.Callback}?error=unsupported_response_type&state=s3", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WrongCodeVerifierIsInvalidGrant()
    {
        await _app.SignUpConfirmedAsync("dave");
        var redirect = await _browser.SignInAsync("dave");

        var (status, body) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"], verifier: "not-the-verifier-but-long-enough-to-be-a-verifier-0123456");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task ReusedCodeIsInvalidGrant()
    {
        await _app.SignUpConfirmedAsync("erin");
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("erin"))["code"];
        var (first, _) = await _browser.RedeemAsync(code);

        var (status, body) = await _browser.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task CodeOlderThanFiveMinutesIsInvalidGrant()
    {
        await _app.SignUpConfirmedAsync("fred");
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("fred"))["code"];
        _app.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body) = await _browser.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task WrongClientSecretIsInvalidClient()
    {
        await _app.SignUpConfirmedAsync("gina");
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("gina"))["code"];

        var (status, body) = await _browser.RedeemAsync(code, basicSecret: "wrongsecret");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client", body["error"].Text());
    }

    [Fact]
    public async Task ClientSecretPostIsAcceptedLikeBasic()
    {
        await _app.SignUpConfirmedAsync("hank");
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("hank"))["code"];

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = LocalCognitoApp.WebClientId,
            ["client_secret"] = LocalCognitoApp.WebClientSecret,
            ["code"] = code,
            ["redirect_uri"] = HostedUiBrowser.Callback,
            ["code_verifier"] = HostedUiBrowser.Verifier,
        }, basicSecret: null);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    private async Task<string> CreatePublicOAuthClientAsync() =>
        (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId,
            ClientName = "spa",
            AllowedOAuthFlows = new[] { "code" },
            AllowedOAuthScopes = new[] { "openid", "email" },
            AllowedOAuthFlowsUserPoolClient = true,
            CallbackURLs = new[] { SpaCallback },
            SupportedIdentityProviders = new[] { "COGNITO" },
        }))["UserPoolClient"]!["ClientId"].Text();

    private const string SpaCallback = "http://localhost:3000/callback";

    [Fact]
    public async Task PublicClientRedeemsItsCodeWithClientIdAndPkceOnly()
    {
        await _app.SignUpConfirmedAsync("rosa");
        var clientId = await CreatePublicOAuthClientAsync();
        var redirect = await _browser.SignInAsync("rosa",
            authorizeUrl: HostedUiBrowser.AuthorizeUrl(redirectUri: SpaCallback, scope: "openid", clientId: clientId));

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = HostedUiBrowser.Query(redirect)["code"],
            ["redirect_uri"] = SpaCallback,
            ["code_verifier"] = HostedUiBrowser.Verifier,
        }, basicSecret: null);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var id = await ValidateAsync(body["id_token"].Text(), clientId);
        Assert.True(id.IsValid, id.Exception?.Message);
    }

    [Fact]
    public async Task CodeIssuedToOneClientIsInvalidGrantForAnother()
    {
        await _app.SignUpConfirmedAsync("sven");
        var clientId = await CreatePublicOAuthClientAsync();
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("sven"))["code"];

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = HostedUiBrowser.Callback,
            ["code_verifier"] = HostedUiBrowser.Verifier,
        }, basicSecret: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task ScopeWithoutOpenIdGivesNoIdToken()
    {
        await _app.SignUpConfirmedAsync("tara");
        var redirect = await _browser.SignInAsync("tara", authorizeUrl: HostedUiBrowser.AuthorizeUrl(scope: "aws.cognito.signin.user.admin"));

        var (status, body) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Null(body["id_token"]);
        Assert.Equal("aws.cognito.signin.user.admin", (await ValidateAsync(body["access_token"].Text(), null)).Claims["scope"]);
    }

    [Fact]
    public async Task ConfidentialClientMayRedeemWithoutPkceWhenItSentNoChallenge()
    {
        await _app.SignUpConfirmedAsync("uma");
        var url = HostedUiBrowser.AuthorizeUrl();
        url = url[..url.IndexOf("&code_challenge=", StringComparison.Ordinal)];
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("uma", authorizeUrl: url))["code"];

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = HostedUiBrowser.Callback,
        });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task MissingCodeVerifierAfterAChallengeIsInvalidGrant()
    {
        await _app.SignUpConfirmedAsync("vera");
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("vera"))["code"];

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = HostedUiBrowser.Callback,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task RedirectUriDifferentFromTheAuthorizeOneIsInvalidGrant()
    {
        await _app.SignUpConfirmedAsync("walt");
        var code = HostedUiBrowser.Query(await _browser.SignInAsync("walt"))["code"];

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = HostedUiBrowser.SignedOut,
            ["code_verifier"] = HostedUiBrowser.Verifier,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task UnknownClientIdShowsAnErrorPageAndDoesNotRedirect()
    {
        using var response = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(clientId: "nosuchclient00000000000000"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ImplicitFlowTheClientDoesNotAllowIsSentBackAsUnauthorizedClient()
    {
        var url = HostedUiBrowser.AuthorizeUrl(state: "s4").Replace("response_type=code", "response_type=token", StringComparison.Ordinal);

        using var response = await _browser.GetAsync(url);

        // RFC 6749 4.2.2.1: the implicit flow's errors travel in the fragment.
        Assert.Equal($"{HostedUiBrowser.Callback}#error=unauthorized_client&state=s4", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnknownGrantTypeIsUnsupportedGrantType()
    {
        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "password" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body["error"].Text());
    }

    [Fact]
    public async Task WrongPasswordOnTheFormSaysIncorrectUsernameOrPassword()
    {
        await _app.SignUpConfirmedAsync("ivan");
        var page = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl());

        using var response = await _browser.SubmitAsync(page, "ivan", "wrong password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Incorrect username or password.", again, StringComparison.Ordinal);
        Assert.Equal(HostedUiBrowser.Callback, HostedUiBrowser.HiddenInputs(again)["redirect_uri"]);
    }

    [Fact]
    public async Task LockedOutUserIsToldPasswordAttemptsExceededOnTheFormAndByTheApi()
    {
        await _app.SignUpConfirmedAsync("judy");
        var page = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl());
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await _browser.SubmitAsync(page, "judy", "wrong password");
            page = await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("Incorrect username or password.", page, StringComparison.Ordinal);
        }

        using var right = await _browser.SubmitAsync(page, "judy", Users.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Password attempts exceeded", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var api = await _app.PasswordSignInAsync("judy");
        Assert.Equal("Password attempts exceeded", api.Body["message"].Text());
    }

    [Fact]
    public async Task UnconfirmedUserIsToldSoOnTheForm()
    {
        await _app.SignUpAsync("kate");
        var page = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl());

        using var response = await _browser.SubmitAsync(page, "kate", Users.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("User is not confirmed.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPostWithoutTheAntiforgeryTokenIsRefused()
    {
        await _app.SignUpConfirmedAsync("liam");
        var page = await _browser.OpenLoginAsync(HostedUiBrowser.AuthorizeUrl());

        using var response = await _browser.SubmitAsync(page, "liam", Users.Password, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task UserInfoAnswersTheUsersAttributesForAHostedUiAccessToken()
    {
        var tokens = await SignedInTokensAsync("mary");

        using var response = await UserInfoAsync(tokens["access_token"].Text());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("mary", body["username"].Text());
        Assert.Equal("mary@example.com", body["email"].Text());
        Assert.Equal("true", body["email_verified"].Text());
        Assert.Equal("Paris", body["custom:location"].Text());
        Assert.False(string.IsNullOrEmpty(body["sub"].Text()));
    }

    [Fact]
    public async Task UserInfoRejectsAnApiAccessTokenAsInvalidToken()
    {
        await _app.SignUpConfirmedAsync("nina");
        var apiTokens = await _app.TokensAsync("nina");

        using var response = await UserInfoAsync(apiTokens["AccessToken"].Text());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserInfoWithoutATokenIsInvalidRequest()
    {
        using var response = await UserInfoAsync(null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshTokenGrantIssuesNewIdAndAccessTokensWithoutANewRefreshToken()
    {
        var tokens = await SignedInTokensAsync("olga");
        _app.Time.Advance(TimeSpan.FromMinutes(10));

        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens["refresh_token"].Text(),
        });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Null(body["refresh_token"]);
        Assert.NotEqual(tokens["access_token"].Text(), body["access_token"].Text());
        var access = await ValidateAsync(body["access_token"].Text(), null);
        Assert.Equal("openid email profile", access.Claims["scope"]);
        var id = await ValidateAsync(body["id_token"].Text(), LocalCognitoApp.WebClientId);
        Assert.True(id.IsValid);
        Assert.False(id.Claims.ContainsKey("nonce"));
    }

    [Fact]
    public async Task RevokedRefreshTokenNoLongerRefreshesAndItsAccessTokensAreRejected()
    {
        var tokens = await SignedInTokensAsync("paul");

        var (revoked, revokeBody) = await _browser.PostJsonAsync("/oauth2/revoke",
            new Dictionary<string, string> { ["token"] = tokens["refresh_token"].Text() }, LocalCognitoApp.WebClientSecret);

        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Empty(revokeBody);
        var (status, body) = await _browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens["refresh_token"].Text(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
        using var userInfo = await UserInfoAsync(tokens["access_token"].Text());
        Assert.Equal(HttpStatusCode.Unauthorized, userInfo.StatusCode);
    }

    [Fact]
    public async Task RevokeWithAWrongSecretIsInvalidClient()
    {
        var (status, body) = await _browser.PostJsonAsync("/oauth2/revoke",
            new Dictionary<string, string> { ["token"] = "whatever" }, "wrongsecret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body["error"].Text());
    }
}
