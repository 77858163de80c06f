using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tests;

public sealed class TokenTests : IDisposable
{
    private const string Issuer = LocalCognitoApp.PublicUrl + "/us-west-2_LocalPool";
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonWebKeySet> JwksAsync() =>
        new(await _app.GetStringAsync("/us-west-2_LocalPool/.well-known/jwks.json"));

    private async Task<TokenValidationResult> ValidateAsync(string token, string audience) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = (await JwksAsync()).GetSigningKeys(),
            ValidIssuer = Issuer,
            ValidAudience = audience,
            ValidateAudience = audience.Length > 0,
            LifetimeValidator = (_, _, _, _) => true,
        });

    [Fact]
    public async Task JwksListsTwoRs256KeysWithDistinctKids()
    {
        var keys = (await _app.GetJsonAsync("/us-west-2_LocalPool/.well-known/jwks.json"))["keys"]!.AsArray();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k =>
        {
            Assert.Equal("RS256", k!["alg"].Text());
            Assert.Equal("RSA", k["kty"].Text());
            Assert.Equal("AQAB", k["e"].Text());
            Assert.Equal("sig", k["use"].Text());
            Assert.Equal(44, k["kid"].Text().Length);
        });
        Assert.NotEqual(keys[0]!["kid"].Text(), keys[1]!["kid"].Text());
    }

    [Fact]
    public async Task DiscoveryDocumentNamesTheIssuerAndJwksOfThePublicUrl()
    {
        var document = await _app.GetJsonAsync("/us-west-2_LocalPool/.well-known/openid-configuration");

        Assert.Equal(Issuer, document["issuer"].Text());
        Assert.Equal(Issuer + "/.well-known/jwks.json", document["jwks_uri"].Text());
        Assert.Equal("RS256", document["id_token_signing_alg_values_supported"]![0].Text());
    }

    [Fact]
    public async Task UnknownPoolHasNoJwks()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/us-west-2_Nope/.well-known/jwks.json", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task IdTokenCarriesCognitosClaimsAndVerifiesAgainstTheJwks()
    {
        var sub = await _app.SignUpConfirmedAsync("Rita");
        var tokens = await _app.TokensAsync("rita");

        var result = await ValidateAsync(tokens["IdToken"].Text(), LocalCognitoApp.PublicClientId);

        Assert.True(result.IsValid, result.Exception?.Message);
        var id = new JsonWebToken(tokens["IdToken"].Text());
        Assert.Equal("RS256", id.Alg);
        Assert.Equal(sub, id.GetPayloadValue<string>("sub"));
        Assert.Equal("id", id.GetPayloadValue<string>("token_use"));
        Assert.Equal("Rita", id.GetPayloadValue<string>("cognito:username"));
        Assert.Equal("rita@example.com", id.GetPayloadValue<string>("email"));
        Assert.True(id.GetPayloadValue<bool>("email_verified"));
        Assert.Equal("Paris", id.GetPayloadValue<string>("custom:location"));
        Assert.Equal(_app.Time.GetUtcNow().ToUnixTimeSeconds(), id.GetPayloadValue<long>("auth_time"));
        Assert.Equal(id.GetPayloadValue<long>("iat") + 3600, id.GetPayloadValue<long>("exp"));
        Assert.True(Guid.TryParse(id.GetPayloadValue<string>("origin_jti"), out _));
        Assert.True(Guid.TryParse(id.GetPayloadValue<string>("event_id"), out _));
    }

    [Fact]
    public async Task AccessTokenHasTheAdminScopeClientIdAndADifferentKey()
    {
        await _app.SignUpConfirmedAsync("rita");
        var tokens = await _app.TokensAsync("rita");

        var result = await ValidateAsync(tokens["AccessToken"].Text(), "");

        Assert.True(result.IsValid, result.Exception?.Message);
        var access = new JsonWebToken(tokens["AccessToken"].Text());
        var id = new JsonWebToken(tokens["IdToken"].Text());
        Assert.Equal("access", access.GetPayloadValue<string>("token_use"));
        Assert.Equal("aws.cognito.signin.user.admin", access.GetPayloadValue<string>("scope"));
        Assert.Equal(LocalCognitoApp.PublicClientId, access.GetPayloadValue<string>("client_id"));
        Assert.Equal("rita", access.GetPayloadValue<string>("username"));
        Assert.False(access.TryGetPayloadValue<string>("aud", out _));
        Assert.NotEqual(id.Kid, access.Kid);
        Assert.Equal(id.GetPayloadValue<string>("origin_jti"), access.GetPayloadValue<string>("origin_jti"));
    }

    [Fact]
    public async Task RefreshKeepsOriginJtiEventIdAndAuthTimeAndIssuesNoNewRefreshToken()
    {
        await _app.SignUpConfirmedAsync("rita");
        var first = await _app.TokensAsync("rita");
        _app.Time.Advance(TimeSpan.FromMinutes(30));

        var refreshed = await RefreshAsync(first["RefreshToken"].Text());

        var result = refreshed.Body["AuthenticationResult"]!;
        Assert.Null(result["RefreshToken"]);
        var before = new JsonWebToken(first["IdToken"].Text());
        var after = new JsonWebToken(result["IdToken"].Text());
        Assert.Equal(before.GetPayloadValue<string>("origin_jti"), after.GetPayloadValue<string>("origin_jti"));
        Assert.Equal(before.GetPayloadValue<string>("event_id"), after.GetPayloadValue<string>("event_id"));
        Assert.Equal(before.GetPayloadValue<long>("auth_time"), after.GetPayloadValue<long>("auth_time"));
        Assert.Equal(before.GetPayloadValue<long>("iat") + 1800, after.GetPayloadValue<long>("iat"));
        Assert.NotEqual(before.GetPayloadValue<string>("jti"), after.GetPayloadValue<string>("jti"));
    }

    [Fact]
    public async Task RefreshTokenOfOneClientIsInvalidForAnother()
    {
        await _app.SignUpConfirmedAsync("rita");
        var refresh = (await _app.TokensAsync("rita"))["RefreshToken"].Text();

        var response = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.WebClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh },
        });

        response.AssertError("NotAuthorizedException", "Invalid Refresh Token");
    }

    [Fact]
    public async Task GetTokensFromRefreshTokenRefreshesLikeRefreshTokenAuth()
    {
        await _app.SignUpConfirmedAsync("rita");
        var first = await _app.TokensAsync("rita");

        var refreshed = await _app.OkAsync("GetTokensFromRefreshToken", new
        {
            RefreshToken = first["RefreshToken"].Text(), ClientId = LocalCognitoApp.PublicClientId,
        });
        await _app.OkAsync("GlobalSignOut", new { AccessToken = first["AccessToken"].Text() });
        var revoked = await _app.CallAsync("GetTokensFromRefreshToken", new
        {
            RefreshToken = first["RefreshToken"].Text(), ClientId = LocalCognitoApp.PublicClientId,
        });

        Assert.NotNull(refreshed["AuthenticationResult"]?["AccessToken"]);
        Assert.Null(refreshed["AuthenticationResult"]?["RefreshToken"]);
        revoked.AssertError("NotAuthorizedException", "Refresh Token has been revoked");
    }

    [Fact]
    public async Task GetTokensFromRefreshTokenForASecretClientNeedsTheClientSecret()
    {
        var response = await _app.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = "abc", ClientId = LocalCognitoApp.WebClientId });
        response.AssertError("NotAuthorizedException",
            "Client cognitodemowebclient000001 is configured with secret but ClientSecret was not received");
    }

    [Fact]
    public async Task RefreshTokenExpiresAfterThirtyDays()
    {
        await _app.SignUpConfirmedAsync("rita");
        var refresh = (await _app.TokensAsync("rita"))["RefreshToken"].Text();
        _app.Time.Advance(TimeSpan.FromDays(30));

        var response = await RefreshAsync(refresh);

        response.AssertError("NotAuthorizedException", "Refresh Token has expired");
    }

    [Fact]
    public async Task RefreshTokenIsStoredOnlyAsAHash()
    {
        await _app.SignUpConfirmedAsync("rita");
        var refresh = (await _app.TokensAsync("rita"))["RefreshToken"].Text();

        var stored = _app.Service<Storage.AuthSessionStore>().FindByRefreshHash(Tokens.TokenService.Hash(refresh));

        Assert.NotNull(stored);
        Assert.NotEqual(refresh, stored.RefreshHash);
        var bytes = System.Text.Encoding.ASCII.GetBytes(refresh);
        foreach (var file in (string[])[_app.DataPath, _app.DataPath + "-wal"])
        {
            if (File.Exists(file))
            {
                var content = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
                Assert.Equal(-1, content.AsSpan().IndexOf(bytes));
            }
        }
    }

    [Fact]
    public async Task ExpiredAccessTokenIsRefused()
    {
        await _app.SignUpConfirmedAsync("rita");
        var access = (await _app.TokensAsync("rita"))["AccessToken"].Text();
        _app.Time.Advance(TimeSpan.FromHours(1));

        var response = await _app.CallAsync("GetUser", new { AccessToken = access });

        response.AssertError("NotAuthorizedException", "Access Token has expired");
    }

    /// <summary>
    /// A token's signature is verified once and remembered by its text; what may change later is still decided
    /// at every use: its expiry, and its session's revocation by sign-out or by disabling the user.
    /// </summary>
    [Fact]
    public async Task AnAcceptedAccessTokenIsStillRefusedOnceExpiredRevokedOrItsUserDisabled()
    {
        await _app.SignUpConfirmedAsync("rita");
        await _app.SignUpConfirmedAsync("sam");
        await _app.SignUpConfirmedAsync("tess");
        var rita = (await _app.TokensAsync("rita"))["AccessToken"].Text();
        var sam = (await _app.TokensAsync("sam"))["AccessToken"].Text();
        var tess = (await _app.TokensAsync("tess"))["AccessToken"].Text();
        foreach (var token in (string[])[rita, sam, tess])
        {
            await _app.OkAsync("GetUser", new { AccessToken = token });
        }

        await _app.OkAsync("GlobalSignOut", new { AccessToken = sam });
        (await _app.CallAsync("GetUser", new { AccessToken = sam })).AssertError("NotAuthorizedException", "Access Token has been revoked");
        await _app.OkAsync("AdminDisableUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "tess" });
        // "Deactivates a user and revokes all access tokens for the user" (AdminDisableUser API reference).
        (await _app.CallAsync("GetUser", new { AccessToken = tess })).AssertError("NotAuthorizedException", "Access Token has been revoked");

        _app.Time.Advance(TimeSpan.FromHours(1));
        (await _app.CallAsync("GetUser", new { AccessToken = rita })).AssertError("NotAuthorizedException", "Access Token has expired");
    }

    /// <summary>The remembered verification is of that exact text: changing one character of an accepted token's signature is refused.</summary>
    [Fact]
    public async Task AnAcceptedAccessTokenWithItsSignatureAlteredIsRefused()
    {
        await _app.SignUpConfirmedAsync("rita");
        var access = (await _app.TokensAsync("rita"))["AccessToken"].Text();
        await _app.OkAsync("GetUser", new { AccessToken = access });
        var last = access[^2];
        var altered = access[..^2] + (last == 'A' ? 'B' : 'A') + access[^1];

        (await _app.CallAsync("GetUser", new { AccessToken = altered })).AssertError("NotAuthorizedException", "Invalid Access Token");
    }

    [Fact]
    public async Task IdTokenIsNotAnAccessToken()
    {
        await _app.SignUpConfirmedAsync("rita");
        var id = (await _app.TokensAsync("rita"))["IdToken"].Text();

        var response = await _app.CallAsync("GetUser", new { AccessToken = id });

        response.AssertError("NotAuthorizedException", "Invalid Access Token");
    }

    [Fact]
    public async Task TamperedAccessTokenIsRefused()
    {
        await _app.SignUpConfirmedAsync("rita");
        var parts = (await _app.TokensAsync("rita"))["AccessToken"].Text().Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["username"] = "someone-else";
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        var response = await _app.CallAsync("GetUser", new { AccessToken = forged });

        response.AssertError("NotAuthorizedException", "Invalid Access Token");
    }

    [Fact]
    public async Task AccessTokenWithoutTheAdminScopeIsRefused()
    {
        await _app.SignUpConfirmedAsync("rita");
        var genuine = new JsonWebToken((await _app.TokensAsync("rita"))["AccessToken"].Text());
        var claims = genuine.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => (object)g.First().Value);
        claims["scope"] = "openid email";
        claims["exp"] = genuine.GetPayloadValue<long>("exp");
        claims["iat"] = genuine.GetPayloadValue<long>("iat");
        claims["auth_time"] = genuine.GetPayloadValue<long>("auth_time");
        var key = _app.Service<Tokens.SigningKeys>().Get(LocalCognitoApp.PoolId, "access");
        var narrow = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

        var response = await _app.CallAsync("GetUser", new { AccessToken = narrow });

        response.AssertError("NotAuthorizedException", "Access token does not have required scopes");
    }

    [Fact]
    public async Task TokenNamingAnUnknownPoolIsRefusedWithoutMintingKeysForIt()
    {
        await _app.SignUpConfirmedAsync("rita");
        var parts = (await _app.TokensAsync("rita"))["AccessToken"].Text().Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["iss"] = "http://localhost/us-west-2_Invented1";
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        var response = await _app.CallAsync("GetUser", new { AccessToken = forged });

        response.AssertError("NotAuthorizedException", "Invalid Access Token");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_app.DataPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM signing_keys WHERE pool_id = 'us-west-2_Invented1'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task GlobalSignOutRevokesEveryRefreshTokenAndEarlierAccessTokens()
    {
        await _app.SignUpConfirmedAsync("rita");
        var first = await _app.TokensAsync("rita");
        var second = await _app.TokensAsync("rita");

        await _app.OkAsync("GlobalSignOut", new { AccessToken = first["AccessToken"].Text() });

        (await _app.CallAsync("GetUser", new { AccessToken = second["AccessToken"].Text() }))
            .AssertError("NotAuthorizedException", "Access Token has been revoked");
        (await RefreshAsync(first["RefreshToken"].Text())).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await RefreshAsync(second["RefreshToken"].Text())).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        var fresh = await _app.TokensAsync("rita");
        Assert.Null((await _app.CallAsync("GetUser", new { AccessToken = fresh["AccessToken"].Text() })).Type);
    }

    [Fact]
    public async Task RevokeTokenRevokesOneRefreshTokenAndTheAccessTokensMintedFromIt()
    {
        await _app.SignUpConfirmedAsync("rita");
        var revoked = await _app.TokensAsync("rita");
        var kept = await _app.TokensAsync("rita");
        var minted = (await RefreshAsync(revoked["RefreshToken"].Text())).Body["AuthenticationResult"]!["AccessToken"].Text();

        var response = await _app.CallAsync("RevokeToken", new { Token = revoked["RefreshToken"].Text(), ClientId = LocalCognitoApp.PublicClientId });

        Assert.Equal("{}", response.Body.ToJsonString());
        (await RefreshAsync(revoked["RefreshToken"].Text())).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await _app.CallAsync("GetUser", new { AccessToken = minted })).AssertError("NotAuthorizedException", "Access Token has been revoked");
        (await _app.CallAsync("GetUser", new { AccessToken = revoked["AccessToken"].Text() })).AssertError("NotAuthorizedException");
        Assert.Null((await _app.CallAsync("GetUser", new { AccessToken = kept["AccessToken"].Text() })).Type);
        Assert.Null((await RefreshAsync(kept["RefreshToken"].Text())).Type);
    }

    [Fact]
    public async Task RevokeTokenRefusesAnAccessToken()
    {
        await _app.SignUpConfirmedAsync("rita");
        var access = (await _app.TokensAsync("rita"))["AccessToken"].Text();
        var response = await _app.CallAsync("RevokeToken", new { Token = access, ClientId = LocalCognitoApp.PublicClientId });
        response.AssertError("UnsupportedTokenTypeException");
    }

    [Fact]
    public async Task RevokeTokenForASecretClientNeedsItsSecret()
    {
        var response = await _app.CallAsync("RevokeToken", new { Token = "abc", ClientId = LocalCognitoApp.WebClientId });
        response.AssertError("UnauthorizedException", "Client secret is required for this client.");
    }

    private Task<AwsResponse> RefreshAsync(string refreshToken) =>
        _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refreshToken },
        });
}
