using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Cognito;

/// <summary>
/// The longest value each form field may hold, as Cognito and the pool allow, so a form refuses what Cognito
/// would and says the limit. Usernames and passwords are Cognito's own limits (AWS API model, cognito-idp
/// 2016-04-18: <c>UsernameType</c> max 128, <c>PasswordType</c> max 256). The location's is the pool schema's
/// <c>StringAttributeConstraints.MaxLength</c> for <c>custom:location</c>: in local mode it is read from Local
/// Cognito's default pool; against AWS it is configured (<c>Cognito:FieldLimits:LocationMaxLength</c>, the
/// template's 256 by default), because reading a pool's schema (DescribeUserPool) needs signed IAM calls.
/// </summary>
public sealed class FieldLimits
{
    public const string SectionName = "Cognito:FieldLimits";

    public const int UsernameMaxLength = 128;

    public const int PasswordMaxLength = 256;

    /// <summary>Cognito's largest custom string attribute (CreateUserPool: StringAttributeConstraints MaxLength ≤ 2048).</summary>
    public const int LargestAttribute = 2048;

    public int LocationMaxLength { get; set; } = 256;

    public string LocationMessage => $"A location has at most {LocationMaxLength} characters.";
}

/// <summary>Start-up check of <see cref="FieldLimits"/>, in the "X must be …, but was …" form.</summary>
public sealed class FieldLimitsValidator : IValidateOptions<FieldLimits>
{
    public ValidateOptionsResult Validate(string? name, FieldLimits options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.LocationMaxLength is >= 1 and <= FieldLimits.LargestAttribute
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{FieldLimits.SectionName}:LocationMaxLength must be between 1 and {FieldLimits.LargestAttribute} " +
                                         $"(the user pool schema's MaxLength for custom:location), but was {options.LocationMaxLength}.");
    }
}

/// <summary>A location no longer than the pool's schema allows, with a message that says the limit.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LocationLengthAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var limits = validationContext.GetService(typeof(IOptions<FieldLimits>)) is IOptions<FieldLimits> options ? options.Value : new FieldLimits();
        return value is string text && text.Trim().Length > limits.LocationMaxLength
            ? new ValidationResult(limits.LocationMessage, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
    }
}
