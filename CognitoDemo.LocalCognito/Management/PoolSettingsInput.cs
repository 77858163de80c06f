using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// The pool settings CreateUserPool and UpdateUserPool share (the members of UpdateUserPoolRequest, botocore cognito-idp
/// 2016-04-18), read and checked once. A member left out takes its default: "If you don't provide a value for an attribute,
/// Amazon Cognito sets it to its default value" (UpdateUserPool API reference), so an update is a creation of these settings.
/// Accepted but not stored: DeviceConfiguration, EmailConfiguration, SmsConfiguration, SmsAuthenticationMessage,
/// UserAttributeUpdateSettings, UserPoolTags, UserPoolAddOns (Local Cognito sends no SMS and has no advanced security).
/// </summary>
internal static partial class PoolSettingsInput
{
    /// <summary>Members of LambdaConfigType that are an ArnType.</summary>
    private static readonly string[] TriggerArns =
    [
        "PreSignUp", "CustomMessage", "PostConfirmation", "PreAuthentication", "PostAuthentication", "DefineAuthChallenge",
        "CreateAuthChallenge", "VerifyAuthChallengeResponse", "PreTokenGeneration", "UserMigration", "KMSKeyID",
    ];

    /// <summary>Members of LambdaConfigType that are a versioned configuration (LambdaVersion and LambdaArn required).</summary>
    private static readonly string[] VersionedTriggers = ["PreTokenGenerationConfig", "CustomSMSSender", "CustomEmailSender"];

    public static UserPoolSettings Read(AwsRequest input, UserPoolSettings kept) => kept with
    {
        PasswordPolicy = Password(input.Object("Policies")?.Object("PasswordPolicy")),
        AutoVerifiedAttributes = input.EnumList("AutoVerifiedAttributes", [UserAttributes.PhoneNumber, UserAttributes.Email]) ?? [],
        MfaConfiguration = input.OptionalEnum("MfaConfiguration", ["OFF", "ON", "OPTIONAL"]) ?? "OFF",
        DeletionProtection = input.OptionalEnum("DeletionProtection", ["ACTIVE", "INACTIVE"]) ?? "INACTIVE",
        AllowAdminCreateUserOnly = input.Object("AdminCreateUserConfig")?.OptionalBool("AllowAdminCreateUserOnly") ?? false,
        RecoveryMechanisms = RecoveryMechanisms(input.Object("AccountRecoverySetting")),
        LambdaConfig = Lambda(input.Object("LambdaConfig")),
        Verification = Verification(input),
    };

    private static PasswordPolicy Password(AwsRequest? policy)
    {
        var defaults = new PasswordPolicy();
        return policy is null ? defaults : new PasswordPolicy
        {
            MinimumLength = policy.OptionalInt("MinimumLength", 6, 99) ?? defaults.MinimumLength,
            RequireUppercase = policy.OptionalBool("RequireUppercase") ?? false,
            RequireLowercase = policy.OptionalBool("RequireLowercase") ?? false,
            RequireNumbers = policy.OptionalBool("RequireNumbers") ?? false,
            RequireSymbols = policy.OptionalBool("RequireSymbols") ?? false,
            TemporaryPasswordValidityDays = policy.OptionalInt("TemporaryPasswordValidityDays", 0, 365) ?? 7,
        };
    }

    /// <summary>
    /// AccountRecoverySettingType: one or two RecoveryMechanisms (RecoveryOptionType: Priority 1–2, Name from the
    /// RecoveryOptionNameType enum).
    /// </summary>
    private static List<RecoveryOption> RecoveryMechanisms(AwsRequest? setting)
    {
        var mechanisms = setting?.ObjectList("RecoveryMechanisms", 1, 2);
        if (mechanisms is null)
        {
            return [];
        }

        var options = mechanisms.Select(m =>
        {
            var name = m.OptionalEnum("Name", RecoveryOption.Names) ?? m.RequiredString("Name");
            return new RecoveryOption(m.RequiredInt("Priority", 1, 2), name);
        }).OrderBy(o => o.Priority).ToList();
        if (options.Select(o => o.Priority).Distinct().Count() != options.Count || options.Select(o => o.Name).Distinct().Count() != options.Count)
        {
            throw AwsServiceException.InvalidParameter("Invalid account recovery setting: priorities and mechanisms must be unique.");
        }

        if (options.Count > 1 && options.Any(o => o.Name == RecoveryOption.AdminOnly))
        {
            throw AwsServiceException.InvalidParameter("Invalid account recovery setting: admin_only cannot be combined with another mechanism.");
        }

        return options;
    }

    /// <summary>LambdaConfigType, each ARN checked against ArnType (20–2048 characters and its pattern); kept as given.</summary>
    private static JsonObject? Lambda(AwsRequest? config)
    {
        if (config is null)
        {
            return null;
        }

        var stored = new JsonObject();
        foreach (var member in TriggerArns)
        {
            if (config.OptionalString(member, 20, 2048, Patterns.Arn()) is { } arn)
            {
                stored[member] = arn;
            }
        }

        foreach (var member in VersionedTriggers)
        {
            if (config.Object(member) is { } versioned)
            {
                stored[member] = new JsonObject
                {
                    ["LambdaVersion"] = versioned.RequiredString("LambdaVersion"),
                    ["LambdaArn"] = versioned.RequiredString("LambdaArn", 20, 2048, Patterns.Arn()),
                };
            }
        }

        return stored;
    }

    /// <summary>
    /// VerificationMessageTemplate and the legacy EmailVerificationMessage, EmailVerificationSubject and
    /// SmsVerificationMessage ("no longer used. See VerificationMessageTemplateType", UserPoolType): a legacy member fills
    /// what the template leaves out, and the template wins where both are given.
    /// </summary>
    private static VerificationMessages Verification(AwsRequest input)
    {
        var template = input.Object("VerificationMessageTemplate");
        return new VerificationMessages
        {
            SmsMessage = template?.OptionalString("SmsMessage", 6, 140, SmsMessagePattern())
                ?? input.OptionalString("SmsVerificationMessage", 6, 140, SmsMessagePattern()),
            EmailMessage = template?.OptionalString("EmailMessage", 6, 20000, EmailMessagePattern())
                ?? input.OptionalString("EmailVerificationMessage", 6, 20000, EmailMessagePattern()),
            EmailSubject = template?.OptionalString("EmailSubject", 1, 140, EmailSubjectPattern())
                ?? input.OptionalString("EmailVerificationSubject", 1, 140, EmailSubjectPattern()),
            EmailMessageByLink = template?.OptionalString("EmailMessageByLink", 6, 20000, EmailMessageByLinkPattern()),
            EmailSubjectByLink = template?.OptionalString("EmailSubjectByLink", 1, 140, EmailSubjectPattern()),
            DefaultEmailOption = template?.OptionalEnum("DefaultEmailOption", [VerificationMessages.ConfirmWithLink, VerificationMessages.ConfirmWithCode])
                ?? VerificationMessages.ConfirmWithCode,
        };
    }

    /// <summary>SmsVerificationMessageType.</summary>
    [GeneratedRegex(@"^.*\{####\}.*$")]
    private static partial Regex SmsMessagePattern();

    /// <summary>EmailVerificationMessageType.</summary>
    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$")]
    private static partial Regex EmailMessagePattern();

    /// <summary>EmailVerificationMessageByLinkType.</summary>
    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$")]
    private static partial Regex EmailMessageByLinkPattern();

    /// <summary>EmailVerificationSubjectType and EmailVerificationSubjectByLinkType.</summary>
    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+$")]
    private static partial Regex EmailSubjectPattern();
}
