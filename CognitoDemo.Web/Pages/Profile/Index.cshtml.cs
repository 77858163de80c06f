using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Profile;

/// <summary>
/// The profile: <c>GetUser</c> with the access token; editing the location is
/// <c>UpdateUserAttributes</c>, after which the tokens are refreshed so the session's claims follow.
/// </summary>
[Authorize]
[LimitCognitoCalls]
public sealed class IndexModel(UserPoolClient userPool, CognitoSession session) : CognitoPageModel
{
    public GetUserResponse? Profile { get; private set; }

    public string? LoadError { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your location, e.g. a city.")]
        [LocationLength]
        public string Location { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } ended)
        {
            return ended;
        }

        Input.Location = Profile?.Attribute(UserAttributeNames.Location) ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostLocationAsync()
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync() ?? Page();
        }

        try
        {
            await userPool.UpdateUserAttributesAsync(new UpdateUserAttributesRequest
            {
                AccessToken = await HttpContext.AccessTokenAsync(),
                UserAttributes = [new(UserAttributeNames.Location, Input.Location.Trim())],
            }, HttpContext.RequestAborted);
        }
        catch (CognitoException e) when (SessionEnd.IsRefusal(e))
        {
            return await EndSessionAsync();
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.Profile);
            return await LoadAsync() ?? Page();
        }

        // The new value is in Cognito; a fresh ID token carries it into this session's claims.
        if (!await session.RefreshCurrentAsync(HttpContext))
        {
            return await EndSessionAsync();
        }

        StatusMessage = "Your location is updated.";
        return RedirectToPage();
    }

    /// <summary>
    /// "Refresh now": new ID and access tokens (REFRESH_TOKEN_AUTH), so groups changed since sign-in reach the session's
    /// claims, and with them the Users page's policy and the role the identity pool chooses.
    /// </summary>
    public async Task<IActionResult> OnPostRefreshAsync()
    {
        if (!await session.RefreshCurrentAsync(HttpContext))
        {
            return await EndSessionAsync();
        }

        StatusMessage = "New tokens were issued: the groups below are those of the new ID token.";
        return RedirectToPage(null, null, "groups");
    }

    /// <summary>Reads the profile with GetUser; when Cognito refuses the session, ends it and returns where to go.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        try
        {
            Profile = await userPool.GetUserAsync(new GetUserRequest { AccessToken = await HttpContext.AccessTokenAsync() },
                HttpContext.RequestAborted);
        }
        catch (CognitoException e) when (SessionEnd.IsRefusal(e))
        {
            return await EndSessionAsync();
        }
        catch (CognitoException e)
        {
            LoadError = CognitoErrorMessages.For(e, UserTask.Profile).Text;
        }

        return null;
    }
}
