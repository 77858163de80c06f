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
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        Schema.Migrate(connection);
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
