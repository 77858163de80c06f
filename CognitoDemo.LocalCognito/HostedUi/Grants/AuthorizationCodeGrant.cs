using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi.Grants;

/// <summary>
/// <c>grant_type=authorization_code</c> (RFC 6749 4.1.3): a code of this client, for this redirect URI, unexpired and
/// unused, with the PKCE verifier of its challenge (RFC 7636 4.6) and no verifier for a code issued without one.
/// </summary>
internal sealed class AuthorizationCodeGrant(UserStore users, HostedUiStore store, TokenService tokens) : IGrantHandler
{
    public string GrantType => OAuth2Parameters.AuthorizationCodeGrant;

    public JsonObject Handle(TokenRequest request)
    {
        var code = request.Form.Required(OAuth2Parameters.Code);
        var redirectUri = request.Form.Required(OAuth2Parameters.RedirectUri);
        var verifier = request.Form.Value(OAuth2Parameters.CodeVerifier);
        // Taken before any check: a code is spent by its first use, right or wrong (RFC 6749 4.1.2).
        var grant = store.TakeCode(code);
        if (grant is null || grant.ClientId != request.Client.Id || grant.RedirectUri != redirectUri
            || !VerifierMatches(grant.CodeChallenge, verifier))
        {
            throw new OAuthException(OAuth2Errors.InvalidGrant);
        }

        var user = users.FindBySub(request.Pool.Id, grant.Sub);
        if (user is not { Enabled: true })
        {
            throw new OAuthException(OAuth2Errors.InvalidGrant);
        }

        return TokenEndpoint.Response(tokens.SignIn(request.Pool, request.Client, user, OAuthGrant.AuthorizationCode, grant.Grant));
    }

    /// <summary>
    /// PKCE S256 (RFC 7636 4.6): base64url-no-pad(SHA-256(ASCII verifier)) equals the challenge. A verifier for a code
    /// issued without a challenge is a downgrade attempt and refused (RFC 9700 2.1.1).
    /// </summary>
    private static bool VerifierMatches(string? challenge, string? verifier)
    {
        if (challenge is null || verifier is null)
        {
            return challenge is null && verifier is null;
        }

        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
