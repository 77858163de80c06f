using System.Globalization;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.AspNetCore.Antiforgery;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The browser side of the Hosted UI: <c>GET /oauth2/authorize</c>, the sign-in form at <c>/login</c> and
/// <c>GET /logout</c>. A signed-in browser (the <c>cognito</c> cookie) is sent straight back with a code or, in the
/// implicit flow, tokens; <c>prompt=none</c> never shows the form and <c>prompt=login</c> always does (OIDC Core 3.1.2.1).
/// </summary>
internal static class SignInEndpoints
{
    /// <summary>The Hosted UI session cookie; Cognito's own is also called <c>cognito</c>.</summary>
    public const string SessionCookie = "cognito";

    public static IResult Authorize(HttpContext http, PoolStore pools, UserStore users, HostedUiStore store, TokenService tokens)
    {
        var (request, error) = AuthorizeRequest.Check(Parameters(http.Request.Query), pools);
        if (request is null)
        {
            return error!;
        }

        // A session of a user since deleted, disabled or in another pool does not count.
        var session = store.FindSession(http.Request.Cookies[SessionCookie]);
        var user = session is not null && session.PoolId == request.Pool.Id ? users.FindBySub(session.PoolId, session.Sub) : null;
        if (user is { Enabled: true } && !request.HasPrompt(Prompts.Login))
        {
            return Complete(request, user, store, tokens);
        }

        // OIDC Core 3.1.2.6: with prompt=none and no session, login_required goes back to the client.
        return request.HasPrompt(Prompts.None)
            ? request.Fail(new OAuthException(OAuth2Errors.LoginRequired))
            : Results.Redirect(request.On("/login"));
    }

    public static IResult ShowLogin(HttpContext http, PoolStore pools, IAntiforgery antiforgery)
    {
        var (request, error) = AuthorizeRequest.Check(Parameters(http.Request.Query), pools);
        return request is null ? error! : LoginForm(http, antiforgery, request);
    }

    public static async Task<IResult> SubmitLoginAsync(HttpContext http, PoolStore pools, UserStore users, HostedUiStore store,
        SignInGate gate, TokenService tokens, IAntiforgery antiforgery)
    {
        OAuthForm form;
        try
        {
            form = await OAuthForm.ReadAsync(http).ConfigureAwait(false);
        }
        catch (OAuthException)
        {
            return OAuthErrorResponse.Page(OAuthException.InvalidRequest("The sign-in form was not received."));
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return OAuthErrorResponse.Page(OAuthException.InvalidRequest("The sign-in form has expired. Start signing in again."));
        }

        var (request, error) = AuthorizeRequest.Check(Parameters(form.Fields), pools);
        if (request is null)
        {
            return error!;
        }

        var username = form.Fields["username"].ToString();
        var password = form.Fields["password"].ToString();
        var user = username.Length == 0 ? null : users.Find(request.Pool, username);
        var verdict = user is null ? SignInVerdict.WrongPassword : gate.SignIn(user, u => PasswordVerifier.Matches(u, password));
        if (verdict != SignInVerdict.Admitted)
        {
            return LoginForm(http, antiforgery, request, username, Refusal(verdict));
        }

        http.Response.Cookies.Append(SessionCookie, store.StartSession(request.Pool.Id, user!.Sub), SessionCookieOptions(http));
        return Complete(request, user, store, tokens);
    }

    public static IResult Logout(HttpContext http, PoolStore pools, HostedUiStore store)
    {
        var query = Parameters(http.Request.Query);
        var client = query.GetValueOrDefault(OAuth2Parameters.ClientId) is { Length: > 0 } clientId ? pools.FindClient(clientId) : null;
        if (client is null)
        {
            return OAuthErrorResponse.Page(new OAuthException("Invalid client_id", "The client_id is missing or is not a client of any user pool."));
        }

        string target;
        if (query.GetValueOrDefault(OAuth2Parameters.LogoutUri) is { Length: > 0 } logoutUri)
        {
            if (!client.Settings.LogoutUrls.Contains(logoutUri, StringComparer.Ordinal))
            {
                return OAuthErrorResponse.Page(new OAuthException("Invalid logout_uri",
                    "The logout_uri is not one of the sign-out URLs registered for this client."));
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

    /// <summary>
    /// A signed-in user goes back to the client: with a code (code flow), or with the tokens in the fragment and no
    /// refresh token (implicit flow, RFC 6749 4.2.2; AWS authorize endpoint documentation).
    /// </summary>
    private static IResult Complete(AuthorizeRequest request, User user, HostedUiStore store, TokenService tokens)
    {
        if (!request.IsImplicit)
        {
            return Results.Redirect(request.CodeRedirect(store.IssueCode(request.Pool.Id, request.Client.Id, user.Sub,
                request.RedirectUri, request.Grant, request.CodeChallenge)));
        }

        var minted = tokens.SignIn(request.Pool, request.Client, user, OAuthGrant.Implicit, request.Grant);
        return Results.Redirect(OAuthErrorResponse.RedirectWith(request.RedirectUri, inFragment: true,
            (OAuth2Parameters.IdToken, minted["IdToken"]?.GetValue<string>()),
            (OAuth2Parameters.AccessToken, minted["AccessToken"]!.GetValue<string>()),
            (OAuth2Parameters.TokenType, OAuth2Parameters.Bearer),
            (OAuth2Parameters.ExpiresIn, minted["ExpiresIn"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture)),
            (OAuth2Parameters.State, request.State)));
    }

    /// <summary>The sign-in gate's refusals in the words of Cognito's sign-in page.</summary>
    private static string Refusal(SignInVerdict verdict) => verdict switch
    {
        SignInVerdict.Locked => ErrorMessages.PasswordAttemptsExceeded,
        SignInVerdict.Disabled => ErrorMessages.UserDisabled,
        SignInVerdict.Unconfirmed => ErrorMessages.UserNotConfirmed,
        SignInVerdict.ResetRequired => ErrorMessages.PasswordResetRequired,
        SignInVerdict.TemporaryPasswordExpired => ErrorMessages.TemporaryPasswordExpired,
        SignInVerdict.NewPasswordRequired =>
            "This user must set a new password first; the Local Cognito Hosted UI does not offer that form. Sign in through the app instead.",
        _ => ErrorMessages.IncorrectCredentials,
    };

    private static IResult LoginForm(HttpContext http, IAntiforgery antiforgery, AuthorizeRequest request, string? username = null,
        string? error = null)
    {
        var antiforgeryTokens = antiforgery.GetAndStoreTokens(http);
        return HostedUiPages.Login(request.Parameters, antiforgeryTokens.FormFieldName, antiforgeryTokens.RequestToken!, username, error);
    }

    private static CookieOptions SessionCookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = http.Request.IsHttps,
    };

    private static Dictionary<string, string> Parameters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToString(), StringComparer.Ordinal);
}
