using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// How an identity pool chooses the role for the users of one provider (botocore cognito-identity 2014-06-30,
/// shape <c>RoleMapping</c>): from the ID token's role claims (<c>Token</c>) or by rules over its claims
/// (<c>Rules</c>), with what to do when that gives no single role (<c>AmbiguousRoleResolution</c>).
/// </summary>
internal sealed class RoleMapping
{
    public const string TokenType = "Token";
    public const string RulesType = "Rules";
    public const string UseAuthenticatedRole = "AuthenticatedRole";
    public const string Deny = "Deny";

    public required string Type { get; init; }

    public string? AmbiguousRoleResolution { get; init; }

    public RulesConfiguration? RulesConfiguration { get; init; }
}

/// <summary>Shape <c>RulesConfigurationType</c>: rules evaluated in order, the first match gives the role.</summary>
internal sealed class RulesConfiguration
{
    public required IReadOnlyList<MappingRule> Rules { get; init; }
}

/// <summary>Shape <c>MappingRule</c>.</summary>
internal sealed class MappingRule
{
    public const string EqualsType = "Equals";
    public const string Contains = "Contains";
    public const string StartsWith = "StartsWith";
    public const string NotEqual = "NotEqual";

    public required string Claim { get; init; }

    public required string MatchType { get; init; }

    public required string Value { get; init; }

    [JsonPropertyName("RoleARN")]
    public required string RoleArn { get; init; }
}

/// <summary>
/// Reads and writes <c>RoleMappings</c> as SetIdentityPoolRoles and GetIdentityPoolRoles carry them. Constraints
/// are the model's (RoleMappingMap ≤ 10 entries, ClaimName 1–64, ClaimValue 1–128, ARNString 20–2048, the enums)
/// and the API reference's rules (AmbiguousRoleResolution required for both types, RulesConfiguration for Rules;
/// "You can specify up to 25 rules per identity provider"). A key must name one of the pool's providers: a user
/// pool's as <c>{ProviderName}:{ClientId}</c>, or a supported login provider; AWS refuses any other with
/// "… is not a valid RoleMapping ProviderName or is not a configured provider." (aws/aws-cdk issues 7670, 22951).
/// The model's constraints use AWS's validation wording; the service-side rules (a missing AmbiguousRoleResolution
/// or RulesConfiguration, more than 25 rules) have no published message, so theirs is Local Cognito's wording.
/// </summary>
internal static partial class RoleMappings
{
    public const int MaxMappings = 10;
    public const int MaxRules = 25;

    private static readonly string[] Types = [RoleMapping.TokenType, RoleMapping.RulesType];
    private static readonly string[] Resolutions = [RoleMapping.UseAuthenticatedRole, RoleMapping.Deny];
    private static readonly string[] MatchTypes = [MappingRule.EqualsType, MappingRule.Contains, MappingRule.StartsWith, MappingRule.NotEqual];

    /// <summary>The mapping key of a user pool provider and one of its app clients.</summary>
    public static string Key(string providerName, string clientId) => $"{providerName}:{clientId}";

    /// <exception cref="AwsServiceException">InvalidParameterException for anything the model or the service refuses.</exception>
    public static Dictionary<string, RoleMapping>? Read(AwsRequest input, IdentityPoolSettings pool)
    {
        var mappings = input.ObjectMap("RoleMappings");
        if (mappings is null)
        {
            return null;
        }

        if (mappings.Count > MaxMappings)
        {
            throw AwsServiceException.InvalidParameter(
                $"1 validation error detected: Value at 'roleMappings' failed to satisfy constraint: Member must have length less than or equal to {MaxMappings}");
        }

        var result = new Dictionary<string, RoleMapping>(StringComparer.Ordinal);
        foreach (var (key, mapping) in mappings)
        {
            if (!IsConfiguredProvider(key, pool))
            {
                throw AwsServiceException.InvalidParameter($"{key} is not a valid RoleMapping ProviderName or is not a configured provider.");
            }

            result[key] = ReadMapping(mapping);
        }

        return result;
    }

    public static JsonObject Write(IReadOnlyDictionary<string, RoleMapping> mappings)
    {
        var result = new JsonObject();
        foreach (var (key, mapping) in mappings)
        {
            var shape = new JsonObject { ["Type"] = mapping.Type };
            if (mapping.AmbiguousRoleResolution is { } resolution)
            {
                shape["AmbiguousRoleResolution"] = resolution;
            }

            if (mapping.RulesConfiguration is { } rules)
            {
                shape["RulesConfiguration"] = new JsonObject
                {
                    ["Rules"] = new JsonArray([.. rules.Rules.Select(r => (JsonNode)new JsonObject
                    {
                        ["Claim"] = r.Claim, ["MatchType"] = r.MatchType, ["Value"] = r.Value, ["RoleARN"] = r.RoleArn,
                    })]),
                };
            }

            result[key] = shape;
        }

        return result;
    }

    private static RoleMapping ReadMapping(AwsRequest mapping)
    {
        var type = Enum(mapping, "Type", Types) ?? throw MissingMember(mapping, "Type");
        var resolution = Enum(mapping, "AmbiguousRoleResolution", Resolutions)
                         ?? throw AwsServiceException.InvalidParameter(
                             $"AmbiguousRoleResolution must be specified for the role mapping type {type}.");
        var rulesShape = mapping.Object("RulesConfiguration");
        RulesConfiguration? rules = null;
        if (rulesShape is not null)
        {
            var list = rulesShape.ObjectList("Rules") ?? throw MissingMember(rulesShape, "Rules");
            if (list.Count == 0)
            {
                throw rulesShape.Violation("Rules", "Member must have length greater than or equal to 1");
            }

            if (list.Count > MaxRules)
            {
                throw AwsServiceException.InvalidParameter(
                    $"A role mapping can have at most {MaxRules} rules, but this one has {list.Count}.");
            }

            rules = new RulesConfiguration { Rules = [.. list.Select(ReadRule)] };
        }

        if (type == RoleMapping.RulesType && rules is null)
        {
            throw AwsServiceException.InvalidParameter("RulesConfiguration must be specified for the role mapping type Rules.");
        }

        return new RoleMapping { Type = type, AmbiguousRoleResolution = resolution, RulesConfiguration = rules };
    }

    private static MappingRule ReadRule(AwsRequest rule) => new()
    {
        Claim = rule.RequiredString("Claim", 1, 64, ClaimName()),
        MatchType = Enum(rule, "MatchType", MatchTypes) ?? throw MissingMember(rule, "MatchType"),
        Value = rule.RequiredString("Value", 1, 128),
        RoleArn = rule.RequiredString("RoleARN", 20, 2048, CognitoIdentity.RoleArn()),
    };

    private static string? Enum(AwsRequest input, string member, string[] values)
    {
        var value = input.OptionalString(member, 0, 128);
        return value is null || values.Contains(value, StringComparer.Ordinal)
            ? value
            : throw input.Violation(member, $"Member must satisfy enum value set: [{string.Join(", ", values)}]");
    }

    private static AwsServiceException MissingMember(AwsRequest input, string member) => input.Missing(member);

    private static bool IsConfiguredProvider(string key, IdentityPoolSettings pool) =>
        pool.CognitoIdentityProviders.Any(p => Key(p.ProviderName, p.ClientId) == key)
        || pool.SupportedLoginProviders.ContainsKey(key);

    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$")]
    private static partial Regex ClaimName();
}
