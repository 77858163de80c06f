using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// One operation's input members, read with the model's constraints. A missing required member or a
/// value out of its length range is an <c>InvalidParameterException</c> naming the member, in AWS's
/// validation wording; a value of the wrong JSON type is a <c>SerializationException</c>, as on AWS.
/// Values are never echoed: they may be passwords.
/// </summary>
internal sealed partial class AwsRequest(JsonObject body, string path = "")
{
    public JsonObject Body { get; } = body;

    public string RequiredString(string member, int min = 1, int max = 2048, Regex? pattern = null) =>
        OptionalString(member, min, max, pattern) ?? throw Violation(member, "Value null", "Member must not be null");

    public string? OptionalString(string member, int min = 0, int max = 2048, Regex? pattern = null)
    {
        var node = Member(member);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw NotA(member, "string");
        }

        var value = node.GetValue<string>();
        if (value.Length < min)
        {
            throw Violation(member, "Value", $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw Violation(member, "Value", $"Member must have length less than or equal to {max}");
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            throw Violation(member, "Value", $"Member must satisfy regular expression pattern: {pattern}");
        }

        return value;
    }

    public bool? OptionalBool(string member)
    {
        var node = Member(member);
        return node?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw NotA(member, "boolean"),
        };
    }

    public int? OptionalInt(string member, int min, int max)
    {
        var node = Member(member);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var value))
        {
            throw NotA(member, "integer");
        }

        if (value < min)
        {
            throw Violation(member, "Value", $"Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            throw Violation(member, "Value", $"Member must have value less than or equal to {max}");
        }

        return value;
    }

    public int RequiredInt(string member, int min, int max) =>
        OptionalInt(member, min, max) ?? throw Violation(member, "Value null", "Member must not be null");

    /// <summary>A map of string to string, e.g. <c>AuthParameters</c>; absent means empty.</summary>
    public IReadOnlyDictionary<string, string> Map(string member)
    {
        var node = Member(member);
        if (node is null)
        {
            return new Dictionary<string, string>();
        }

        if (node is not JsonObject map)
        {
            throw NotA(member, "map");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                throw NotA($"{member}.{key}", "string");
            }

            result[key] = value.GetValue<string>();
        }

        return result;
    }

    public IReadOnlyList<string>? StringList(string member, int maxLength = 2048)
    {
        var node = Member(member);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw NotA(member, "list");
        }

        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is null || item.GetValueKind() != JsonValueKind.String)
            {
                throw NotA(member, "list of strings");
            }

            var value = item.GetValue<string>();
            if (value.Length > maxLength)
            {
                throw Violation(member, "Value", $"Member must have length less than or equal to {maxLength}");
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>A list of objects, each read as a nested request (e.g. <c>Schema</c>).</summary>
    public IReadOnlyList<AwsRequest>? ObjectList(string member)
    {
        var node = Member(member);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw NotA(member, "list");
        }

        var result = new List<AwsRequest>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(array[i] is JsonObject item
                ? new AwsRequest(item, $"{Path(member)}.{i + 1}.member")
                : throw NotA(member, "list of structures"));
        }

        return result;
    }

    /// <summary>
    /// A list of <c>AttributeType</c> (<c>Name</c> 1–32 required, <c>Value</c> ≤ 2048), in order.
    /// A later duplicate wins, as on AWS.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Attributes(string member)
    {
        var items = ObjectList(member);
        return items?.Select(item => KeyValuePair.Create(
            item.RequiredString("Name", 1, 32),
            item.OptionalString("Value", 0, 2048) ?? "")).ToList();
    }

    public AwsRequest? Object(string member)
    {
        var node = Member(member);
        return node switch
        {
            null => null,
            JsonObject obj => new AwsRequest(obj, Path(member)),
            _ => throw NotA(member, "structure"),
        };
    }

    /// <summary>A map of string to structure, e.g. <c>RoleMappings</c>; each value read as a nested request.</summary>
    public IReadOnlyDictionary<string, AwsRequest>? ObjectMap(string member)
    {
        var node = Member(member);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject map)
        {
            throw NotA(member, "map");
        }

        var result = new Dictionary<string, AwsRequest>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value is JsonObject item ? new AwsRequest(item, $"{Path(member)}.{key}.member") : throw NotA($"{member}.{key}", "structure");
        }

        return result;
    }

    /// <summary>A member present but refused, in AWS's validation wording.</summary>
    public AwsServiceException Violation(string member, string constraint) => Violation(member, "Value", constraint);

    /// <summary>A required member absent, in AWS's validation wording.</summary>
    public AwsServiceException Missing(string member) => Violation(member, "Value null", "Member must not be null");

    private JsonNode? Member(string member)
    {
        var node = Body[member];
        return node is not null && node.GetValueKind() == JsonValueKind.Null ? null : node;
    }

    private string Path(string member) =>
        (path.Length == 0 ? "" : path + ".") + char.ToLowerInvariant(member[0]) + member[1..];

    private AwsServiceException Violation(string member, string value, string constraint) =>
        AwsServiceException.InvalidParameter(
            $"1 validation error detected: {value} at '{Path(member)}' failed to satisfy constraint: {constraint}");

    private AwsServiceException NotA(string member, string type) =>
        new(ErrorCodes.SerializationException, $"Member '{Path(member)}' must be a {type}.");
}

/// <summary>Patterns of the model that Local Cognito checks.</summary>
internal static partial class Patterns
{
    [GeneratedRegex(@"^[\w+]+$")]
    public static partial Regex ClientId();

    [GeneratedRegex(@"^[\w+=/]+$")]
    public static partial Regex SecretHash();

    // The model says [\S]+, but Cognito accepts inner spaces in passwords, only not leading or trailing ones.
    [GeneratedRegex(@"^\S(?:.*\S)?$", RegexOptions.Singleline)]
    public static partial Regex Password();

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+$")]
    public static partial Regex UserPoolId();

    [GeneratedRegex(@"^[A-Za-z0-9-_=.]+$")]
    public static partial Regex Token();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$")]
    public static partial Regex Username();

    [GeneratedRegex(@"^[\S]+$")]
    public static partial Regex ConfirmationCode();
}
