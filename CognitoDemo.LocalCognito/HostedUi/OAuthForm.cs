using System.Net.Http.Headers;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// A form posted to the Hosted UI, read so that a client's mistake is always <c>invalid_request</c>, never a 500:
/// another content type than <c>application/x-www-form-urlencoded</c> (AWS's token and revocation endpoint
/// documentation: "Must always be 'application/x-www-form-urlencoded'"), more fields or longer keys than the form
/// reader's limits, a body that ends early, and a parameter given twice (RFC 6749 3.1, 3.2).
/// </summary>
internal sealed class OAuthForm(IFormCollection fields)
{
    private const string UrlEncoded = "application/x-www-form-urlencoded";

    public static async Task<OAuthForm> ReadAsync(HttpContext http)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !string.Equals(type.MediaType, UrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            throw OAuthException.InvalidRequest($"The body must be {UrlEncoded}.");
        }

        try
        {
            return new OAuthForm(await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false));
        }
        catch (InvalidDataException e)
        {
            // FormOptions' limits: more than 1,024 fields, a key longer than 2,048 characters, a value too long.
            throw OAuthException.InvalidRequest(e.Message);
        }
        catch (BadHttpRequestException)
        {
            throw OAuthException.InvalidRequest("The body could not be read.");
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            throw OAuthException.InvalidRequest("The body ended before the form did.");
        }
    }

    public IFormCollection Fields => fields;

    /// <summary>A parameter's value; null when absent or empty; <c>invalid_request</c> when it is given more than once.</summary>
    public string? Value(string name)
    {
        if (!fields.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw OAuthException.InvalidRequest($"{name} is given more than once.");
        }

        return string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    public string Required(string name) => Value(name) ?? throw OAuthException.InvalidRequest($"{name} is missing.");
}
