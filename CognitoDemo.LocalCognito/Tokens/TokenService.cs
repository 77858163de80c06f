using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>
/// Mints ID and access tokens (RS256, per-pool keys) and opaque refresh tokens; <see cref="AccessTokenValidator"/>
/// checks them.
/// </summary>
internal sealed class TokenService(SigningKeys keys, AuthSessionStore sessions, PublicUrl publicUrl, GroupClaims groupClaims, TimeProvider time)
{
    /// <summary>
    /// A new sign-in: a new session with its refresh token, and the first ID and access tokens. The session keeps
    /// the flow and the granted scopes, so a refresh (even after a restart) mints the same kind of tokens. The flow is
    /// the API's AuthFlow (e.g. <c>USER_SRP_AUTH</c>), or the Hosted UI grant's when a grant is given.
    /// </summary>
    public JsonObject SignIn(UserPool pool, AppClient client, User user, string authFlow, OAuthGrant? grant = null)
    {
        var now = time.GetUtcNow();
        var refreshToken = NewRefreshToken();
        var session = new AuthSession(Guid.NewGuid().ToString(), pool.Id, client.Id, user.Sub, Hash(refreshToken),
            now, Guid.NewGuid().ToString(), now + client.RefreshTokenLifetime, Revoked: false,
            grant?.Scope ?? CognitoIdp.AdminScope, grant?.Flow ?? authFlow);
        sessions.Insert(session);
        var result = Mint(pool, client, user, session, now, grant);
        result["RefreshToken"] = refreshToken;
        return result;
    }

    /// <summary>New ID and access tokens for a session, with the scopes it was granted; the refresh token is kept (no rotation).</summary>
    public JsonObject Refresh(UserPool pool, AppClient client, User user, AuthSession session) =>
        Mint(pool, client, user, session, time.GetUtcNow(), OAuthGrant.Of(session));

    /// <summary>
    /// The <c>client_credentials</c> grant: an access token for the client itself, whose <c>sub</c> is the client id,
    /// with the custom scopes granted; no ID token, no refresh token (AWS token endpoint documentation).
    /// </summary>
    public JsonObject ClientCredentials(UserPool pool, AppClient client, string scope)
    {
        var iat = time.GetUtcNow().ToUnixTimeSeconds();
        var access = new Dictionary<string, object>
        {
            [Claims.Sub] = client.Id,
            [Claims.TokenUse] = TokenUse.Access,
            [Claims.Scope] = scope,
            [Claims.AuthTime] = iat,
            [Claims.Issuer] = publicUrl.Issuer(pool.Id),
            [Claims.Expires] = iat + (long)client.AccessTokenLifetime.TotalSeconds,
            [Claims.IssuedAt] = iat,
            [Claims.Version] = 2,
            [Claims.Jti] = Guid.NewGuid().ToString(),
            [Claims.ClientId] = client.Id,
        };
        return new JsonObject
        {
            ["AccessToken"] = Sign(pool.Id, TokenUse.Access, access),
            ["ExpiresIn"] = (int)client.AccessTokenLifetime.TotalSeconds,
            ["TokenType"] = "Bearer",
        };
    }

    public static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    private JsonObject Mint(UserPool pool, AppClient client, User user, AuthSession session, DateTimeOffset now,
        OAuthGrant? grant)
    {
        var issuer = publicUrl.Issuer(pool.Id);
        var iat = now.ToUnixTimeSeconds();
        var common = new Dictionary<string, object>
        {
            [Claims.Sub] = user.Sub,
            [Claims.Issuer] = issuer,
            [Claims.OriginJti] = session.OriginJti,
            [Claims.EventId] = session.EventId,
            [Claims.AuthTime] = session.AuthTime.ToUnixTimeSeconds(),
            [Claims.IssuedAt] = iat,
        };

        var id = new Dictionary<string, object>(common)
        {
            [Claims.Audience] = client.Id,
            [Claims.TokenUse] = TokenUse.Id,
            [Claims.CognitoUsername] = user.Username,
            [Claims.Expires] = iat + (long)client.IdTokenLifetime.TotalSeconds,
            [Claims.Jti] = Guid.NewGuid().ToString(),
        };
        // Only what the client may read (ReadAttributes, CreateUserPoolClient documentation).
        foreach (var (name, value) in user.Attributes.Where(a => client.CanRead(a.Key)))
        {
            // Booleans travel as JSON booleans; custom attributes always as strings (protocol doc 5.2).
            id[name] = name is UserAttributes.EmailVerified or UserAttributes.PhoneNumberVerified
                ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)
                : value;
        }

        var access = new Dictionary<string, object>(common)
        {
            [Claims.TokenUse] = TokenUse.Access,
            [Claims.Scope] = grant?.Scope ?? CognitoIdp.AdminScope,
            [Claims.ClientId] = client.Id,
            [Claims.Username] = user.Username,
            [Claims.Expires] = iat + (long)client.AccessTokenLifetime.TotalSeconds,
            [Claims.Jti] = Guid.NewGuid().ToString(),
        };

        groupClaims.AddTo(user, id, access);
        if (grant is null)
        {
            return new JsonObject
            {
                ["AccessToken"] = Sign(pool.Id, TokenUse.Access, access),
                ["ExpiresIn"] = (int)client.AccessTokenLifetime.TotalSeconds,
                ["TokenType"] = "Bearer",
                ["IdToken"] = Sign(pool.Id, TokenUse.Id, id),
            };
        }

        access[Claims.Version] = 2;
        var accessToken = Sign(pool.Id, TokenUse.Access, access);
        var result = new JsonObject
        {
            ["AccessToken"] = accessToken,
            ["ExpiresIn"] = (int)client.AccessTokenLifetime.TotalSeconds,
            ["TokenType"] = "Bearer",
        };
        if (grant.IncludesIdToken)
        {
            id[Claims.AccessTokenHash] = AccessTokenHash(accessToken);
            if (grant.Nonce is { } nonce)
            {
                id[Claims.Nonce] = nonce;
            }

            result["IdToken"] = Sign(pool.Id, TokenUse.Id, id);
        }

        return result;
    }

    /// <summary>OpenID Connect Core 3.1.3.6: base64url of the left half of SHA-256 of the access token's ASCII.</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);

    /// <summary>
    /// An RS256 JWS (RFC 7515) whose header is <c>{"kid","alg"}</c> alone, as Cognito's ID and access tokens are.
    /// Written here because <see cref="JsonWebTokenHandler"/> always adds <c>"typ":"JWT"</c> to the header.
    /// </summary>
    private string Sign(string poolId, string use, Dictionary<string, object> claims)
    {
        var key = keys.Get(poolId, use);
        var header = new JsonObject { ["kid"] = key.KeyId, ["alg"] = SecurityAlgorithms.RsaSha256 };
        var payload = new JsonObject();
        foreach (var (name, value) in claims)
        {
            payload[name] = value switch
            {
                string text => JsonValue.Create(text),
                long number => JsonValue.Create(number),
                int number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                string[] list => new JsonArray([.. list.Select(item => (JsonNode)JsonValue.Create(item))]),
                _ => throw new ArgumentException($"Claim {name} has an unsupported type.", nameof(claims)),
            };
        }

        var signingInput = $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>Opaque to clients, five base64url parts like Cognito's JWE (protocol doc 5.4).</summary>
    private static string NewRefreshToken() =>
        string.Join('.', Enumerable.Range(0, 5).Select(i => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(i == 0 ? 24 : 48))));
}
