using System.Text.RegularExpressions;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// The one place that words a violation of the API model's constraints, as AWS's JSON services do:
/// <c>1 validation error detected: Value 'Banana' at 'schema.1.member.attributeDataType' failed to satisfy constraint: …</c>
/// (camelCase member path, 1-based list index; issue 15, difference 9). A member the model marks <c>sensitive</c>
/// (passwords, user names, tokens, attribute values…) is never quoted: its value is left out of the message.
/// </summary>
internal static class ModelValidation
{
    /// <summary>
    /// Members whose botocore shape is <c>"sensitive": true</c> (PasswordType, UsernameType, ClientIdType, SecretHashType,
    /// TokenModelType, SessionType, AttributeValueType, ClientSecretType…), plus the confirmation code, which is a secret here too.
    /// </summary>
    private static readonly HashSet<string> Sensitive = new(StringComparer.Ordinal)
    {
        "password", "proposedPassword", "previousPassword", "temporaryPassword", "username", "clientId", "clientSecret",
        "secretHash", "accessToken", "refreshToken", "token", "session", "value", "confirmationCode", "code",
    };

    public static AwsServiceException Violation(string path, string? value, string constraint) =>
        Violations([Describe(path, value, constraint)]);

    /// <summary>"N validation errors detected: " and each violation, joined with "; ".</summary>
    public static AwsServiceException Violations(IReadOnlyList<string> violations) =>
        AwsServiceException.InvalidParameter(
            $"{violations.Count} validation error{(violations.Count == 1 ? "" : "s")} detected: {string.Join("; ", violations)}");

    public static string Describe(string path, string? value, string constraint) =>
        $"{ValueText(path, value)} at '{path}' failed to satisfy constraint: {constraint}";

    /// <summary>"Value 'x'", "Value null", or just "Value" for a sensitive member.</summary>
    public static string ValueText(string path, string? value)
    {
        if (value is null)
        {
            return "Value null";
        }

        var member = path[(path.LastIndexOf('.') + 1)..];
        return Sensitive.Contains(member) ? "Value" : $"Value '{value}'";
    }

    /// <summary>A list as AWS quotes it (Java's <c>List.toString</c>): <c>[a, b]</c>.</summary>
    public static string ListText(IEnumerable<string> values) => $"[{string.Join(", ", values)}]";

    public static string EnumConstraint(IEnumerable<string> allowed) => $"Member must satisfy enum value set: {ListText(allowed)}";

    /// <summary>
    /// The model's pattern as the message quotes it. The regexes here wrap the model's pattern in <c>^…$</c> because the
    /// service matches the whole value (Java's <c>matches()</c>); the model's text has no anchors, so neither has the message.
    /// </summary>
    public static string PatternText(Regex pattern)
    {
        var text = pattern.ToString();
        return text.Length > 1 && text[0] == '^' && text[^1] == '$' ? text[1..^1] : text;
    }
}

/// <summary>The violations counted while an <see cref="AwsRequest"/> is read in <see cref="AwsRequest.Validated{T}"/>.</summary>
internal sealed class ViolationLog
{
    public bool Collecting { get; set; }

    public List<string> Violations { get; } = [];
}
