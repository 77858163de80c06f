using CognitoDemo.Cognito;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Web.Cognito;

/// <summary>Which form field a Cognito error belongs to, and what to tell the user.</summary>
public sealed record UserMessage(string? Field, string Text);

/// <summary>
/// The one place that turns Cognito's error codes into words for the user, and onto the form field
/// they concern. Sign-in failures stay generic, so the page never says whether a user exists.
/// </summary>
public static class CognitoErrorMessages
{
    public const string Unavailable =
        "Cognito cannot be reached right now. Nothing you entered was lost; please try again in a moment.";

    public const string Throttled = "Cognito is receiving too many requests. Please wait a few seconds and try again.";

    public const string GenericSignInFailure = "Incorrect username or password.";

    public const string IdTokenRefused =
        "Cognito accepted the sign-in, but this site refused the ID token it sent (its issuer, audience or signature is not " +
        "what the site's configuration expects); /diagnostics checks that configuration.";

    public const string ClientSecretMismatch =
        "This site's client secret (Cognito:ClientSecret) is missing or does not match its Cognito app client; /diagnostics explains what to change.";

    public const string ClientSecretNotExpected =
        "This site is configured with a client secret, but its Cognito app client has none (Cognito:ClientSecret); /diagnostics explains what to change.";

    // Cognito's lockout: after five failed sign-ins the user is locked for one second, and each further failure
    // doubles the lock, up to about 15 minutes (Amazon Cognito Developer Guide, "User pool authentication flow",
    // lockout behavior for failed sign-in attempts).
    public const string LockedOut =
        "Too many failed attempts: Cognito is refusing sign-ins to this account for a short while. The lock starts at " +
        "one second and doubles with each further failure, up to about 15 minutes, so wait before trying again.";

    public const string AlreadyConfirmed = "This account is already confirmed. Sign in below.";

