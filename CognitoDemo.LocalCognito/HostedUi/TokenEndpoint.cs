using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>What every grant handler receives: the form and the client it authenticated as, with its pool.</summary>
internal sealed record TokenRequest(OAuthForm Form, UserPool Pool, AppClient Client);

/// <summary>One grant type of the token endpoint (RFC 6749 4.1.3, 4.4.2, 6).</summary>
internal interface IGrantHandler
{
    string GrantType { get; }

    /// <summary>The token response's members; refusals are <see cref="OAuthException"/>s.</summary>
    JsonObject Handle(TokenRequest request);
}

/// <summary>
/// <c>POST /oauth2/token</c>: reads the form, authenticates the client, and hands the request to the handler of its
/// <c>grant_type</c>; every refusal leaves as JSON through <see cref="OAuthErrorResponse"/> (AWS token endpoint documentation).
/// </summary>
internal sealed class TokenEndpoint(IEnumerable<IGrantHandler> handlers, PoolStore pools)
{
    private readonly Dictionary<string, IGrantHandler> _handlers = handlers.ToDictionary(h => h.GrantType, StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        try
        {
            var form = await OAuthForm.ReadAsync(http).ConfigureAwait(false);
            var client = ClientAuthentication.Authenticate(http.Request, form, pools);
            var pool = pools.Find(client.PoolId) ?? throw new OAuthException(OAuth2Errors.InvalidClient);
            var grantType = form.Required(OAuth2Parameters.GrantType);
            var handler = _handlers.GetValueOrDefault(grantType) ?? throw new OAuthException(OAuth2Errors.UnsupportedGrantType);
            var body = handler.Handle(new TokenRequest(form, pool, client));
            // RFC 6749 5.1: token responses are never cached.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return Results.Content(JsonOutput.Write(body), OAuthErrorResponse.JsonContentType, Encoding.UTF8);
        }
        catch (OAuthException e)
        {
            return OAuthErrorResponse.Json(e);
        }
    }

    /// <summary>The token endpoint's shape of minted tokens (RFC 6749 5.1); a refresh token only when one was minted.</summary>
    public static JsonObject Response(JsonObject minted)
    {
        var response = new JsonObject();
        if (minted["IdToken"] is { } id)
        {
            response[OAuth2Parameters.IdToken] = id.GetValue<string>();
        }

        response[OAuth2Parameters.AccessToken] = minted["AccessToken"]!.GetValue<string>();
        if (minted["RefreshToken"] is { } refresh)
        {
            response[OAuth2Parameters.RefreshToken] = refresh.GetValue<string>();
        }

        response[OAuth2Parameters.ExpiresIn] = minted["ExpiresIn"]!.GetValue<int>();
        response[OAuth2Parameters.TokenType] = OAuth2Parameters.Bearer;
        return response;
    }
}
