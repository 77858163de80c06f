using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Profile;

/// <summary>Delete the account: <c>DeleteUser</c>, after the user types their username to confirm.</summary>
[Authorize]
[LimitCognitoCalls]
public sealed class DeleteModel(UserPoolClient userPool) : CognitoPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Type your username to confirm.")]
        [Display(Name = "Type your username to confirm")]
        public string ConfirmUsername { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid && !string.Equals(Input.ConfirmUsername.Trim(), User.Identity?.Name, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.ConfirmUsername", "That is not your username; nothing was deleted.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await userPool.DeleteUserAsync(new DeleteUserRequest { AccessToken = await HttpContext.AccessTokenAsync() }, HttpContext.RequestAborted);
        }
        catch (CognitoException e) when (SessionEnd.IsRefusal(e))
        {
            return await EndSessionAsync();
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.DeleteAccount);
            return Page();
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        StatusMessage = "Your account is deleted.";
        return RedirectToPage("/Index");
    }
}
