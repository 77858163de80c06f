using CognitoDemo.Cognito;
using CognitoDemo.Web.Cognito;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CognitoDemo.Web.Pages;

/// <summary>What every page that calls Cognito shares: putting Cognito's errors on the right field, and status banners that survive a redirect.</summary>
public abstract class CognitoPageModel : PageModel
{
    /// <summary>A message shown once at the top of the next page, after a redirect.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shows a Cognito failure on the field it concerns, or above the form.</summary>
    protected void AddError(CognitoException error, UserTask task)
    {
        var message = CognitoErrorMessages.For(error, task);
        var key = message.Field is null ? string.Empty : "Input." + message.Field;
        ModelState.AddModelError(key, message.Text);
    }

    /// <summary>Checks a new password against the pool's rules before Cognito is asked, on the given field.</summary>
    protected void CheckPasswordRules(PasswordPolicy policy, string field, string? password)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.FirstBroken(password) is { } broken)
        {
            ModelState.AddModelError(field, broken);
        }
    }

    /// <summary>
    /// Ends a session Cognito refused (cookie cleared, cached credentials dropped) and sends the user to sign
    /// in with the reason shown; they come back to this page after.
    /// </summary>
    protected async Task<IActionResult> EndSessionAsync()
    {
        await Session.SessionEnd.EndAsync(HttpContext);
        var back = HttpMethods.IsGet(Request.Method) ? (Request.Path + Request.QueryString).ToString() : Request.Path.ToString();
        return LocalRedirect(Session.SessionEnd.SignInUrl(back));
    }

    /// <summary>Only local URLs are followed after sign-in; anything else goes home.</summary>
    protected string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
}
