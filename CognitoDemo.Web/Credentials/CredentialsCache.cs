using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace CognitoDemo.Web.Credentials;

/// <summary>
/// The per-user credentials cache: the distributed cache (this process's memory, or Redis shared by
/// every instance when <c>Redis:Configuration</c> is set), each entry encrypted with Data Protection so
/// whoever reads Redis does not get the credentials. A store that cannot be reached is a cache miss,
/// logged: the user still gets credentials (by a new exchange) and can still sign out.
/// </summary>
public sealed partial class CredentialsCache(IDistributedCache cache, IDataProtectionProvider dataProtection, ILogger<CredentialsCache> logger)
{
    /// <summary>The Data Protection purpose of the cached credentials: no other protector of the app can read them.</summary>
    public const string Purpose = "CognitoDemo.Web.Credentials.Cache.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>The cached exchange, or null when there is none, it cannot be decrypted (its key is gone) or the store is down.</summary>
    public async Task<CredentialExchange?> GetAsync(string userSub, CancellationToken cancellationToken)
    {
        byte[]? protectedBytes;
        try
        {
            protectedBytes = await cache.GetAsync(Key(userSub), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            LogStoreFailed(logger, "read", e.GetType().Name);
            return null;
        }

        if (protectedBytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CredentialExchange>(_protector.Unprotect(protectedBytes));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps the exchange for <paramref name="keepFor"/> (nothing when that is not positive).</summary>
    public async Task SetAsync(string userSub, CredentialExchange exchange, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        if (keepFor <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await cache.SetAsync(Key(userSub), _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(exchange)),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = keepFor }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            LogStoreFailed(logger, "write", e.GetType().Name);
        }
    }

    /// <summary>Removes the user's entry; when the store is down it is logged, and the entry expires on its own.</summary>
    public async Task RemoveAsync(string userSub, CancellationToken cancellationToken)
    {
        try
        {
            await cache.RemoveAsync(Key(userSub), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            LogStoreFailed(logger, "remove", e.GetType().Name);
        }
    }

    // The store's own exception types (Redis's connection and timeout errors) are not the cache
    // abstraction's to name; only the caller's own cancellation is passed on.
    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static string Key(string userSub) => "credentials:" + userSub;

    // Never the user, the key or the value: only what failed.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The credentials cache could not {Operation} an entry ({Error}); going on without it")]
    private static partial void LogStoreFailed(ILogger logger, string operation, string error);
}
