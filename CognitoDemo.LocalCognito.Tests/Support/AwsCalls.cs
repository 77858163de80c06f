using System.Net.Http.Headers;
using CognitoDemo.LocalCognito.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>Calls to <c>POST /</c> by whole <c>X-Amz-Target</c>, with any bytes as the body.</summary>
public static class AwsCalls
{
    /// <summary>Every <c>X-Amz-Target</c> in Local Cognito's operation table, so a new operation is covered without a list to update.</summary>
    public static IReadOnlyList<string> GetOperationTargets(this IServiceProvider services) =>
        [.. services.GetRequiredService<AwsJsonEndpoint>().Targets.Order(StringComparer.Ordinal)];

    public static async Task<AwsResponse> SendRawAsync(this HttpClient client, string? target, byte[] body,
        string contentType = "application/x-amz-json-1.1", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        configure?.Invoke(request);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await AwsResponse.ReadAsync(response);
    }
}
