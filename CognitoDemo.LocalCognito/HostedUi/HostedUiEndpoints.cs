using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI on Local Cognito's own base URL (protocol doc 6): authorize, the sign-in form, token,
/// userInfo, revoke and logout. There is one domain for every pool, so the pool is the one of <c>client_id</c>.
/// </summary>
internal static class HostedUiEndpoints
{
    /// <summary>The Hosted UI session cookie; Cognito's own is also called <c>cognito</c>.</summary>
    public const string SessionCookie = "cognito";

    public const string AntiforgeryCookie = "local-cognito-xsrf";

    public static void MapHostedUi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oauth2/authorize", Authorize);
        routes.MapGet("/login", ShowLogin);
        routes.MapPost("/login", SubmitLoginAsync);
        routes.MapPost("/oauth2/token", TokenAsync);
        routes.MapGet("/oauth2/userInfo", UserInfoAsync);
        routes.MapPost("/oauth2/userInfo", UserInfoAsync);
        routes.MapPost("/oauth2/revoke", RevokeAsync);
        routes.MapGet("/logout", Logout);
    }

    private static IResult Authorize(HttpContext http, PoolStore pools, UserStore users, HostedUiStore store)
    {
        var (request, error) = AuthorizeRequest.Check(Parameters(http.Request.Query), pools);
        if (request is null)
        {
            return error!;
        }

        // A session of a user since deleted, disabled or in another pool does not count: the form is shown.
        var session = store.FindSession(http.Request.Cookies[SessionCookie]);
        return session is not null && session.PoolId == request.Pool.Id && users.FindBySub(session.PoolId, session.Sub) is { Enabled: true }
            ? Results.Redirect(request.CodeRedirect(store.IssueCode(request.Pool.Id, request.Client.Id, session.Sub,
                request.RedirectUri, request.Grant, request.CodeChallenge)))
            : Results.Redirect(request.On("/login"));
    }

    private static IResult ShowLogin(HttpContext http, PoolStore pools, IAntiforgery antiforgery)
    {
        var (request, error) = AuthorizeRequest.Check(Parameters(http.Request.Query), pools);
        return request is null ? error! : LoginForm(http, antiforgery, request);
    }

    private static async Task<IResult> SubmitLoginAsync(HttpContext http, PoolStore pools, UserStore users, HostedUiStore store,
        IAntiforgery antiforgery, TimeProvider time)
    {
        if (!http.Request.HasFormContentType)
        {
            return HostedUiPages.Error(OAuth2Errors.InvalidRequest, "The sign-in form was not received.");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return HostedUiPages.Error(OAuth2Errors.InvalidRequest, "The sign-in form has expired. Start signing in again.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var (request, error) = AuthorizeRequest.Check(Parameters(form), pools);
        if (request is null)
        {
            return error!;
        }

        var username = ClientCredentials.Value(form, "username") ?? "";
        var password = ClientCredentials.Value(form, "password") ?? "";
        var user = username.Length == 0 ? null : users.Find(request.Pool, username);
        var now = time.GetUtcNow();
        // The same lockout as InitiateAuth: a locked user is refused before the password is even checked.
        if (user?.LockedUntil is { } until && until > now)
        {
            return LoginForm(http, antiforgery, request, username, ErrorMessages.PasswordAttemptsExceeded);
        }

        if (user is null || !PasswordVerifier.Matches(user, password))
        {
            if (user is not null)
            {
                users.RecordFailedSignIn(user, now);
            }

            return LoginForm(http, antiforgery, request, username, ErrorMessages.IncorrectCredentials);
        }

        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            users.ResetFailedSignIns(user);
        }

        var refusal = !user.Enabled ? ErrorMessages.UserDisabled : user.Status switch
        {
            UserStatus.Unconfirmed => ErrorMessages.UserNotConfirmed,
            UserStatus.Confirmed => null,
            UserStatus.ResetRequired => "Password reset required for the user",
            _ => "This user must set a new password first; the Local Cognito Hosted UI does not offer that form. Sign in through the app instead.",
        };
        if (refusal is not null)
        {
            return LoginForm(http, antiforgery, request, username, refusal);
        }

        var sessionId = store.StartSession(request.Pool.Id, user.Sub);
        http.Response.Cookies.Append(SessionCookie, sessionId, SessionCookieOptions(http));
        return Results.Redirect(request.CodeRedirect(store.IssueCode(request.Pool.Id, request.Client.Id, user.Sub,
            request.RedirectUri, request.Grant, request.CodeChallenge)));
    }

    private static async Task<IResult> TokenAsync(HttpContext http, PoolStore pools, UserStore users, AuthSessionStore sessions,
        HostedUiStore store, TokenService tokens, TimeProvider time)
    {
        try
        {
            var form = await ReadFormAsync(http).ConfigureAwait(false);
            var client = Authenticate(http.Request, form, pools);
            var pool = pools.Find(client.PoolId) ?? throw new OAuth2Exception(OAuth2Errors.InvalidClient);
            var baseUrl = BaseUrl(http.Request);
            var result = ClientCredentials.Value(form, OAuth2Parameters.GrantType) switch
            {
                null => throw new OAuth2Exception(OAuth2Errors.InvalidRequest),
                OAuth2Parameters.AuthorizationCodeGrant => RedeemCode(form, baseUrl, pool, client, users, store, tokens),
                OAuth2Parameters.RefreshTokenGrant => Refresh(form, baseUrl, pool, client, users, sessions, store, tokens, time),
                OAuth2Parameters.ClientCredentialsGrant => throw new OAuth2Exception(OAuth2Errors.UnauthorizedClient),
                _ => throw new OAuth2Exception(OAuth2Errors.UnsupportedGrantType),
            };
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(JsonOutput.Write(result), OAuth2Exception.JsonContentType, Encoding.UTF8);
        }
        catch (OAuth2Exception e)
        {
            return e.ToResult();
        }
    }

    private static JsonObject RedeemCode(IFormCollection form, string baseUrl, UserPool pool, AppClient client, UserStore users,
        HostedUiStore store, TokenService tokens)
    {
        var code = ClientCredentials.Value(form, OAuth2Parameters.Code) ?? throw new OAuth2Exception(OAuth2Errors.InvalidRequest);
        var redirectUri = ClientCredentials.Value(form, OAuth2Parameters.RedirectUri)
            ?? throw new OAuth2Exception(OAuth2Errors.InvalidRequest);
        // Taken before any check: a code is spent by its first use, right or wrong (RFC 6749 4.1.2).
        var grant = store.TakeCode(code);
        if (grant is null || grant.ClientId != client.Id || grant.RedirectUri != redirectUri
            || !VerifierMatches(grant.CodeChallenge, ClientCredentials.Value(form, OAuth2Parameters.CodeVerifier)))
        {
            throw new OAuth2Exception(OAuth2Errors.InvalidGrant);
        }

        var user = users.FindBySub(pool.Id, grant.Sub);
        if (user is not { Enabled: true })
        {
            throw new OAuth2Exception(OAuth2Errors.InvalidGrant);
        }

        var minted = tokens.SignIn(baseUrl, pool, client, user, grant.Grant);
        store.RememberScope(TokenService.Hash(minted["RefreshToken"]!.GetValue<string>()), grant.Grant.Scope);
        return TokenResponse(minted);
    }

    private static JsonObject Refresh(IFormCollection form, string baseUrl, UserPool pool, AppClient client, UserStore users,
        AuthSessionStore sessions, HostedUiStore store, TokenService tokens, TimeProvider time)
    {
        var refreshToken = ClientCredentials.Value(form, OAuth2Parameters.RefreshToken)
            ?? throw new OAuth2Exception(OAuth2Errors.InvalidRequest);
        var hash = TokenService.Hash(refreshToken);
        var session = sessions.FindByRefreshHash(hash);
        if (session is null || session.ClientId != client.Id || session.Revoked || time.GetUtcNow() >= session.RefreshExpiresAt
            || users.FindBySub(pool.Id, session.Sub) is not { Enabled: true } user)
        {
            throw new OAuth2Exception(OAuth2Errors.InvalidGrant);
        }

        // A refresh token from the API (not this endpoint) carries the API's scope.
        var grant = new OAuthGrant(store.ScopeOf(hash) ?? CognitoIdp.AdminScope, Nonce: null);
        return TokenResponse(tokens.Refresh(baseUrl, pool, client, user, session, grant));
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, PoolStore pools, UserStore users, TokenService tokens)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return BearerError(StatusCodes.Status400BadRequest, OAuth2Errors.InvalidRequest, "Access token is missing.");
        }

        AccessTokenClaims claims;
        try
        {
            claims = await tokens.ValidateAccessTokenAsync(header["Bearer ".Length..].Trim(), OAuthGrant.OpenIdScope).ConfigureAwait(false);
            tokens.EnsureNotRevoked(claims);
        }
        catch (AwsServiceException)
        {
            return BearerError(StatusCodes.Status401Unauthorized, OAuth2Errors.InvalidToken, OAuth2Errors.TokenRejected);
        }

        var user = pools.Find(claims.PoolId) is null ? null : users.FindBySub(claims.PoolId, claims.Sub);
        if (user is not { Enabled: true })
        {
            return BearerError(StatusCodes.Status401Unauthorized, OAuth2Errors.InvalidToken, OAuth2Errors.TokenRejected);
        }

        // Cognito's userInfo answers every attribute as a string, email_verified included.
        var body = new JsonObject { [Claims.Sub] = user.Sub };
        foreach (var (name, value) in user.Attributes)
        {
            body[name] = value;
        }

        body[Claims.Username] = user.Username;
        return Results.Content(JsonOutput.Write(body), OAuth2Exception.JsonContentType, Encoding.UTF8);
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, PoolStore pools, AuthSessionStore sessions)
    {
        try
        {
            var form = await ReadFormAsync(http).ConfigureAwait(false);
            AppClient client;
            try
            {
                client = Authenticate(http.Request, form, pools);
            }
            catch (OAuth2Exception e) when (e.Error == OAuth2Errors.InvalidClient)
            {
                throw new OAuth2Exception(OAuth2Errors.InvalidClient, StatusCodes.Status401Unauthorized);
            }

            var token = ClientCredentials.Value(form, OAuth2Parameters.Token) ?? throw new OAuth2Exception(OAuth2Errors.InvalidRequest);
            // Unknown or foreign tokens are answered like revoked ones (RFC 7009 2.2): nothing to learn from the answer.
            if (sessions.FindByRefreshHash(TokenService.Hash(token)) is { } session && session.ClientId == client.Id)
            {
                sessions.Revoke(session.OriginJti);
            }

            return Results.Ok();
        }
        catch (OAuth2Exception e)
        {
            return e.ToResult();
        }
    }

    private static IResult Logout(HttpContext http, PoolStore pools, HostedUiStore store)
    {
        var query = Parameters(http.Request.Query);
        var client = query.GetValueOrDefault(OAuth2Parameters.ClientId) is { Length: > 0 } clientId ? pools.FindClient(clientId) : null;
        if (client is null)
        {
            return HostedUiPages.Error("Invalid client_id", "The client_id is missing or is not a client of any user pool.");
        }

        string target;
        if (query.GetValueOrDefault(OAuth2Parameters.LogoutUri) is { Length: > 0 } logoutUri)
        {
            if (!client.Settings.LogoutUrls.Contains(logoutUri, StringComparer.Ordinal))
            {
                return HostedUiPages.Error("Invalid logout_uri", "The logout_uri is not one of the sign-out URLs registered for this client.");
            }

            target = logoutUri;
        }
        else
        {
            var (request, error) = AuthorizeRequest.Check(query, pools);
            if (request is null)
            {
                return error!;
            }

            target = request.On("/login");
        }

        store.EndSession(http.Request.Cookies[SessionCookie]);
        http.Response.Cookies.Delete(SessionCookie, SessionCookieOptions(http));
        return Results.Redirect(target);
    }

    /// <summary>The client a token or revocation request authenticates as; a confidential client must prove its secret.</summary>
    private static AppClient Authenticate(HttpRequest request, IFormCollection form, PoolStore pools)
    {
        var (clientId, secret) = ClientCredentials.Read(request, form);
        var client = clientId is null ? null : pools.FindClient(clientId);
        if (client is null)
        {
            throw new OAuth2Exception(OAuth2Errors.InvalidClient);
        }

        if (client.HasSecret && (secret is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.Secret!))))
        {
            throw new OAuth2Exception(OAuth2Errors.InvalidClient);
        }

        return client;
    }

    /// <summary>PKCE S256 (RFC 7636 4.6): base64url-no-pad(SHA-256(ASCII verifier)) equals the challenge.</summary>
    private static bool VerifierMatches(string? challenge, string? verifier)
    {
        if (challenge is null)
        {
            return true;
        }

        if (verifier is null)
        {
            return false;
        }

        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    private static JsonObject TokenResponse(JsonObject minted)
    {
        var response = new JsonObject();
        if (minted["IdToken"] is { } id)
        {
            response["id_token"] = id.GetValue<string>();
        }

        response["access_token"] = minted["AccessToken"]!.GetValue<string>();
        if (minted["RefreshToken"] is { } refresh)
        {
            response["refresh_token"] = refresh.GetValue<string>();
        }

        response["expires_in"] = minted["ExpiresIn"]!.GetValue<int>();
        response["token_type"] = "Bearer";
        return response;
    }

    private static IResult LoginForm(HttpContext http, IAntiforgery antiforgery, AuthorizeRequest request, string? username = null,
        string? error = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return HostedUiPages.Login(request.Parameters, tokens.FormFieldName, tokens.RequestToken!, username, error);
    }

    private static BearerErrorResult BearerError(int status, string error, string description) => new BearerErrorResult(status,
        $"Bearer error=\"{error}\", error_description=\"{description}\"", error, description);

    private static async Task<IFormCollection> ReadFormAsync(HttpContext http) =>
        http.Request.HasFormContentType
            ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false)
            : throw new OAuth2Exception(OAuth2Errors.InvalidRequest);

    private static CookieOptions SessionCookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = http.Request.IsHttps,
    };

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static Dictionary<string, string> Parameters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToString(), StringComparer.Ordinal);

    /// <summary>userInfo's errors: the WWW-Authenticate challenge and a JSON body with the same error.</summary>
    private sealed class BearerErrorResult(int status, string challenge, string error, string description) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.WWWAuthenticate = challenge;
            httpContext.Response.ContentType = OAuth2Exception.JsonContentType;
            return httpContext.Response.WriteAsync(JsonOutput.Write(new JsonObject
            {
                [OAuth2Parameters.Error] = error,
                ["error_description"] = description,
            }), httpContext.RequestAborted);
        }
    }
}
