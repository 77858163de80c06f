using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Credentials;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CognitoDemo.Web.Session;

/// <summary>
/// Ends a session Cognito no longer accepts (signed out everywhere, token revoked or expired, user disabled
/// or deleted) at once and everywhere in this app: the cookie is cleared and the user's cached AWS
/// credentials are dropped, so nothing of the session outlives Cognito's refusal.
/// </summary>
public static class SessionEnd
{
    /// <summary>The sign-in page's query flag that shows why the session ended.</summary>
    public const string EndedQuery = "ended";

    /// <summary>
    /// Whether an answer means Cognito refuses the session's tokens: <c>UserNotFoundException</c> (the user is
    /// gone), or <c>NotAuthorizedException</c> about a token ("Access Token has been revoked", "Invalid Access
    /// Token", "Refresh Token has expired", …) or the user ("User is disabled."). A wrong current password on
    /// ChangePassword is a <c>NotAuthorizedException</c> too, "Incorrect username or password.", and is not one.
    /// </summary>
    public static bool IsRefusal(CognitoException error) =>
        error is CognitoServiceException service
        && (service.Is(UserPoolErrors.UserNotFound)
            || (service.Is(UserPoolErrors.NotAuthorized)
                && (service.ErrorMessage.Contains("token", StringComparison.OrdinalIgnoreCase)
                    || service.ErrorMessage.Contains("disabled", StringComparison.OrdinalIgnoreCase))));

    /// <summary>
    /// Whether the identity pool refused the session's ID token itself ("Invalid login token. Token expired…",
    /// revoked), as opposed to a configuration problem ("…not from a supported provider of this identity pool"),
    /// which ending the session would not cure.
    /// </summary>
    public static bool IsIdTokenRefusal(CognitoServiceException error) =>
        error is not null && error.Is(UserPoolErrors.NotAuthorized)
        && (error.ErrorMessage.Contains("expired", StringComparison.OrdinalIgnoreCase)
            || error.ErrorMessage.Contains("revoked", StringComparison.OrdinalIgnoreCase));

    /// <summary>Clears the cookie and drops the user's cached credentials.</summary>
    public static async Task EndAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        ForgetCredentials(http, http.User);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }

    /// <summary>Drops the signed-in user's cached AWS credentials.</summary>
    public static void ForgetCredentials(HttpContext http, System.Security.Claims.ClaimsPrincipal? user)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (user?.FindFirst(CognitoClaims.Subject)?.Value is { } sub)
        {
            http.RequestServices.GetRequiredService<CredentialsService>().Forget(sub);
        }
    }

    /// <summary>The sign-in page, saying the session ended, and coming back to <paramref name="returnUrl"/> after.</summary>
    public static string SignInUrl(string? returnUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Account/SignIn",
            new Dictionary<string, string?> { [EndedQuery] = "true", ["ReturnUrl"] = returnUrl ?? "/" });
}
