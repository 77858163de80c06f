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
public sealed class IndexModel(UserPoolClient userPool, CognitoSession session) : CognitoPageModel
{
    public GetUserResponse? Profile { get; private set; }

    public string? LoadError { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your location, e.g. a city.")]
        [StringLength(2048, ErrorMessage = "A location has at most 2048 characters.")]
        public string Location { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Input.Location = Profile?.Attribute(UserAttributeNames.Location) ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostLocationAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        try
        {
            await userPool.UpdateUserAttributesAsync(new UpdateUserAttributesRequest
            {
                AccessToken = await HttpContext.AccessTokenAsync(),
                UserAttributes = [new(UserAttributeNames.Location, Input.Location.Trim())],
            }, HttpContext.RequestAborted);
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.Profile);
            await LoadAsync();
            return Page();
        }

        // The new value is in Cognito; a fresh ID token carries it into this session's claims.
        StatusMessage = await session.RefreshCurrentAsync(HttpContext)
            ? "Your location is updated."
            : "Your location is updated. Sign in again to see it in your session.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        try
        {
            Profile = await userPool.GetUserAsync(new GetUserRequest { AccessToken = await HttpContext.AccessTokenAsync() },
                HttpContext.RequestAborted);
        }
        catch (CognitoException e)
        {
            LoadError = CognitoErrorMessages.For(e, UserTask.Profile).Text;
        }
    }
}
