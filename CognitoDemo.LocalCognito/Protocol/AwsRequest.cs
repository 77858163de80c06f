using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// One operation's input members, read with the model's constraints. A missing required member or a
/// value out of its length range is an <c>InvalidParameterException</c> naming the member, in AWS's
/// validation wording; a value of the wrong JSON type is a <c>SerializationException</c>, as on AWS.
/// Messages come from <see cref="ModelValidation"/>, which quotes a rejected value unless the model marks it sensitive.
/// </summary>
internal sealed partial class AwsRequest(JsonObject body, string path = "", ViolationLog? log = null)
{
    /// <summary>Shared by the request and every nested member read from it.</summary>
    private readonly ViolationLog _log = log ?? new ViolationLog();

    public JsonObject Body { get; } = body;

    /// <summary>
    /// Reads members with <paramref name="read"/>, counting every violation of the model's constraints instead of stopping at
    /// the first, and refuses them all at once ("2 validation errors detected: …; …"), as AWS validates a whole input
    /// before acting on it. A rule of the operation broken while violations are pending gives way to them.
    /// </summary>
    public T Validated<T>(Func<T> read)
    {
        _log.Collecting = true;
        try
        {
            var result = read();
            return _log.Violations.Count > 0 ? throw ModelValidation.Violations(_log.Violations) : result;
        }
        // A value of the wrong JSON type fails deserialization, before any validation: its SerializationException stands.
        catch (AwsServiceException e) when (_log.Violations.Count > 0 && e.Code != ErrorCodes.SerializationException)
        {
            throw ModelValidation.Violations(_log.Violations);
        }
        finally
        {
            _log.Collecting = false;
        }
    }

    public string RequiredString(string member, int min = 1, int max = 2048, Regex? pattern = null) =>
        Member(member) is null ? Fail(member, null, "Member must not be null", "") : OptionalString(member, min, max, pattern) ?? "";

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
            return Fail<string?>(member, value, $"Member must have length greater than or equal to {min}", null);
        }

        if (value.Length > max)
        {
            return Fail<string?>(member, value, $"Member must have length less than or equal to {max}", null);
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            return Fail<string?>(member, value, $"Member must satisfy regular expression pattern: {ModelValidation.PatternText(pattern)}", null);
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
            return Fail<int?>(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}", null);
        }

        if (value > max)
        {
            return Fail<int?>(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}", null);
        }

        return value;
    }

    public int RequiredInt(string member, int min, int max) =>
        Member(member) is null ? Fail(member, null, "Member must not be null", min) : OptionalInt(member, min, max) ?? min;

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
                Fail(member, value, $"Member must have length less than or equal to {maxLength}", 0);
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>A list of objects, each read as a nested request (e.g. <c>Schema</c>).</summary>
    public IReadOnlyList<AwsRequest>? ObjectList(string member, int min = 0, int max = int.MaxValue)
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

        if (array.Count < min)
        {
            return Fail<IReadOnlyList<AwsRequest>?>(member, ModelValidation.ListText(array.Select(i => i?.ToJsonString() ?? "null")),
                $"Member must have length greater than or equal to {min}", null);
        }

        if (array.Count > max)
        {
            return Fail<IReadOnlyList<AwsRequest>?>(member, ModelValidation.ListText(array.Select(i => i?.ToJsonString() ?? "null")),
                $"Member must have length less than or equal to {max}", null);
        }

        var result = new List<AwsRequest>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(array[i] is JsonObject item
                ? new AwsRequest(item, $"{Path(member)}.{i + 1}.member", _log)
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
            JsonObject obj => new AwsRequest(obj, Path(member), _log),
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
            result[key] = value is JsonObject item ? new AwsRequest(item, $"{Path(member)}.{key}.member", _log) : throw NotA($"{member}.{key}", "structure");
        }

        return result;
    }

    /// <summary>A member present but refused, in AWS's validation wording (its value quoted unless the model marks it sensitive).</summary>
    public AwsServiceException Violation(string member, string constraint) =>
        ModelValidation.Violation(Path(member), Member(member) switch
        {
            null => null,
            JsonArray list => ModelValidation.ListText(list.Select(item => item?.ToString() ?? "null")),
            var value => value.ToString(),
        }, constraint);

    /// <summary>A required member absent, in AWS's validation wording.</summary>
    public AwsServiceException Missing(string member) => ModelValidation.Violation(Path(member), null, "Member must not be null");

    private JsonNode? Member(string member)
    {
        var node = Body[member];
        return node is not null && node.GetValueKind() == JsonValueKind.Null ? null : node;
    }

    /// <summary>A single-valued enum member (e.g. <c>MfaConfiguration</c>): its value, or null when absent.</summary>
    public string? OptionalEnum(string member, IEnumerable<string> allowed)
    {
        var value = OptionalString(member);
        var set = allowed.ToList();
        return value is null || set.Contains(value, StringComparer.Ordinal)
            ? value
            : Fail<string?>(member, value, ModelValidation.EnumConstraint(set), null);
    }

    /// <summary>A list of enum values (e.g. <c>AutoVerifiedAttributes</c>), refused whole as AWS words it.</summary>
    public IReadOnlyList<string>? EnumList(string member, IEnumerable<string> allowed)
    {
        var values = StringList(member);
        var set = allowed.ToList();
        return values is null || values.All(v => set.Contains(v, StringComparer.Ordinal))
            ? values
            : Fail<IReadOnlyList<string>?>(member, ModelValidation.ListText(values),
                $"Member must satisfy constraint: [{ModelValidation.EnumConstraint(set)}]", null);
    }

    /// <summary>The member's path in validation messages, e.g. <c>schema.1.member.name</c>.</summary>
    public string Path(string member) =>
        (path.Length == 0 ? "" : path + ".") + char.ToLowerInvariant(member[0]) + member[1..];

    /// <summary>A violation: counted (and <paramref name="placeholder"/> read instead) inside <see cref="Validated{T}"/>, else refused at once.</summary>
    public T Fail<T>(string member, string? value, string constraint, T placeholder)
    {
        if (!_log.Collecting)
        {
            throw ModelValidation.Violation(Path(member), value, constraint);
        }

        // A member read twice (a check, then its use) is one violation.
        var violation = ModelValidation.Describe(Path(member), value, constraint);
        if (!_log.Violations.Contains(violation))
        {
            _log.Violations.Add(violation);
        }

        return placeholder;
    }

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

    /// <summary>ArnType (LambdaConfig triggers, RoleArn, CertificateArn).</summary>
    [GeneratedRegex(@"^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$")]
    public static partial Regex Arn();
}
