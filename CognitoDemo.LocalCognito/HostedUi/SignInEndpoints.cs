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

    /// <summary>
    /// The sign-in form; after <c>/confirm</c> it comes back with the confirmed username filled in and says so
    /// (<c>confirmed=true</c> only chooses the wording: it grants nothing).
    /// </summary>
    public static IResult ShowLogin(HttpContext http, PoolStore pools, IAntiforgery antiforgery)
    {
        var (request, error) = AuthorizeRequest.Check(Parameters(http.Request.Query), pools);
        if (request is null)
        {
            return error!;
        }

        var username = http.Request.Query[ConfirmEndpoints.UsernameField].ToString();
        var info = http.Request.Query[ConfirmEndpoints.ConfirmedField] == "true" ? ConfirmEndpoints.ConfirmedMessage : null;
        return LoginForm(http, antiforgery, request, username.Length == 0 ? null : username, info: info);
    }

    /// <summary>
    /// A Hosted UI form as posted back: well formed (else 400, never a 500), with a valid antiforgery token and valid
    /// authorize parameters. An expired form that still names a valid client links back to <c>/login</c>.
    /// </summary>
    public static async Task<(AuthorizeRequest? Request, OAuthForm? Form, IResult? Error)> ReadPageFormAsync(HttpContext http,
        PoolStore pools, IAntiforgery antiforgery, string what)
    {
        OAuthForm form;
        try
        {
            form = await OAuthForm.ReadAsync(http).ConfigureAwait(false);
        }
        catch (OAuthException)
        {
            return (null, null, OAuthErrorResponse.Page(OAuthException.InvalidRequest($"The {what} form was not received.")));
        }

        var (request, error) = AuthorizeRequest.Check(Parameters(form.Fields), pools);
        try
        {
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            var expired = OAuthException.InvalidRequest($"The {what} form has expired. Start signing in again.");
            return (null, null, request is null
                ? OAuthErrorResponse.Page(expired)
                : HostedUiPages.Error(expired.Error, expired.Description!, request.Link("/login")));
        }

        return (request, request is null ? null : form, error);
    }

    public static async Task<IResult> SubmitLoginAsync(HttpContext http, PoolStore pools, UserStore users, HostedUiStore store,
        SignInGate gate, TokenService tokens, IAntiforgery antiforgery)
    {
        var (request, form, error) = await ReadPageFormAsync(http, pools, antiforgery, "sign-in").ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }

        var username = form!.Fields[ConfirmEndpoints.UsernameField].ToString();
        var password = form.Fields["password"].ToString();
        var user = username.Length == 0 ? null : users.Find(request.Pool, username);
        var verdict = user is null ? SignInVerdict.WrongPassword : gate.SignIn(user, u => PasswordVerifier.Matches(u, password));
        if (verdict != SignInVerdict.Admitted)
        {
            // An unconfirmed user is offered the confirmation page (issue 12) instead of a dead end.
            var confirm = verdict == SignInVerdict.Unconfirmed ? ConfirmEndpoints.Link(request, username) : null;
            return LoginForm(http, antiforgery, request, username, Refusal(verdict), confirm);
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
        string? error = null, string? confirmLink = null, string? info = null)
    {
        var antiforgeryTokens = antiforgery.GetAndStoreTokens(http);
        return HostedUiPages.Login(request.Parameters, antiforgeryTokens.FormFieldName, antiforgeryTokens.RequestToken!,
            new PageMessage(username, error, info, confirmLink));
    }

    private static CookieOptions SessionCookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = http.Request.IsHttps,
    };

    public static Dictionary<string, string> Parameters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToString(), StringComparer.Ordinal);
}
