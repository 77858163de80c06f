using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
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

        routes.MapGet("/mailbox", (Mailbox mailbox) =>
        {
            var html = HtmlEncoder.Default;
            var page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Local Cognito mailbox</title>
                <style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;text-align:left}.code{font-family:monospace;font-size:1.2rem}</style>
                </head><body><h1>Local Cognito mailbox</h1>
                <p>Every message Local Cognito would have sent, newest first. JSON: <code>/mailbox/messages?to={email}</code>.</p>
                <table><thead><tr><th>Sent (UTC)</th><th>To</th><th>User</th><th>Subject</th><th>Code</th><th>Message</th></tr></thead><tbody>
                """);
            var messages = mailbox.List(null);
            foreach (var m in messages)
            {
                page.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{m.SentAt:yyyy-MM-dd HH:mm:ss}</td><td>{html.Encode(m.To)}</td><td>{html.Encode(m.Username)} ({html.Encode(m.UserPoolId)})</td><td>{html.Encode(m.Subject)}</td><td class=\"code\">{html.Encode(m.Code)}</td><td>{html.Encode(m.Body)}</td></tr>");
            }

            if (messages.Count == 0)
            {
                page.Append("<tr><td colspan=\"6\">No messages yet.</td></tr>");
            }

            page.Append("</tbody></table></body></html>");
            return Results.Content(page.ToString(), "text/html; charset=utf-8");
        }).WithMetadata(new DisableCorsAttribute());
    }
}
