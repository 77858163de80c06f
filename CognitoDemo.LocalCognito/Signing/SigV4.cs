using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.LocalCognito.Signing;

/// <summary>
/// A request as SigV4 sees it: method, decoded path, decoded query parameters in order, headers by
/// case-insensitive name (every value), and the raw body.
/// </summary>
internal sealed record SignedRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    byte[] Body)
{
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) && values.Count > 0 ? string.Join(',', values) : null;

    /// <summary>An ASP.NET Core request and the body already read from it.</summary>
    public static SignedRequest From(HttpRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<KeyValuePair<string, string>>();
        var raw = request.QueryString.Value ?? "";
        foreach (var pair in raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            query.Add(KeyValuePair.Create(Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : ""));
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.Select(v => v ?? "").ToList();
        }

        var path = request.PathBase.Add(request.Path).Value;
        return new SignedRequest(request.Method, string.IsNullOrEmpty(path) ? "/" : path, query, headers, body);
    }
}

/// <summary>
/// The computations of AWS Signature Version 4 (protocol doc 8.2 steps 3–6), separate from any policy so
/// the official test vectors (8.3) check them directly.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Step 3: method, URI, query, headers, signed header names, payload hash, joined by newlines.</summary>
    public static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(request.Path)).Append('\n');
        builder.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = request.Headers.TryGetValue(name, out var found) ? found : [];
            builder.Append(name).Append(':').Append(string.Join(',', values.Select(CanonicalHeaderValue))).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        // The body's own hash, never a client-declared X-Amz-Content-SHA256: a changed body cannot keep a signature.
        builder.Append(Hex(SHA256.HashData(request.Body)));
        return builder.ToString();
    }

    /// <summary>Step 4.</summary>
    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/{Terminator}";

    /// <summary>Step 5.</summary>
    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, Terminator);
    }

    /// <summary>Step 6: lower-case hex.</summary>
    public static string Signature(byte[] signingKey, string stringToSign) => Hex(Hmac(signingKey, stringToSign));

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>RFC 3986: unreserved characters kept, everything else percent-encoded in upper-case hex.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    private static string CanonicalUri(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Encode));

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join('&', query
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    private static string CanonicalHeaderValue(string value) =>
        string.Join(' ', value.Trim().Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
