using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// Issues a code for a user and "e-mails" it to the mailbox, worded by the pool's VerificationMessageTemplate when it has
/// one (EmailMessage with <c>{####}</c> replaced by the code, EmailSubject); answers with CodeDeliveryDetails.
/// </summary>
internal sealed class CodeDelivery(CodeStore codes, PoolStore pools, Mailbox.Mailbox mailbox, TimeProvider time)
{
    public JsonObject Send(User user, string purpose, string? email = null)
    {
        var to = email ?? user.Email ?? throw new InvalidOperationException("The user has no e-mail address.");
        var code = CodeStore.NewCode();
        codes.Issue(user.PoolId, user.Sub, purpose, code, time.GetUtcNow() + CodePurpose.Lifetime(purpose));
        var (subject, body) = purpose switch
        {
            CodePurpose.ResetPassword => ("Your password reset code", $"Your password reset code is {code}."),
            _ => ("Your verification code", $"Your verification code is {code}."),
        };
        if (pools.Find(user.PoolId)?.Settings.Verification is { } template)
        {
            subject = template.EmailSubject ?? subject;
            body = template.EmailMessage?.Replace(VerificationMessages.CodePlaceholder, code, StringComparison.Ordinal) ?? body;
        }

        mailbox.Send(to, subject, body, code, user.PoolId, user.Username);
        return Details(to);
    }

    /// <summary>CodeDeliveryDetailsType with the address masked as Cognito does: <c>j***@e***</c>.</summary>
    public static JsonObject Details(string email) => new()
    {
        ["Destination"] = Mask(email),
        ["DeliveryMedium"] = "EMAIL",
        ["AttributeName"] = UserAttributes.Email,
    };

    private static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 || at == email.Length - 1 ? "***" : $"{email[0]}***@{email[at + 1]}***";
    }
}
