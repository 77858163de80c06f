using System.Text;
using BenchmarkDotNet.Attributes;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Benchmarks;

/// <summary>
/// Whole SRP sign-ins (InitiateAuth + RespondToAuthChallenge) by the project's client against Local
/// Cognito over loopback HTTP, both on this machine: client SRP, server SRP, SQLite and HTTP together.
/// Sign-ins per second = 1 / mean (serial) or 2 / mean (two at once).
/// </summary>
public class SignInThroughputBenchmarks
{
    private WebApplication _localCognito = null!;
    private SrpAuthenticator _srp = null!;
    private string _dataDirectory = "";
    private readonly HttpClient _http = new();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("lc-bench-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}/";
        _localCognito = LocalCognitoHost.Create(["--LocalCognito:Url", url, "--LocalCognito:DataPath", Path.Combine(_dataDirectory, "lc.db")],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await _localCognito.StartAsync();

        var pool = new DefaultPoolOptions();
        var options = Options.Create(new CognitoOptions
        {
            Region = "us-west-2", UserPoolId = pool.UserPoolId, ClientId = pool.WebClientId,
            ClientSecret = pool.WebClientSecret, ServiceUrl = new Uri(url),
        });
        var client = new UserPoolClient(_http, options);
        await client.SignUpAsync(new SignUpRequest
        {
            Username = "bench", Password = "correct horse",
            UserAttributes = [new("email", "bench@example.com"), new("custom:location", "Lisbon")],
        });
        using var confirm = new StringContent($$"""{"UserPoolId":"{{pool.UserPoolId}}","Username":"bench"}""", Encoding.UTF8);
        confirm.Headers.ContentType = new(AwsJson.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = confirm };
        request.Headers.Add(AwsJson.TargetHeader, $"{UserPoolOperations.TargetPrefix}.AdminConfirmSignUp");
        // An administrator's call: SigV4-signed, as on AWS.
        await SigningHandler.SignAsync(request, DateTimeOffset.UtcNow, SigningHandler.TestAccessKeyId, SigningHandler.TestSecretKey, default);
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();
        // The real clock: the server checks TIMESTAMP against its own.
        _srp = new SrpAuthenticator(client, options, TimeProvider.System);
    }

    [Benchmark(Description = "SRP sign-in over loopback HTTP")]
    public async Task<bool> SignIn() => (await _srp.SignInAsync("bench", "correct horse")).IsSignedIn;

    [Benchmark(Description = "two SRP sign-ins at once", OperationsPerInvoke = 2)]
    public async Task<bool> TwoSignInsAtOnce()
    {
        var results = await Task.WhenAll(_srp.SignInAsync("bench", "correct horse"), _srp.SignInAsync("bench", "correct horse"));
        return results.All(r => r.IsSignedIn);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _localCognito.StopAsync();
        await _localCognito.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreePort() => CognitoDemo.LocalCognito.Tests.Support.TestPorts.Next();
}
