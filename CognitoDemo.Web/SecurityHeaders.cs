namespace CognitoDemo.Web;

/// <summary>Headers that keep pages from being framed, sniffed or leaking URLs, on every response.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and styles only from this site (no inline code), forms only to this site and, when given,
    /// to the Hosted UI, and no framing by anyone.
    /// </summary>
    public static string ContentSecurityPolicy(string? extraFormAction = null) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        $"form-action 'self'{(string.IsNullOrEmpty(extraFormAction) ? "" : " " + extraFormAction)}; " +
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? extraFormAction = null)
    {
        var csp = ContentSecurityPolicy(extraFormAction);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
    }
}
