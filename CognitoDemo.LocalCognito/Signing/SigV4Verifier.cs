using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.LocalCognito.Signing;

/// <summary>
/// A key the verifier may accept: its secret, and for temporary credentials the SHA-256 (hex) of the
/// session token that must come with it and when it expires.
/// </summary>
internal sealed record SigningCredential(string AccessKeyId, string SecretKey, string? SessionTokenHash, DateTimeOffset? Expiration);

/// <summary>
/// Verifies a SigV4 <c>Authorization</c> header as AWS does (protocol doc 8.2): the header's parts, the
/// key, its session token and expiry, the request time against the scope date and the 15-minute window,
/// then the signature recomputed from the request and compared in constant time. Every refusal is a
/// <see cref="SignatureException"/> with AWS's message, named in each protocol's own error shape.
/// </summary>
internal sealed class SigV4Verifier(TimeProvider time)
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public const string SecurityTokenHeader = "x-amz-security-token";
    public const string DateHeader = SigV4Authorization.DateHeader;

    public SigningCredential Verify(SignedRequest request, string service, Func<string, SigningCredential?> findCredential)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findCredential);
        var header = SigV4Authorization.Parse(request.Header("Authorization"));
        var amzDate = SigV4Authorization.RequestDate(request);

        var credential = findCredential(header.AccessKeyId) ?? throw SignatureException.UnknownKey();
        var token = request.Header(SecurityTokenHeader);
        if (!SessionTokenMatches(credential, token))
        {
            throw SignatureException.UnknownKey();
        }

        var now = time.GetUtcNow();
        if (credential.Expiration is { } expiration && now >= expiration)
        {
            throw SignatureException.Expired();
        }

        CheckTime(header, amzDate, now);
        if (header.Service != service)
        {
            throw SignatureException.Mismatch($"Credential should be scoped to correct service: '{service}'. ");
        }

        var canonicalRequest = SigV4.CanonicalRequest(request, header.SignedHeaders);
        var stringToSign = SigV4.StringToSign(amzDate, SigV4.Scope(header.Date, header.Region, header.Service), canonicalRequest);
        var expected = SigV4.Signature(SigV4.SigningKey(credential.SecretKey, header.Date, header.Region, header.Service), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Signature)))
        {
            throw SignatureException.Mismatch();
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

    private static void CheckTime(SigV4Authorization header, string amzDate, DateTimeOffset now)
    {
        var signedAt = SigV4Authorization.ParseDate(amzDate);
        if (!amzDate.StartsWith(header.Date, StringComparison.Ordinal) || header.Date.Length != 8)
        {
            throw SignatureException.Mismatch(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{header.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var format = (DateTimeOffset d) => d.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture);
        if (signedAt < now - MaxSkew)
        {
            throw SignatureException.Mismatch(
                $"Signature expired: {amzDate} is now earlier than {format(now - MaxSkew)} ({format(now)} - 15 min.)");
        }

        if (signedAt > now + MaxSkew)
        {
            throw SignatureException.Mismatch(
                $"Signature not yet current: {amzDate} is still later than {format(now + MaxSkew)} ({format(now)} + 15 min.)");
        }
    }
}
