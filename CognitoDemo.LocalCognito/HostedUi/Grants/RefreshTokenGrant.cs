using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi.Grants;

/// <summary>
/// <c>grant_type=refresh_token</c> (RFC 6749 6): a live refresh token of this client gives new ID and access tokens
/// with the scopes of the original grant, read from the database; the refresh token itself is kept (no rotation).
/// </summary>
internal sealed class RefreshTokenGrant(UserStore users, AuthSessionStore sessions, TokenService tokens, TimeProvider time) : IGrantHandler
{
    public string GrantType => OAuth2Parameters.RefreshTokenGrant;

    public JsonObject Handle(TokenRequest request)
    {
        var refreshToken = request.Form.Required(OAuth2Parameters.RefreshToken);
        var session = sessions.FindByRefreshHash(TokenService.Hash(refreshToken));
        if (session is null || session.ClientId != request.Client.Id || session.Revoked || time.GetUtcNow() >= session.RefreshExpiresAt
            || users.FindBySub(request.Pool.Id, session.Sub) is not { Enabled: true } user)
        {
            throw new OAuthException(OAuth2Errors.InvalidGrant);
        }

        return TokenEndpoint.Response(tokens.Refresh(request.Pool, request.Client, user, session));
    }
}
