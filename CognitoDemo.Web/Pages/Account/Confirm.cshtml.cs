using System.ComponentModel.DataAnnotations;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Cognito;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Pages.Account;

/// <summary>Confirm the account: <c>ConfirmSignUp</c> with the code; "send a new code" is <c>ResendConfirmationCode</c>.</summary>
[LimitCognitoCalls]
public sealed class ConfirmModel(UserPoolClient userPool, TimeProvider time) : CognitoPageModel
{
    /// <summary>How long a user waits between two "send a new code" requests.</summary>
    public static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(30);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The masked address the code went to, from CodeDeliveryDetails.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Destination { get; set; }

    private const string LastResendKey = "Confirm.LastResendAt";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your username.")]
        [StringLength(FieldLimits.UsernameMaxLength, ErrorMessage = "A username has at most {1} characters.")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "Enter the 6-digit code.")]
        [RegularExpression(@"^\s*\d{6}\s*$", ErrorMessage = "The code is the 6 digits in the message we sent.")]
        public string Code { get; set; } = "";
    }

    /// <summary>When "send a new code" may be used again (Unix milliseconds), for the button's countdown; null when it may now.</summary>
    public long? ResendAvailableAt { get; private set; }

    /// <summary>The server's clock at render time (Unix milliseconds), so the countdown does not depend on the browser's.</summary>
    public long Now { get; private set; }

    public void OnGet(string? username)
    {
        Input.Username = username ?? "";
    }

    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        Now = now.ToUnixTimeMilliseconds();
        if (TempData.Peek(LastResendKey) is DateTime last && now.UtcDateTime - last < ResendCooldown)
        {
            ResendAvailableAt = new DateTimeOffset(last, TimeSpan.Zero).Add(ResendCooldown).ToUnixTimeMilliseconds();
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await userPool.ConfirmSignUpAsync(new ConfirmSignUpRequest
            {
                Username = Input.Username.Trim(),
                ConfirmationCode = Input.Code.Trim(),
            }, HttpContext.RequestAborted);
            StatusMessage = "Your account is confirmed. Sign in.";
            return RedirectToPage("SignIn", new { username = Input.Username.Trim() });
        }
        catch (CognitoServiceException e) when (CognitoErrorMessages.IsAlreadyConfirmed(e))
        {
            // Not a failure: a second click, or a second tab, got there first.
            StatusMessage = CognitoErrorMessages.AlreadyConfirmed;
            return RedirectToPage("SignIn", new { username = Input.Username.Trim() });
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.Confirm);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Username))
        {
            ModelState.AddModelError("Input.Username", "Enter your username to get a new code.");
            return Page();
        }

        var now = time.GetUtcNow();
        // TempData (an encrypted cookie) round-trips DateTime values; Peek keeps it for the next request.
        if (TempData.Peek(LastResendKey) is DateTime last && now.UtcDateTime - last < ResendCooldown)
        {
            var wait = (int)Math.Ceiling((ResendCooldown - (now.UtcDateTime - last)).TotalSeconds);
            ModelState.AddModelError(string.Empty, $"A code was just sent. Wait {wait} seconds before asking for another.");
            return Page();
        }

        try
        {
            var result = await userPool.ResendConfirmationCodeAsync(new ResendConfirmationCodeRequest
            {
                Username = Input.Username.Trim(),
            }, HttpContext.RequestAborted);
            TempData[LastResendKey] = now.UtcDateTime;
            StatusMessage = "A new code is on its way. Use the newest one.";
            return RedirectToPage(new { username = Input.Username.Trim(), destination = result.CodeDeliveryDetails?.Destination });
        }
        catch (CognitoServiceException e) when (CognitoErrorMessages.IsAlreadyConfirmed(e))
        {
            StatusMessage = CognitoErrorMessages.AlreadyConfirmed;
            return RedirectToPage("SignIn", new { username = Input.Username.Trim() });
        }
        catch (CognitoException e)
        {
            AddError(e, UserTask.ResendCode);
            return Page();
        }
    }
}
