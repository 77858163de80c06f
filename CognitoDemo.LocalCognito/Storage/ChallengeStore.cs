using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>A pending auth challenge: single-use, expiring, found by Session or by its SECRET_BLOCK hash.</summary>
internal sealed record PendingChallenge(string Session, string? SecretBlockHash, string Name, string PoolId,
    string ClientId, string? Sub, string Username, string State, DateTimeOffset ExpiresAt);

internal sealed class ChallengeStore(Database database)
{
    public void Save(PendingChallenge challenge) => database.Write(c => c.Execute(
        """
        INSERT INTO challenges (session, secret_block_hash, name, pool_id, client_id, sub, username, state, expires_at)
        VALUES ($session, $block, $name, $pool, $client, $sub, $username, $state, $expires)
        """,
        ("$session", challenge.Session), ("$block", challenge.SecretBlockHash), ("$name", challenge.Name),
        ("$pool", challenge.PoolId), ("$client", challenge.ClientId), ("$sub", challenge.Sub),
        ("$username", challenge.Username), ("$state", challenge.State),
        ("$expires", challenge.ExpiresAt.ToUnixTimeMilliseconds())));

    /// <summary>Removes and returns the challenge if it is still live; whatever is found is used up.</summary>
    public PendingChallenge? Take(string? session, string? secretBlockHash, DateTimeOffset now) => database.Write(c =>
    {
        c.Execute("DELETE FROM challenges WHERE expires_at <= $now", ("$now", now.ToUnixTimeMilliseconds()));
        var found = session is not null
            ? c.QuerySingle($"{Select} WHERE session = $key", Read, ("$key", session))
            : secretBlockHash is not null
                ? c.QuerySingle($"{Select} WHERE secret_block_hash = $key", Read, ("$key", secretBlockHash))
                : null;
        if (found is not null)
        {
            c.Execute("DELETE FROM challenges WHERE session = $session", ("$session", found.Session));
        }

        return found;
    });

    private const string Select =
        "SELECT session, secret_block_hash, name, pool_id, client_id, sub, username, state, expires_at FROM challenges";

    private static PendingChallenge Read(SqliteDataReader r) => new(
        r.GetString(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5),
        r.GetString(6), r.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)));
}
