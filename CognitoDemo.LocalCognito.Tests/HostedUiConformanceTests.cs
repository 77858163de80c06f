using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// The Hosted UI where Cognito's documentation and the OAuth 2.0 / OpenID Connect specs say what it must do (issue 14):
/// refresh after a restart, userInfo scopes, ReadAttributes, openid with email/phone/profile, revocation errors,
/// the implicit flow, resource servers and client_credentials, PKCE downgrade, prompt, token headers, one client
/// authentication method, one issuer, and malformed forms.
/// </summary>
public sealed class HostedUiConformanceTests : IDisposable
{
    private const string PoolId = LocalCognitoApp.PoolId;
    private readonly LocalCognitoApp _app = new();
    private readonly HostedUiBrowser _browser;

    public HostedUiConformanceTests() => _browser = new HostedUiBrowser(_app);

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task RefreshAfterARestartKeepsTheIdTokenTheScopesAndUserInfo()
    {
        var dataPath = LocalCognitoApp.NewDataPath();
        try
        {
            string refreshToken;
            using (var first = new LocalCognitoApp(dataPath, _app.Time))
            using (var browser = new HostedUiBrowser(first))
            {
                await first.SignUpConfirmedAsync("rhea");
                var redirect = await browser.SignInAsync("rhea");
                var (_, tokens) = await browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);
                refreshToken = tokens["refresh_token"].Text();
            }

            using var second = new LocalCognitoApp(dataPath, _app.Time);
            using var after = new HostedUiBrowser(second);
            var (status, refreshed) = await after.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotNull(refreshed["id_token"]);
            Assert.Equal("openid email profile", Payload(refreshed["access_token"].Text()).GetClaim("scope").Value);
            using var userInfo = await UserInfoAsync(second, refreshed["access_token"].Text());
            Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
        }
        finally
        {
            LocalCognitoApp.DeleteData(dataPath);
        }
    }

    [Fact]
    public async Task UserInfoReleasesOnlyTheAttributesItsScopesAllow()
    {
        await SignUpWithProfileAsync("uma");
        var client = await CreateClientAsync(scopes: ["openid", "email", "phone", "profile"],
            readAttributes: ["name", "email", "email_verified", "phone_number", "phone_number_verified", "custom:location"]);

        var profile = await UserInfoJsonAsync(await CodeFlowTokensAsync(client, "uma", "openid profile"));
        Assert.Equal("Uma Example", profile["name"].Text());
        Assert.Equal("Paris", profile["custom:location"].Text());
        Assert.Null(profile["email"]);
        Assert.Null(profile["email_verified"]);
        Assert.Null(profile["phone_number"]);

        var email = await UserInfoJsonAsync(await CodeFlowTokensAsync(client, "uma", "openid email"));
        Assert.Equal("uma@example.com", email["email"].Text());
        Assert.Equal("true", email["email_verified"].Text());
        Assert.Null(email["name"]);
        Assert.Null(email["phone_number"]);
        Assert.Null(email["custom:location"]);

        var phone = await UserInfoJsonAsync(await CodeFlowTokensAsync(client, "uma", "openid phone"));
        Assert.Equal("+15555550100", phone["phone_number"].Text());
        Assert.Null(phone["email"]);

        var all = await UserInfoJsonAsync(await CodeFlowTokensAsync(client, "uma", "openid"));
        Assert.Equal("uma@example.com", all["email"].Text());
        Assert.Equal("Uma Example", all["name"].Text());
        Assert.Equal("uma", all["username"].Text());
    }

    [Fact]
    public async Task ReadAttributesLimitTheIdTokenUserInfoAndGetUser()
    {
        await SignUpWithProfileAsync("rita");
        var client = await CreateClientAsync(scopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            readAttributes: ["email", "email_verified"]);

        var tokens = await CodeFlowTokensAsync(client, "rita", "openid email profile aws.cognito.signin.user.admin");

        var idToken = Payload(tokens["id_token"].Text());
        Assert.Equal("rita@example.com", idToken.GetClaim("email").Value);
        Assert.False(idToken.TryGetClaim("name", out _));
        Assert.False(idToken.TryGetClaim("phone_number", out _));
        Assert.False(idToken.TryGetClaim("custom:location", out _));
        var userInfo = await UserInfoJsonAsync(tokens);
        Assert.Equal(["sub", "email", "email_verified", "username"], userInfo.Select(p => p.Key).ToArray());
        var user = await _app.OkAsync("GetUser", new { AccessToken = tokens["access_token"].Text() });
        Assert.Equal(["sub", "email", "email_verified"],
            user["UserAttributes"]!.AsArray().Select(a => a!["Name"].Text()).ToArray());
    }

    [Fact]
    public async Task AClientWithoutReadAttributesReadsTheStandardAttributesButNoCustomOne()
    {
        await SignUpWithProfileAsync("cleo");
        var client = await CreateClientAsync(scopes: ["openid", "aws.cognito.signin.user.admin"]);

        var tokens = await CodeFlowTokensAsync(client, "cleo", "openid aws.cognito.signin.user.admin");

        var idToken = Payload(tokens["id_token"].Text());
        Assert.Equal("Uma Example", idToken.GetClaim("name").Value);
        Assert.Equal("+15555550100", idToken.GetClaim("phone_number").Value);
        Assert.False(idToken.TryGetClaim("custom:location", out _));
        Assert.Null((await UserInfoJsonAsync(tokens))["custom:location"]);
        var user = await _app.OkAsync("GetUser", new { AccessToken = tokens["access_token"].Text() });
        Assert.DoesNotContain("custom:location", user["UserAttributes"]!.AsArray().Select(a => a!["Name"].Text()));
        Assert.Contains("email", user["UserAttributes"]!.AsArray().Select(a => a!["Name"].Text()));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("profile")]
    [InlineData("phone email")]
    public async Task UserAttributeScopesWithoutOpenIdAreInvalidScope(string scope)
    {
        var client = await CreateClientAsync(scopes: ["openid", "email", "phone", "profile"]);
        using var response = await _browser.GetAsync(Authorize(client, scope, state: "s9"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{HostedUiBrowser.Callback}?error=invalid_scope&state=s9", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RevokingAnAccessTokenIsUnsupportedTokenType()
    {
        var tokens = await WebClientTokensAsync("ava");

        var (status, body) = await _browser.PostJsonAsync("/oauth2/revoke", new() { ["token"] = tokens["access_token"].Text() },
            LocalCognitoApp.WebClientSecret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_token_type", body["error"].Text());
    }

    [Fact]
    public async Task RevokingWithTokenRevocationDisabledIsInvalidRequestAndRevokesNothing()
    {
        await _app.SignUpConfirmedAsync("tara");
        var client = await CreateClientAsync(scopes: ["openid"], enableTokenRevocation: false);
        var tokens = await CodeFlowTokensAsync(client, "tara", "openid");

        var (status, body) = await PostFormAsync("/oauth2/revoke", new() { ["token"] = tokens["refresh_token"].Text() }, client);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body["error"].Text());
        var (refreshStatus, _) = await PostFormAsync("/oauth2/token",
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"].Text() }, client);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
    }

    [Fact]
    public async Task RevokeWithAWrongSecretIsA401ThatNamesBasicAuthentication()
    {
        using var http = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "whatever" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalCognitoApp.WebClientId}:wrongsecret")));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("invalid_client", JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"].Text());
    }

    [Fact]
    public async Task ImplicitFlowReturnsTokensInTheFragmentAndNoRefreshToken()
    {
        await _app.SignUpConfirmedAsync("ivy");
        var client = await CreateClientAsync(scopes: ["openid", "email"], flows: ["implicit"]);

        var redirect = await _browser.SignInAsync("ivy", authorizeUrl: Authorize(client, "openid email", state: "imp", responseType: "token", nonce: "n-imp"));

        var location = redirect.OriginalString;
        Assert.StartsWith(HostedUiBrowser.Callback + "#", location, StringComparison.Ordinal);
        var fragment = QueryHelpers.ParseQuery(location[(location.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("Bearer", fragment["token_type"].ToString());
        Assert.Equal("3600", fragment["expires_in"].ToString());
        Assert.Equal("imp", fragment["state"].ToString());
        Assert.False(fragment.ContainsKey("refresh_token"));
        Assert.False(fragment.ContainsKey("code"));
        var idToken = Payload(fragment["id_token"].ToString());
        Assert.Equal("n-imp", idToken.GetClaim("nonce").Value);
        Assert.Equal(client.Id, idToken.GetClaim("aud").Value);
        Assert.Equal("openid email", Payload(fragment["access_token"].ToString()).GetClaim("scope").Value);
        using var userInfo = await UserInfoAsync(_app, fragment["access_token"].ToString());
        Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
    }

    [Fact]
    public async Task ResourceServersAreCreatedDescribedListedUpdatedAndDeleted()
    {
        var created = await _app.OkAsync("CreateResourceServer", new
        {
            UserPoolId = PoolId,
            Identifier = "https://api.example.com",
            Name = "Example API",
            Scopes = new[] { new { ScopeName = "read", ScopeDescription = "Read things" } },
        });
        Assert.Equal("https://api.example.com", created["ResourceServer"]!["Identifier"].Text());
        Assert.Equal("read", created["ResourceServer"]!["Scopes"]![0]!["ScopeName"].Text());

        var duplicate = await _app.CallAsync("CreateResourceServer", new { UserPoolId = PoolId, Identifier = "https://api.example.com", Name = "Again" });
        duplicate.AssertError("InvalidParameterException");

        await _app.OkAsync("UpdateResourceServer", new
        {
            UserPoolId = PoolId,
            Identifier = "https://api.example.com",
            Name = "Renamed API",
            Scopes = new[] { new { ScopeName = "write", ScopeDescription = "Write things" } },
        });
        var described = await _app.OkAsync("DescribeResourceServer", new { UserPoolId = PoolId, Identifier = "https://api.example.com" });
        Assert.Equal("Renamed API", described["ResourceServer"]!["Name"].Text());
        Assert.Equal("write", Assert.Single(described["ResourceServer"]!["Scopes"]!.AsArray())!["ScopeName"].Text());
        var listed = await _app.OkAsync("ListResourceServers", new { UserPoolId = PoolId, MaxResults = 10 });
        Assert.Single(listed["ResourceServers"]!.AsArray());

        await _app.OkAsync("DeleteResourceServer", new { UserPoolId = PoolId, Identifier = "https://api.example.com" });
        var gone = await _app.CallAsync("DescribeResourceServer", new { UserPoolId = PoolId, Identifier = "https://api.example.com" });
        gone.AssertError("ResourceNotFoundException");
        var badScope = await _app.CallAsync("CreateResourceServer", new
        {
            UserPoolId = PoolId,
            Identifier = "orders",
            Name = "Orders",
            Scopes = new[] { new { ScopeName = "a/b", ScopeDescription = "slash" } },
        });
        badScope.AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task ClientsRefuseCustomScopesNoResourceServerDefines()
    {
        var create = await _app.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = PoolId,
            ClientName = "machine",
            GenerateSecret = true,
            AllowedOAuthFlows = new[] { "client_credentials" },
            AllowedOAuthFlowsUserPoolClient = true,
            AllowedOAuthScopes = new[] { "orders/read" },
        });
        create.AssertError("ScopeDoesNotExistException");

        var update = await _app.CallAsync("UpdateUserPoolClient", new
        {
            UserPoolId = PoolId,
            ClientId = LocalCognitoApp.WebClientId,
            AllowedOAuthFlows = new[] { "code" },
            AllowedOAuthFlowsUserPoolClient = true,
            CallbackURLs = new[] { HostedUiBrowser.Callback },
            AllowedOAuthScopes = new[] { "openid", "orders/read" },
        });
        update.AssertError("ScopeDoesNotExistException");
    }

    [Fact]
    public async Task UpdateUserPoolClientReplacesTheSettingsAndKeepsTheSecret()
    {
        var updated = await _app.OkAsync("UpdateUserPoolClient", new
        {
            UserPoolId = PoolId,
            ClientId = LocalCognitoApp.WebClientId,
            ClientName = "Renamed",
            ReadAttributes = new[] { "email" },
        });

        var client = updated["UserPoolClient"]!;
        Assert.Equal("Renamed", client["ClientName"].Text());
        Assert.Equal(LocalCognitoApp.WebClientSecret, client["ClientSecret"].Text());
        Assert.Equal("email", Assert.Single(client["ReadAttributes"]!.AsArray())!.GetValue<string>());
        Assert.Null(client["AllowedOAuthFlows"]);
    }

    [Fact]
    public async Task ClientCredentialsGivesAnAccessTokenWithTheCustomScopesOnly()
    {
        await _app.OkAsync("CreateResourceServer", new
        {
            UserPoolId = PoolId,
            Identifier = "orders",
            Name = "Orders",
            Scopes = new[] { new { ScopeName = "read", ScopeDescription = "Read" }, new { ScopeName = "write", ScopeDescription = "Write" } },
        });
        var machine = await CreateClientAsync(scopes: ["orders/read", "orders/write"], flows: ["client_credentials"]);

        var (status, body) = await PostFormAsync("/oauth2/token", new() { ["grant_type"] = "client_credentials", ["scope"] = "orders/read" }, machine);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(["access_token", "expires_in", "token_type"], body.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        var access = Payload(body["access_token"].Text());
        Assert.Equal(machine.Id, access.GetClaim("sub").Value);
        Assert.Equal(machine.Id, access.GetClaim("client_id").Value);
        Assert.Equal("orders/read", access.GetClaim("scope").Value);
        Assert.Equal("access", access.GetClaim("token_use").Value);

        var (allStatus, all) = await PostFormAsync("/oauth2/token", new() { ["grant_type"] = "client_credentials" }, machine);
        Assert.Equal(HttpStatusCode.OK, allStatus);
        Assert.Equal("orders/read orders/write", Payload(all["access_token"].Text()).GetClaim("scope").Value);

        var (badStatus, bad) = await PostFormAsync("/oauth2/token", new() { ["grant_type"] = "client_credentials", ["scope"] = "openid" }, machine);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("invalid_scope", bad["error"].Text());

        var (webStatus, web) = await _browser.TokenAsync(new() { ["grant_type"] = "client_credentials" });
        Assert.Equal(HttpStatusCode.BadRequest, webStatus);
        Assert.Equal("unauthorized_client", web["error"].Text());
    }

    [Fact]
    public async Task CodeVerifierForACodeIssuedWithoutAChallengeIsInvalidGrant()
    {
        await _app.SignUpConfirmedAsync("pat");
        var url = HostedUiBrowser.AuthorizeUrl(state: "p").Replace("&code_challenge=" + HostedUiBrowser.Challenge(HostedUiBrowser.Verifier), "", StringComparison.Ordinal)
            .Replace("&code_challenge_method=S256", "", StringComparison.Ordinal);
        Assert.DoesNotContain("code_challenge", url, StringComparison.Ordinal);
        var redirect = await _browser.SignInAsync("pat", authorizeUrl: url);

        var (status, body) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"].Text());
    }

    [Fact]
    public async Task PromptNoneWithoutASessionIsLoginRequiredAndWithOneIsACode()
    {
        await _app.SignUpConfirmedAsync("nia");

        using (var none = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(state: "pn") + "&prompt=none"))
        {
            Assert.Equal($"{HostedUiBrowser.Callback}?error=login_required&state=pn", none.Headers.Location!.OriginalString);
        }

        await _browser.SignInAsync("nia");
        using var silent = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl(state: "pn2") + "&prompt=none");
        var query = HostedUiBrowser.Query(silent.Headers.Location!);
        Assert.StartsWith(HostedUiBrowser.Callback + "?", silent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(query.ContainsKey("code"));
        Assert.Equal("pn2", query["state"]);
    }

    [Fact]
    public async Task PromptLoginShowsTheFormEvenWithASession()
    {
        await _app.SignUpConfirmedAsync("leo");
        await _browser.SignInAsync("leo");

        using var response = await _browser.GetAsync(HostedUiBrowser.AuthorizeUrl() + "&prompt=login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenHeadersCarryKidAndAlgOnly()
    {
        var hostedUi = await WebClientTokensAsync("kay");
        var api = await _app.TokensAsync("kay");

        foreach (var token in (string[])[hostedUi["id_token"].Text(), hostedUi["access_token"].Text(), api["IdToken"].Text(), api["AccessToken"].Text()])
        {
            var header = JsonNode.Parse(Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.Split('.')[0])))!.AsObject();
            Assert.Equal(["kid", "alg"], header.Select(p => p.Key).ToArray());
            Assert.Equal("RS256", header["alg"].Text());
        }
    }

    [Fact]
    public async Task BasicAuthenticationAndABodySecretTogetherAreInvalidRequest()
    {
        await _app.SignUpConfirmedAsync("bo");
        var redirect = await _browser.SignInAsync("bo");

        var (status, body) = await _browser.TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = HostedUiBrowser.Query(redirect)["code"],
            ["redirect_uri"] = HostedUiBrowser.Callback,
            ["code_verifier"] = HostedUiBrowser.Verifier,
            ["client_secret"] = "someothersecret",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body["error"].Text());
    }

    [Fact]
    public async Task TheIssuerIsThePublicUrlWhicheverHostTheRequestNames()
    {
        var fromBrowser = await DiscoveryAsync(_app, "localhost:9229");
        var fromContainer = await DiscoveryAsync(_app, "local-cognito:9229");
        Assert.Equal(fromBrowser["issuer"].Text(), fromContainer["issuer"].Text());
        Assert.Equal(fromBrowser["token_endpoint"].Text(), fromContainer["token_endpoint"].Text());

        using var configured = new LocalCognitoApp(settings: new Dictionary<string, string?> { ["LocalCognito:PublicUrl"] = "http://local-cognito:9229/" });
        var document = await DiscoveryAsync(configured, "localhost:9229");
        Assert.Equal($"http://local-cognito:9229/{PoolId}", document["issuer"].Text());
        Assert.Equal("http://local-cognito:9229/oauth2/token", document["token_endpoint"].Text());
        Assert.Equal($"http://local-cognito:9229/{PoolId}/.well-known/jwks.json", document["jwks_uri"].Text());
        await configured.SignUpConfirmedAsync("iris");
        Assert.Equal($"http://local-cognito:9229/{PoolId}", Payload((await configured.TokensAsync("iris"))["IdToken"].Text()).Issuer);
    }

    public static TheoryData<string, string> MalformedForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in (string[])["/oauth2/token", "/oauth2/revoke"])
        {
            data.Add(path, "multipart without a boundary");
            data.Add(path, "truncated multipart");
            data.Add(path, "1,025 fields");
            data.Add(path, "2,049-character key");
            data.Add(path, "a parameter sent twice");
            data.Add(path, "an escaped control character");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task MalformedFormsAreInvalidRequestNotAServerError(string path, string malformation)
    {
        HttpContent content = malformation switch
        {
            "multipart without a boundary" => Raw("--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nrefresh_token\r\n--x--\r\n", "multipart/form-data"),
            "truncated multipart" => Raw("--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nrefr", "multipart/form-data; boundary=x"),
            "1,025 fields" => Raw(string.Join('&', Enumerable.Range(0, 1025).Select(i => $"f{i}=v")), "application/x-www-form-urlencoded"),
            "2,049-character key" => Raw(new string('k', 2049) + "=v&grant_type=refresh_token", "application/x-www-form-urlencoded"),
            // Found by the OAuth fuzz run: the form reader refuses these values ("The form value contains invalid characters").
            "an escaped control character" => Raw("grant_type=refresh_token&refresh_token=a%00b", "application/x-www-form-urlencoded"),
            _ => Raw("grant_type=refresh_token&grant_type=client_credentials&token=a&token=b", "application/x-www-form-urlencoded"),
        };
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalCognitoApp.WebClientId}:{LocalCognitoApp.WebClientSecret}")));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("invalid_request", body["error"].Text());
    }

    private sealed record Client(string Id, string? Secret);

    private static JsonWebToken Payload(string token) => new(token);

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private async Task SignUpWithProfileAsync(string username)
    {
        await _app.SignUpConfirmedAsync(username);
        await _app.OkAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = PoolId,
            Username = username,
            UserAttributes = new object[]
            {
                new { Name = "name", Value = "Uma Example" },
                new { Name = "phone_number", Value = "+15555550100" },
                new { Name = "custom:location", Value = "Paris" },
                new { Name = "email_verified", Value = "true" },
            },
        });
    }

    private async Task<Client> CreateClientAsync(string[] scopes, string[]? flows = null, string[]? readAttributes = null,
        bool enableTokenRevocation = true)
    {
        var created = await _app.OkAsync("CreateUserPoolClient", new Dictionary<string, object?>
        {
            ["UserPoolId"] = PoolId,
            ["ClientName"] = "conformance",
            ["GenerateSecret"] = true,
            ["AllowedOAuthFlows"] = flows ?? ["code"],
            ["AllowedOAuthFlowsUserPoolClient"] = true,
            ["AllowedOAuthScopes"] = scopes,
            ["CallbackURLs"] = new[] { HostedUiBrowser.Callback },
            ["ExplicitAuthFlows"] = new[] { "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH" },
            ["ReadAttributes"] = readAttributes,
            ["EnableTokenRevocation"] = enableTokenRevocation,
        }.Where(p => p.Value is not null).ToDictionary());
        var client = created["UserPoolClient"]!;
        return new Client(client["ClientId"].Text(), client["ClientSecret"].Text());
    }

    private static string Authorize(Client client, string scope, string state = "st", string responseType = "code", string nonce = "n") =>
        QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = responseType,
            ["client_id"] = client.Id,
            ["redirect_uri"] = HostedUiBrowser.Callback,
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = nonce,
        });

    /// <summary>A fresh browser signs in through this client with these scopes and redeems the code.</summary>
    private async Task<JsonObject> CodeFlowTokensAsync(Client client, string username, string scope)
    {
        using var browser = new HostedUiBrowser(_app);
        var redirect = await browser.SignInAsync(username, authorizeUrl: Authorize(client, scope));
        var (status, body) = await PostFormAsync("/oauth2/token", new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = HostedUiBrowser.Query(redirect)["code"],
            ["redirect_uri"] = HostedUiBrowser.Callback,
        }, client);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<JsonObject> WebClientTokensAsync(string username)
    {
        await _app.SignUpConfirmedAsync(username);
        var redirect = await _browser.SignInAsync(username);
        var (status, body) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(string path, Dictionary<string, string> form, Client client)
    {
        using var http = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    private static async Task<HttpResponseMessage> UserInfoAsync(LocalCognitoApp app, string accessToken)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth2/userInfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<JsonObject> UserInfoJsonAsync(JsonObject tokens)
    {
        using var response = await UserInfoAsync(_app, tokens["access_token"].Text());
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> DiscoveryAsync(LocalCognitoApp app, string host)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{PoolId}/.well-known/openid-configuration");
        request.Headers.Host = host;
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }
}
