using CognitoDemo.LocalCognito.Storage;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Mailbox;

/// <summary>A message Local Cognito "sent".</summary>
internal sealed record MailMessage(string To, string Subject, string Body, string Code, DateTimeOffset SentAt,
    string UserPoolId, string Username);

/// <summary>
/// Where codes go instead of e-mail: stored, shown at <c>/mailbox</c>, and logged. The log line in
/// <see cref="Send"/> is the only one in Local Cognito that may carry a code.
/// </summary>
internal sealed partial class Mailbox(Database database, TimeProvider time, ILogger<Mailbox> logger)
{
    public void Send(string to, string subject, string body, string code, string poolId, string username)
    {
        var message = new MailMessage(to, subject, body, code, time.GetUtcNow(), poolId, username);
        database.Write(c => c.Execute(
            """
            INSERT INTO mailbox (to_address, subject, body, code, sent_at, pool_id, username)
            VALUES ($to, $subject, $body, $code, $sent, $pool, $username)
            """,
            ("$to", message.To), ("$subject", message.Subject), ("$body", message.Body), ("$code", message.Code),
            ("$sent", message.SentAt.ToUnixTimeMilliseconds()), ("$pool", message.UserPoolId), ("$username", message.Username)));
        LogSent(logger, message.To, message.Subject, message.Code);
    }

    /// <summary>Messages newest first, optionally only those to one address (case-insensitive).</summary>
    public IReadOnlyList<MailMessage> List(string? to, int limit = 500) => database.Read(c => to is null
        ? c.Query($"{Select} ORDER BY id DESC LIMIT $limit", Read, ("$limit", limit))
        : c.Query($"{Select} WHERE to_address = $to COLLATE NOCASE ORDER BY id DESC LIMIT $limit", Read,
            ("$to", to), ("$limit", limit)));

    private const string Select = "SELECT to_address, subject, body, code, sent_at, pool_id, username FROM mailbox";

    private static MailMessage Read(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2),
        r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5), r.GetString(6));

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox: to {To}, \"{Subject}\", code {Code}")]
    private static partial void LogSent(ILogger logger, string to, string subject, string code);
}
