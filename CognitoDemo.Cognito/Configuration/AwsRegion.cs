using System.Text.RegularExpressions;

namespace CognitoDemo.Cognito.Configuration;

/// <summary>The shape of an AWS region name in every partition (us-west-2, cn-north-1, us-gov-west-1, eu-isoe-west-1).</summary>
public static partial class AwsRegion
{
    public static bool IsValid(string? region) => region is not null && Pattern().IsMatch(region);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex Pattern();
}
