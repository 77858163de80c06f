using System.Globalization;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// SchemaAttributeType entries of CreateUserPool and AddCustomAttributes, checked as AWS checks them (issue 15,
/// difference 7). The messages are AWS's as getmoto/moto reproduces them (pull request 4493, "cognito-idp CreateUserPool
/// standard attributes and pool schema validation"): a standard attribute keeps its type and is never developer-only,
/// constraints are non-negative integers, a string is at most 2048 long, and a minimum is not above its maximum.
/// </summary>
internal static partial class SchemaDefinition
{
    /// <summary>"Custom attributes per user pool: 50" (Quotas in Amazon Cognito, a limit that cannot be raised).</summary>
    public const int MaxCustomAttributes = 50;

    private const int MaxStringLength = 2048;

    /// <summary>AttributeDataType in the order AWS lists it in its enum message (the model's order is String, Number, DateTime, Boolean).</summary>
    private static readonly string[] DataTypes = ["Boolean", "Number", "String", "DateTime"];

    /// <summary>The standard attributes (with their overrides) followed by the custom ones, for CreateUserPool's Schema.</summary>
    public static IReadOnlyList<SchemaAttribute> Build(IReadOnlyList<AwsRequest> requested)
    {
        ReadMembers(requested);
        var standard = UserAttributes.Standard.ToList();
        var custom = new List<SchemaAttribute>();
        foreach (var item in requested)
        {
            var name = Name(item);
            var index = standard.FindIndex(a => a.Name == name);
            if (index >= 0)
            {
                standard[index] = Standard(item, standard[index]);
                continue;
            }

            var attribute = Custom(item, name);
            if (custom.Any(a => a.Name == attribute.Name))
            {
                throw AwsServiceException.InvalidParameter($"Duplicate attribute name: {name}");
            }

            custom.Add(attribute);
        }

        return [.. standard, .. custom];
    }

    /// <summary>The pool's schema with <paramref name="requested"/> custom attributes added (AddCustomAttributes).</summary>
    public static IReadOnlyList<SchemaAttribute> AddCustom(IReadOnlyList<SchemaAttribute> schema, IReadOnlyList<AwsRequest> requested)
    {
        ReadMembers(requested);
        var result = schema.ToList();
        foreach (var item in requested)
        {
            var name = Name(item);
            var attribute = Custom(item, name);
            // "custom:name: Existing attribute already has name custom:name." as AWS answered in
            // jmaleonard/serverless-cognito-add-custom-attributes issue 3 (2019).
            if (result.Any(a => a.Name == attribute.Name))
            {
                throw AwsServiceException.InvalidParameter(
                    $"{UserAttributes.CustomPrefix}{name}: Existing attribute already has name {attribute.Name}.");
            }

            result.Add(attribute);
        }

        if (result.Count(a => a.IsCustom || a.Name.StartsWith(UserAttributes.DeveloperPrefix, StringComparison.Ordinal)) > MaxCustomAttributes)
        {
            throw AwsServiceException.InvalidParameter($"A user pool can have at most {MaxCustomAttributes} custom attributes.");
        }

        return result;
    }

    /// <summary>
    /// Reads every member of every entry against the model first, so that inside <see cref="AwsRequest.Validated{T}"/> all
    /// of the model's violations are counted before any rule of the schema is applied.
    /// </summary>
    public static void ReadMembers(IReadOnlyList<AwsRequest> requested)
    {
        foreach (var item in requested)
        {
            Name(item);
            item.OptionalEnum("AttributeDataType", DataTypes);
            foreach (var flag in (string[])["DeveloperOnlyAttribute", "Mutable", "Required"])
            {
                item.OptionalBool(flag);
            }

            var strings = item.Object("StringAttributeConstraints");
            var numbers = item.Object("NumberAttributeConstraints");
            foreach (var (constraints, member) in (ReadOnlySpan<(AwsRequest?, string)>)
                [(strings, "MinLength"), (strings, "MaxLength"), (numbers, "MinValue"), (numbers, "MaxValue")])
            {
                constraints?.OptionalString(member, 0, 131072);
            }
        }
    }

