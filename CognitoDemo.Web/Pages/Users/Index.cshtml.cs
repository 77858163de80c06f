using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Credentials;
using CognitoDemo.Web.Session;
using CognitoDemo.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Users;

/// <summary>
/// The pool's users, for members of <c>admins</c> (the <see cref="UsersSetup.AdminsPolicy"/> policy on the ID token's
/// <c>cognito:groups</c>): <c>ListUsers</c> signed with the user's own temporary credentials, so IAM, not this site,
/// has the last word. Everyone else is told why the page is closed and may try the call anyway, to see IAM refuse it.
/// </summary>
[Authorize]
[LimitCognitoCalls]
public sealed class IndexModel(CredentialsService credentials, PoolUsers poolUsers, IAuthorizationService authorization) : CognitoPageModel
{
    /// <summary>PaginationToken is at most 512 characters in ListUsers' model; anything longer is not one.</summary>
    private const int MaxPaginationToken = 512;

    public bool IsAdmin { get; private set; }

    /// <summary>Whether ListUsers was called for this view (always for an admin; on "try anyway" for others).</summary>
    public bool Called { get; private set; }

    public IReadOnlyList<UserType>? PoolUserList { get; private set; }

    /// <summary>The next page's token, when ListUsers returned one.</summary>
    public string? NextPage { get; private set; }

    /// <summary>Whether this view is a later page (a "first page" link is offered).</summary>
    public bool IsLaterPage { get; private set; }

    /// <summary>IAM's refusal, in parts.</summary>
    public AccessDenial? Denial { get; private set; }

    /// <summary>IAM's refusal as sent, when its message does not have IAM's usual form.</summary>
    public string? DeniedMessage { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<string> Groups => [.. User.FindAll(UsersSetup.GroupsClaim).Select(c => c.Value)];

    /// <param name="from">The PaginationToken of the page to show (the query's <c>from</c>; <c>page</c> is Razor Pages' own route value).</param>
    public async Task<IActionResult> OnGetAsync(string? from)
    {
        IsAdmin = (await authorization.AuthorizeAsync(User, UsersSetup.AdminsPolicy)).Succeeded;
        if (!IsAdmin)
        {
            return Page();
        }

        var token = from is { Length: > 0 and <= MaxPaginationToken } ? from : null;
        IsLaterPage = token is not null;
        return await ListAsync(token) ?? Page();
    }

    /// <summary>"Try the call anyway": the same ListUsers with the same kind of credentials, whatever the group.</summary>
    public async Task<IActionResult> OnPostTryAsync()
    {
        IsAdmin = (await authorization.AuthorizeAsync(User, UsersSetup.AdminsPolicy)).Succeeded;
        return await ListAsync(null) ?? Page();
    }

    private async Task<IActionResult?> ListAsync(string? paginationToken)
    {
        var sub = User.FindFirst(CognitoClaims.Subject)?.Value ?? throw new InvalidOperationException("The session has no sub claim.");
        CredentialExchange exchange;
        try
        {
            exchange = await credentials.GetAsync(sub, await HttpContext.IdTokenAsync(), renew: false, HttpContext.RequestAborted);
        }
        catch (CredentialsUnavailableException e) when (e.InnerException is CognitoServiceException inner && SessionEnd.IsIdTokenRefusal(inner))
        {
            return await EndSessionAsync();
        }
        catch (CredentialsUnavailableException e)
        {
            Problem = e.Message;
            return null;
        }

        Called = true;
        try
        {
            var answer = await poolUsers.ListAsync(exchange.Credentials, paginationToken, HttpContext.RequestAborted);
            PoolUserList = answer.Users;
            NextPage = answer.PaginationToken;
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.AccessDenied))
        {
            Denial = AccessDenial.Parse(e.ErrorMessage);
            DeniedMessage = Denial is null ? e.ErrorMessage : null;
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.InvalidParameter) && paginationToken is not null)
        {
            Problem = $"Cognito did not accept the page token ({e.ErrorMessage}). Start again from the first page.";
        }
        catch (CognitoServiceException e)
        {
            // Credentials the caller no longer accepts (expired, unknown): the next visit exchanges the ID token again.
            SessionEnd.ForgetCredentials(HttpContext, User);
            Problem = $"Cognito refused ListUsers ({e.ErrorCode}): {e.ErrorMessage} Try again: new credentials will be fetched.";
        }
        catch (CognitoException e)
        {
            Problem = CognitoErrorMessages.For(e, UserTask.Profile).Text;
        }

        return null;
    }
}
