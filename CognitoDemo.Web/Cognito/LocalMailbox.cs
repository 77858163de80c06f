using System.Text.Json;
using Microsoft.Extensions.Options;
using CognitoDemo.Cognito.Configuration;

namespace CognitoDemo.Web.Cognito;

/// <summary>A message in Local Cognito's mailbox, as its JSON lists it (<c>GET /mailbox/messages</c>).</summary>
public sealed record MailboxMessage(string To, string Subject, string? Code, DateTimeOffset SentAt, string UserPoolId, string Username);

/// <summary>
/// Reads the newest message Local Cognito "sent" to a user, for the Confirm and Reset pages, in local mode
/// only: in AWS mode there is no mailbox and this answers null. The mailbox stays the one source of codes;
/// this only shows, on the page where the code is typed, what the mailbox holds.
/// </summary>
public sealed partial class LocalMailbox(CognitoMode mode, IHttpClientFactory httpClients, IOptions<CognitoOptions> options, ILogger<LocalMailbox> logger)
{
    public const string ClientName = "CognitoDemo.LocalMailbox";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The newest message to <paramref name="username"/> of the configured pool, or null (none, AWS mode, mailbox unreachable).</summary>
    public async Task<MailboxMessage?> NewestForAsync(string? username, CancellationToken cancellationToken)
    {
        if (!mode.IsLocal || mode.LocalCognitoUrl is null || string.IsNullOrWhiteSpace(username))
        {
            return null;
        }

        try
        {
            // Every message, filtered here: the page knows the user name, the mailbox filters by address.
            var messages = await httpClients.CreateClient(ClientName)
                .GetFromJsonAsync<MailboxMessage[]>(new Uri(mode.LocalCognitoUrl, "/mailbox/messages"), Json, cancellationToken);
            return messages?
                .Where(m => string.Equals(m.Username, username.Trim(), StringComparison.OrdinalIgnoreCase)
                            && string.Equals(m.UserPoolId, options.Value.UserPoolId, StringComparison.Ordinal))
                .MaxBy(m => m.SentAt);
        }
        catch (HttpRequestException e)
        {
            MailboxUnreadable(logger, e.Message);
            return null;
        }
        catch (JsonException e)
        {
            MailboxUnreadable(logger, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local Cognito's mailbox could not be read: {Reason}")]
    private static partial void MailboxUnreadable(ILogger logger, string reason);
}
