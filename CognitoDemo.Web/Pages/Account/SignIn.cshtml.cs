using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>
/// Sign in with Secure Remote Password: <c>InitiateAuth USER_SRP_AUTH</c>, then
/// <c>RespondToAuthChallenge PASSWORD_VERIFIER</c>; the password never leaves the server.
/// </summary>
[LimitCognitoCalls]
public sealed class SignInModel(SrpAuthenticator srp, UserPoolClient userPool, CognitoSession session) : CognitoPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when a session ended because Cognito refused to refresh it.</summary>
    [BindProperty(SupportsGet = true, Name = "ended")]
    public bool SessionEnded { get; set; }

    /// <summary>Set when the Hosted UI sign-in failed or its answer was refused (e.g. a tampered state).</summary>
    [BindProperty(SupportsGet = true, Name = "hostedUiFailed")]
    public bool HostedUiFailed { get; set; }

    /// <summary>Why the user was sent here from a page that needs a session ("Sign in to see your profile."), or null.</summary>
    public string? Reason => SessionEnded || string.IsNullOrEmpty(ReturnUrl) ? null : ReasonFor(ReturnUrl);

    /// <summary>What the page the user asked for does, in words, from its path.</summary>
    public static string? ReasonFor(string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        var path = returnUrl.Split('?', '#')[0].TrimEnd('/').ToUpperInvariant();
        return path switch
        {
            "/PROFILE" or "/PROFILE/INDEX" => "Sign in to see your profile.",
            "/TOKENS" or "/TOKENS/INDEX" => "Sign in to see your tokens.",
            "/CREDENTIALS" or "/CREDENTIALS/INDEX" => "Sign in to get temporary AWS credentials.",
            "/ACCOUNT/CHANGEPASSWORD" => "Sign in to change your password.",
            "/PROFILE/DELETE" => "Sign in to delete your account.",
            _ => "Sign in to see that page.",
        };
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your username.")]
        [StringLength(FieldLimits.UsernameMaxLength, ErrorMessage = "A username has at most {1} characters.")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(FieldLimits.PasswordMaxLength, ErrorMessage = "A password has at most {1} characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
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
            var result = await srp.SignInAsync(username, Input.Password, HttpContext.RequestAborted);
            if (result.IsSignedIn)
            {
                if (!await session.SignInAsync(HttpContext, result.Tokens!))
                {
                    ModelState.AddModelError(string.Empty, CognitoErrorMessages.IdTokenRefused);
                    return Page();
                }

                return LocalRedirect(SafeReturnUrl(ReturnUrl));
            }

            if (result.Challenge!.ChallengeName == ChallengeNames.NewPasswordRequired)
            {
                NewPasswordModel.Remember(TempData, result.Challenge, ReturnUrl);
                return RedirectToPage("NewPassword");
            }

            ModelState.AddModelError(string.Empty,
                $"This account asks for a {result.Challenge.ChallengeName} step, which this demo does not support.");
            return Page();
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.UserNotConfirmed))
        {
            return await SendToConfirmAsync(username);
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.SignIn);
            return Page();
        }
    }

    private async Task<IActionResult> SendToConfirmAsync(string username)
    {
        try
        {
            var sent = await userPool.ResendConfirmationCodeAsync(new ResendConfirmationCodeRequest { Username = username },
                HttpContext.RequestAborted);
            StatusMessage = "Your account is not confirmed yet. We sent you a new code.";
            return RedirectToPage("Confirm", new { username, destination = sent.CodeDeliveryDetails?.Destination });
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.ResendCode);
            return Page();
        }
    }
}
