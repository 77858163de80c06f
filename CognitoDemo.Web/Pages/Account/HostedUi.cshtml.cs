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

    /// <summary>Set when the Hosted UI refused this site's address: the setting to change, in words.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!HostedUi.IsEnabled(options.Value))
        {
            StatusMessage = "The Hosted UI is not configured: set Cognito:HostedUiDomain to the user pool's domain.";
            return RedirectToPage("SignIn");
        }

        // Cognito shows a redirect mismatch on its own error page, with no way back: ask first, and explain here.
        var site = new Uri($"{Request.Scheme}://{Request.Host}/");
        switch (await HostedUiCallbackProbe.ProbeAsync(options.Value, site, HttpContext.RequestAborted))
        {
            case CallbackVerdict.Refused:
                Problem = $"The Hosted UI at {options.Value.HostedUiDomain} does not accept this site's address ({site}) for app client " +
                          $"{options.Value.ClientId}. To use it here, {HostedUiCallbackProbe.Advice(site)}. /diagnostics checks it.";
                return Page();
            case CallbackVerdict.Unreachable:
                Problem = $"The Hosted UI at {options.Value.HostedUiDomain} cannot be reached right now; check Cognito:HostedUiDomain, " +
                          "or sign in with the form instead.";
                return Page();
        }

        return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, HostedUi.Scheme);
    }
}
