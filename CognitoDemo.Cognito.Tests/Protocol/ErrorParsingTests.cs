using System.Net;
using System.Net.Sockets;
using System.Text;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.Cognito.Tests.Support;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Cognito.Tests.Protocol;

/// <summary>
/// Every way an error can arrive (protocol doc 1.3 and the smithy aws-json rules): the code in the
/// <c>X-Amzn-ErrorType</c> header, in <c>code</c> or in <c>__type</c>, with namespace and URI parts;
/// messages as <c>message</c> or <c>Message</c>; and answers that are not AWS errors at all.
/// </summary>
public sealed class ErrorParsingTests
{
    private static Task<GetUserResponse> CallGetUser(HttpMessageHandler handler) =>
        Clients.UserPool(handler).GetUserAsync(new GetUserRequest { AccessToken = "token" });

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string? contentType = "application/x-amz-json-1.1",
        string? errorTypeHeader = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = contentType is null ? null : new(contentType);
        if (errorTypeHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", errorTypeHeader);
        }

        return response;
    }

    [Theory]
    [InlineData("FooError", "FooError")]
    [InlineData("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("aws.protocoltests.restjson#FooError", "FooError")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData(" FooError ", "FooError")]
    public void CodeIsSanitizedAsSmithyDescribes(string raw, string expected) =>
        Assert.Equal(expected, AwsJson.SanitizeErrorCode(raw));

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.cognito#UserNotFoundException","message":"User does not exist."}""")]
    [InlineData("""{"code":"UserNotFoundException","message":"User does not exist."}""")]
    [InlineData("""{"__type":"UserNotFoundException:http://internal.amazon.com/","Message":"User does not exist."}""")]
    public async Task CodeAndMessageAreReadFromTheBody(string body)
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(
            () => CallGetUser(new RecordingHandler(_ => Answer(HttpStatusCode.NotFound, body))));

        Assert.Equal(UserPoolErrors.UserNotFound, error.ErrorCode);
        Assert.Equal("User does not exist.", error.ErrorMessage);
        Assert.Equal(404, error.StatusCode);
        Assert.True(error.Is(UserPoolErrors.UserNotFound));
    }

    [Fact]
    public async Task HeaderCodeWinsOverTheBody()
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallGetUser(new RecordingHandler(_ =>
            Answer(HttpStatusCode.BadRequest, """{"__type":"Other","message":"m"}""", errorTypeHeader: "aws#TooManyRequestsException:http://x/"))));

        Assert.Equal(UserPoolErrors.TooManyRequests, error.ErrorCode);
        Assert.Equal("m", error.ErrorMessage);
    }

    [Fact]
    public async Task HeaderAloneWithAnEmptyBodyStillGivesTheCode()
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallGetUser(new RecordingHandler(_ =>
            Answer(HttpStatusCode.BadRequest, "", errorTypeHeader: "NotAuthorizedException"))));

        Assert.Equal(UserPoolErrors.NotAuthorized, error.ErrorCode);
        Assert.Equal("", error.ErrorMessage);
    }

    [Fact]
    public async Task EmptyErrorBodyIsAnUnknownErrorThatSaysWhatArrived()
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallGetUser(new RecordingHandler(_ =>
            Answer(HttpStatusCode.InternalServerError, ""))));

        Assert.Equal(AwsJson.UnknownErrorCode, error.ErrorCode);
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("empty body", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlFromAProxyIsAnUnknownErrorNamingTheContentType()
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallGetUser(new RecordingHandler(_ =>
            Answer(HttpStatusCode.BadGateway, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"))));

        Assert.Equal(AwsJson.UnknownErrorCode, error.ErrorCode);
        Assert.Equal(502, error.StatusCode);
        Assert.Contains("text/html", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("proxy", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"message":"no code here"}""")]
    [InlineData("""["__type","NotAuthorizedException"]""")]
    [InlineData("""{"__type":42}""")]
    [InlineData("{not json")]
    public async Task ErrorBodyWithoutAReadableCodeIsAnUnknownError(string body)
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallGetUser(new RecordingHandler(_ =>
            Answer(HttpStatusCode.BadRequest, body))));

        Assert.Equal(AwsJson.UnknownErrorCode, error.ErrorCode);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task AlternateRequestIdHeaderIsRead()
    {
        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallGetUser(new RecordingHandler(_ =>
        {
            var response = Answer(HttpStatusCode.BadRequest, """{"__type":"NotAuthorizedException"}""");
            response.Headers.Add("x-amz-request-id", "abc-123");
            return response;
        })));

        Assert.Equal("abc-123", error.RequestId);
    }

    [Fact]
    public async Task ConnectionRefusedIsANetworkFailureNotAnHttpRequestException()
    {
        // A real connection to a loopback port that nothing listens on.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Clients.UserPool(new SocketsHttpHandler(), Clients.Options(serviceUrl: new Uri($"http://127.0.0.1:{port}/")));

        var error = await Assert.ThrowsAsync<CognitoNetworkException>(
            () => client.GetUserAsync(new GetUserRequest { AccessToken = "t" }, TestContext.Current.CancellationToken));

        Assert.False(error.IsTimeout);
        Assert.Equal("GetUser", error.Operation);
        Assert.Equal(port, error.Endpoint.Port);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task NoAnswerInTimeIsATimeoutNetworkFailure()
    {
        // The handler never answers; HttpClient's own timeout ends the wait.
        var neverAnswers = new NeverAnswersHandler();
        var http = new HttpClient(neverAnswers) { Timeout = TimeSpan.FromMilliseconds(50) };
        var client = new UserPoolClient(http, Microsoft.Extensions.Options.Options.Create(Clients.Options()));

        var error = await Assert.ThrowsAsync<CognitoNetworkException>(
            () => client.GetUserAsync(new GetUserRequest { AccessToken = "t" }, TestContext.Current.CancellationToken));

        Assert.True(error.IsTimeout);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellationStaysACancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var client = Clients.UserPool(new NeverAnswersHandler());
        var call = client.GetUserAsync(new GetUserRequest { AccessToken = "t" }, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private sealed class NeverAnswersHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
