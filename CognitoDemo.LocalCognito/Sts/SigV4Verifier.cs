using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.LocalCognito.Sts;

/// <summary>
/// A key the verifier may accept: its secret, and for temporary credentials the SHA-256 (hex) of the
/// session token that must come with it and when it expires.
/// </summary>
internal sealed record SigningCredential(string AccessKeyId, string SecretKey, string? SessionTokenHash, DateTimeOffset? Expiration);

/// <summary>
/// Verifies a SigV4 <c>Authorization</c> header as AWS does (protocol doc 8.2): the header's parts, the
/// key, its session token and expiry, the request time against the scope date and the 15-minute window,
/// then the signature recomputed from the request and compared in constant time. Every refusal is an
/// <see cref="StsException"/> with AWS's code and message.
/// </summary>
internal sealed class SigV4Verifier(TimeProvider time)
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public const string SecurityTokenHeader = "x-amz-security-token";
    public const string DateHeader = "x-amz-date";

    public SigningCredential Verify(SignedRequest request, string service, Func<string, SigningCredential?> findCredential)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findCredential);
        var header = ParseAuthorization(request.Header("Authorization"));
        var amzDate = request.Header(DateHeader) ?? request.Header("Date")
                      ?? throw StsException.IncompleteSignature(
                          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");

        var credential = findCredential(header.AccessKeyId) ?? throw StsException.InvalidClientTokenId();
        var token = request.Header(SecurityTokenHeader);
        if (!SessionTokenMatches(credential, token))
        {
            throw StsException.InvalidClientTokenId();
        }

        var now = time.GetUtcNow();
        if (credential.Expiration is { } expiration && now >= expiration)
        {
            throw StsException.ExpiredToken();
        }

        CheckTime(header, amzDate, now);
        if (header.Service != service)
        {
            throw StsException.SignatureDoesNotMatch($"Credential should be scoped to correct service: '{service}'. ");
        }

        var canonicalRequest = SigV4.CanonicalRequest(request, header.SignedHeaders);
        var stringToSign = SigV4.StringToSign(amzDate, SigV4.Scope(header.Date, header.Region, header.Service), canonicalRequest);
        var expected = SigV4.Signature(SigV4.SigningKey(credential.SecretKey, header.Date, header.Region, header.Service), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Signature)))
        {
            throw StsException.SignatureDoesNotMatch();
        }

        return credential;
    }

    private static bool SessionTokenMatches(SigningCredential credential, string? token)
    {
        if (credential.SessionTokenHash is null || token is null)
        {
            return credential.SessionTokenHash is null && token is null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(credential.SessionTokenHash));
    }

    private static void CheckTime(AuthorizationHeader header, string amzDate, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParseExact(amzDate, SigV4.DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            throw StsException.IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'.");
        }

        if (!amzDate.StartsWith(header.Date, StringComparison.Ordinal) || header.Date.Length != 8)
        {
            throw StsException.SignatureDoesNotMatch(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{header.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var format = (DateTimeOffset d) => d.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture);
        if (signedAt < now - MaxSkew)
        {
            throw StsException.SignatureDoesNotMatch(
                $"Signature expired: {amzDate} is now earlier than {format(now - MaxSkew)} ({format(now)} - 15 min.)");
        }

        if (signedAt > now + MaxSkew)
        {
            throw StsException.SignatureDoesNotMatch(
                $"Signature not yet current: {amzDate} is still later than {format(now + MaxSkew)} ({format(now)} + 15 min.)");
        }
    }

    /// <summary>Step 1: <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>.</summary>
    private static AuthorizationHeader ParseAuthorization(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            throw StsException.MissingAuthenticationToken();
        }

        if (!authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            throw StsException.IncompleteSignature($"Unsupported AWS 'algorithm': expected '{SigV4.Algorithm}'.");
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
            throw StsException.IncompleteSignature(
                string.Join(' ', missing.Select(name => $"Authorization header requires '{name}' parameter.")));
        }

        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != SigV4.Terminator || scope.Any(s => s.Length == 0))
        {
            throw StsException.IncompleteSignature(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/{SigV4.Terminator}.");
        }

        var signedHeaders = parts["SignedHeaders"].Split(';');
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            throw StsException.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], signedHeaders, parts["Signature"]);
    }

    private sealed record AuthorizationHeader(
        string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);
}
