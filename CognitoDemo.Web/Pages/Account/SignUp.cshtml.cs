using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>Sign up: <c>SignUp</c> with the <c>email</c> and <c>custom:location</c> attributes.</summary>
[LimitCognitoCalls]
public sealed class SignUpModel(UserPoolClient userPool, IOptions<PasswordPolicy> policy) : CognitoPageModel
{
    public PasswordPolicy Policy => policy.Value;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a username.")]
        [StringLength(FieldLimits.UsernameMaxLength, ErrorMessage = "A username has at most {1} characters.")]
        [RegularExpression(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$", ErrorMessage = "A username cannot contain spaces.")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address; the confirmation code is sent there.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@example.com.")]
        [StringLength(2048)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(FieldLimits.PasswordMaxLength, ErrorMessage = "A password has at most {1} characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter your location, e.g. a city.")]
        [LocationLength]
        public string Location { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        CheckPasswordRules(Policy, "Input.Password", Input.Password);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var result = await userPool.SignUpAsync(new SignUpRequest
            {
                Username = Input.Username.Trim(),
                Password = Input.Password,
                UserAttributes =
                [
                    new(UserAttributeNames.Email, Input.Email.Trim()),
                    new(UserAttributeNames.Location, Input.Location.Trim()),
                ],
            }, HttpContext.RequestAborted);

            if (result.UserConfirmed)
            {
                StatusMessage = "Your account is ready. Sign in.";
                return RedirectToPage("SignIn", new { username = Input.Username.Trim() });
            }

            StatusMessage = "Account created. Enter the code we sent to confirm it.";
            return RedirectToPage("Confirm", new { username = Input.Username.Trim(), destination = result.CodeDeliveryDetails?.Destination });
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.SignUp);
            return Page();
        }
    }
}
