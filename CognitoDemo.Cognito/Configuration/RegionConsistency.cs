namespace CognitoDemo.Cognito.Configuration;

/// <summary>
/// Whether the configured ids agree on one region. The app calls both Cognito services in
/// <see cref="CognitoOptions.EffectiveRegion"/>, so a user pool or identity pool id naming another region
/// is a pool that is not there. Not a start-up failure: the app starts, logs each problem, and
/// /diagnostics explains it next to what it breaks.
/// </summary>
public static class RegionConsistency
{
    /// <summary>Each disagreement in plain words, with how to fix it; empty when the regions agree.</summary>
    public static IReadOnlyList<string> Problems(CognitoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var region = options.EffectiveRegion;
        if (region is null)
        {
            return problems;
        }

        if (RegionOf(options.UserPoolId, '_') is { } poolRegion && poolRegion != region)
        {
            problems.Add($"Cognito:UserPoolId '{options.UserPoolId}' is in region {poolRegion} but Cognito:Region is {region}: the app " +
                         $"calls Cognito in {region}, where this pool does not exist. Set Cognito:Region to {poolRegion} or leave it out " +
                         "(the pool id names its region).");
        }

        if (RegionOf(options.IdentityPoolId, ':') is { } identityRegion && identityRegion != region)
        {
            problems.Add($"Cognito:IdentityPoolId '{options.IdentityPoolId}' is in region {identityRegion} but the app calls Cognito in " +
                         $"{region}: use an identity pool in the user pool's region.");
        }

        return problems;
    }

    private static string? RegionOf(string? id, char separator) =>
        id is not null && id.IndexOf(separator, StringComparison.Ordinal) is > 0 and var i ? id[..i] : null;
}
