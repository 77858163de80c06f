using System.Globalization;
using System.Security.Claims;
using CognitoDemo.Cognito.UserPools;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CognitoDemo.Web.Session;

/// <summary>
/// The signed-in session: a cookie holding the claims of the validated ID token and the three tokens,
/// encrypted by ASP.NET Core Data Protection so the browser can neither read nor forge them. Both ways
/// of signing in (SRP and the Hosted UI) end here, so every page sees the same session.
/// </summary>
public sealed partial class CognitoSession(IdTokenValidator validator, SrpAuthenticator authenticator, TimeProvider time,
    ILogger<CognitoSession> logger)
{
    public const string IdTokenName = "id_token";
    public const string AccessTokenName = "access_token";
    public const string RefreshTokenName = "refresh_token";
    public const string ExpiresAtName = "expires_at";

    /// <summary>Refresh the tokens when they have less than this left.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    /// <summary>Validates the ID token and signs the user in with a cookie. False when the token is refused.</summary>
    public async Task<bool> SignInAsync(HttpContext http, AuthenticationResultType tokens, string? keepRefreshToken = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        var principal = await PrincipalFromAsync(tokens.IdToken, http.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            return false;
        }

        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.StoreTokens(TokensOf(tokens, keepRefreshToken));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Refreshes the tokens with REFRESH_TOKEN_AUTH and returns the new principal and token set, or null
    /// when Cognito refuses (revoked, expired, user deleted): then the session must end.
    /// </summary>
    public async Task<(ClaimsPrincipal Principal, IEnumerable<AuthenticationToken> Tokens)?> RefreshAsync(
        ClaimsPrincipal current, AuthenticationProperties properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(properties);
        var refreshToken = properties.GetTokenValue(RefreshTokenName);
        var username = current.FindFirst(CognitoClaims.Username)?.Value;
        if (refreshToken is null || username is null)
        {
            return null;
        }

        try
        {
            var tokens = await authenticator.RefreshAsync(username, refreshToken, cancellationToken).ConfigureAwait(false);
            var principal = await PrincipalFromAsync(tokens.IdToken, cancellationToken).ConfigureAwait(false);
            return principal is null ? null : (principal, TokensOf(tokens, refreshToken));
        }
        catch (CognitoDemo.Cognito.CognitoServiceException e)
        {
            LogRefreshRefused(logger, e.ErrorCode);
            return null;
        }
    }

    /// <summary>
    /// Refreshes the current session's tokens now and re-issues the cookie, so new claims (a changed
    /// attribute) show at once. False when there is no session or Cognito refuses.
    /// </summary>
    public async Task<bool> RefreshCurrentAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (!current.Succeeded)
        {
            return false;
        }

        var refreshed = await RefreshAsync(current.Principal!, current.Properties!, http.RequestAborted).ConfigureAwait(false);
        if (refreshed is not { } fresh)
        {
            return false;
        }

        current.Properties!.StoreTokens(fresh.Tokens);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, fresh.Principal, current.Properties).ConfigureAwait(false);
        return true;
    }

    /// <summary>When the session's tokens expire.</summary>
    public static DateTimeOffset? ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties?.GetTokenValue(ExpiresAtName), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private async Task<ClaimsPrincipal?> PrincipalFromAsync(string? idToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken))
        {
            return null;
        }

        var result = await validator.ValidateAsync(idToken, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            LogIdTokenRefused(logger, result.Exception?.GetType().Name ?? "invalid");
            return null;
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, CookieAuthenticationDefaults.AuthenticationScheme,
            CognitoClaims.Username, "cognito:groups");
        return new ClaimsPrincipal(identity);
    }

    private List<AuthenticationToken> TokensOf(AuthenticationResultType tokens, string? keepRefreshToken)
    {
        var expiresAt = time.GetUtcNow().AddSeconds(tokens.ExpiresIn > 0 ? tokens.ExpiresIn : 3600);
        var list = new List<AuthenticationToken>
        {
            new() { Name = IdTokenName, Value = tokens.IdToken! },
            new() { Name = AccessTokenName, Value = tokens.AccessToken! },
            new() { Name = ExpiresAtName, Value = expiresAt.ToString("o", CultureInfo.InvariantCulture) },
        };
        // A refresh answer carries no refresh token: the original one stays valid.
        if ((tokens.RefreshToken ?? keepRefreshToken) is { } refresh)
        {
            list.Add(new() { Name = RefreshTokenName, Value = refresh });
        }

        return list;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token refresh refused for a session: {ErrorCode}")]
    private static partial void LogRefreshRefused(ILogger logger, string errorCode);

    // Only the failure's kind is logged, never the token.
    [LoggerMessage(Level = LogLevel.Warning, Message = "An ID token was refused: {Reason}")]
    private static partial void LogIdTokenRefused(ILogger logger, string reason);
}
