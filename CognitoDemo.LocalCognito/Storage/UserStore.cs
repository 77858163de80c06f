using System.Text.Json;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>Users. Look-ups go through the pool's user-name key (lower-cased when sign-in is case-insensitive).</summary>
internal sealed class UserStore(Database database)
{
    private const string Columns =
        "pool_id, sub, username, status, enabled, attributes, salt, verifier, failed_sign_ins, locked_until, created_at, modified_at, " +
        "temporary_password_expires_at";

    public static string Key(UserPool pool, string username) =>
        pool.Settings.UsernameCaseSensitive ? username : username.ToLowerInvariant();

    /// <summary>
    /// The user a sign-in name means: the user name itself, else the e-mail address when the pool signs in
    /// with e-mail (<c>UsernameAttributes</c>), or a verified one when e-mail is an alias (<c>AliasAttributes</c>).
    /// </summary>
    public User? Find(UserPool pool, string name) => database.Read(c => Find(c, pool, name));

    private static User? Find(SqliteConnection c, UserPool pool, string name)
    {
        var byName = c.QuerySingle($"SELECT {Columns} FROM users WHERE pool_id = $pool AND username_key = $key", Read,
            ("$pool", pool.Id), ("$key", Key(pool, name)));
        if (byName is not null)
        {
            return byName;
        }

        var emailIsUsername = pool.Settings.UsernameAttributes.Contains(UserAttributes.Email, StringComparer.Ordinal);
        if (!emailIsUsername && !pool.Settings.AliasAttributes.Contains(UserAttributes.Email, StringComparer.Ordinal))
        {
            return null;
        }

        return c.QuerySingle(
            $"""
            SELECT {Columns} FROM users
            WHERE pool_id = $pool AND lower(json_extract(attributes, '$.email')) = lower($email)
              AND ($any OR json_extract(attributes, '$.email_verified') = 'true')
            """,
            Read, ("$pool", pool.Id), ("$email", name), ("$any", emailIsUsername));
    }

    public User? FindBySub(string poolId, string sub) => database.Read(c => c.QuerySingle(
        $"SELECT {Columns} FROM users WHERE pool_id = $pool AND sub = $sub", Read, ("$pool", poolId), ("$sub", sub)));

    public IReadOnlyList<User> List(string poolId) => database.Read(c => c.Query(
        $"SELECT {Columns} FROM users WHERE pool_id = $pool ORDER BY rowid", Read, ("$pool", poolId)));

    /// <summary>Adds a user; false when the user name is taken.</summary>
    public bool TryInsert(UserPool pool, User user) => database.Write(c =>
    {
        // In a pool that signs in with e-mail, the address is the name and must be unique too.
        var taken = c.Query("SELECT 1 FROM users WHERE pool_id = $pool AND username_key = $key", r => 1,
                        ("$pool", pool.Id), ("$key", Key(pool, user.Username))).Count > 0
                    || (pool.Settings.UsernameAttributes.Contains(UserAttributes.Email, StringComparer.Ordinal)
                        && user.Email is not null && Find(c, pool, user.Email) is not null);
        if (taken)
        {
            return false;
        }

        c.Execute(
            $"""
            INSERT INTO users ({Columns}, username_key)
            VALUES ($pool, $sub, $username, $status, $enabled, $attributes, $salt, $verifier, $failed, $locked, $created, $modified,
                    $temporary, $key)
            """,
            [.. Parameters(user), ("$key", Key(pool, user.Username))]);
        return true;
    });

    public void Update(User user) => database.Write(c => Update(c, user));

    public static void Update(SqliteConnection c, User user) => c.Execute(
        """
        UPDATE users SET status = $status, enabled = $enabled, attributes = $attributes, salt = $salt,
            verifier = $verifier, failed_sign_ins = $failed, locked_until = $locked, modified_at = $modified,
            temporary_password_expires_at = $temporary
        WHERE pool_id = $pool AND sub = $sub
        """, Parameters(user));

    public void Delete(User user) => database.Write(c =>
    {
        c.Execute("UPDATE auth_sessions SET revoked = 1 WHERE pool_id = $pool AND sub = $sub", ("$pool", user.PoolId), ("$sub", user.Sub));
        c.Execute("DELETE FROM challenges WHERE pool_id = $pool AND sub = $sub", ("$pool", user.PoolId), ("$sub", user.Sub));
        c.Execute("DELETE FROM users WHERE pool_id = $pool AND sub = $sub", ("$pool", user.PoolId), ("$sub", user.Sub));
    });

    /// <summary>
    /// Records a failed sign-in atomically and returns the new count; from the fifth consecutive failure
    /// the user is locked for 2^(n−5) seconds, at most 15 minutes (Cognito's lockout).
    /// </summary>
    public int RecordFailedSignIn(User user, DateTimeOffset now) => database.Write(c =>
    {
        var failures = c.Query("SELECT failed_sign_ins FROM users WHERE pool_id = $pool AND sub = $sub",
            r => r.GetInt32(0), ("$pool", user.PoolId), ("$sub", user.Sub)).FirstOrDefault() + 1;
        DateTimeOffset? lockedUntil = failures >= Lockout.Threshold ? now + Lockout.BackOff(failures) : null;
        c.Execute("UPDATE users SET failed_sign_ins = $failed, locked_until = $locked WHERE pool_id = $pool AND sub = $sub",
            ("$failed", failures), ("$locked", lockedUntil?.ToUnixTimeMilliseconds()), ("$pool", user.PoolId), ("$sub", user.Sub));
        return failures;
    });

    public void ResetFailedSignIns(User user) => database.Write(c => c.Execute(
        "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE pool_id = $pool AND sub = $sub",
        ("$pool", user.PoolId), ("$sub", user.Sub)));

    private static (string, object?)[] Parameters(User user) =>
    [
        ("$pool", user.PoolId), ("$sub", user.Sub), ("$username", user.Username), ("$status", user.Status),
        ("$enabled", user.Enabled ? 1 : 0), ("$attributes", JsonSerializer.Serialize(user.Attributes, PoolStore.Json)),
        ("$salt", user.Salt), ("$verifier", user.Verifier), ("$failed", user.FailedSignIns),
        ("$locked", user.LockedUntil?.ToUnixTimeMilliseconds()),
        ("$created", user.CreatedAt.ToUnixTimeMilliseconds()), ("$modified", user.ModifiedAt.ToUnixTimeMilliseconds()),
        ("$temporary", user.TemporaryPasswordExpiresAt?.ToUnixTimeMilliseconds()),
    ];

    private static User Read(SqliteDataReader r) => new()
    {
        PoolId = r.GetString(0),
        Sub = r.GetString(1),
        Username = r.GetString(2),
        Status = r.GetString(3),
        Enabled = r.GetInt64(4) != 0,
        Attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(5), PoolStore.Json)!,
        Salt = r.NullableString(6),
        Verifier = r.NullableString(7),
        FailedSignIns = r.GetInt32(8),
        LockedUntil = r.NullableInt64(9) is { } locked ? DateTimeOffset.FromUnixTimeMilliseconds(locked) : null,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
        ModifiedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
        TemporaryPasswordExpiresAt = r.NullableInt64(12) is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null,
    };
}

/// <summary>Cognito's sign-in lockout: five free failures, then a doubling back-off capped at 15 minutes.</summary>
internal static class Lockout
{
    public const int Threshold = 5;
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    public static TimeSpan BackOff(int failures)
    {
        var exponent = failures - Threshold;
        return exponent >= 10 ? Cap : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, exponent), Cap.TotalSeconds));
    }
}
