using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>Forgot password: <c>ForgotPassword</c> sends a reset code to the verified e-mail address.</summary>
[LimitCognitoCalls]
public sealed class ForgotPasswordModel(UserPoolClient userPool) : CognitoPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your username.")]
        [StringLength(FieldLimits.UsernameMaxLength, ErrorMessage = "A username has at most {1} characters.")]
        public string Username { get; set; } = "";
    }

    public void OnGet(string? username) => Input.Username = username ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var username = Input.Username.Trim();
        try
        {
            var result = await userPool.ForgotPasswordAsync(new ForgotPasswordRequest { Username = username }, HttpContext.RequestAborted);
            StatusMessage = "If that account exists, a reset code is on its way.";
            return RedirectToPage("ResetPassword", new { username, destination = result.CodeDeliveryDetails?.Destination });
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.UserNotFound))
        {
            // Same answer as for a real user, so the page does not reveal who has an account.
            StatusMessage = "If that account exists, a reset code is on its way.";
            return RedirectToPage("ResetPassword", new { username });
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.ForgotPassword);
            return Page();
        }
    }
}
