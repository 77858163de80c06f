using System.Text.Json.Nodes;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>Attribute names of Cognito's standard schema (OIDC standard claims plus Cognito's own).</summary>
internal static class UserAttributes
{
    /// <summary>The attributes after an update: a blank value deletes the attribute (UpdateUserAttributes docs).</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current,
        IEnumerable<KeyValuePair<string, string>> changes)
    {
        var merged = new Dictionary<string, string>(current);
        foreach (var (name, value) in changes)
        {
            if (value.Length == 0)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    /// <summary>AttributeListType: <c>[{"Name","Value"}]</c>.</summary>
    public static JsonArray List(IEnumerable<KeyValuePair<string, string>> attributes) =>
        [.. attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })];

    public const string CustomPrefix = "custom:";

    /// <summary>The prefix AWS puts before <c>custom:</c> on a developer-only attribute.</summary>
    public const string DeveloperPrefix = "dev:";
    public const string Sub = UserAttributeNames.Sub;
    public const string Email = UserAttributeNames.Email;
    public const string EmailVerified = UserAttributeNames.EmailVerified;
    public const string PhoneNumber = "phone_number";
    public const string PhoneNumberVerified = "phone_number_verified";

    /// <summary>The standard schema every pool has (DescribeUserPool lists these).</summary>
    public static IReadOnlyList<SchemaAttribute> Standard { get; } =
    [
        new() { Name = Sub, Mutable = false, Required = true, MinLength = 1, MaxLength = 2048 },
        Text("name"), Text("given_name"), Text("family_name"), Text("middle_name"), Text("nickname"),
        Text("preferred_username"), Text("profile"), Text("picture"), Text("website"), Text(Email),
        new() { Name = EmailVerified, AttributeDataType = "Boolean" },
        Text("gender"), new() { Name = "birthdate", MinLength = 10, MaxLength = 10 }, Text("zoneinfo"), Text("locale"),
        Text(PhoneNumber), new() { Name = PhoneNumberVerified, AttributeDataType = "Boolean" }, Text("address"),
        new() { Name = "updated_at", AttributeDataType = "Number", MinValue = 0 },
    ];

    private static SchemaAttribute Text(string name) => new() { Name = name, MinLength = 0, MaxLength = 2048 };
}
