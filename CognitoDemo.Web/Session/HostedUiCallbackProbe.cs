using System.Net;
using CognitoDemo.Cognito.Configuration;

namespace CognitoDemo.Web.Session;

public enum CallbackVerdict
{
    Accepted,
    Refused,
    Unreachable,
}

/// <summary>
/// Asks the Hosted UI whether it accepts this app's callback before a user is sent there: Cognito's
/// <c>/oauth2/authorize</c> answers a registered <c>redirect_uri</c> with a redirect to its sign-in form, and an
/// unregistered one with a redirect to its own error page (<c>error=redirect_mismatch</c>), which has no way back
/// to the app. Used by the Hosted UI button (so a mismatch lands on a page of this app) and by /diagnostics.
/// </summary>
public static class HostedUiCallbackProbe
{
    /// <summary>The app's callback at <paramref name="appBaseUrl"/>.</summary>
    public static Uri Callback(Uri appBaseUrl) => new(appBaseUrl, HostedUi.CallbackPath);

    /// <summary>What to change when the callback is refused: the app client's settings, named as in the console and the template.</summary>
    public static string Advice(Uri appBaseUrl) =>
        $"add {Callback(appBaseUrl)} to the app client's allowed callback URLs and {appBaseUrl} to its allowed sign-out URLs " +
        "(Cognito console: the app client's login pages; infra/cognito-demo.yaml: the CallbackUrls and LogoutUrls parameters)";

    public static async Task<CallbackVerdict> ProbeAsync(CognitoOptions options, Uri appBaseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var authorize = new Uri($"{options.HostedUiDomain!.TrimEnd('/')}/oauth2/authorize?response_type=code&client_id=" +
                                $"{Uri.EscapeDataString(options.ClientId!)}&redirect_uri={Uri.EscapeDataString(Callback(appBaseUrl).ToString())}&scope=openid");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(authorize, cancellationToken).ConfigureAwait(false);
            var location = response.Headers.Location?.ToString() ?? "";
            return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && !location.Contains("error=", StringComparison.Ordinal)
                ? CallbackVerdict.Accepted
                : CallbackVerdict.Refused;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return CallbackVerdict.Unreachable;
        }
    }
}
