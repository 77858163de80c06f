using System.Text.Json;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Credentials;
using CognitoDemo.Web.Session;
using CognitoDemo.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Credentials;

/// <summary>
/// Temporary AWS credentials for the signed-in user: the identity-pool exchange step by step, the
/// credentials shown safely, and "Who am I?" (sts:GetCallerIdentity) proving they are real.
/// </summary>
[Authorize]
[LimitCognitoCalls]
public sealed class IndexModel(CredentialsService credentials, UserPoolClient userPool, TimeProvider time, GroupPrecedences precedences) : CognitoPageModel
{
    private const string CallerKey = "Credentials.Caller";

    public CredentialExchange? Exchange { get; private set; }

    public CallerIdentity? Caller { get; private set; }

    public string? Problem { get; private set; }

    public bool IsConfigured => credentials.IsConfigured;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The ID token's <c>cognito:preferred_role</c>: the role an identity pool mapping roles from the token assumes.</summary>
    public string? PreferredRole => User.FindFirst(UsersSetup.PreferredRoleClaim)?.Value;

    /// <summary>The ID token's <c>cognito:groups</c>.</summary>
    public IReadOnlyList<string> Groups => [.. User.FindAll(UsersSetup.GroupsClaim).Select(c => c.Value)];

    /// <summary>The precedence of the user's one group, when the app knows the pool's setting (local mode).</summary>
    public int? GroupPrecedence => Groups.Count == 1 ? precedences.Of(Groups[0]) : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(renew: false) is { } ended)
        {
            return ended;
        }

        // "Who am I?" answered on the POST and redirected here (post/redirect/get), so a reload does not re-post.
        if (TempData[CallerKey] is string caller && Exchange is not null)
        {
            Caller = JsonSerializer.Deserialize<CallerIdentity>(caller);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRenewAsync()
    {
        if (await LoadAsync(renew: true) is { } ended)
        {
            return ended;
        }

        if (Exchange is not null)
        {
            StatusMessage = "New temporary credentials were issued.";
            return RedirectToPage();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostWhoAmIAsync()
    {
        if (await LoadAsync(renew: false) is { } ended)
        {
            return ended;
        }

        if (Exchange is null)
        {
            return Page();
        }

        try
        {
            TempData[CallerKey] = JsonSerializer.Serialize(await credentials.WhoAmIAsync(Exchange.Credentials, HttpContext.RequestAborted));
            return RedirectToPage();
        }
        catch (CredentialsUnavailableException e)
        {
            // STS refused these credentials: the next visit exchanges the ID token again instead of showing them.
            SessionEnd.ForgetCredentials(HttpContext, User);
            Problem = e.Message;
            return Page();
        }
    }

    /// <summary>
    /// Checks with Cognito that the session is still accepted (GetUser with its access token), so cached
    /// credentials never outlive a session signed out elsewhere, then gets the credentials. Returns where to go
    /// when the session ended.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(bool renew)
    {
        Now = time.GetUtcNow();
        var sub = User.FindFirst(CognitoClaims.Subject)?.Value ?? throw new InvalidOperationException("The session has no sub claim.");
        try
        {
            await userPool.GetUserAsync(new GetUserRequest { AccessToken = await HttpContext.AccessTokenAsync() }, HttpContext.RequestAborted);
            Exchange = await credentials.GetAsync(sub, await HttpContext.IdTokenAsync(), renew, HttpContext.RequestAborted);
        }
        catch (CognitoException e) when (SessionEnd.IsRefusal(e))
        {
            return await EndSessionAsync();
        }
        catch (CognitoException e)
        {
            Problem = CognitoErrorMessages.For(e, UserTask.Profile).Text;
        }
        catch (CredentialsUnavailableException e) when (e.InnerException is CognitoServiceException inner && SessionEnd.IsIdTokenRefusal(inner))
        {
            // The identity pool refused the session's ID token itself (expired, revoked): the session is over.
            return await EndSessionAsync();
        }
        catch (CredentialsUnavailableException e)
        {
            Problem = e.Message;
        }

        return null;
    }

    /// <summary>The first and last characters only, e.g. <c>IQoJb3JpZ…Jg==</c>.</summary>
    public static string Shorten(string value, int keep = 10) =>
        value.Length <= keep * 2 ? value : $"{value[..keep]}…{value[^4..]}";
}
