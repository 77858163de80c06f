using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>
/// The SQLite store. Each unit of work is one transaction; writers are serialized in-process (SQLite
/// allows one writer anyway, and this avoids busy retries) while readers run concurrently under WAL.
/// <c>synchronous=NORMAL</c>, the setting SQLite recommends for WAL ("WAL mode is always consistent with
/// synchronous=NORMAL", sqlite.org/pragma.html#pragma_synchronous): an acknowledged write survives a crash of
/// the process, and the database is never corrupted; only an OS crash or power loss can roll back the last
/// commits, which an emulator may lose. FULL syncs the WAL at every commit under the write lock: about 5 ms
/// on this project's machines, three to four times per sign-in, which alone capped sign-ins near 60 a second
/// (docs/benchmarks.md).
/// Disposed with the host, it closes its pooled connections, so a stopped instance holds no file open (the last
/// close checkpoints and removes the WAL).
/// </summary>
internal sealed class Database : IDisposable
{
    private readonly string _connectionString;
    private readonly Lock _writeLock = new();
    // The native connections whose PRAGMAs are set: the pool hands the same ones out again and they keep them.
    private readonly ConditionalWeakTable<object, object?> _configured = new();

    public Database(IOptions<LocalCognitoOptions> options)
    {
        var path = Path.GetFullPath(options.Value.DataPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        connection.Execute(Schema.Script);
        Schema.Upgrade(connection);
    }

    public T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        return work(connection);
    }

    public T Write<T>(Func<SqliteConnection, T> work)
    {
        lock (_writeLock)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var result = work(connection);
            transaction.Commit();
            return result;
        }
    }

    public void Write(Action<SqliteConnection> work) => Write(connection =>
    {
        work(connection);
        return true;
    });

    /// <summary>
    /// Closes this database's pooled connections, and only this database's: the pool would otherwise keep them
    /// open on the file for minutes after the host stopped.
    /// </summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per native connection, not per open: the pool reuses connections, and they keep their PRAGMAs.
        var handle = connection.Handle!;
        if (!_configured.TryGetValue(handle, out _))
        {
            connection.Execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            _configured.AddOrUpdate(handle, null);
        }

        return connection;
    }
}

/// <summary>Created on start if absent. Times are Unix milliseconds; complex settings are JSON.</summary>
internal static class Schema
{
    public const string Script = """
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
            refresh_expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
            scope TEXT, auth_flow TEXT);
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
        """;

    /// <summary>Columns added since a table was first created: a database file written by an older version gains them.</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("auth_sessions", "scope", "TEXT"),
        ("auth_sessions", "auth_flow", "TEXT"),
    ];

    public static void Upgrade(SqliteConnection connection)
    {
        foreach (var (table, column, definition) in AddedColumns)
        {
            var existing = connection.Query($"SELECT name FROM pragma_table_info('{table}')", r => r.GetString(0));
            if (!existing.Contains(column, StringComparer.Ordinal))
            {
                connection.Execute($"ALTER TABLE {table} ADD COLUMN {column} {definition}");
            }
        }
    }
}
