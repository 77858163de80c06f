using System.Net;
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

    [Fact]
    public async Task DataPathThatIsADirectoryStopsTheStartWithASentenceAndANonZeroExit()
    {
        var directory = Directory.CreateTempSubdirectory("local-cognito-test-").FullName;
        try
        {
            var (exitCode, output, error) = await LocalCognitoProcess.RunToExitAsync(
                ["--LocalCognito:DataPath", directory], TestContext.Current.CancellationToken);

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"LocalCognito:DataPath must be a file path in an existing folder, but '{directory}' is a directory.",
                error, StringComparison.Ordinal);
            Assert.DoesNotContain("Sqlite", output + error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task EveryInvalidSettingIsListedWhenAHostStartsLocalCognitoInProcess()
    {
        var missingFolder = Path.Combine(Path.GetTempPath(), $"local-cognito-missing-{Guid.NewGuid():N}");
        var dataPath = Path.Combine(missingFolder, "local-cognito.db");
        await using var app = LocalCognitoHost.Create(
        [
            "--LocalCognito:Url", "http://127.0.0.1:0", "--LocalCognito:DataPath", dataPath,
            "--LocalCognito:PublicUrl", "localhost:9229", "--LocalCognito:Region", "Mars-1",
            "--LocalCognito:AccountId", "12345", "--LocalCognito:Credentials:AccessKeyId", "AKIDONLY",
        ]);

        var invalid = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
        [
            "LocalCognito:PublicUrl must be an absolute http or https URL such as 'http://localhost:9229', but was 'localhost:9229'.",
            "LocalCognito:Region must be an AWS region such as 'us-west-2', but was 'Mars-1'.",
            "LocalCognito:AccountId must be 12 digits such as '000000000000', but was '12345'.",
            $"LocalCognito:DataPath must be a file path in an existing folder, but the folder '{missingFolder}' of '{dataPath}' does not exist.",
            "LocalCognito:Credentials must have both AccessKeyId and SecretAccessKey, or neither.",
        ], invalid.Failures);
        Assert.False(Directory.Exists(missingFolder));
    }

    [Theory]
    [InlineData("localhost:9229")]
    [InlineData("ftp://localhost:9229")]
    [InlineData("http://localhost:9229;9230")]
    public async Task UrlThatKestrelCannotListenOnIsNamedAtStart(string url)
    {
        await using var app = LocalCognitoHost.Create(["--LocalCognito:DataPath", _dataPath, "--LocalCognito:Url", url]);

        var invalid = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal($"LocalCognito:Url must be an absolute http or https URL such as 'http://localhost:9229' (or several separated by ';'), but was '{url}'.",
            Assert.Single(invalid.Failures));
    }
}
