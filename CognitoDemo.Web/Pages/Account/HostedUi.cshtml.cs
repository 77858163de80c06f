using CognitoDemo.Web.Cognito;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>
/// "Sign in with the Hosted UI" (POST, with antiforgery, so no other site can start a sign-in): hands
/// the browser to Cognito's Hosted UI through the OpenID Connect handler (code flow with PKCE).
/// </summary>
[LimitCognitoCalls]
public sealed class HostedUiModel(IOptions<CognitoOptions> options) : CognitoPageModel
{
    public IActionResult OnGet() => RedirectToPage("SignIn");

    public IActionResult OnPost(string? returnUrl)
    {
        if (!HostedUi.IsEnabled(options.Value))
        {
            StatusMessage = "The Hosted UI is not configured: set Cognito:HostedUiDomain to the user pool's domain.";
            return RedirectToPage("SignIn");
        }

        return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, HostedUi.Scheme);
    }
}
