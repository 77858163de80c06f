using System.Diagnostics;
using System.Text.RegularExpressions;
using CognitoDemo.Web.Tests.Support;

namespace CognitoDemo.Web.Tests.Container;

/// <summary>
/// No Docker engine runs on this project's machines, so the image is never built here. This rehearses
/// what the Dockerfile does, read from the Dockerfile itself: the build stage's COPY lines make a build
/// context of only the files they name (less what .dockerignore leaves out), its RUN lines restore and
/// publish there, and the published app runs with the final stage's ENV (ports and /data moved to free
/// ones), writes one JSON log object per line, passes the HEALTHCHECK command and every /diagnostics
/// check (the Hosted UI's callback included). A project the web app starts to need, but the Dockerfile
/// does not copy, fails here. Not rehearsed: the base images, the final stage's apt-get, the USER.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task BuildStageFromItsOwnCopiesPublishesAnAppThatPassesTheHealthCheck()
    {
        var ct = TestContext.Current.CancellationToken;
        var stages = Dockerfile.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "Dockerfile"), ct));
        var build = stages.Single(s => s.Name == "build");
        var final = stages[^1];
        var work = Directory.CreateTempSubdirectory("cognitodemo-dockerfile-").FullName;
        try
        {
            await RehearseAsync(build, final, work, ct);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RehearseAsync(DockerStage build, DockerStage final, string work, CancellationToken ct)
    {
        var app = Path.Combine(work, "app");
        var data = Path.Combine(work, "data");
        string Local(string containerPath) => containerPath.Replace("/app", app, StringComparison.Ordinal).Replace("/data", data, StringComparison.Ordinal);

        var context = Path.Combine(work, "src");
        Directory.CreateDirectory(context);
        var ignored = DockerIgnore(await File.ReadAllLinesAsync(Path.Combine(Repository.Root, ".dockerignore"), ct));
        foreach (var (instruction, arguments) in build.Instructions)
        {
            switch (instruction)
            {
                case "COPY":
                    var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    foreach (var source in parts[..^1])
                    {
                        CopyIntoContext(Path.Combine(Repository.Root, source), Path.Combine(context, parts[^1]), ignored);
                    }

                    break;
                case "RUN":
                    var (exit, output) = await RunAsync("bash", ["-c", Local(arguments)], context, new Dictionary<string, string>(), ct);
                    Assert.True(exit == 0, $"RUN {arguments} failed ({exit}):\n{output}");
                    break;
            }
        }

        Assert.True(File.Exists(Path.Combine(app, "CognitoDemo.Web.dll")), "the build stage published no CognitoDemo.Web.dll to /app");

        // The final stage makes the volume's folder; Local Cognito refuses a DataPath whose folder does not exist.
        Assert.Contains(final.Instructions, i => i.Instruction == "RUN" && i.Arguments.Contains("mkdir -p /data", StringComparison.Ordinal));
        Directory.CreateDirectory(data);
        var environment = final.Instructions.Where(i => i.Instruction == "ENV").SelectMany(i => EnvPairs(i.Arguments))
            .ToDictionary(p => p.Key, p => Local(p.Value));
        var port = AwsMode.FreePort();
        var emulatorPort = AwsMode.FreePort();
        Assert.Equal("8080", environment["ASPNETCORE_HTTP_PORTS"]);
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var key in environment.Keys.ToList())
        {
            environment[key] = environment[key].Replace(":8080", $":{port}", StringComparison.Ordinal)
                .Replace(":9229", $":{emulatorPort}", StringComparison.Ordinal);
        }

        var entrypoint = final.Instructions.Single(i => i.Instruction == "ENTRYPOINT").Arguments;
        var command = JsonArray().Matches(entrypoint).Select(m => m.Groups[1].Value).ToArray();
        var healthCheck = final.Instructions.Single(i => i.Instruction == "HEALTHCHECK").Arguments;
        var probe = healthCheck[(healthCheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..].Replace(":8080/", $":{port}/", StringComparison.Ordinal);

        using var running = Start(command[0], command[1..], app, environment);
        await running.WaitForOutputAsync($"Now listening on: http://[::]:{port}", ct);
        var (healthExit, healthOutput) = await RunAsync("bash", ["-c", probe], app, new Dictionary<string, string>(), ct);

        Assert.True(healthExit == 0, $"HEALTHCHECK {probe} failed ({healthExit}): {healthOutput}");
        // Reached as the README says (the container's ports published on localhost), every check passes,
        // the Hosted UI's callback for this address included.
        using var http = new HttpClient();
        var diagnostics = await http.GetStringAsync(new Uri($"http://localhost:{port}/diagnostics"), ct);
        Assert.Contains("data-check=\"Hosted UI\" data-status=\"Ok\"", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("data-status=\"Problem\"", diagnostics, StringComparison.Ordinal);
        var logLines = running.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(logLines);
        Assert.All(logLines, line => Assert.True(
            System.Text.Json.JsonDocument.Parse(line).RootElement.TryGetProperty("Category", out _), $"not a structured log line: {line}"));
        Assert.True(File.Exists(Path.Combine(data, "local-cognito.db")), "Local Cognito's data is not in the /data volume");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml"));
    }

    /// <summary>Directory names and file suffixes .dockerignore leaves out anywhere (its <c>**/</c> patterns).</summary>
    private static (HashSet<string> Directories, List<string> Suffixes) DockerIgnore(IEnumerable<string> lines)
    {
        var directories = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.StartsWith("**/", StringComparison.Ordinal)))
        {
            if (line.EndsWith('/'))
            {
                directories.Add(line[3..^1]);
            }
            else if (line.StartsWith("**/*", StringComparison.Ordinal))
            {
                suffixes.Add(line[4..]);
            }
        }

        return (directories, suffixes);
    }

    private static void CopyIntoContext(string source, string destination, (HashSet<string> Directories, List<string> Suffixes) ignored)
    {
        if (File.Exists(source))
        {
            var target = destination.EndsWith('/') ? Path.Combine(destination, Path.GetFileName(source)) : destination;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }

        Assert.True(Directory.Exists(source), $"COPY names {source}, which is not in the repository");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var segments = relative.Split(Path.DirectorySeparatorChar);
            if (segments[..^1].Any(ignored.Directories.Contains) || ignored.Suffixes.Any(s => relative.EndsWith(s, StringComparison.Ordinal)))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> EnvPairs(string arguments) =>
        arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => KeyValuePair.Create(kv[0], kv[1]));

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, string directory,
        Dictionary<string, string> environment, CancellationToken ct)
    {
        using var process = Start(file, arguments, directory, environment);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StepTimeout);
        await process.Process.WaitForExitAsync(timeout.Token);
        return (process.Process.ExitCode, process.Output);
    }

    private static RunningProcess Start(string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild and runner variables would steer the nested dotnet commands.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                                                              || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                                                              || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new RunningProcess(Process.Start(start)!);
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex JsonArray();

    /// <summary>A child process whose output is collected as it comes, killed (with its children) when disposed.</summary>
    private sealed class RunningProcess : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();
        private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

        public RunningProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Received(e.Data);
            process.ErrorDataReceived += (_, e) => Received(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Completes when the process has written <paramref name="text"/>; fails if it exits first.</summary>
        public async Task WaitForOutputAsync(string text, CancellationToken ct)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_output)
            {
                if (_output.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                _waits.Add((text, seen));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StepTimeout);
            var exited = Process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(seen.Task, exited);
            Assert.True(first == seen.Task, $"the app stopped before writing \"{text}\":\n{Output}");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Received(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
                foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    wait.Seen.TrySetResult();
                    _waits.Remove(wait);
                }
            }
        }
    }
}
