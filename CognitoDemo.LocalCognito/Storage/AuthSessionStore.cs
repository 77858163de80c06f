using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>
/// One sign-in: its refresh token (stored only as a hash) and the <c>origin_jti</c> that every access
/// and ID token minted from it carries. Revoking the session revokes all of them at once. Everything a
/// refresh needs is here, so tokens refreshed after a restart are the ones the sign-in would have given:
/// the client, the granted <paramref name="Scope"/> and the <paramref name="AuthFlow"/> that started it
/// (an API flow such as <c>USER_SRP_AUTH</c>, or a Hosted UI grant such as <c>authorization_code</c>).
/// Sessions stored before these columns existed read as API sign-ins.
/// </summary>
internal sealed record AuthSession(string OriginJti, string PoolId, string ClientId, string Sub, string RefreshHash,
    DateTimeOffset AuthTime, string EventId, DateTimeOffset RefreshExpiresAt, bool Revoked, string? Scope = null,
    string? AuthFlow = null);

internal sealed class AuthSessionStore(Database database)
{
    private const string Select =
        "SELECT origin_jti, pool_id, client_id, sub, refresh_hash, auth_time, event_id, refresh_expires_at, revoked, scope, auth_flow FROM auth_sessions";

    public void Insert(AuthSession session) => database.Write(c => c.Execute(
        """
        INSERT INTO auth_sessions (origin_jti, pool_id, client_id, sub, refresh_hash, auth_time, event_id, refresh_expires_at, revoked,
            scope, auth_flow)
        VALUES ($jti, $pool, $client, $sub, $hash, $auth, $event, $expires, 0, $scope, $flow)
        """,
        ("$jti", session.OriginJti), ("$pool", session.PoolId), ("$client", session.ClientId), ("$sub", session.Sub),
        ("$hash", session.RefreshHash), ("$auth", session.AuthTime.ToUnixTimeSeconds()), ("$event", session.EventId),
        ("$expires", session.RefreshExpiresAt.ToUnixTimeMilliseconds()), ("$scope", session.Scope), ("$flow", session.AuthFlow)));

    public AuthSession? Find(string originJti) =>
        database.Read(c => c.QuerySingle($"{Select} WHERE origin_jti = $jti", Read, ("$jti", originJti)));

    public AuthSession? FindByRefreshHash(string hash) =>
        database.Read(c => c.QuerySingle($"{Select} WHERE refresh_hash = $hash", Read, ("$hash", hash)));

    public void Revoke(string originJti) => database.Write(c =>
        c.Execute("UPDATE auth_sessions SET revoked = 1 WHERE origin_jti = $jti", ("$jti", originJti)));

    public void RevokeAll(string poolId, string sub) => database.Write(c =>
        c.Execute("UPDATE auth_sessions SET revoked = 1 WHERE pool_id = $pool AND sub = $sub", ("$pool", poolId), ("$sub", sub)));

    private static AuthSession Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(5)), r.GetString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), r.GetInt64(8) != 0, r.NullableString(9), r.NullableString(10));
}
