using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CognitoDemo.Web.Pages.Diagnostics;

/// <summary>
/// /diagnostics: the configuration checked against what it points at, each problem explained. Each view
/// makes several calls to Cognito, so it shares the account pages' rate limit.
/// </summary>
[LimitCognitoCalls(IncludeGet = true)]
public sealed class IndexModel(DiagnosticsService diagnostics) : PageModel
{
    public IReadOnlyList<DiagnosticCheck> Checks { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var idToken = User.Identity?.IsAuthenticated == true
            ? await HttpContext.GetTokenAsync(Session.CognitoSession.IdTokenName)
            : null;
        Checks = await diagnostics.RunAsync(new Uri($"{Request.Scheme}://{Request.Host}/"), idToken, HttpContext.RequestAborted);
    }
}
