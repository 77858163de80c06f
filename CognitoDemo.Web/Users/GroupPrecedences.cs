namespace CognitoDemo.Web.Users;

/// <summary>
/// The precedence of user pool groups, where this app knows it. Precedence is a setting of the pool, not a claim:
/// Cognito puts only the winning group's role in <c>cognito:preferred_role</c>, and reading a group (<c>GetGroup</c>)
/// is an administrative call the user's role may not make. In local mode the app knows the default pool Local Cognito
/// builds from the same <c>LocalCognito</c> settings; on AWS it knows none.
/// </summary>
public sealed class GroupPrecedences(IReadOnlyDictionary<string, int> known)
{
    public static GroupPrecedences None { get; } = new(new Dictionary<string, int>());

    public int? Of(string group) => known.TryGetValue(group, out var precedence) ? precedence : null;
}
