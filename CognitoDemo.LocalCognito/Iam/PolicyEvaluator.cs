namespace CognitoDemo.LocalCognito.Iam;

/// <summary>What the identity-based policies say about one request.</summary>
internal enum PolicyDecision
{
    /// <summary>A statement allows it and none denies it.</summary>
    Allow,

    /// <summary>No statement allows it: IAM's default deny.</summary>
    ImplicitDeny,

    /// <summary>A statement denies it, which wins over every Allow.</summary>
    ExplicitDeny,
}

/// <summary>
/// IAM's evaluation of identity-based policies within one account (IAM User Guide, "Policy evaluation logic"): an
/// explicit Deny in any statement wins; otherwise an Allow allows; otherwise the request is implicitly denied.
/// A statement applies when its action and resource match: <c>Action</c>/<c>Resource</c> list what it covers,
/// <c>NotAction</c>/<c>NotResource</c> everything else. Actions match case-insensitively, resources case-sensitively,
/// both with the wildcards <c>*</c> (any run of characters) and <c>?</c> (one character).
/// Conditions are not evaluated: a statement with a <c>Condition</c> is read as if it failed for an Allow and held for
/// a Deny, so Local Cognito never allows what AWS would refuse.
/// </summary>
internal static class PolicyEvaluator
{
    public static PolicyDecision Evaluate(IEnumerable<PermissionsPolicy> policies, string action, string resource)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var allowed = false;
        foreach (var statement in policies.SelectMany(p => p.Statements))
        {
            if (!Covers(statement, action, resource))
            {
                continue;
            }

            if (!statement.Allow)
            {
                return PolicyDecision.ExplicitDeny;
            }

            allowed |= !statement.HasCondition;
        }

        return allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }

    private static bool Covers(PolicyStatement statement, string action, string resource) =>
        Matches(statement.Actions, statement.NotActions, action, StringComparison.OrdinalIgnoreCase)
        && Matches(statement.Resources, statement.NotResources, resource, StringComparison.Ordinal);

    private static bool Matches(IReadOnlyList<string>? listed, IReadOnlyList<string>? excluded, string value, StringComparison comparison) =>
        listed is not null
            ? listed.Any(pattern => Wildcard.IsMatch(pattern, value, comparison))
            : excluded is not null && !excluded.Any(pattern => Wildcard.IsMatch(pattern, value, comparison));
}

/// <summary>IAM's <c>*</c> and <c>?</c> wildcards, matched without backtracking blow-up.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string pattern, string value, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, value, v, 1, comparison) == 0) && pattern[p] != '*')
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
