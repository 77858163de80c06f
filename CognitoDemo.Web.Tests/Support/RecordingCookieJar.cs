using System.Net.Http.Headers;

namespace CognitoDemo.Web.Tests.Support;

/// <summary>
/// A browser's cookie jar that also keeps every <c>Set-Cookie</c> header the app sent, attributes and
/// all, so a test can read what each cookie was set with. Like a browser on an HTTPS page behind a
/// TLS-terminating proxy, it sends back every cookie it holds (Secure ones too) whatever scheme the
/// hop to the app uses. It follows redirects within the app and stops at one to another host, and
/// can add headers a proxy would add (<c>X-Forwarded-Proto</c>).
/// </summary>
public sealed class RecordingCookieJar(HttpMessageHandler app, IReadOnlyDictionary<string, string>? proxyHeaders = null)
    : DelegatingHandler(app)
{
    private const int MaxRedirects = 10;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly List<SetCookie> _received = [];

    /// <summary>Every cookie set so far, in order.</summary>
    public IReadOnlyList<SetCookie> Received => _received;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var hop = 0; ; hop++)
        {
            AddHeaders(request);
            var response = await base.SendAsync(request, cancellationToken);
            Keep(request.RequestUri!, response.Headers);
            var location = response.Headers.Location;
            if (hop == MaxRedirects || (int)response.StatusCode is < 300 or > 399 || location is null)
            {
                return response;
            }

            var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (next.Authority != request.RequestUri!.Authority)
            {
                return response; // to Cognito's Hosted UI: another host, not this app
            }

            response.Dispose();
            request = new HttpRequestMessage(HttpMethod.Get, next);
        }
    }

    private void AddHeaders(HttpRequestMessage request)
    {
        request.Headers.Remove("Cookie");
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        foreach (var (name, value) in proxyHeaders ?? new Dictionary<string, string>())
        {
            request.Headers.Remove(name);
            request.Headers.Add(name, value);
        }
    }

    private void Keep(Uri from, HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var header in values)
        {
            var cookie = SetCookie.Parse(from, header);
            _received.Add(cookie);
            if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow)
            {
                _cookies.Remove(cookie.Name);
            }
            else
            {
                _cookies[cookie.Name] = cookie.Value;
            }
        }
    }
}

/// <summary>One <c>Set-Cookie</c> header, with the request it answered.</summary>
public sealed record SetCookie(Uri SetBy, string Name, string Value, bool Secure, bool HttpOnly, DateTimeOffset? Expires, string Header)
{
    public static SetCookie Parse(Uri setBy, string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var nameValue = parts[0].Split('=', 2);
        var attributes = parts.Skip(1).Select(a => a.Split('=', 2)).ToList();
        var expires = attributes.FirstOrDefault(a => a[0].Equals("expires", StringComparison.OrdinalIgnoreCase)) is { Length: 2 } e
                      && DateTimeOffset.TryParse(e[1], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : (DateTimeOffset?)null;
        return new SetCookie(setBy, nameValue[0], nameValue.ElementAtOrDefault(1) ?? "",
            attributes.Any(a => a[0].Equals("secure", StringComparison.OrdinalIgnoreCase)),
            attributes.Any(a => a[0].Equals("httponly", StringComparison.OrdinalIgnoreCase)),
            expires, header);
    }

    /// <summary>The header without its value (a cookie's value is a secret: never in a test's output).</summary>
    public override string ToString() => $"{Name} from {SetBy.AbsolutePath}: {Header[(Header.IndexOf(';', StringComparison.Ordinal) is var i and >= 0 ? i : Header.Length)..]}";
}
