using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly;
using Polly.Timeout;

namespace CognitoDemo.Cognito.Protocol;

/// <summary>
/// Sends one AWS JSON 1.1 operation: <c>POST /</c> with <c>X-Amz-Target</c>, a JSON body, and the
/// answer read as the operation's output or as an error (protocol doc, sections 1.2–1.3).
/// </summary>
internal sealed class AwsJsonTransport(HttpClient http, Uri endpoint, string targetPrefix)
{
    public Uri Endpoint { get; } = endpoint;

    public async Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = await SendRawAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);
        try
        {
            // Operations whose output members are all optional may answer with an empty body.
            var result = JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(body) ? "{}" : body, responseType);
            return result ?? throw new CognitoResponseFormatException(operation, "the body was JSON null.");
        }
        catch (JsonException e)
        {
            throw new CognitoResponseFormatException(operation, e.Message, e);
        }
    }

    /// <summary>For operations without output members: <c>{}</c> or an empty body both mean success.</summary>
    public Task SendAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType,
        CancellationToken cancellationToken) =>
        SendRawAsync(operation, request, requestType, cancellationToken);

    private async Task<string> SendRawAsync<TRequest>(string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        message.Headers.TryAddWithoutValidation(AwsJson.TargetHeader, targetPrefix + "." + operation);
        var json = JsonSerializer.Serialize(request, requestType);
        message.Content = new StringContent(json, Encoding.UTF8);
        // Exactly the AWS content type, without a charset parameter.
        message.Content.Headers.ContentType = new(AwsJson.ContentType);

        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw AwsJsonErrors.Read(operation, response, body);
            }

            return body;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
            throw new CognitoNetworkException(operation, Endpoint, isTimeout: true, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new CognitoNetworkException(operation, Endpoint, isTimeout: true, e);
        }
        catch (ExecutionRejectedException e)
        {
            // The circuit breaker is open after repeated failures: the service is treated as unreachable.
            throw new CognitoNetworkException(operation, Endpoint, isTimeout: false, e);
        }
        catch (HttpRequestException e)
        {
            throw new CognitoNetworkException(operation, Endpoint, isTimeout: false, e);
        }
    }
}
