using System.Text.RegularExpressions;
using CognitoDemo.Web.Pages.Credentials;

namespace CognitoDemo.Web.Users;

/// <summary>
/// IAM's refusal, read from an <c>AccessDeniedException</c>'s message, whose form AWS documents ("Troubleshoot
/// access denied error messages", IAM User Guide): <c>User: {principal arn} is not authorized to perform:
/// {action} on resource: {resource arn} because {reason}</c>.
/// </summary>
public sealed partial record AccessDenial(string Principal, string? Role, string Action, string Resource, string? Reason)
{
    /// <summary>The parts of the message, or null when it does not have IAM's form.</summary>
    public static AccessDenial? Parse(string? message)
    {
        if (message is null || Form().Match(message) is not { Success: true } match)
        {
            return null;
        }

        var principal = match.Groups["principal"].Value;
        return new AccessDenial(principal, CredentialExports.RoleName(principal), match.Groups["action"].Value,
            match.Groups["resource"].Value, match.Groups["reason"].Success ? match.Groups["reason"].Value : null);
    }

    [GeneratedRegex(@"^User: (?<principal>\S+) is not authorized to perform: (?<action>\S+) on resource: (?<resource>\S+?)(?: because (?<reason>.+))?$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Form();
}
