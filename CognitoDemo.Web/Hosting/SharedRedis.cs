using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace CognitoDemo.Web.Hosting;

/// <summary>
/// The Redis server that several instances of the app behind one load balancer share, when
/// <c>Redis:Configuration</c> names one (a StackExchange.Redis configuration string, e.g.
/// <c>redis.internal:6379,password=…,ssl=true</c>): the Data Protection keys go there, so a session,
/// antiforgery or TempData cookie made by one instance is read by every other, and so does the
/// per-user credentials cache, so no instance exchanges a token again for credentials another already
/// holds. Without it, all of that stays in this process (keys in <c>DataProtection:KeysPath</c> or the
/// default folder) and nothing else is needed to run.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    public const string ConfigurationKey = "Redis:Configuration";

    /// <summary>Every key the app writes starts with this, so the app can share a Redis with others.</summary>
    public const string KeyPrefix = "CognitoDemo:";

    public const string DataProtectionKeysKey = KeyPrefix + "DataProtection-Keys";

    private readonly ConfigurationOptions? _options;
    private readonly Lazy<ConnectionMultiplexer>? _connection;

    public SharedRedis(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return;
        }

        _options = ConfigurationOptions.Parse(configuration);
        // Start (and keep running) while Redis is down: it reconnects in the background, and
        // /diagnostics says that it cannot be reached.
        _options.AbortOnConnectFail = false;
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(_options));
    }

    public bool IsConfigured => _options is not null;

    /// <summary>Where Redis is, for people to read: host and port only, never the password.</summary>
    public string Endpoints => _options is null ? "" : string.Join(", ", _options.EndPoints.Select(EndPointCollection.ToString));

    public IConnectionMultiplexer Connection =>
        _connection?.Value ?? throw new InvalidOperationException($"No Redis is configured ({ConfigurationKey}).");

    public void Dispose()
    {
        if (_connection is { IsValueCreated: true })
        {
            _connection.Value.Dispose();
        }
    }
}

public static class SharedRedisSetup
{
    /// <summary>
    /// With <c>Redis:Configuration</c>: Data Protection keys and the distributed cache in Redis. Without:
    /// the distributed cache in this process's memory. Either way <see cref="SharedRedis"/> is registered.
    /// </summary>
    public static SharedRedis AddSharedRedis(this WebApplicationBuilder builder, IDataProtectionBuilder dataProtection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redis = new SharedRedis(builder.Configuration[SharedRedis.ConfigurationKey]);
        // Registered by a factory so the container disposes the connection when the app stops.
        builder.Services.AddSingleton(_ => redis);
        if (!redis.IsConfigured)
        {
            builder.Services.AddDistributedMemoryCache();
            return redis;
        }

        dataProtection.PersistKeysToStackExchangeRedis(() => redis.Connection.GetDatabase(), SharedRedis.DataProtectionKeysKey);
        builder.Services.AddStackExchangeRedisCache(options =>
        {
            options.InstanceName = SharedRedis.KeyPrefix;
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Connection);
        });
        return redis;
    }
}
