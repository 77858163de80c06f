using CognitoDemo.Web.Hosting;
using StackExchange.Redis;

namespace CognitoDemo.Web.Diagnostics;

/// <summary>Whether the Redis that the instances share answers, when one is configured.</summary>
public static class RedisCheck
{
    public const string Name = "Redis (shared by instances)";

    /// <summary>How long a PING may take before Redis counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The check, or null when no Redis is configured (one instance keeps everything itself).</summary>
    public static async Task<DiagnosticCheck?> RunAsync(SharedRedis redis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (!redis.IsConfigured)
        {
            return null;
        }

        try
        {
            var latency = await redis.Connection.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return new(Name, CheckStatus.Ok,
                $"Redis at {redis.Endpoints} answers ({latency.TotalMilliseconds:0} ms): every instance reads the same Data Protection keys " +
                "(so each accepts the others' session cookies) and the same credentials cache.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new(Name, CheckStatus.Problem,
                $"Redis at {redis.Endpoints} cannot be reached ({e.GetType().Name}). Until it can, an instance that has not loaded the " +
                "Data Protection keys cannot read sessions or forms from the others, and credentials are neither shared nor forgotten " +
                $"at sign-out. Check that Redis is running and {SharedRedis.ConfigurationKey} (host, port, password, ssl).");
        }
    }
}
