using System.Net;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (with its Local Cognito on another), for a real browser. Nothing tells
/// Local Cognito the app's address: the app registers the addresses it listens on itself.
/// </summary>
public class BrowserApp : CognitoDemoApp
{
    private readonly int _port = FreeLoopbackPort();
    private readonly IDictionary<string, string?> _settings;

    public BrowserApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Settings over the test defaults (e.g. the production rate limits).</param>
    protected BrowserApp(IDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
    }

    public Uri Url => new($"http://127.0.0.1:{_port}/");

    /// <summary>The same app at <c>localhost</c>, another address a browser reaches it at.</summary>
    public Uri LocalhostUrl => new($"http://localhost:{_port}/");

    protected override IDictionary<string, string?> Settings => _settings;

    private static int FreeLoopbackPort() => CognitoDemo.LocalCognito.Tests.Support.TestPorts.Next();
}

/// <summary>The app with the rate limits of appsettings.json, as a visitor meets them.</summary>
public sealed class ProductionLimitsApp() : BrowserApp(new Dictionary<string, string?>
{
    ["RateLimits:AccountPermitLimit"] = "40",
    ["RateLimits:UsernamePermitLimit"] = "10",
});

/// <summary>Another app with the production limits, for hammering without spending the walkers' budget.</summary>
public sealed class HammeredApp() : BrowserApp(new Dictionary<string, string?>
{
    ["RateLimits:AccountPermitLimit"] = "40",
    ["RateLimits:UsernamePermitLimit"] = "10",
});
