using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// <c>POST /oauth2/revoke</c> (RFC 7009; AWS's token revocation endpoint documentation): a refresh token of this
/// client is revoked with every token minted from it. A client with token revocation off gets <c>invalid_request</c>;
/// an access or ID token (a JWT) gets <c>unsupported_token_type</c>, as only refresh tokens can be revoked; an unknown
/// or foreign refresh token is answered like a revoked one (RFC 7009 2.2), so the answer tells nothing.
/// </summary>
internal static class RevokeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, PoolStore pools, AuthSessionStore sessions)
    {
        try
        {
            var form = await OAuthForm.ReadAsync(http).ConfigureAwait(false);
            var client = ClientAuthentication.Authenticate(http.Request, form, pools, StatusCodes.Status401Unauthorized);
            var token = form.Required(OAuth2Parameters.Token);
            if (!client.Settings.EnableTokenRevocation)
            {
                throw OAuthException.InvalidRequest("Token revocation is not enabled for this client.");
            }

            if (token.Count(c => c == '.') == 2)
            {
                throw new OAuthException(OAuth2Errors.UnsupportedTokenType);
            }

            if (sessions.FindByRefreshHash(TokenService.Hash(token)) is { } session && session.ClientId == client.Id)
            {
                sessions.Revoke(session.OriginJti);
            }

            return Results.Ok();
        }
        catch (OAuthException e)
        {
            return OAuthErrorResponse.Json(e);
        }
    }
}
