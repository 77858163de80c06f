using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using Microsoft.AspNetCore.WebUtilities;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI's one error type: an OAuth error code (<see cref="OAuth2Errors"/>), an optional description and the
/// HTTP status. Thrown anywhere in the Hosted UI; <see cref="OAuthErrorResponse"/> is the one place it becomes a response.
/// </summary>
internal sealed class OAuthException(string error, string? description = null, int status = StatusCodes.Status400BadRequest)
    : Exception(description ?? error)
{
    public string Error { get; } = error;

    public string? Description { get; } = description;

    public int Status { get; } = status;

    public static OAuthException InvalidRequest(string? description = null) => new(OAuth2Errors.InvalidRequest, description);
}

/// <summary>
/// How an <see cref="OAuthException"/> reaches the wire, one shape per kind of endpoint: JSON for the token and
/// revocation endpoints (RFC 6749 5.2, RFC 7009 2.2.1), a Bearer challenge for userInfo (RFC 6750 3), a redirect
/// carrying <c>error</c> and <c>state</c> for authorize once the redirect URI is proven (RFC 6749 4.1.2.1, in the
/// fragment for the implicit flow, 4.2.2.1), and Cognito's error page where no redirect is allowed.
/// </summary>
internal static class OAuthErrorResponse
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    public static IResult Json(OAuthException e) => new JsonErrorResult(e);

    public static IResult Bearer(OAuthException e) => new BearerErrorResult(e);

    public static IResult Redirect(OAuthException e, string redirectUri, string? state, bool inFragment) =>
        Results.Redirect(RedirectWith(redirectUri, inFragment, (OAuth2Parameters.Error, e.Error), (OAuth2Parameters.State, state)));

    public static IResult Page(OAuthException e) => HostedUiPages.Error(e.Error, e.Description ?? "");

    /// <summary>The redirect URI with these parameters in its query (code flow) or its fragment (implicit flow).</summary>
    public static string RedirectWith(string redirectUri, bool inFragment, params (string Name, string? Value)[] values)
    {
        var present = values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Name, v.Value));
        if (!inFragment)
        {
            return QueryHelpers.AddQueryString(redirectUri, present);
        }

        var fragment = string.Join('&', present.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return $"{redirectUri}#{fragment}";
    }

    private static JsonObject Body(OAuthException e)
    {
        var body = new JsonObject { [OAuth2Parameters.Error] = e.Error };
        if (e.Description is not null)
        {
            body[OAuth2Parameters.ErrorDescription] = e.Description;
        }

        return body;
    }

    /// <summary>A JSON error; a 401 names the authentication scheme the client should use (RFC 6749 5.2, RFC 9110 11.6.1).</summary>
    private sealed class JsonErrorResult(OAuthException e) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = e.Status;
            if (e.Status == StatusCodes.Status401Unauthorized)
            {
                httpContext.Response.Headers.WWWAuthenticate = "Basic";
            }

            httpContext.Response.ContentType = JsonContentType;
            return httpContext.Response.WriteAsync(JsonOutput.Write(Body(e)), httpContext.RequestAborted);
        }
    }

    /// <summary>userInfo's errors: the WWW-Authenticate challenge and a JSON body with the same error.</summary>
    private sealed class BearerErrorResult(OAuthException e) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = e.Status;
            httpContext.Response.Headers.WWWAuthenticate = e.Description is null
                ? $"{OAuth2Parameters.Bearer} error=\"{e.Error}\""
                : $"{OAuth2Parameters.Bearer} error=\"{e.Error}\", error_description=\"{e.Description}\"";
            httpContext.Response.ContentType = JsonContentType;
            return httpContext.Response.WriteAsync(JsonOutput.Write(Body(e)), httpContext.RequestAborted);
        }
    }
}
