using System.Text;
using System.Text.Encodings.Web;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI's HTML: the sign-in form and the error page. Plain, self-contained pages (no external
/// resources, an empty icon so browsers do not ask for /favicon.ico) that read well at 375px.
/// </summary>
internal static class HostedUiPages
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;background:#f4f4f4;color:#111}" +
        "main{max-width:22rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:.5rem;box-shadow:0 1px 3px #0003}" +
        "h1{font-size:1.4rem;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}" +
        "input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:.6rem;margin-top:.3rem;font-size:1rem}" +
        "button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:.3rem}" +
        ".error{background:#fde8e8;color:#8a1111;padding:.7rem;border-radius:.3rem}";

    /// <summary>The sign-in form; every authorize parameter travels along in a hidden input.</summary>
    public static IResult Login(IReadOnlyDictionary<string, string> parameters, string antiforgeryField, string antiforgeryToken,
        string? username = null, string? error = null)
    {
        var html = new StringBuilder();
        html.Append("<h1>Sign in</h1>");
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/login\">");
        Hidden(html, antiforgeryField, antiforgeryToken);
        foreach (var name in OAuth2Parameters.Authorize)
        {
            if (parameters.TryGetValue(name, out var value))
            {
                Hidden(html, name, value);
            }
        }

        html.Append("<label for=\"username\">Username</label>")
            .Append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" required value=\"")
            .Append(Encode(username ?? "")).Append("\">")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button type=\"submit\">Sign in</button></form>");
        return Page("Sign in", html.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>Cognito's "An error was encountered" page: shown instead of redirecting to an address not proven safe.</summary>
    public static IResult Error(string error, string description) =>
        Page("Error", $"<h1>An error was encountered with the requested page.</h1><p class=\"error\" role=\"alert\">{Encode(error)}</p><p>{Encode(description)}</p>",
            StatusCodes.Status400BadRequest);

    private static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<link rel=\"icon\" href=\"data:,\"><title>{Encode(title)} – Local Cognito</title><style>{Style}</style></head>" +
        $"<body><main>{body}</main></body></html>",
        ContentType, Encoding.UTF8, status);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
