using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// The role GetCredentialsForIdentity assumes, as the developer guide's "Role-based access control" describes it.
/// A guest gets the pool's unauthenticated role. A signed-in user whose provider has no role mapping gets the
/// authenticated role. With <c>Type: Token</c>: the <c>CustomRoleArn</c> when it is one of the ID token's
/// <c>cognito:roles</c> (otherwise access is denied), else <c>cognito:preferred_role</c>, else the single role of
/// <c>cognito:roles</c>. With <c>Type: Rules</c>: the role of the first rule that matches (a <c>CustomRoleArn</c> must
/// be the role of a matching rule). When that gives no role, <c>AmbiguousRoleResolution</c> decides: the
/// authenticated role, or a refusal. Role trust policies are not evaluated (every role trusts every pool here).
/// </summary>
internal static class RoleSelection
{
    /// <exception cref="AwsServiceException">
    /// NotAuthorizedException when the mapping denies; InvalidIdentityPoolConfigurationException when the pool has no role to give.
    /// </exception>
    public static string Choose(IdentityPool pool, Identity identity, IReadOnlyList<VerifiedToken> tokens, string? customRoleArn)
    {
        if (!identity.IsAuthenticated)
        {
            return DefaultRole(pool, authenticated: false);
        }

        var mappings = pool.Settings.RoleMappings ?? [];
        foreach (var token in tokens)
        {
            var key = RoleMappings.Key(token.Login.ProviderName, token.ClientId);
            if (mappings.TryGetValue(key, out var mapping))
            {
                return Mapped(pool, key, mapping, token, customRoleArn);
            }
        }

        return DefaultRole(pool, authenticated: true);
    }

    private static string Mapped(IdentityPool pool, string key, RoleMapping mapping, VerifiedToken token, string? customRoleArn)
    {
        var candidates = mapping.Type == RoleMapping.RulesType
            ? [.. (mapping.RulesConfiguration?.Rules ?? []).Where(rule => Matches(rule, token)).Select(rule => rule.RoleArn).Distinct(StringComparer.Ordinal)]
            : Claim(token, GroupClaims.Roles);
        if (customRoleArn is not null)
        {
            return candidates.Contains(customRoleArn, StringComparer.Ordinal)
                ? customRoleArn
                : throw new AwsServiceException(IdentityErrors.NotAuthorized, IdentityMessages.CustomRoleNotAllowed(customRoleArn, key));
        }

        var chosen = mapping.Type == RoleMapping.RulesType
            ? candidates.FirstOrDefault()
            : Claim(token, GroupClaims.PreferredRole).FirstOrDefault() ?? (candidates.Count == 1 ? candidates[0] : null);
        if (chosen is not null)
        {
            return chosen;
        }

        return mapping.AmbiguousRoleResolution == RoleMapping.Deny
            ? throw new AwsServiceException(IdentityErrors.NotAuthorized, IdentityMessages.AmbiguousRoleDenied(key))
            : DefaultRole(pool, authenticated: true);
    }

    /// <summary>
    /// A rule matches a claim the token has (a missing claim matches nothing, NotEqual included, as the guide says);
    /// a claim holding several values (<c>cognito:groups</c>) matches when one of them does, and NotEqual when none equals.
    /// </summary>
    private static bool Matches(MappingRule rule, VerifiedToken token)
    {
        var values = Claim(token, rule.Claim);
        if (values.Count == 0)
        {
            return false;
        }

        return rule.MatchType switch
        {
            MappingRule.EqualsType => values.Contains(rule.Value, StringComparer.Ordinal),
            MappingRule.NotEqual => !values.Contains(rule.Value, StringComparer.Ordinal),
            MappingRule.StartsWith => values.Any(v => v.StartsWith(rule.Value, StringComparison.Ordinal)),
            MappingRule.Contains => values.Any(v => v.Contains(rule.Value, StringComparison.Ordinal)),
            _ => false,
        };
    }

    /// <summary>A claim's values as text: none when absent, each member of an array, the value itself otherwise.</summary>
    private static List<string> Claim(VerifiedToken token, string name) =>
        [.. token.Token.Claims.Where(c => c.Type == name).Select(c => c.Value)];

    private static string DefaultRole(IdentityPool pool, bool authenticated) =>
        pool.Role(authenticated)
        ?? throw new AwsServiceException(IdentityErrors.InvalidIdentityPoolConfiguration, IdentityMessages.InvalidRoleConfiguration);
}
