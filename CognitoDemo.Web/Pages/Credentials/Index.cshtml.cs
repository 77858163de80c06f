using CognitoDemo.Web.Credentials;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Credentials;

/// <summary>
/// Temporary AWS credentials for the signed-in user: the identity-pool exchange step by step, the
/// credentials shown safely, and "Who am I?" (sts:GetCallerIdentity) proving they are real.
/// </summary>
[Authorize]
public sealed class IndexModel(CredentialsService credentials, TimeProvider time) : CognitoPageModel
{
    public CredentialExchange? Exchange { get; private set; }

    public CallerIdentity? Caller { get; private set; }

    public string? Problem { get; private set; }

    public bool IsConfigured => credentials.IsConfigured;

    public DateTimeOffset Now { get; private set; }

    public Task OnGetAsync() => LoadAsync(renew: false);

    public async Task<IActionResult> OnPostRenewAsync()
    {
        await LoadAsync(renew: true);
        if (Exchange is not null)
        {
            StatusMessage = "New temporary credentials were issued.";
            return RedirectToPage();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostWhoAmIAsync()
    {
        await LoadAsync(renew: false);
        if (Exchange is null)
        {
            return Page();
        }

        try
        {
            Caller = await credentials.WhoAmIAsync(Exchange.Credentials, HttpContext.RequestAborted);
        }
        catch (CredentialsUnavailableException e)
        {
            Problem = e.Message;
        }

        return Page();
    }

    private async Task LoadAsync(bool renew)
    {
        Now = time.GetUtcNow();
        var sub = User.FindFirst(CognitoClaims.Subject)?.Value ?? throw new InvalidOperationException("The session has no sub claim.");
        try
        {
            Exchange = await credentials.GetAsync(sub, await HttpContext.IdTokenAsync(), renew, HttpContext.RequestAborted);
        }
        catch (CredentialsUnavailableException e)
        {
            Problem = e.Message;
        }
    }

    /// <summary>The first and last characters only, e.g. <c>IQoJb3JpZ…Jg==</c>.</summary>
    public static string Shorten(string value, int keep = 10) =>
        value.Length <= keep * 2 ? value : $"{value[..keep]}…{value[^4..]}";
}