    /// <summary>
    /// The user is confirmed already: ConfirmSignUp answers <c>NotAuthorizedException</c> "User cannot be confirmed.
    /// Current status is CONFIRMED", ResendConfirmationCode <c>InvalidParameterException</c> "User is already confirmed.".
    /// </summary>
    public static bool IsAlreadyConfirmed(CognitoServiceException error) =>
        error is not null
        && ((error.Is(UserPoolErrors.NotAuthorized) && error.ErrorMessage.Contains("Current status is CONFIRMED", StringComparison.OrdinalIgnoreCase))
            || (error.Is(UserPoolErrors.InvalidParameter) && error.ErrorMessage.Contains("already confirmed", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The message for a failure of <paramref name="task"/>, attributed to a form field where one is wrong.</summary>
    public static UserMessage For(CognitoException error, UserTask task)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            CognitoNetworkException => new(null, Unavailable),
            CognitoResponseFormatException => new(null, Unavailable),
            SrpException => new(null, "Cognito sent a sign-in challenge this app cannot answer safely. Please try again."),
            CognitoServiceException service => ForCode(service, task),
            _ => new(null, Unavailable),
        };
    }

    private static UserMessage ForCode(CognitoServiceException error, UserTask task) => error.ErrorCode switch
    {
        UserPoolErrors.UsernameExists => new("Username", "That username is taken. Choose another one."),
        UserPoolErrors.InvalidPassword => new(PasswordField(task), PasswordPolicyText(error.ErrorMessage)),
        UserPoolErrors.CodeMismatch => new("Code", "That code is not right. Check the latest message and try again."),
        UserPoolErrors.ExpiredCode => new("Code", "That code has expired or was already used. Send a new code and use the newest one."),
        UserPoolErrors.TooManyFailedAttempts => new("Code", "Too many wrong codes. Send a new code and try again."),
        UserPoolErrors.AliasExists => new("Email", "That e-mail address already belongs to another account."),
        UserPoolErrors.LimitExceeded => new(null, "Too many codes were requested. Wait a while before asking for another."),
        UserPoolErrors.CodeDeliveryFailure => new("Email", "The code could not be delivered to that address. Check it and try again."),
        UserPoolErrors.TooManyRequests or UserPoolErrors.Throttling => new(null, Throttled),
        UserPoolErrors.UserNotConfirmed => new(null, "Your account is not confirmed yet. Enter the code we sent you."),
        UserPoolErrors.PasswordResetRequired => new(null, "Your password must be reset before you can sign in. Use \"Forgot password\"."),
        UserPoolErrors.InvalidParameter => InvalidParameter(error, task),
        UserPoolErrors.NotAuthorized or UserPoolErrors.UserNotFound => NotAuthorized(error, task),
        UserPoolErrors.InternalError => new(null, Unavailable),
        _ => new(null, $"Cognito refused the request ({error.ErrorCode}). Please try again."),
    };

    private static UserMessage NotAuthorized(CognitoServiceException error, UserTask task)
    {
        if (error.ErrorMessage.Contains("Password attempts exceeded", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, LockedOut);
        }

        // Cognito checks the client before it looks at the user, so saying so reveals nothing about accounts.
        if (error.ErrorMessage.Contains("secret hash", StringComparison.OrdinalIgnoreCase)
            || error.ErrorMessage.Contains("SECRET_HASH", StringComparison.Ordinal))
        {
            return new(null, ClientSecretMismatch);
        }

        return task switch
        {
            UserTask.SignIn => new(null, GenericSignInFailure),
            UserTask.ChangePassword => new("CurrentPassword", "Your current password is not right."),
            _ when error.ErrorMessage.Contains("revoked", StringComparison.OrdinalIgnoreCase)
                   || error.ErrorMessage.Contains("expired", StringComparison.OrdinalIgnoreCase) =>
                new(null, "Your session has ended. Please sign in again."),
            _ => new(null, "Cognito did not allow that. Please sign in again and retry."),
        };
    }

    private static UserMessage InvalidParameter(CognitoServiceException error, UserTask task)
    {
        var message = error.ErrorMessage;
        if (message.Contains("not configured for secret", StringComparison.Ordinal))
        {
            return new(null, ClientSecretNotExpected);
        }

        if (message.Contains("email", StringComparison.OrdinalIgnoreCase))
        {
            return new("Email", "Enter a valid e-mail address, like name@example.com.");
        }

        if (message.Contains("location", StringComparison.OrdinalIgnoreCase))
        {
            return new("Location", "Cognito did not accept the location: it is longer than the user pool allows.");
        }

        if (message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            return new(PasswordField(task), PasswordPolicyText(message));
        }

        if (message.Contains("username", StringComparison.OrdinalIgnoreCase))
        {
            return new("Username", "That username is not allowed. Use letters, digits and . _ - @ + only.");
        }

        if (task is UserTask.ForgotPassword or UserTask.ResendCode
            && message.Contains("verified", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, "This account has no verified e-mail address to send a code to.");
        }

        return new(null, $"Cognito did not accept the request: {message}");
    }

    private static string PasswordField(UserTask task) => task switch
    {
        UserTask.ResetPassword or UserTask.ChangePassword or UserTask.NewPassword => "NewPassword",
        _ => "Password",
    };

    private static string PasswordPolicyText(string cognitoMessage)
    {
        // Cognito's own wording ("Password not long enough") names the broken rule; keep it, without the prefix.
        var reason = cognitoMessage.Replace("Password did not conform with policy:", "", StringComparison.OrdinalIgnoreCase).Trim();
        return reason.Length == 0 ? "The password does not meet the password rules." : $"The password does not meet the rules: {reason}.".Replace("..", ".", StringComparison.Ordinal);
    }
}

/// <summary>The user task a Cognito call was made for; it decides how an error is worded.</summary>
public enum UserTask
{
    SignUp,
    Confirm,
    ResendCode,
    SignIn,
    NewPassword,
    ForgotPassword,
    ResetPassword,
    ChangePassword,
    Profile,
    DeleteAccount,
    Refresh,
    SignOut,
}
