using Microsoft.AspNetCore.Http.Features;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// Reads a request body up to a limit, for every protocol Local Cognito speaks (AWS JSON and STS
/// Query): null when the body is larger, so each protocol answers in its own error shape.
/// </summary>
internal static class RequestBody
{
    public static async Task<byte[]?> ReadAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own limit tripped first.
            return null;
        }

        return buffer.ToArray();
    }
}
