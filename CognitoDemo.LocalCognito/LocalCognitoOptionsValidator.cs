using System.Text.RegularExpressions;
using CognitoDemo.Cognito.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito;

/// <summary>
/// Checks <see cref="LocalCognitoOptions"/> at start-up and lists every problem as "X must be …, but was …", in the
/// app's own style (<see cref="CognitoOptionsValidator"/>), so a bad setting is a sentence, not a stack trace from
/// Kestrel or SQLite later on. The secret access key is never echoed.
/// </summary>
public sealed partial class LocalCognitoOptionsValidator : IValidateOptions<LocalCognitoOptions>
{
    private const string Section = LocalCognitoOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LocalCognitoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Url is { Length: > 0 } url && !url.Split(';', StringSplitOptions.TrimEntries).All(IsListenUrl))
        {
            failures.Add($"{Section}:Url must be an absolute http or https URL such as '{LocalCognitoHost.DefaultUrl}' " +
                         $"(or several separated by ';'), but was '{url}'.");
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl && !IsHttpUrl(publicUrl))
        {
            failures.Add($"{Section}:PublicUrl must be an absolute http or https URL such as '{LocalCognitoHost.DefaultUrl}', but was '{publicUrl}'.");
        }

        if (!AwsRegion.IsValid(options.Region))
        {
            failures.Add($"{Section}:Region must be an AWS region such as 'us-west-2', but was '{options.Region}'.");
        }

        // An AWS account id is 12 digits (IAM User Guide, "Your AWS account ID and its alias").
        if (options.AccountId is null || !AccountIdPattern().IsMatch(options.AccountId))
        {
            failures.Add($"{Section}:AccountId must be 12 digits such as '000000000000', but was '{options.AccountId}'.");
        }

        if (DataPathProblem(options.DataPath) is { } dataPath)
        {
            failures.Add(dataPath);
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            failures.Add($"{Section}:MaxRequestBodyBytes must be greater than 0, but was {options.MaxRequestBodyBytes}.");
        }

        if (options.Credentials is { } credentials
            && (string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey)))
        {
            failures.Add($"{Section}:Credentials must have both AccessKeyId and SecretAccessKey, or neither.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>SQLite can create the file, but not its folder, and cannot open a directory as a database.</summary>
    private static string? DataPathProblem(string? dataPath)
    {
        const string Expected = $"{Section}:DataPath must be a file path in an existing folder";
        if (string.IsNullOrWhiteSpace(dataPath))
        {
            return $"{Expected} such as 'local-cognito.db', but was empty.";
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(dataPath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{Expected}, but '{dataPath}' is not a valid path.";
        }

        if (Directory.Exists(fullPath))
        {
            return $"{Expected}, but '{dataPath}' is a directory.";
        }

        var folder = Path.GetDirectoryName(fullPath);
        return folder is not null && !Directory.Exists(folder)
            ? $"{Expected}, but the folder '{folder}' of '{dataPath}' does not exist."
            : null;
    }

    /// <summary>A Kestrel listen address: <c>*</c> and <c>+</c> stand for every interface (ASP.NET Core "Configure endpoints").</summary>
    private static bool IsListenUrl(string url) => IsHttpUrl(WildcardHost().Replace(url, "://localhost"));

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"://[*+](?=[:/]|$)")]
    private static partial Regex WildcardHost();
}
