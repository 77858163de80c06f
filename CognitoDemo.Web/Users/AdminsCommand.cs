using System.Text.RegularExpressions;

namespace CognitoDemo.Web.Users;

/// <summary>
/// The one AWS CLI command that adds a user to <c>admins</c> in Local Cognito: <c>admin-add-user-to-group</c>
/// (AdminAddUserToGroup), SigV4-signed by the CLI with any key, since Local Cognito checks the form of a signature
/// and not its key unless <c>LocalCognito:Credentials</c> is set (the README's "With the AWS CLI or an SDK").
/// </summary>
public static partial class AdminsCommand
{
    public static string For(Uri localCognito, string region, string userPoolId, string username)
    {
        ArgumentNullException.ThrowIfNull(localCognito);
        return "AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws cognito-idp admin-add-user-to-group"
               + $" --endpoint-url {localCognito.GetLeftPart(UriPartial.Authority)} --region {region}"
               + $" --user-pool-id {Quote(userPoolId)} --username {Quote(username)} --group-name {UsersSetup.AdminsGroup}";
    }

    /// <summary>A word as a POSIX shell reads it: as it is when it is plain, else in single quotes.</summary>
    private static string Quote(string word) =>
        Plain().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_.@+=:,/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
