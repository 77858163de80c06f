using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// The Local Cognito executable in a process of its own on a free loopback port, as a developer runs it:
/// started from the build output on a free port (never 9229, which a developer may be using), talked to over
/// HTTP (management calls signed), killed with SIGKILL.
/// </summary>
public sealed class LocalCognitoProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly Task _drain;

    private LocalCognitoProcess(Process process, Uri baseUrl, string startupOutput)
    {
        _process = process;
        // The process keeps real time, so its management calls are signed with the machine's clock.
        _http = new HttpClient(new SigningHandler(() => DateTimeOffset.UtcNow) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = baseUrl };
        StartupOutput = startupOutput;
        // Keep reading so a full pipe never blocks the child's logging.
        _drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    public string StartupOutput { get; }

    public static async Task<LocalCognitoProcess> StartAsync(string dataPath, CancellationToken ct)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(StartInfo(
            ["--urls", url.ToString(), "--LocalCognito:DataPath", dataPath, "--Logging:Console:FormatterName", "simple"]))!;
        var output = new StringBuilder();
        // A start that never reports in fails the test instead of hanging it.
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startup.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(startup.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains("Now listening on", StringComparison.Ordinal))
                {
                    return new LocalCognitoProcess(process, url, output.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            output.AppendLine("(no 'Now listening on' within a minute)");
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException($"Local Cognito did not start: {output}");
    }

    /// <summary>
    /// Runs the executable with <paramref name="args"/> (and a free port) until it exits by itself, as a start that
    /// fails does; a process still running after a minute is killed and fails the test.
    /// </summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(
        IEnumerable<string> args, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(["--urls", $"http://127.0.0.1:{FreePort()}", .. args]))!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Local Cognito was still running after a minute: {await output}");
        }

        return (process.ExitCode, await output, await error);
    }

    public async Task<HttpResponseMessage> CallAsync(string operation, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        request.Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1");
        return await _http.SendAsync(request, ct);
    }

    public async Task<JsonArray> MessagesAsync(string to, CancellationToken ct) =>
        (JsonArray)JsonNode.Parse(await _http.GetStringAsync($"/mailbox/messages?to={to}", ct))!;

    /// <summary>SIGKILL: no shutdown hooks, no flushing.</summary>
    public void KillNine()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillNine();
        }

        _drain.Wait(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _http.Dispose();
    }

    /// <summary>The executable from the build output, its output captured, ASPNETCORE_URLS not inherited.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "CognitoDemo.LocalCognito.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        return start;
    }

    private static int FreePort() => CognitoDemo.LocalCognito.Tests.Support.TestPorts.Next();
}
