using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>ListUsers <c>Filter</c>: <c>attribute = "value"</c> (exact) or <c>attribute ^= "value"</c> (prefix).</summary>
internal static partial class UserFilter
{
    private static readonly string[] Searchable =
    [
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
        "cognito:user_status", "status", "sub",
    ];

    public static Func<User, bool> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return _ => true;
        }

        var match = FilterPattern().Match(filter);
        if (!match.Success || !Searchable.Contains(match.Groups["name"].Value, StringComparer.Ordinal))
        {
            throw AwsServiceException.InvalidParameter("Error while parsing filter.");
        }

        var name = match.Groups["name"].Value;
        var prefix = match.Groups["op"].Value == "^=";
        var expected = match.Groups["value"].Value;
        return user =>
        {
            var actual = name switch
            {
                "username" => user.Username,
                "sub" => user.Sub,
                "cognito:user_status" => user.Status,
                "status" => user.Enabled ? "Enabled" : "Disabled",
                _ => user.Attributes.GetValueOrDefault(name),
            };
            return actual is not null && (prefix
                ? actual.StartsWith(expected, StringComparison.Ordinal)
                : string.Equals(actual, expected, StringComparison.Ordinal));
        };
    }

    [GeneratedRegex("^\\s*(?<name>[\\w:]+)\\s*(?<op>\\^?=)\\s*\"(?<value>[^\"]*)\"\\s*$")]
    private static partial Regex FilterPattern();
}
