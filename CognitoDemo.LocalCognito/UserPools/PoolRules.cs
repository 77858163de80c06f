using System.Globalization;
using System.Net.Mail;
using CognitoDemo.LocalCognito.Protocol;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>The pool's password policy and attribute schema, enforced with Cognito's errors.</summary>
internal static class PoolRules
{
    /// <summary>InvalidPasswordException "Password did not conform with policy: …" for the first rule broken.</summary>
    public static void CheckPassword(UserPool pool, string password)
    {
        var policy = pool.Settings.PasswordPolicy;
        string? broken =
            password.Length < policy.MinimumLength ? "Password not long enough"
            : policy.RequireLowercase && !password.Any(char.IsLower) ? "Password must have lowercase characters"
            : policy.RequireUppercase && !password.Any(char.IsUpper) ? "Password must have uppercase characters"
            : policy.RequireNumbers && !password.Any(char.IsAsciiDigit) ? "Password must have numeric characters"
            : policy.RequireSymbols && !password.Any(IsSymbol) ? "Password must have symbol characters"
            : null;
        if (broken is not null)
        {
            throw new AwsServiceException(ErrorCodes.InvalidPassword, $"Password did not conform with policy: {broken}");
        }
    }

    /// <summary>
    /// Checks attributes a user writes (SignUp, UpdateUserAttributes) against the schema: known names,
    /// writable (not <c>sub</c>, not the verified flags), mutable when updating, types, lengths, e-mail
    /// format. Returns them as a dictionary (a later duplicate wins).
    /// </summary>
    public static Dictionary<string, string> CheckWritable(UserPool pool, IReadOnlyList<KeyValuePair<string, string>> attributes,
        bool updating, bool admin = false)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            var schema = pool.Attribute(name)
                ?? throw Schema($"Type for attribute {{{name}}} could not be determined");
            // Administrators (IAM-authorized operations) may mark addresses verified; app clients may not.
            if (name == UserAttributes.Sub || (!admin && name is UserAttributes.EmailVerified or UserAttributes.PhoneNumberVerified))
            {
                throw AwsServiceException.NotAuthorized("A client attempted to write unauthorized attribute");
            }

            if (updating && !schema.Mutable)
            {
                throw Schema($"{name}: Attribute cannot be updated. (changing an immutable attribute)");
            }

            if (schema.DeveloperOnlyAttribute && !admin)
            {
                throw AwsServiceException.NotAuthorized("A client attempted to write unauthorized attribute");
            }

            CheckValue(schema, value);
            // AWS accepts "True"/"TRUE" for a Boolean attribute; it is kept in the one spelling the tokens and look-ups use.
            result[name] = schema.AttributeDataType == "Boolean" ? value.ToLowerInvariant() : value;
        }

        return result;
    }

    /// <summary>Every required attribute must have a non-empty value.</summary>
    public static void CheckRequired(UserPool pool, IReadOnlyDictionary<string, string> attributes)
    {
        foreach (var attribute in pool.Settings.Schema.Where(a => a.Required && a.Name != UserAttributes.Sub))
        {
            if (string.IsNullOrEmpty(attributes.GetValueOrDefault(attribute.Name)))
            {
                throw Schema($"{attribute.Name}: The attribute is required");
            }
        }
    }

    private static void CheckValue(SchemaAttribute schema, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (schema.MaxLength is { } max && value.Length > max)
        {
            throw Schema($"{schema.Name}: String must be no longer than {max} characters");
        }

        if (schema.MinLength is { } min && value.Length < min)
        {
            throw Schema($"{schema.Name}: String must be no shorter than {min} characters");
        }

        switch (schema.AttributeDataType)
        {
            case "Number" when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _):
                throw Schema($"{schema.Name}: Number expected");
            case "Boolean" when !bool.TryParse(value, out _):
                throw Schema($"{schema.Name}: Boolean expected");
        }

        if (schema.Name == UserAttributes.Email && !IsEmail(value))
        {
            throw AwsServiceException.InvalidParameter("Invalid email address format.");
        }
    }

    /// <summary>A temporary password that meets the pool's policy: each character class, padded to the minimum length.</summary>
    public static string TemporaryPassword(UserPool pool)
    {
        const string Letters = "abcdefghijkmnopqrstuvwxyz";
        var length = Math.Max(pool.Settings.PasswordPolicy.MinimumLength, 12);
        return "Aa1!" + System.Security.Cryptography.RandomNumberGenerator.GetString(Letters + "23456789", length - 4);
    }

    /// <summary>Whether the pool sends a code to verify e-mail addresses (AutoVerifiedAttributes).</summary>
    public static bool VerifiesEmail(UserPool pool) =>
        pool.Settings.AutoVerifiedAttributes.Contains(UserAttributes.Email, StringComparer.Ordinal);

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    // Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and space.
    private static bool IsSymbol(char c) => "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ".Contains(c, StringComparison.Ordinal);

    private static AwsServiceException Schema(string detail) =>
        AwsServiceException.InvalidParameter($"Attributes did not conform to the schema: {detail}");
}
