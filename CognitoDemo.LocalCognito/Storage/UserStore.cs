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
    /// The user a sign-in name means: the user name itself, else the e-mail address or phone number the pool signs in with
    /// (<c>UsernameAttributes</c>), or a verified one when it is an alias (<c>AliasAttributes</c>); see <see cref="SignInAliases"/>.
    /// </summary>
    public User? Find(UserPool pool, string name) => database.Read(c => Find(c, pool, name));

    private static User? Find(SqliteConnection c, UserPool pool, string name)
    {
        var byName = c.QuerySingle($"SELECT {Columns} FROM users WHERE pool_id = $pool AND username_key = $key", Read,
            ("$pool", pool.Id), ("$key", Key(pool, name)));
        return byName ?? SignInAliases.Attributes.Select(a => Holder(c, pool, a, name)).FirstOrDefault(u => u is not null);
    }

    /// <summary>The user who holds <paramref name="value"/> of a sign-in attribute (e-mail compared without case), or null.</summary>
    public User? FindHolder(UserPool pool, string attribute, string value) => database.Read(c => Holder(c, pool, attribute, value));

    private static User? Holder(SqliteConnection c, UserPool pool, string attribute, string value)
    {
        var isUsername = pool.Settings.UsernameAttributes.Contains(attribute, StringComparer.Ordinal);
        if (!isUsername && !pool.Settings.AliasAttributes.Contains(attribute, StringComparer.Ordinal))
        {
            return null;
        }

        return c.QuerySingle(
            $"""
            SELECT {Columns} FROM users
            WHERE pool_id = $pool AND lower(json_extract(attributes, $path)) = lower($value)
              AND ($any OR json_extract(attributes, $verified) = 'true')
            """,
            Read, ("$pool", pool.Id), ("$path", $"$.{attribute}"), ("$verified", $"$.{attribute}_verified"), ("$value", value),
            ("$any", isUsername));
    }

    public User? FindBySub(string poolId, string sub) => database.Read(c => c.QuerySingle(
        $"SELECT {Columns} FROM users WHERE pool_id = $pool AND sub = $sub", Read, ("$pool", poolId), ("$sub", sub)));

    public IReadOnlyList<User> List(string poolId) => database.Read(c => c.Query(
        $"SELECT {Columns} FROM users WHERE pool_id = $pool ORDER BY rowid", Read, ("$pool", poolId)));

    /// <summary>Adds a user; false when the user name is taken.</summary>
    public bool TryInsert(UserPool pool, User user) => database.Write(c =>
    {
        // In a pool that signs in with e-mail or phone number, the address or number is a name and must be unique too.
        var taken = c.Query("SELECT 1 FROM users WHERE pool_id = $pool AND username_key = $key", r => 1,
                        ("$pool", pool.Id), ("$key", Key(pool, user.Username))).Count > 0
                    || pool.Settings.UsernameAttributes.Any(a =>
                        user.Attributes.TryGetValue(a, out var value) && Holder(c, pool, a, value) is not null);
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

    /// <summary>
    /// Writes only what differs between <paramref name="before"/> (the copy the operation read) and
    /// <paramref name="after"/>: each changed column, and each changed attribute key by itself (json_set / json_remove
    /// on the stored document). A racing write to other columns or other attributes is therefore never undone, e.g. an
    /// AdminDisableUser racing the user's own UpdateUserAttributes (issue 15, lost updates).
    /// </summary>
    public void Update(User before, User after) => database.Write(c => Update(c, before, after));

    public static void Update(SqliteConnection c, User before, User after)
    {
        var sets = new List<string> { "modified_at = $modified" };
        var parameters = new List<(string, object?)>
        {
            ("$pool", after.PoolId), ("$sub", after.Sub), ("$modified", after.ModifiedAt.ToUnixTimeMilliseconds()),
        };
        void Set(bool changed, string column, object? value)
        {
            if (changed)
            {
                sets.Add($"{column} = ${column}");
                parameters.Add(($"${column}", value));
            }
        }

        Set(before.Status != after.Status, "status", after.Status);
        Set(before.Enabled != after.Enabled, "enabled", after.Enabled ? 1 : 0);
        var passwordChanged = before.Salt != after.Salt || before.Verifier != after.Verifier;
        Set(passwordChanged, "salt", after.Salt);
        Set(passwordChanged, "verifier", after.Verifier);
        Set(before.FailedSignIns != after.FailedSignIns, "failed_sign_ins", after.FailedSignIns);
        Set(before.LockedUntil != after.LockedUntil, "locked_until", after.LockedUntil?.ToUnixTimeMilliseconds());
        Set(before.TemporaryPasswordExpiresAt != after.TemporaryPasswordExpiresAt, "temporary_password_expires_at",
            after.TemporaryPasswordExpiresAt?.ToUnixTimeMilliseconds());

        var document = "attributes";
        var index = 0;
        foreach (var (name, value) in after.Attributes.Where(a => before.Attributes.GetValueOrDefault(a.Key) != a.Value))
        {
            document = $"json_set({document}, $path{index}, $value{index})";
            parameters.Add(($"$path{index}", JsonPath(name)));
            parameters.Add(($"$value{index}", value));
            index++;
        }

        foreach (var name in before.Attributes.Keys.Where(k => !after.Attributes.ContainsKey(k)))
        {
            document = $"json_remove({document}, $path{index})";
            parameters.Add(($"$path{index}", JsonPath(name)));
            index++;
        }

        if (index > 0)
        {
            sets.Add($"attributes = {document}");
        }

        c.Execute($"UPDATE users SET {string.Join(", ", sets)} WHERE pool_id = $pool AND sub = $sub", [.. parameters]);
    }

    /// <summary>A JSON path naming one key, quoted so names like <c>custom:location</c> stay one key.</summary>
    private static string JsonPath(string key) => "$.\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public void Delete(User user) => database.Write(c =>
    {
        c.Execute("UPDATE auth_sessions SET revoked = 1 WHERE pool_id = $pool AND sub = $sub", ("$pool", user.PoolId), ("$sub", user.Sub));
        c.Execute("DELETE FROM challenges WHERE pool_id = $pool AND sub = $sub", ("$pool", user.PoolId), ("$sub", user.Sub));
        c.Execute("DELETE FROM users WHERE pool_id = $pool AND sub = $sub", ("$pool", user.PoolId), ("$sub", user.Sub));
    });

    /// <summary>
    /// One sign-in attempt decided in one write transaction: the lock is read fresh, the password proven
    /// (<paramref name="proves"/>), and a failure counted before any other attempt on the store may look, so of
    /// many concurrent wrong guesses the sixth is already refused (issue 15, races). Success clears the counter.
    /// </summary>
    /// <remarks>
    /// The proof is the slow part (SRP arithmetic, milliseconds) and depends only on the user's pool, name, salt
    /// and verifier, so it is computed before the transaction, on the copy the caller read, and not under the
    /// store's one write lock, where it made every other write wait (issue 17). What is decided stays inside:
    /// the fresh lock state, and whether that proof still applies (the salt and verifier read in the transaction
    /// are the ones it was computed with; if they changed meanwhile, the proof is computed again inside). A
    /// user seen locked beforehand is not proven at all unless the transaction finds the lock gone.
    /// </remarks>
    public (SignInAttempt Outcome, User User) Attempt(User user, Func<User, bool> proves, DateTimeOffset now)
    {
        bool? provenBefore = user.LockedUntil is { } seenUntil && seenUntil > now ? null : proves(user);
        return database.Write(c =>
        {
            var current = c.QuerySingle($"SELECT {Columns} FROM users WHERE pool_id = $pool AND sub = $sub", Read,
                ("$pool", user.PoolId), ("$sub", user.Sub)) ?? user;
            if (current.LockedUntil is { } until && until > now)
            {
                return (SignInAttempt.Locked, current);
            }

            var sameCredentials = current.PoolId == user.PoolId && current.Username == user.Username
                && current.Salt == user.Salt && current.Verifier == user.Verifier;
            if (!(provenBefore is { } proven && sameCredentials ? proven : proves(current)))
            {
                RecordFailure(c, current, now);
                return (SignInAttempt.WrongPassword, current);
            }

            if (current.FailedSignIns == 0 && current.LockedUntil is null)
            {
                return (SignInAttempt.Proven, current);
            }

            c.Execute("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE pool_id = $pool AND sub = $sub",
                ("$pool", current.PoolId), ("$sub", current.Sub));
            return (SignInAttempt.Proven, current with { FailedSignIns = 0, LockedUntil = null });
        });
    }

    /// <summary>
    /// Records a failed sign-in atomically and returns the new count; from the fifth consecutive failure
    /// the user is locked for 2^(n−5) seconds, at most 15 minutes (Cognito's lockout).
    /// </summary>
    private static int RecordFailure(SqliteConnection c, User user, DateTimeOffset now)
    {
        var failures = c.Query("SELECT failed_sign_ins FROM users WHERE pool_id = $pool AND sub = $sub",
            r => r.GetInt32(0), ("$pool", user.PoolId), ("$sub", user.Sub)).FirstOrDefault() + 1;
        DateTimeOffset? lockedUntil = failures >= Lockout.Threshold ? now + Lockout.BackOff(failures) : null;
        c.Execute("UPDATE users SET failed_sign_ins = $failed, locked_until = $locked WHERE pool_id = $pool AND sub = $sub",
            ("$failed", failures), ("$locked", lockedUntil?.ToUnixTimeMilliseconds()), ("$pool", user.PoolId), ("$sub", user.Sub));
        return failures;
    }

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

/// <summary>What <see cref="UserStore.Attempt"/> decided.</summary>
internal enum SignInAttempt
{
    Proven,
    WrongPassword,
    Locked,
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
