namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// VerificationMessageTemplateType as stored: what the pool says in the messages that carry a code. Null members take
/// Cognito's default texts when a message is sent. The legacy members <c>EmailVerificationMessage</c>,
/// <c>EmailVerificationSubject</c> and <c>SmsVerificationMessage</c> mirror these (UserPoolType, botocore cognito-idp model).
/// </summary>
internal sealed record VerificationMessages
{
    public const string CodePlaceholder = "{####}";
    public const string ConfirmWithCode = "CONFIRM_WITH_CODE";
    public const string ConfirmWithLink = "CONFIRM_WITH_LINK";

    public string? SmsMessage { get; init; }
    public string? EmailMessage { get; init; }
    public string? EmailSubject { get; init; }
    public string? EmailMessageByLink { get; init; }
    public string? EmailSubjectByLink { get; init; }
    public string DefaultEmailOption { get; init; } = ConfirmWithCode;
}

/// <summary>CustomDomainConfigType of a custom domain, and the CloudFront distribution AWS fronts it with.</summary>
internal sealed record CustomDomain(string CertificateArn, string CloudFrontDomain);
