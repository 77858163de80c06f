using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.AspNetCore.Cors;

namespace CognitoDemo.LocalCognito.Mailbox;

/// <summary>
/// <c>GET /mailbox</c> (HTML, newest first) and <c>GET /mailbox/messages?to=</c> (JSON). Every code is here, so
/// no other origin may read them, whatever <c>LocalCognito:AllowedOrigins</c> lists.
/// </summary>
internal static class MailboxEndpoints
{
    public static void MapMailbox(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/mailbox/messages", (string? to, Mailbox mailbox) =>
        {
            var messages = new JsonArray();
            foreach (var m in mailbox.List(string.IsNullOrWhiteSpace(to) ? null : to))
            {
                messages.Add(new JsonObject
                {
                    ["to"] = m.To,
                    ["subject"] = m.Subject,
                    ["body"] = m.Body,
                    ["code"] = m.Code,
                    ["sentAt"] = m.SentAt.ToString("O", CultureInfo.InvariantCulture),
                    ["userPoolId"] = m.UserPoolId,
                    ["username"] = m.Username,
                });
            }

            return Results.Content(JsonOutput.Write(messages), "application/json");
        }).WithMetadata(new DisableCorsAttribute());

        routes.MapGet("/mailbox", (string? to, string? @return, HttpRequest request, Mailbox mailbox, PoolStore pools) =>
        {
            var html = HtmlEncoder.Default;
            var filter = string.IsNullOrWhiteSpace(to) ? null : to.Trim();
            var page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="icon" href="data:,"><title>Local Cognito mailbox</title>
                <style>body{font-family:sans-serif;margin:1rem;max-width:75rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}.code{font-family:monospace;font-size:1.2rem;white-space:nowrap}form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0}label{display:flex;flex-direction:column;font-weight:600}input{font:inherit;padding:.3rem}button{font:inherit}.back{margin:0 0 1rem}
                @media (max-width:40rem){thead{position:absolute;left:-999px}tr{display:block;border-bottom:2px solid #ccc;margin-bottom:.5rem}td{display:block;border:none;padding:.15rem .25rem}td::before{content:attr(data-label) ": ";font-weight:600}}</style>
                </head><body>
                """);
            if (BackLink(@return, request, pools) is { } back)
            {
                page.Append(CultureInfo.InvariantCulture, $"<p class=\"back\"><a href=\"{html.Encode(back)}\">← Back to the app</a></p>");
            }

            var returnQuery = string.IsNullOrEmpty(@return) ? "" : "?return=" + Uri.EscapeDataString(@return);
            var returnField = string.IsNullOrEmpty(@return) ? "" : $"<input type=\"hidden\" name=\"return\" value=\"{html.Encode(@return)}\">";
            var showAll = filter is null ? "" : $" <a href=\"/mailbox{returnQuery}\">Show all</a>";
            var caption = filter is null ? "All messages" : "Messages to " + html.Encode(filter);
            page.Append("<h1>Local Cognito mailbox</h1>")
                .Append("<p>Every message Local Cognito would have sent, newest first. JSON: <code>/mailbox/messages?to={email}</code>.</p>")
                .Append("<form method=\"get\" action=\"/mailbox\" role=\"search\">")
                .Append(CultureInfo.InvariantCulture,
                    $"<label for=\"to\">Messages to<input id=\"to\" name=\"to\" type=\"email\" value=\"{html.Encode(filter ?? "")}\" autocomplete=\"email\"></label>")
                .Append(returnField)
                .Append("<button type=\"submit\">Show</button>").Append(showAll).Append("</form>")
                .Append(CultureInfo.InvariantCulture, $"<table><caption>{caption}</caption>")
                .Append("<thead><tr><th scope=\"col\">Sent (UTC)</th><th scope=\"col\">To</th><th scope=\"col\">User</th><th scope=\"col\">Subject</th>")
                .Append("<th scope=\"col\">Code</th><th scope=\"col\">Message</th></tr></thead><tbody>");
            var messages = mailbox.List(filter);
            foreach (var m in messages)
            {
                page.Append(CultureInfo.InvariantCulture,
                    $"<tr><td data-label=\"Sent (UTC)\">{m.SentAt:yyyy-MM-dd HH:mm:ss}</td><td data-label=\"To\">{html.Encode(m.To)}</td><td data-label=\"User\">{html.Encode(m.Username)} ({html.Encode(m.UserPoolId)})</td><td data-label=\"Subject\">{html.Encode(m.Subject)}</td><td data-label=\"Code\" class=\"code\">{html.Encode(m.Code)}</td><td data-label=\"Message\">{html.Encode(m.Body)}</td></tr>");
            }

            if (messages.Count == 0)
            {
                page.Append("<tr><td colspan=\"6\">No messages yet.</td></tr>");
            }

            page.Append("</tbody></table></body></html>");
            return Results.Content(page.ToString(), "text/html; charset=utf-8");
        }).WithMetadata(new DisableCorsAttribute());
    }

    /// <summary>
    /// Where "back to the app" goes: the <c>return</c> address an app passed, else the page the browser came from,
    /// else the first sign-out URL of any app client; only at an origin some app client registered (its callback
    /// or sign-out URLs), so the mailbox links nowhere else.
    /// </summary>
    private static string? BackLink(string? requested, HttpRequest request, PoolStore pools)
    {
        var registered = pools.List()
            .SelectMany(pool => pools.ListClients(pool.Id))
            .SelectMany(client => client.Settings.LogoutUrls.Concat(client.Settings.CallbackUrls))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList();
        var origins = registered.Select(u => u.GetLeftPart(UriPartial.Authority)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in (string?[])[requested, request.Headers.Referer.ToString()])
        {
            if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && origins.Contains(uri.GetLeftPart(UriPartial.Authority)))
            {
                return uri.ToString();
            }
        }

        return registered.FirstOrDefault(u => u.AbsolutePath == "/")?.ToString();
    }
}
