using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi.Grants;

/// <summary>
/// <c>grant_type=client_credentials</c> (RFC 6749 4.4; AWS token endpoint documentation): a confidential client
/// allowed the flow gets an access token for itself with custom scopes <c>{identifier}/{scope}</c> of the pool's
/// resource servers; no <c>scope</c> asks for all the client's custom scopes. No ID token, no refresh token.
/// </summary>
internal sealed class ClientCredentialsGrant(ResourceServerStore resourceServers, TokenService tokens) : IGrantHandler
{
    private const string Flow = OAuth2Parameters.ClientCredentialsGrant;

    public string GrantType => Flow;

    public JsonObject Handle(TokenRequest request)
    {
        var client = request.Client;
        if (!client.HasSecret || !client.Settings.AllowedOAuthFlowsUserPoolClient
            || !client.Settings.AllowedOAuthFlows.Contains(Flow, StringComparer.Ordinal))
        {
            throw new OAuthException(OAuth2Errors.UnauthorizedClient);
        }

        var defined = resourceServers.CustomScopes(request.Pool.Id);
        var allowed = client.Settings.AllowedOAuthScopes.Where(defined.Contains).ToList();
        var requested = request.Form.Value(OAuth2Parameters.Scope) is { } scope
            ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList()
            : allowed;
        if (requested.Count == 0 || requested.Any(s => !allowed.Contains(s, StringComparer.Ordinal)))
        {
            throw new OAuthException(OAuth2Errors.InvalidScope);
        }

        return TokenEndpoint.Response(tokens.ClientCredentials(request.Pool, client, string.Join(' ', requested)));
    }
}
