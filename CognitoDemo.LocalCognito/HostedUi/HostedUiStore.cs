using System.Collections.Concurrent;
using System.Security.Cryptography;
using CognitoDemo.LocalCognito.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>An issued authorization code and everything the token endpoint must check it against.</summary>
internal sealed record AuthorizationCode(string PoolId, string ClientId, string Sub, string RedirectUri, OAuthGrant Grant,
    string? CodeChallenge, DateTimeOffset ExpiresAt);

/// <summary>A Hosted UI sign-in, remembered by the session cookie.</summary>
internal sealed record HostedUiSession(string PoolId, string Sub, DateTimeOffset ExpiresAt);

/// <summary>
/// The Hosted UI's short-lived state: authorization codes (single-use, 5 minutes) and cookie sessions (1 hour,
/// like Cognito's). Kept in memory: both are short-lived or re-creatable by signing in again, so a restart only
/// signs Hosted UI browsers out. What a refresh token needs lives with its session in the database.
/// </summary>
internal sealed class HostedUiStore(TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HostedUiSession> _sessions = new(StringComparer.Ordinal);

    public string IssueCode(string poolId, string clientId, string sub, string redirectUri, OAuthGrant grant, string? codeChallenge)
    {
        var now = time.GetUtcNow();
        foreach (var (key, stale) in _codes)
        {
            if (stale.ExpiresAt <= now)
            {
                _codes.TryRemove(key, out _);
            }
        }

        var code = NewSecret();
        _codes[code] = new AuthorizationCode(poolId, clientId, sub, redirectUri, grant, codeChallenge, now + CodeLifetime);
        return code;
    }

    /// <summary>The code's grant, removed on first use whatever the outcome; null when unknown or expired.</summary>
    public AuthorizationCode? TakeCode(string code) =>
        _codes.TryRemove(code, out var found) && found.ExpiresAt > time.GetUtcNow() ? found : null;

    public string StartSession(string poolId, string sub)
    {
        var id = NewSecret();
        _sessions[id] = new HostedUiSession(poolId, sub, time.GetUtcNow() + SessionLifetime);
        return id;
    }

    public HostedUiSession? FindSession(string? id) =>
        id is not null && _sessions.TryGetValue(id, out var session) && session.ExpiresAt > time.GetUtcNow() ? session : null;

    public void EndSession(string? id)
    {
        if (id is not null)
        {
            _sessions.TryRemove(id, out _);
        }
    }

    private static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
