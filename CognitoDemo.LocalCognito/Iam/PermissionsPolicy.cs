using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoDemo.LocalCognito.Iam;

/// <summary>
/// One statement of an identity-based policy (IAM JSON policy elements reference): its effect, the actions it names
/// (<c>Action</c>, or every action but these with <c>NotAction</c>), the resources likewise, and whether it has a
/// <c>Condition</c>, which Local Cognito does not evaluate.
/// </summary>
internal sealed record PolicyStatement(
    bool Allow,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? NotResources,
    bool HasCondition);

/// <summary>A permissions policy document: <c>Version</c> and <c>Statement</c> (one object or a list).</summary>
internal sealed record PermissionsPolicy(IReadOnlyList<PolicyStatement> Statements)
{
    public const string Version = "2012-10-17";

    /// <summary>
    /// Reads an IAM JSON policy; every problem goes to <paramref name="problems"/> as "{where}… must be …, but was …".
    /// A statement needs <c>Effect</c> Allow or Deny, exactly one of Action/NotAction and one of Resource/NotResource,
    /// each a string or a list of strings (IAM JSON policy grammar).
    /// </summary>
    public static PermissionsPolicy Read(JsonNode? document, string where, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (document is not JsonObject policy)
        {
            problems.Add($"{where} must be an IAM policy document (a JSON object), but was {Describe(document)}.");
            return new([]);
        }

        if (policy["Version"] is { } version && Text(version) is not (Version or "2008-10-17"))
        {
            problems.Add($"{where}:Version must be {Version}, but was {Describe(version)}.");
        }

        var statements = policy["Statement"] switch
        {
            JsonArray list => list.ToList(),
            JsonObject single => [single],
            var other => Problem<List<JsonNode?>>(problems, $"{where}:Statement must be a statement or a list of statements, but was {Describe(other)}.", []),
        };
        return new([.. statements.Select((s, i) => ReadStatement(s, $"{where}:Statement:{i}", problems)).OfType<PolicyStatement>()]);
    }

    private static PolicyStatement? ReadStatement(JsonNode? node, string where, List<string> problems)
    {
        if (node is not JsonObject statement)
        {
            problems.Add($"{where} must be a JSON object, but was {Describe(node)}.");
            return null;
        }

        var effect = Text(statement["Effect"]);
        if (effect is not ("Allow" or "Deny"))
        {
            problems.Add($"{where}:Effect must be Allow or Deny, but was {Describe(statement["Effect"])}.");
        }

        var actions = Strings(statement, "Action", where, problems);
        var notActions = Strings(statement, "NotAction", where, problems);
        var resources = Strings(statement, "Resource", where, problems);
        var notResources = Strings(statement, "NotResource", where, problems);
        if ((actions is null) == (notActions is null))
        {
            problems.Add($"{where} must have exactly one of Action and NotAction.");
        }

        if ((resources is null) == (notResources is null))
        {
            problems.Add($"{where} must have exactly one of Resource and NotResource.");
        }

        return new PolicyStatement(effect == "Allow", actions, notActions, resources, notResources, statement["Condition"] is not null);
    }

    private static List<string>? Strings(JsonObject statement, string member, string where, List<string> problems) =>
        statement[member] switch
        {
            null => null,
            JsonArray list when list.All(item => Text(item) is not null) => [.. list.Select(item => Text(item)!)],
            var single when Text(single) is { } value => [value],
            var other => Problem<List<string>?>(problems, $"{where}:{member} must be a string or a list of strings, but was {Describe(other)}.", null),
        };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Describe(JsonNode? node) => node is null ? "missing" : node.ToJsonString();

    private static T Problem<T>(List<string> problems, string problem, T fallback)
    {
        problems.Add(problem);
        return fallback;
    }
}
