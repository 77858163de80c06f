using System.Net.Http.Headers;
using System.Text.Json;

namespace CognitoDemo.Cognito.Protocol;

/// <summary>Reads an AWS JSON error answer into a <see cref="CognitoServiceException"/>; the one place that does.</summary>
internal static class AwsJsonErrors
{
    public static CognitoServiceException Read(string operation, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var (bodyCode, message) = ReadBody(body);
        var headerCode = HeaderValue(response.Headers, AwsJson.ErrorTypeHeader);
        var rawCode = !string.IsNullOrWhiteSpace(headerCode) ? headerCode : bodyCode;
        var code = rawCode is null ? string.Empty : AwsJson.SanitizeErrorCode(rawCode);
        if (code.Length == 0)
        {
            code = AwsJson.UnknownErrorCode;
            message ??= DescribeUnreadableBody(response, body);
        }

        var requestId = HeaderValue(response.Headers, AwsJson.RequestIdHeader)
                        ?? HeaderValue(response.Headers, AwsJson.AlternateRequestIdHeader);
        return new CognitoServiceException(code, message ?? string.Empty, status, requestId, operation);
    }

    /// <summary>The sanitized code of an error answer, or null when it names none.</summary>
    public static string? ReadCode(HttpResponseMessage response, string body)
    {
        var header = HeaderValue(response.Headers, AwsJson.ErrorTypeHeader);
        var raw = !string.IsNullOrWhiteSpace(header) ? header : ReadBody(body).Code;
        return raw is null ? null : AwsJson.SanitizeErrorCode(raw);
    }

    private static (string? Code, string? Message) ReadBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var root = document.RootElement;
            // Smithy's order: the header first, then "code", then "__type"; messages as "message" or "Message".
            var code = StringMember(root, AwsJson.CodeMember) ?? StringMember(root, AwsJson.TypeMember);
            var message = StringMember(root, "message") ?? StringMember(root, "Message");
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? HeaderValue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string DescribeUnreadableBody(HttpResponseMessage response, string body)
    {
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var what = body.Length == 0 ? "an empty body" : $"a {contentType} body of {body.Length} characters";
        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} with {what}, not an AWS error; " +
               "a proxy or load balancer may have answered instead of the service.";
    }
}
