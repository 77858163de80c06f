using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web;

/// <summary>
/// What running behind a load balancer needs: Data Protection keys shared by every instance (so a
/// session cookie from one is accepted by the others and survives restarts) in Redis or a shared
/// folder, the credentials cache in Redis too (<see cref="Hosting.SharedRedis"/>), forwarded headers from a
/// trusted proxy, cookies Secure whenever the browser's request is HTTPS, and health endpoints.
/// </summary>
public static class ProductionHosting
{
    /// <summary>Binds <c>Redis:Configuration</c>, <c>DataProtection:KeysPath</c> and <c>ForwardedHeaders:Enabled</c>; registers the health checks.</summary>
    public static WebApplicationBuilder AddProductionHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("CognitoDemo.Web");
        // Redis, when configured, holds the keys (and the credentials cache) for every instance; a key folder is the other way.
        var redis = builder.AddSharedRedis(dataProtection);
        if (!redis.IsConfigured && builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        if (builder.Configuration.GetValue<bool>("ForwardedHeaders:Enabled"))
        {
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                // Only behind a proxy that sets these headers itself: the app is then not reachable directly.
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            });
        }

        builder.Services.AddCookieSecurity();
        builder.Services.AddHttpClient(nameof(JwksHealthCheck));
        builder.Services.AddHealthChecks().AddCheck<JwksHealthCheck>("cognito-jwks", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseProductionHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>("ForwardedHeaders:Enabled"))
        {
            app.UseForwardedHeaders();
        }

        app.UseCookieSecurity();
        return app;
    }

    /// <summary><c>/healthz</c>: the process answers; <c>/healthz/ready</c>: and the pool's JWKS can be fetched.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}

/// <summary>Ready when the user pool's signing keys can be fetched: without them no sign-in can be verified.</summary>
public sealed class JwksHealthCheck(IHttpClientFactory httpClients, IOptions<CognitoOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var jwks = new Uri(CognitoEndpoints.Issuer(options.Value) + "/.well-known/jwks.json");
        try
        {
            using var http = httpClients.CreateClient(nameof(JwksHealthCheck));
            http.Timeout = TimeSpan.FromSeconds(5);
            using var response = await http.GetAsync(jwks, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode && body.Contains("\"keys\"", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy($"JWKS reachable at {jwks}")
                : HealthCheckResult.Unhealthy($"JWKS at {jwks} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy($"JWKS at {jwks} unreachable: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"JWKS at {jwks} did not answer in time");
        }
    }
}
