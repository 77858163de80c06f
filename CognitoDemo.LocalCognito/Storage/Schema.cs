using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>
/// The whole SQLite schema, in one place: numbered migrations applied in order, the number reached kept in the
/// file's <c>PRAGMA user_version</c> (sqlite.org/pragma.html#pragma_user_version). A new table or column is a new
/// step at the end; a released step is never edited. Times are Unix milliseconds; complex settings are JSON.
/// </summary>
internal static class Schema
{
    /// <summary>
    /// The steps, version 1 first. Each is idempotent (<c>IF NOT EXISTS</c>, columns added only when missing): a
    /// file written before versions were recorded (user_version 0) holds some of these tables already, in the
    /// shape of whichever version wrote it, and goes through every step.
    /// </summary>
    private static readonly Migration[] Migrations =
    [
        new(1, "user pools: pools, clients, users, codes, challenges, sessions, resource servers, keys, mailbox, groups", c => c.Execute("""
            CREATE TABLE IF NOT EXISTS user_pools (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, settings TEXT NOT NULL,
                created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS app_clients (
                id TEXT PRIMARY KEY, pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                name TEXT NOT NULL, secret TEXT, settings TEXT NOT NULL,
                created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS users (
                pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                sub TEXT NOT NULL, username TEXT NOT NULL, username_key TEXT NOT NULL,
                status TEXT NOT NULL, enabled INTEGER NOT NULL, attributes TEXT NOT NULL,
                salt TEXT, verifier TEXT, failed_sign_ins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,
                temporary_password_expires_at INTEGER,
                created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
                PRIMARY KEY (pool_id, sub), UNIQUE (pool_id, username_key));
            CREATE TABLE IF NOT EXISTS codes (
                pool_id TEXT NOT NULL, sub TEXT NOT NULL, purpose TEXT NOT NULL, code TEXT NOT NULL,
                expires_at INTEGER NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (pool_id, sub, purpose),
                FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE);
            CREATE TABLE IF NOT EXISTS challenges (
                session TEXT PRIMARY KEY, secret_block_hash TEXT UNIQUE, name TEXT NOT NULL,
                pool_id TEXT NOT NULL, client_id TEXT NOT NULL, sub TEXT, username TEXT NOT NULL,
                state TEXT NOT NULL, expires_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS auth_sessions (
                origin_jti TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL, sub TEXT NOT NULL,
                refresh_hash TEXT UNIQUE NOT NULL, auth_time INTEGER NOT NULL, event_id TEXT NOT NULL,
                refresh_expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS auth_sessions_user ON auth_sessions (pool_id, sub);
            CREATE TABLE IF NOT EXISTS resource_servers (
                pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                identifier TEXT NOT NULL, name TEXT NOT NULL, scopes TEXT NOT NULL,
                PRIMARY KEY (pool_id, identifier));
            CREATE TABLE IF NOT EXISTS signing_keys (
                pool_id TEXT NOT NULL, token_use TEXT NOT NULL, kid TEXT NOT NULL, private_key BLOB NOT NULL,
                PRIMARY KEY (pool_id, token_use));
            CREATE TABLE IF NOT EXISTS mailbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT, to_address TEXT NOT NULL, subject TEXT NOT NULL,
                body TEXT NOT NULL, code TEXT NOT NULL, sent_at INTEGER NOT NULL,
                pool_id TEXT NOT NULL, username TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS mailbox_to ON mailbox (to_address);
            CREATE TABLE IF NOT EXISTS user_groups (
                pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                name TEXT NOT NULL, description TEXT, role_arn TEXT, precedence INTEGER,
                created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
                PRIMARY KEY (pool_id, name));
            CREATE TABLE IF NOT EXISTS group_members (
                pool_id TEXT NOT NULL, group_name TEXT NOT NULL, sub TEXT NOT NULL,
                PRIMARY KEY (pool_id, group_name, sub),
                FOREIGN KEY (pool_id, group_name) REFERENCES user_groups(pool_id, name) ON DELETE CASCADE,
                FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE);
            CREATE INDEX IF NOT EXISTS group_members_user ON group_members (pool_id, sub);
            """)),
        new(2, "sessions keep the scopes they were granted and the flow that started them, so a refresh mints the same tokens", c =>
        {
            AddColumnIfMissing(c, "auth_sessions", "scope", "TEXT");
            AddColumnIfMissing(c, "auth_sessions", "auth_flow", "TEXT");
        }),
        new(3, "identity pools, their identities and the logins linked to each", c => c.Execute("""
            CREATE TABLE IF NOT EXISTS identity_pools (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, settings TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS identities (
                id TEXT PRIMARY KEY, pool_id TEXT NOT NULL REFERENCES identity_pools(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS identity_logins (
                pool_id TEXT NOT NULL, provider TEXT NOT NULL, subject TEXT NOT NULL,
                identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
                PRIMARY KEY (pool_id, provider, subject));
            CREATE INDEX IF NOT EXISTS identity_logins_identity ON identity_logins (identity_id);
            """)),
        new(4, "temporary credentials issued for identities, and the key their secrets are encrypted under", c => c.Execute("""
            CREATE TABLE IF NOT EXISTS issued_credentials (
                access_key_id TEXT PRIMARY KEY, identity_id TEXT NOT NULL, role_arn TEXT NOT NULL,
                secret BLOB NOT NULL, session_token_hash TEXT NOT NULL, expires_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS credential_encryption_key (
                id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL);
            """)),
    ];

    /// <summary>The version a database is at once <see cref="Migrate"/> has run.</summary>
    public static int Version => Migrations[^1].Version;

    /// <summary>
    /// Brings the database to <see cref="Version"/> in one transaction, which also holds off another process
    /// opening the same file until it is done.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer Local Cognito.</exception>
    public static void Migrate(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = connection.Query("PRAGMA user_version", r => r.GetInt32(0))[0];
        if (current > Version)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {current}, written by a newer Local Cognito; " +
                $"this one knows versions up to {Version}. Use that newer version, or another LocalCognito:DataPath.");
        }

        foreach (var migration in Migrations.Where(m => m.Version > current))
        {
            migration.Apply(connection);
        }

        // PRAGMA takes no parameters; the value is this class's own integer.
        connection.Execute($"PRAGMA user_version = {Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        transaction.Commit();
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        var existing = connection.Query($"SELECT name FROM pragma_table_info('{table}')", r => r.GetString(0));
        if (!existing.Contains(column, StringComparer.Ordinal))
        {
            connection.Execute($"ALTER TABLE {table} ADD COLUMN {column} {definition}");
        }
    }

    private sealed record Migration(int Version, string Description, Action<SqliteConnection> Apply);
}
