using System.Text;
using System.Text.Encodings.Web;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI's HTML: the sign-in form, the confirmation form and the error page. Plain, self-contained pages (no external
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
        ".error{background:#fde8e8;color:#8a1111;padding:.7rem;border-radius:.3rem}" +
        ".info{background:#e6f4ea;color:#14532d;padding:.7rem;border-radius:.3rem}" +
        "button.secondary{margin-top:.75rem;background:#fff;color:#0b5cad;border:1px solid #0b5cad}";

    /// <summary>The sign-in form; every authorize parameter travels along in a hidden input.</summary>
    public static IResult Login(IReadOnlyDictionary<string, string> parameters, string antiforgeryField, string antiforgeryToken,
        PageMessage message)
    {
        var html = new StringBuilder();
        html.Append("<h1>Sign in</h1>");
        Messages(html, message);
        if (message.ConfirmLink is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(message.ConfirmLink)).Append("\">Confirm your account with the code we sent</a></p>");
        }

        html.Append("<form method=\"post\" action=\"/login\">");
        AuthorizeInputs(html, parameters, antiforgeryField, antiforgeryToken);
        html.Append("<label for=\"username\">Username</label>")
            .Append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" required value=\"")
            .Append(Encode(message.Username ?? "")).Append("\">")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required")
            .Append(message.Error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"message\"").Append('>')
            .Append("<button type=\"submit\">Sign in</button></form>");
        return Page("Sign in", html.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>
    /// Cognito's <c>/confirm</c> page (AWS managed login endpoints: "Prompts your users to enter a code after the user pool
    /// sent a confirmation code"): the code, the username and the authorize parameters; "Send a new code" posts the same
    /// form to <c>/resendcode</c> (AWS: "Sends a new confirmation code", reached from the "Send a new code" link in /confirm).
    /// </summary>
    public static IResult Confirm(IReadOnlyDictionary<string, string> parameters, string antiforgeryField, string antiforgeryToken,
        PageMessage message, string loginLink)
    {
        var html = new StringBuilder();
        html.Append("<h1>Confirm your account</h1>");
        Messages(html, message);
        html.Append("<p>We sent a code by e-mail to confirm the account <strong>").Append(Encode(message.Username ?? ""))
            .Append("</strong>. Type it here.</p>")
            .Append("<form method=\"post\" action=\"/confirm\">");
        AuthorizeInputs(html, parameters, antiforgeryField, antiforgeryToken);
        Hidden(html, "username", message.Username ?? "");
        html.Append("<label for=\"code\">Verification code</label>")
            .Append("<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required")
            .Append(message.Error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"message\"").Append('>')
            .Append("<button type=\"submit\">Confirm account</button>")
            .Append("<button type=\"submit\" class=\"secondary\" formaction=\"/resendcode\" formnovalidate>Send a new code</button></form>");
        BackLink(html, loginLink);
        return Page("Confirm your account", html.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>Cognito's "An error was encountered" page: shown instead of redirecting to an address not proven safe.</summary>
    public static IResult Error(string error, string description, string? loginLink = null)
    {
        var html = new StringBuilder();
        html.Append("<h1>An error was encountered with the requested page.</h1><p class=\"error\" role=\"alert\">").Append(Encode(error))
            .Append("</p><p>").Append(Encode(description)).Append("</p>");
        if (loginLink is not null)
        {
            BackLink(html, loginLink);
        }

        return Page("Error", html.ToString(), StatusCodes.Status400BadRequest);
    }

    private static void Messages(StringBuilder html, PageMessage message)
    {
        if (message.Error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\" id=\"message\">").Append(Encode(message.Error)).Append("</p>");
        }

        if (message.Info is not null)
        {
            html.Append("<p class=\"info\" role=\"status\">").Append(Encode(message.Info)).Append("</p>");
        }
    }

    private static void AuthorizeInputs(StringBuilder html, IReadOnlyDictionary<string, string> parameters, string antiforgeryField,
        string antiforgeryToken)
    {
        Hidden(html, antiforgeryField, antiforgeryToken);
        foreach (var name in OAuth2Parameters.Authorize)
        {
            if (parameters.TryGetValue(name, out var value))
            {
                Hidden(html, name, value);
            }
        }
    }

    private static void BackLink(StringBuilder html, string loginLink) =>
        html.Append("<p><a href=\"").Append(Encode(loginLink)).Append("\">Back to sign in</a></p>");

    private static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<link rel=\"icon\" href=\"data:,\"><title>{Encode(title)} – Local Cognito</title><style>{Style}</style></head>" +
        $"<body><main>{body}</main></body></html>",
        ContentType, Encoding.UTF8, status);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}

/// <summary>What a form page says besides its fields: the username to keep, an error, information, the link to /confirm.</summary>
internal sealed record PageMessage(string? Username = null, string? Error = null, string? Info = null, string? ConfirmLink = null);
