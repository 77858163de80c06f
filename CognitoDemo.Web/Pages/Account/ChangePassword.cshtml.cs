using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>Change password: <c>ChangePassword</c> with the user's access token.</summary>
[Authorize]
[LimitCognitoCalls]
public sealed class ChangePasswordModel(UserPoolClient userPool, IOptions<PasswordPolicy> policy) : CognitoPageModel
{
    public PasswordPolicy Policy => policy.Value;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(FieldLimits.PasswordMaxLength, ErrorMessage = "A password has at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        CheckPasswordRules(Policy, "Input.NewPassword", Input.NewPassword);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await userPool.ChangePasswordAsync(new ChangePasswordRequest
            {
                AccessToken = await HttpContext.AccessTokenAsync(),
                PreviousPassword = Input.CurrentPassword,
                ProposedPassword = Input.NewPassword,
            }, HttpContext.RequestAborted);
            StatusMessage = "Your password is changed.";
            return RedirectToPage("/Profile/Index");
        }
        catch (CognitoException e) when (SessionEnd.IsRefusal(e))
        {
            return await EndSessionAsync();
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.ChangePassword);
            return Page();
        }
    }
}
