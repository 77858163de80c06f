using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CognitoDemo.Web.Tests.Support;

/// <summary>
/// The web app in local mode with its own Local Cognito on a free loopback port and a fresh SQLite
/// file: the app talks to it over real HTTP, as in production. One clock (a <see cref="FakeTimeProvider"/>)
/// drives both, so tests move time instead of waiting.
/// </summary>
// Any type of the web app's assembly names its entry point; `Program` would be ambiguous with Local Cognito's.
public class CognitoDemoApp : WebApplicationFactory<CognitoDemo.Web.Cognito.CognitoMode>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("cognitodemo-web-tests-").FullName;

    public CognitoDemoApp()
        : this(new Uri($"http://127.0.0.1:{FreePort()}/"))
    {
    }

    /// <param name="localCognitoUrl">Where the Local Cognito this app uses (and its mailbox) is.</param>
    protected CognitoDemoApp(Uri localCognitoUrl)
    {
        LocalCognitoUrl = localCognitoUrl;
    }

    public Uri LocalCognitoUrl { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>When set, receives every log line the app (and its in-process Local Cognito) writes, at every level.</summary>
    public LogCapture? Logs { get; init; }

    /// <summary>Extra settings for this app, applied over the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("LocalCognito:Url", LocalCognitoUrl.ToString());
        builder.UseSetting("LocalCognito:DataPath", Path.Combine(_dataDirectory, "local-cognito.db"));
        builder.UseSetting("RateLimits:AccountPermitLimit", "10000");
        builder.UseSetting("RateLimits:UsernamePermitLimit", "10000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            // Retry back-off would wait on the fake clock, which only tests move: retry at once instead.
            services.ConfigureAll<HttpStandardResilienceOptions>(options =>
            {
                options.Retry.Delay = TimeSpan.Zero;
                options.Retry.UseJitter = false;
            });
        });
    }

    /// <summary>A browser-like client: follows redirects, keeps cookies.</summary>
    public Browser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = true,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost/"),
    }));

    /// <summary>Stops the in-process Local Cognito, as if it went down, while the app keeps running.</summary>
    public async Task StopLocalCognitoAsync()
    {
        var launcher = Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<CognitoDemo.Web.Cognito.LocalCognitoLauncher>().Single();
        await launcher.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A browser-like client whose cookies live in <paramref name="cookies"/>, to carry a session to another instance.</summary>
    public Browser Browser(System.Net.CookieContainer cookies) => new(CreateDefaultClient(new Uri("http://localhost/"),
        new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(),
        new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)));

    /// <summary>The newest code Local Cognito "sent" to an address, from its mailbox JSON.</summary>
    public async Task<string> LatestCodeAsync(string email)
    {
        using var http = new HttpClient { BaseAddress = LocalCognitoUrl };
        var json = await http.GetStringAsync(new Uri($"mailbox/messages?to={Uri.EscapeDataString(email)}", UriKind.Relative),
            TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        var newest = document.RootElement.EnumerateArray()
            .OrderByDescending(m => m.GetProperty("sentAt").GetDateTimeOffset())
            .First();
        return newest.GetProperty("code").GetString()!;
    }

    public int MessageCount(string email)
    {
        using var http = new HttpClient { BaseAddress = LocalCognitoUrl };
        var json = http.GetStringAsync(new Uri($"mailbox/messages?to={Uri.EscapeDataString(email)}", UriKind.Relative)).GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetArrayLength();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    private static int FreePort() => CognitoDemo.LocalCognito.Tests.Support.TestPorts.Next();
}
