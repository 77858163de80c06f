using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>
/// The group claims of a user's tokens, as the developer guide ("Adding groups to a user pool") describes them:
/// <c>cognito:groups</c> in the ID and access tokens, <c>cognito:roles</c> and <c>cognito:preferred_role</c> in the
/// ID token. The preferred role is the role of the group with the lowest precedence value; groups tied at that value
/// with different roles leave it out ("neither group takes precedence"), with the same role keep it.
/// </summary>
internal sealed class GroupClaims(GroupStore groups)
{
    public const string Groups = "cognito:groups";
    public const string Roles = "cognito:roles";
    public const string PreferredRole = "cognito:preferred_role";

    /// <summary>Adds the claims to the token bodies; a user in no group gets none of them, as on AWS.</summary>
    public void AddTo(User user, IDictionary<string, object>? id, IDictionary<string, object> access)
    {
        var memberOf = groups.GroupsOf(user);
        if (memberOf.Count == 0)
        {
            return;
        }

        var names = memberOf.Select(g => g.Name).ToArray();
        access[Groups] = names;
        if (id is null)
        {
            return;
        }

        id[Groups] = names;
        var withRoles = memberOf.Where(g => g.RoleArn is not null).ToList();
        if (withRoles.Count == 0)
        {
            return;
        }

        id[Roles] = withRoles.Select(g => g.RoleArn!).Distinct(StringComparer.Ordinal).ToArray();

        // GroupsOf orders by precedence (groups without one last), so the first group holds the best value.
        var best = withRoles[0].Precedence;
        var tied = withRoles.Where(g => g.Precedence == best).Select(g => g.RoleArn!).Distinct(StringComparer.Ordinal).ToList();
        if (tied.Count == 1)
        {
            id[PreferredRole] = tied[0];
        }
    }
}
