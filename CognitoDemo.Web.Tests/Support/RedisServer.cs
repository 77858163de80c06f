using System.Diagnostics;

namespace CognitoDemo.Web.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> (Debian's package; <c>scripts/test.sh</c> installs it) on a free loopback
/// port, in a folder of its own, persisting nothing; killed when disposed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private RedisServer(Process process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What <c>Redis:Configuration</c> is set to, to use this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
                             .Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists)
                         ?? throw new InvalidOperationException(
                             "redis-server is not installed, and the multi-instance tests need a real Redis. scripts/test.sh installs " +
                             "it (apt-get install redis-server); on another system install Redis and put redis-server on the PATH.");
        var port = AwsMode.FreePort();
        var directory = Directory.CreateTempSubdirectory("cognitodemo-redis-");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", $"{port}", "--bind", "127.0.0.1", "--dir", directory.FullName,
                     "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"redis-server exited before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, directory, port);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the server, as if it went down, before the test ends.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
