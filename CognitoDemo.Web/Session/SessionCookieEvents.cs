using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CognitoDemo.Web.Session;

/// <summary>
/// Keeps a session's tokens fresh: on each request, when they have less than
/// <see cref="CognitoSession.RefreshAhead"/> left, refreshes them (REFRESH_TOKEN_AUTH) and renews the
/// cookie; when Cognito refuses, ends the session and tells the user why on the sign-in page.
/// </summary>
public sealed class SessionCookieEvents(CognitoSession session, TimeProvider time) : CookieAuthenticationEvents
{
    public const string EndedReasonKey = "session-ended";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expiresAt = CognitoSession.ExpiresAt(context.Properties);
        if (expiresAt is not null && expiresAt.Value - time.GetUtcNow() > CognitoSession.RefreshAhead)
        {
            return;
        }

        var refreshed = await session.RefreshAsync(context.Principal!, context.Properties, context.HttpContext.RequestAborted)
            .ConfigureAwait(false);
        if (refreshed is null)
        {
            SessionEnd.ForgetCredentials(context.HttpContext, context.Principal);
            context.RejectPrincipal();
            context.HttpContext.Items[EndedReasonKey] = true;
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return;
        }

        context.ReplacePrincipal(refreshed.Value.Principal);
        context.Properties.StoreTokens(refreshed.Value.Tokens);
        context.ShouldRenew = true;
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Items.ContainsKey(EndedReasonKey))
        {
            context.RedirectUri = QueryHelpersAppend(context.RedirectUri, "ended", "true");
        }

        return base.RedirectToLogin(context);
    }

    private static string QueryHelpersAppend(string uri, string name, string value) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(uri, name, value);
}
