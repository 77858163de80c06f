using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// A stopped Local Cognito lets go of its SQLite file. Before, pooled connections stayed open on it for the
/// pool's 2–4 minute pruning period, so a host that deleted or reused its data folder (every test does)
/// left connections on files that no longer existed, and the only way to close them was
/// <c>SqliteConnection.ClearAllPools()</c>, which also closes every other live database's connections in the process.
/// </summary>
public sealed class ConnectionLifetimeTests
{
    [Fact]
    public async Task AStoppedInstanceHoldsNoFileOfItsDatabaseOpen()
    {
        var dataPath = LocalCognitoApp.NewDataPath();
        try
        {
            using (var app = new LocalCognitoApp(dataPath))
            {
                await app.SignUpConfirmedAsync("lena");
                Assert.NotEmpty(OpenFilesOf(dataPath));
            }

            Assert.Empty(OpenFilesOf(dataPath));
            // The last connection's close checkpoints the write-ahead log into the database and removes it.
            Assert.False(File.Exists(dataPath + "-wal"), "the WAL was left behind: a connection was never closed");
        }
        finally
        {
            foreach (var file in (string[])[dataPath, dataPath + "-wal", dataPath + "-shm"])
            {
                File.Delete(file);
            }
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
