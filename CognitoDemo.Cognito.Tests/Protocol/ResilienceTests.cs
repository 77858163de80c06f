using System.Net;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.Tests.Support;
using CognitoDemo.Cognito.UserPools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Cognito.Tests.Protocol;

/// <summary>
/// The clients as the app registers them: typed HTTP clients with the standard resilience pipeline,
/// which repeats only what is safe to repeat (5xx, 429, throttling) and nothing else.
/// </summary>
public sealed class ResilienceTests
{
    private static ServiceProvider Services(RecordingHandler handler, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>
        {
            ["Region"] = Clients.Region,
            ["UserPoolId"] = Clients.UserPoolId,
            ["ClientId"] = Clients.ClientId,
            ["ClientSecret"] = Clients.ClientSecret,
            ["IdentityPoolId"] = Clients.IdentityPoolId,
        }).Build();
        var services = new ServiceCollection();
        services.AddCognitoClients(configuration, resilience =>
        {
            // No waiting between attempts in tests; the policy is what is under test, not the back-off.
            resilience.Retry.Delay = TimeSpan.Zero;
            resilience.Retry.UseJitter = false;
        });
        services.AddHttpClient<UserPoolClient>().ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddHttpClient<IdentityPoolClient>().ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    private static RecordingHandler FailingThenSucceeding(params HttpResponseMessage[] failures)
    {
        var queue = new Queue<HttpResponseMessage>(failures);
        return new RecordingHandler(_ => queue.Count > 0
            ? queue.Dequeue()
            : RecordingHandler.Json("""{"Username":"alice","UserAttributes":[]}"""));
    }

    private static Task<GetUserResponse> GetUser(ServiceProvider services) =>
        services.GetRequiredService<UserPoolClient>().GetUserAsync(new GetUserRequest { AccessToken = "t" }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task ServerErrorIsRetriedAndTheCallSucceeds()
    {
        var handler = FailingThenSucceeding(
            RecordingHandler.Json("""{"__type":"InternalErrorException","message":"boom"}""", HttpStatusCode.InternalServerError));
        await using var services = Services(handler);

        var user = await GetUser(services);

        Assert.Equal("alice", user.Username);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ThrottlingReportedAs400TooManyRequestsIsRetried()
    {
        var handler = FailingThenSucceeding(
            RecordingHandler.Json("""{"__type":"TooManyRequestsException","message":"Rate exceeded"}""", HttpStatusCode.BadRequest),
            RecordingHandler.Json("""{"__type":"ThrottlingException","message":"Rate exceeded"}""", HttpStatusCode.BadRequest));
        await using var services = Services(handler);

        await GetUser(services);

        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Status429IsRetried()
    {
        var handler = FailingThenSucceeding(RecordingHandler.Json("{}", HttpStatusCode.TooManyRequests));
        await using var services = Services(handler);

        await GetUser(services);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData("NotAuthorizedException")]
    [InlineData("UsernameExistsException")]
    [InlineData("CodeMismatchException")]
    [InlineData("LimitExceededException")]
    public async Task ClientErrorsAreNeverRepeated(string code)
    {
        var handler = FailingThenSucceeding(RecordingHandler.Json($$"""{"__type":"{{code}}","message":"m"}""", HttpStatusCode.BadRequest));
        await using var services = Services(handler);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => GetUser(services));

        Assert.Equal(code, error.ErrorCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PersistentServerErrorEndsAsTheServiceErrorAfterTheRetries()
    {
        var handler = new RecordingHandler(_ =>
            RecordingHandler.Json("""{"__type":"InternalErrorException","message":"down"}""", HttpStatusCode.InternalServerError));
        await using var services = Services(handler);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => GetUser(services));

        Assert.Equal(UserPoolErrors.InternalError, error.ErrorCode);
        Assert.Equal(4, handler.Requests.Count); // the first attempt and the standard three retries
    }

    [Fact]
    public async Task RegisteredSrpAuthenticatorUsesTheRegisteredClient()
    {
        var server = new FakeSrpServer(Clients.UserPoolId, "alice", "pw");
        await using var services = Services(server.Handler);

        var result = await services.GetRequiredService<SrpAuthenticator>().SignInAsync("alice", "pw", TestContext.Current.CancellationToken);

        Assert.True(result.IsSignedIn);
    }

    [Fact]
    public async Task InvalidConfigurationFailsWhenTheClientIsFirstResolvedWithEveryProblemListed()
    {
        await using var services = Services(RecordingHandler.Answering("{}"), new Dictionary<string, string?>
        {
            ["Region"] = "Oregon",
            ["UserPoolId"] = "eu-west-2_AbC123xyz",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CognitoOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Cognito:Region must be an AWS region", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Cognito:ClientId must be set", StringComparison.Ordinal));
    }
}
