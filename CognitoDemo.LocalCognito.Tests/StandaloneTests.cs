using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>The executable itself: configured from the command line, killed with SIGKILL, restarted.</summary>
public sealed class StandaloneTests : IDisposable
{
    private readonly string _dataPath = LocalCognitoApp.NewDataPath();

    public void Dispose() => LocalCognitoApp.DeleteData(_dataPath);

    [Fact]
    public async Task KillNineLosesNothingThatWasAcknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        string code;
        using (var first = await LocalCognitoProcess.StartAsync(_dataPath, ct))
        {
            var signUp = await first.CallAsync("SignUp", """
                {"ClientId":"cognitodemopublicclient001","Username":"kim","Password":"correct horse",
                 "UserAttributes":[{"Name":"email","Value":"kim@example.com"}]}
                """, ct);
            Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
            code = (await first.MessagesAsync("kim@example.com", ct))[0]!["code"]!.GetValue<string>();
            first.KillNine();
        }

        using var second = await LocalCognitoProcess.StartAsync(_dataPath, ct);
        var confirm = await second.CallAsync("ConfirmSignUp",
            $$"""{"ClientId":"cognitodemopublicclient001","Username":"kim","ConfirmationCode":"{{code}}"}""", ct);
        var signIn = await second.CallAsync("InitiateAuth", """
            {"ClientId":"cognitodemopublicclient001","AuthFlow":"USER_PASSWORD_AUTH",
             "AuthParameters":{"USERNAME":"kim","PASSWORD":"correct horse"}}
            """, ct);

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("AccessToken", await signIn.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupPrintsTheDefaultPoolsIdsAndLocalSecret()
    {
        using var process = await LocalCognitoProcess.StartAsync(_dataPath, TestContext.Current.CancellationToken);

        Assert.Contains(LocalCognitoApp.PoolId, process.StartupOutput, StringComparison.Ordinal);
        Assert.Contains(LocalCognitoApp.WebClientId, process.StartupOutput, StringComparison.Ordinal);
        Assert.Contains(LocalCognitoApp.WebClientSecret, process.StartupOutput, StringComparison.Ordinal);
        Assert.Contains(LocalCognitoApp.PublicClientId, process.StartupOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostAppCanStartLocalCognitoInProcessOnItsOwnPort()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new LogRecorder();
        // The host's own --urls and ports (ASPNETCORE_HTTP_PORTS in the container) must not leak into
        // Local Cognito, nor be warned about: LocalCognito:Url wins.
        await using var app = LocalCognitoHost.Create(
            ["--urls", "http://127.0.0.1:1", "--http_ports", "8080", "--LocalCognito:Url", "http://127.0.0.1:0", "--LocalCognito:DataPath", _dataPath],
            builder => builder.Logging.AddProvider(logs));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var jwks = JsonNode.Parse(await http.GetStringAsync("/us-west-2_LocalPool/.well-known/jwks.json", ct))!;

        Assert.DoesNotContain(":1/", address + "/", StringComparison.Ordinal);
        Assert.DoesNotContain(":8080", address, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("Overriding", StringComparison.Ordinal));
        Assert.Equal(2, jwks["keys"]!.AsArray().Count);
        await app.StopAsync(ct);
    }

    /// <summary>The built executable on a free loopback port (never 9229, which a developer may be using).</summary>
    private sealed class LocalCognitoProcess : IDisposable
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
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])
                     [
                         "exec", Path.Combine(AppContext.BaseDirectory, "CognitoDemo.LocalCognito.dll"),
                         "--urls", url.ToString(), "--LocalCognito:DataPath", dataPath, "--Logging:Console:FormatterName", "simple",
                     ])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("ASPNETCORE_URLS");
            var process = Process.Start(start)!;
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

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