    private static string Name(AwsRequest item) => item.RequiredString("Name", 1, 20, NamePattern());

    private static SchemaAttribute Standard(AwsRequest item, SchemaAttribute standard)
    {
        var type = item.OptionalEnum("AttributeDataType", DataTypes);
        if ((type is not null && type != standard.AttributeDataType) || item.OptionalBool("DeveloperOnlyAttribute") == true)
        {
            throw AwsServiceException.InvalidParameter(
                $"You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute {standard.Name}");
        }

        return Constrained(item, standard with
        {
            Required = item.OptionalBool("Required") ?? standard.Required,
            Mutable = item.OptionalBool("Mutable") ?? standard.Mutable,
        });
    }

    private static SchemaAttribute Custom(AwsRequest item, string name)
    {
        var type = item.OptionalEnum("AttributeDataType", DataTypes) ?? "String";
        if (item.OptionalBool("Required") ?? false)
        {
            throw AwsServiceException.InvalidParameter("Required custom attributes are not supported currently.");
        }

        // A developer-only attribute is named dev:custom:{name} (SchemaAttributeType, DeveloperOnlyAttribute).
        var developerOnly = item.OptionalBool("DeveloperOnlyAttribute") ?? false;
        return Constrained(item, new SchemaAttribute
        {
            Name = (developerOnly ? UserAttributes.DeveloperPrefix : "") + UserAttributes.CustomPrefix + name,
            AttributeDataType = type,
            Mutable = item.OptionalBool("Mutable") ?? true,
            DeveloperOnlyAttribute = developerOnly,
            MinLength = type == "String" ? 0 : null,
            MaxLength = type == "String" ? MaxStringLength : null,
        });
    }

    /// <summary>The constraints of the attribute's own type, over its defaults; those of another type are ignored, as on AWS.</summary>
    private static SchemaAttribute Constrained(AwsRequest item, SchemaAttribute attribute)
    {
        switch (attribute.AttributeDataType)
        {
            case "String" when item.Object("StringAttributeConstraints") is { } strings:
                var minLength = Limit(strings.OptionalString("MinLength", 0, 131072), "StringAttributeConstraints", attribute) ?? attribute.MinLength;
                var maxLength = Limit(strings.OptionalString("MaxLength", 0, 131072), "StringAttributeConstraints", attribute) ?? attribute.MaxLength;
                if (minLength > MaxStringLength || maxLength > MaxStringLength)
                {
                    throw AwsServiceException.InvalidParameter(
                        $"user.{attribute.Name}: String attributes cannot have a length of more than {MaxStringLength}");
                }

                if (minLength > maxLength)
                {
                    throw AwsServiceException.InvalidParameter($"user.{attribute.Name}: Max length cannot be less than min length.");
                }

                return attribute with { MinLength = minLength, MaxLength = maxLength };
            case "Number" when item.Object("NumberAttributeConstraints") is { } numbers:
                var minValue = Limit(numbers.OptionalString("MinValue", 0, 131072), "NumberAttributeConstraints", attribute) ?? attribute.MinValue;
                var maxValue = Limit(numbers.OptionalString("MaxValue", 0, 131072), "NumberAttributeConstraints", attribute) ?? attribute.MaxValue;
                if (minValue > maxValue)
                {
                    throw AwsServiceException.InvalidParameter($"user.{attribute.Name}: Max value cannot be less than min value.");
                }

                return attribute with { MinValue = minValue, MaxValue = maxValue };
            default:
                return attribute;
        }
    }

    private static int? Limit(string? text, string constraints, SchemaAttribute attribute) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw AwsServiceException.InvalidParameter($"Invalid {constraints} for schema attribute {attribute.Name}");

    /// <summary>CustomAttributeNameType (SchemaAttributeType.Name).</summary>
    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$")]
    private static partial Regex NamePattern();
}
