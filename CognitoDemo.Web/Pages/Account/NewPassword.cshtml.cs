using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>
/// NEW_PASSWORD_REQUIRED (a user created by an administrator): <c>RespondToAuthChallenge</c> with the
/// new password. The challenge's session travels in TempData, an encrypted cookie.
/// </summary>
[LimitCognitoCalls]
public sealed class NewPasswordModel(SrpAuthenticator srp, CognitoSession session, IOptions<PasswordPolicy> policy) : CognitoPageModel
{
    private const string SessionKey = "Challenge.Session";
    private const string UsernameKey = "Challenge.Username";
    private const string RequiredKey = "Challenge.Required";
    private const string ReturnUrlKey = "Challenge.ReturnUrl";

    public PasswordPolicy Policy => policy.Value;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Username { get; private set; } = "";

    public sealed class InputModel : NewPasswordInput
    {
    }

    public static void Remember(ITempDataDictionary tempData, AuthChallenge challenge, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(challenge);
        tempData[SessionKey] = challenge.Session;
        tempData[UsernameKey] = challenge.Username;
        tempData[RequiredKey] = string.Join(',', challenge.RequiredAttributes);
        tempData[ReturnUrlKey] = returnUrl;
    }

    public IActionResult OnGet()
    {
        if (TempData.Peek(UsernameKey) is not string username)
        {
            StatusMessage = "Sign in first; Cognito then asks for a new password if one is needed.";
            return RedirectToPage("SignIn");
        }

        Username = username;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (TempData.Peek(UsernameKey) is not string username || TempData.Peek(SessionKey) is not string challengeSession)
        {
            StatusMessage = "That sign-in took too long. Please sign in again.";
            return RedirectToPage("SignIn");
        }

        Username = username;
        CheckPasswordRules(Policy, "Input.NewPassword", Input.NewPassword);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var challenge = new AuthChallenge(ChallengeNames.NewPasswordRequired, challengeSession, username, new Dictionary<string, string>());
            var result = await srp.CompleteNewPasswordAsync(challenge, Input.NewPassword, null, HttpContext.RequestAborted);
            if (!result.IsSignedIn)
            {
                ModelState.AddModelError(string.Empty, "Cognito did not finish the sign-in. Please sign in again.");
                return Page();
            }

            if (!await session.SignInAsync(HttpContext, result.Tokens!))
            {
                ModelState.AddModelError(string.Empty, CognitoErrorMessages.IdTokenRefused);
                return Page();
            }

            var returnUrl = TempData[ReturnUrlKey] as string;
            TempData.Remove(SessionKey);
            TempData.Remove(UsernameKey);
            TempData.Remove(RequiredKey);
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.NewPassword);
            return Page();
        }
    }
}
