using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// A stopped Local Cognito lets go of its SQLite file (the store is disposed with the host). Before, pooled connections stayed open on it for the
/// pool's 2–4 minute pruning period, so a host that deleted or reused its data folder (every test does)
/// left connections on files that no longer existed, and the only way to close them was
/// <c>SqliteConnection.ClearAllPools()</c>, which also closes every other live database's connections in the process.
/// </summary>
public sealed class ConnectionLifetimeTests
{
    [Fact]
    public void ADisposedStoreHoldsNoFileOpen()
    {
        var dataPath = LocalCognitoApp.NewDataPath();
        try
        {
            // The store itself, used on this thread only, so no request still finishing elsewhere can hold a connection.
            var database = new Database(Options.Create(new LocalCognitoOptions { DataPath = dataPath }));
            database.Write(c => c.Execute("INSERT INTO mailbox (to_address, subject, body, code, sent_at, pool_id, username) VALUES ('a', 's', 'b', '1', 0, 'p', 'u')"));
            Assert.Equal(1L, database.Read(c => c.Query("SELECT count(*) FROM mailbox", r => r.GetInt64(0)).Single()));
            Assert.NotEmpty(OpenFilesOf(dataPath));

            database.Dispose();

            var open = OpenFilesOf(dataPath);
            Assert.True(open.Count == 0, "still open: " + string.Join(", ", open));
            // The last connection's close checkpoints the write-ahead log into the database and removes it.
            Assert.False(File.Exists(dataPath + "-wal"), "the WAL was left behind: a connection was never closed");
        }
        finally
        {
            LocalCognitoApp.DeleteData(dataPath);
        }
    }

    /// <summary>This process's open descriptors on the database, its WAL or its shared-memory file (Linux <c>/proc</c>).</summary>
    private static List<string> OpenFilesOf(string dataPath)
    {
        var full = Path.GetFullPath(dataPath);
        var open = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(full, StringComparison.Ordinal))
                {
                    open.Add(target);
                }
            }
            catch (IOException)
            {
                // The descriptor closed while being read.
            }
        }

        return open;
    }
}
