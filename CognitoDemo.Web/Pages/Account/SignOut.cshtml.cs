using CognitoDemo.Cognito;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Credentials;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>
/// Sign out (POST only): <c>GlobalSignOut</c> revokes the user's tokens at Cognito, then the cookie is
/// cleared. If Cognito cannot be reached the cookie is still cleared and the user is told.
/// </summary>
public sealed class SignOutModel(UserPoolClient userPool, CredentialsService credentials, IOptions<CognitoOptions> options) : CognitoPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            if (User.FindFirst(CognitoClaims.Subject)?.Value is { } sub)
            {
                await credentials.ForgetAsync(sub, CancellationToken.None); // forgotten even if the browser goes away
            }

            try
            {
                await userPool.GlobalSignOutAsync(new GlobalSignOutRequest { AccessToken = await HttpContext.AccessTokenAsync() },
                    HttpContext.RequestAborted);
                StatusMessage = "You are signed out, and your tokens are revoked at Cognito.";
            }
            catch (CognitoException)
            {
                StatusMessage = "You are signed out of this site. Cognito could not be told, so your tokens stay valid until they expire.";
            }
        }

        var session = await HttpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var viaHostedUi = session.Properties?.Items.ContainsKey(HostedUi.SessionItem) == true;
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (viaHostedUi && HostedUi.IsEnabled(options.Value))
        {
            // End the Hosted UI session too, with Cognito's own logout request; it sends the browser back home.
            return Redirect(HostedUi.LogoutUri(options.Value, new Uri($"{Request.Scheme}://{Request.Host}/")).ToString());
        }

        return RedirectToPage("/Index");
    }
}
