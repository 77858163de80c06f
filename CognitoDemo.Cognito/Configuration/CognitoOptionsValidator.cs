using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Cognito.Configuration;

/// <summary>
/// Checks <see cref="CognitoOptions"/> at start-up and lists every problem as "X must be …, but was …"
/// with how to fix it. Formats are those of the AWS models (protocol doc, sections 2 and 7). Ids that
/// are well formed but name different regions are not refused here: see <see cref="RegionConsistency"/>.
/// </summary>
public sealed partial class CognitoOptionsValidator : IValidateOptions<CognitoOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Region is { Length: > 0 } region && !AwsRegion.IsValid(region))
        {
            failures.Add($"Cognito:Region must be an AWS region such as 'us-west-2', but was '{region}'.");
        }

        if (string.IsNullOrWhiteSpace(options.UserPoolId))
        {
            failures.Add("Cognito:UserPoolId must be set (e.g. 'us-west-2_AbC123xyz'), but was empty.");
        }
        else if (!UserPoolIdPattern().IsMatch(options.UserPoolId))
        {
            failures.Add($"Cognito:UserPoolId must look like '{{region}}_{{id}}' (e.g. 'us-west-2_AbC123xyz'), but was '{options.UserPoolId}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Cognito:ClientId must be set to the app client id (Cognito console: App integration → App clients), but was empty.");
        }
        else if (!ClientIdPattern().IsMatch(options.ClientId))
        {
            failures.Add($"Cognito:ClientId must be 1–128 letters, digits, '_' or '+', but was '{options.ClientId}'.");
        }

        if (options.ClientSecret is { Length: > 0 } secret && !ClientSecretPattern().IsMatch(secret))
        {
            // The secret itself is never echoed.
            failures.Add($"Cognito:ClientSecret must be 24–64 letters, digits, '_' or '+', but was {secret.Length} characters of another form.");
        }

        if (options.IdentityPoolId is { Length: > 0 } identityPool && !IdentityPoolIdPattern().IsMatch(identityPool))
        {
            failures.Add($"Cognito:IdentityPoolId must look like '{{region}}:{{guid}}', but was '{identityPool}'.");
        }

        if (options.ServiceUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Cognito:ServiceUrl must be an absolute http or https URL, but was '{url}'.");
        }

        if (options.HostedUiDomain is { Length: > 0 } domain
            && (!Uri.TryCreate(domain, UriKind.Absolute, out var domainUri)
                || (domainUri.Scheme != Uri.UriSchemeHttps && domainUri.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Cognito:HostedUiDomain must be an absolute URL such as 'https://myapp.auth.us-west-2.amazoncognito.com', but was '{domain}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+$")]
    private static partial Regex UserPoolIdPattern();

    [GeneratedRegex(@"^[\w+]{1,128}$")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"^[\w+]{24,64}$")]
    private static partial Regex ClientSecretPattern();

    [GeneratedRegex(@"^[\w-]+:[0-9a-f-]+$")]
    private static partial Regex IdentityPoolIdPattern();
}
