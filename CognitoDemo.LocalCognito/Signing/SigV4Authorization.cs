using System.Globalization;
using CognitoDemo.Cognito.Configuration;

namespace CognitoDemo.LocalCognito.Signing;

/// <summary>
/// A SigV4 <c>Authorization</c> header, <c>AWS4-HMAC-SHA256 Credential={key}/{yyyyMMdd}/{region}/{service}/aws4_request,
/// SignedHeaders=…, Signature=…</c> (protocol doc 8.2 step 1), read in one place for every protocol Local Cognito speaks.
/// </summary>
internal sealed record SigV4Authorization(
    string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string DateHeader = "x-amz-date";

    /// <exception cref="SignatureException">Missing when absent, Incomplete when not well formed.</exception>
    public static SigV4Authorization Parse(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            throw SignatureException.Missing();
        }

        if (!authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            throw SignatureException.Incomplete($"Unsupported AWS 'algorithm': expected '{SigV4.Algorithm}'.");
        }

        var parts = authorization[(SigV4.Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        var missing = ((string[])["Credential", "Signature", "SignedHeaders"]).Where(name => !parts.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw SignatureException.Incomplete(
                string.Join(' ', missing.Select(name => $"Authorization header requires '{name}' parameter.")));
        }

        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != SigV4.Terminator || scope.Any(s => s.Length == 0))
        {
            throw SignatureException.Incomplete(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/{SigV4.Terminator}.");
        }

        // Every partition's region names have this shape (us-west-2, cn-north-1, us-gov-west-1, eu-isoe-west-1).
        if (!AwsRegion.IsValid(scope[2]))
        {
            throw SignatureException.Incomplete(
                $"Credential should be scoped to a valid region, e.g. keyid/20260101/us-west-2/{scope[3]}/{SigV4.Terminator}.");
        }

        var signedHeaders = parts["SignedHeaders"].Split(';');
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            throw SignatureException.Incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders, parts["Signature"]);
    }

    /// <summary>The request time as sent, from <c>X-Amz-Date</c> or else <c>Date</c>.</summary>
    /// <exception cref="SignatureException">Incomplete when neither is there.</exception>
    public static string RequestDate(SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Header(DateHeader) ?? request.Header("Date")
               ?? throw SignatureException.Incomplete(
                   "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    /// <summary>A request time in ISO 8601 basic format (<c>20260105T090307Z</c>).</summary>
    /// <exception cref="SignatureException">Incomplete when not in that format.</exception>
    public static DateTimeOffset ParseDate(string amzDate) =>
        DateTimeOffset.TryParseExact(amzDate, SigV4.DateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt)
            ? signedAt
            : throw SignatureException.Incomplete($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'.");
}
