using System.Net.Http.Headers;
using System.Text;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// Client authentication at the token and revocation endpoints: <c>client_secret_basic</c> or <c>client_secret_post</c>,
/// never both in one request (RFC 6749 2.3.1: "The client MUST NOT use more than one authentication method in each
/// request"). The secret is checked by the user pool's one constant-time check, <see cref="AppClient.SecretMatches"/>.
/// </summary>
internal static class ClientAuthentication
{
    public static AppClient Authenticate(HttpRequest request, OAuthForm form, PoolStore pools, int invalidClientStatus = StatusCodes.Status400BadRequest)
    {
        var basic = Basic(request, invalidClientStatus);
        var bodyId = form.Value(OAuth2Parameters.ClientId);
        var bodySecret = form.Value(OAuth2Parameters.ClientSecret);
        if (basic is not null && bodySecret is not null)
        {
            throw OAuthException.InvalidRequest("The client authenticated with both client_secret_basic and client_secret_post.");
        }

        if (basic is not null && bodyId is not null && bodyId != basic.Value.ClientId)
        {
            throw OAuthException.InvalidRequest("client_id differs from the client of the Authorization header.");
        }

        var (clientId, secret) = basic ?? (bodyId, bodySecret);
        var client = clientId is null ? null : pools.FindClient(clientId);
        if (client is null || (client.HasSecret && !client.SecretMatches(secret)))
        {
            throw new OAuthException(OAuth2Errors.InvalidClient, status: invalidClientStatus);
        }

        return client;
    }

    private static (string? ClientId, string? Secret)? Basic(HttpRequest request, int invalidClientStatus)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            // RFC 6749 2.3.1: client id and secret are form-encoded before they are joined.
            return colon < 0
                ? (Uri.UnescapeDataString(decoded), null)
                : (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
        }
        catch (FormatException)
        {
            throw new OAuthException(OAuth2Errors.InvalidClient, status: invalidClientStatus);
        }
    }
}
