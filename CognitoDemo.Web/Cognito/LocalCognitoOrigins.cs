using CognitoDemo.LocalCognito;

namespace CognitoDemo.Web.Cognito;

/// <summary>
/// The origins the in-process Local Cognito answers CORS for, when <c>LocalCognito:AllowedOrigins</c> is not
/// set: this app's own, from the URLs it listens on (<c>urls</c>/<c>ASPNETCORE_URLS</c>, else
/// <c>http_ports</c>/<c>https_ports</c>, else Kestrel's default <c>http://localhost:5000</c>). Listening on every
/// interface is still reached at localhost.
/// </summary>
public static class LocalCognitoOrigins
{
    public static IReadOnlyList<string> OfThisApp(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(Ports(configuration[WebHostDefaults.HttpPortsKey], "http"));
        urls.AddRange(Ports(configuration[WebHostDefaults.HttpsPortsKey], "https"));
        var origins = urls
            .Select(url => Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Select(uri => uri.Host is "0.0.0.0" or "[::]" ? new UriBuilder(uri) { Host = "localhost" }.Uri : uri)
            .Select(uri => uri.GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return origins.Count > 0 ? origins : ["http://localhost:5000"];
    }

    /// <summary>Adds this app's origins as <c>LocalCognito:AllowedOrigins</c> unless the setting lists some already.</summary>
    public static void AddDefault(ConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection($"{LocalCognitoOptions.SectionName}:{nameof(LocalCognitoOptions.AllowedOrigins)}");
        if (section.GetChildren().Any())
        {
            return;
        }

        configuration.AddInMemoryCollection(OfThisApp(configuration)
            .Select((origin, i) => KeyValuePair.Create($"{section.Path}:{i}", (string?)origin)));
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => $"{scheme}://localhost:{port}");
}
