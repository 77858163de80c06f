using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>Reset password: <c>ConfirmForgotPassword</c> with the code and a new password.</summary>
[LimitCognitoCalls]
public sealed class ResetPasswordModel(UserPoolClient userPool, IOptions<PasswordPolicy> policy) : CognitoPageModel
{
    public PasswordPolicy Policy => policy.Value;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Destination { get; set; }

    public sealed class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your username.")]
        [StringLength(FieldLimits.UsernameMaxLength, ErrorMessage = "A username has at most {1} characters.")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "Enter the 6-digit code.")]
        [RegularExpression(@"^\s*\d{6}\s*$", ErrorMessage = "The code is the 6 digits in the message we sent.")]
        public string Code { get; set; } = "";
    }

    public void OnGet(string? username) => Input.Username = username ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        CheckPasswordRules(Policy, "Input.NewPassword", Input.NewPassword);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await userPool.ConfirmForgotPasswordAsync(new ConfirmForgotPasswordRequest
            {
                Username = Input.Username.Trim(),
                ConfirmationCode = Input.Code.Trim(),
                Password = Input.NewPassword,
            }, HttpContext.RequestAborted);
            StatusMessage = "Your password is changed. Sign in with the new one.";
            return RedirectToPage("SignIn", new { username = Input.Username.Trim() });
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.ResetPassword);
            return Page();
        }
    }
}
