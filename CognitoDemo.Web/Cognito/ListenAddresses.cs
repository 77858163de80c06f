namespace CognitoDemo.Web.Cognito;

/// <summary>
/// Local mode: the Hosted UI callback and sign-out URLs of every address this app listens on, as the
/// configuration Local Cognito's default pool is built from. Local Cognito follows a change of it while
/// running, so the addresses, known only once the server has started (a port of 0, <c>ASPNETCORE_HTTP_PORTS</c>
/// in the container), are registered then.
/// </summary>
public sealed class ListenAddresses : IConfigurationSource
{
    private readonly Provider _provider = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>
    /// Registers <paramref name="configured"/>'s callback and sign-out URLs plus those of each of
    /// <paramref name="serverAddresses"/> (as IServer reports them: <c>http://[::]:8080</c>, <c>http://127.0.0.1:5080</c>).
    /// </summary>
    public void Register(IConfigurationSection configured, IEnumerable<string> serverAddresses)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var pool = configured.GetSection("DefaultPool").Get<CognitoDemo.LocalCognito.DefaultPoolOptions>() ?? new();
        var bases = serverAddresses.SelectMany(BrowserBases).Distinct(StringComparer.Ordinal).ToList();
        var callbacks = pool.EffectiveCallbackUrls.Concat(bases.Select(b => b + Session.HostedUi.CallbackPath.TrimStart('/')));
        var logouts = pool.EffectiveLogoutUrls.Concat(bases.SelectMany(b => (string[])[b, b + "signout-callback-oidc"]));
        var data = new Dictionary<string, string?>();
        foreach (var (key, urls) in (ValueTuple<string, IEnumerable<string>>[])[("CallbackUrls", callbacks), ("LogoutUrls", logouts)])
        {
            var index = 0;
            foreach (var url in urls.Distinct(StringComparer.Ordinal))
            {
                data[$"LocalCognito:DefaultPool:{key}:{index++}"] = url;
            }
        }

        _provider.Replace(data);
    }

    /// <summary>
    /// The addresses a browser uses for one the server listens on: a wildcard (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>,
    /// <c>*</c>) or loopback address is reached as localhost, 127.0.0.1 and [::1]; any other as itself.
    /// </summary>
    public static IEnumerable<string> BrowserBases(string serverAddress)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        // Kestrel reports wildcards as "http://[::]:8080" or "http://+:8080", which Uri may not parse: swap the host first.
        var normalized = System.Text.RegularExpressions.Regex.Replace(serverAddress, @"^(\w+)://(\+|\*)(:|/|$)", "$1://0.0.0.0$3");
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return [];
        }

        var local = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" || (System.Net.IPAddress.TryParse(uri.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        var hosts = local ? (string[])["localhost", "127.0.0.1", "[::1]"] : [uri.Host];
        return hosts.Select(host => $"{uri.Scheme}://{host}:{uri.Port}/");
    }

    private sealed class Provider : ConfigurationProvider
    {
        public void Replace(IDictionary<string, string?> data)
        {
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
