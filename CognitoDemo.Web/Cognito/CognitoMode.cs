namespace CognitoDemo.Web.Cognito;

/// <summary>
/// Which Cognito the app talks to: Local Cognito (no user pool configured) or a real pool on AWS.
/// Shown in the banner of every page.
/// </summary>
public sealed record CognitoMode(bool IsLocal, string Region, string UserPoolId, Uri? LocalCognitoUrl)
{
    /// <summary>Local Cognito's mailbox page, where every code it "sends" can be read (local mode only).</summary>
    public string? MailboxUrl => LocalCognitoUrl is null ? null : new Uri(LocalCognitoUrl, "/mailbox").ToString();

    /// <summary>The mailbox, with a link back to the page of <paramref name="request"/> on it.</summary>
    public string? MailboxLink(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MailboxUrl is null ? null
            : $"{MailboxUrl}?return={Uri.EscapeDataString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}")}";
    }
}
