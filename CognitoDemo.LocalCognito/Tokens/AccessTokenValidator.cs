using System.Collections.Concurrent;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>The checked claims of a valid access token.</summary>
internal sealed record AccessTokenClaims(string PoolId, string Sub, string ClientId, string OriginJti, IReadOnlyList<string> Scopes);

/// <summary>
/// Verifies access tokens for token-authorized operations: signature, expiry, token use, scope, revocation,
/// each refusal in AWS's words.
/// </summary>
internal sealed class AccessTokenValidator(SigningKeys keys, AuthSessionStore sessions, PoolStore pools, TimeProvider time)
{
    /// <summary>The most verified tokens remembered; past it the memory starts over.</summary>
    public const int VerifiedCapacity = 1024;

    private readonly JsonWebTokenHandler _handler = new();

    // Tokens whose signature, pool and use were verified, by their exact text: the text includes the signature, so
    // no other text can match one. A client calls with one access token many times, and parsing the token and
    // verifying its RSA signature were most of the work of such a call (docs/benchmarks.md, GetUser). Expiry and
    // scope are checked at every use, and revocation (EnsureNotRevoked) and the pool and user are read from the
    // store at every use, so nothing a later change decides is remembered here.
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    /// <summary>
    /// Checks only the RS256 signature with one key; issuer, audience, lifetime and claims are then
    /// checked by the caller, each with the error message AWS gives for it.
    /// </summary>
    public static TokenValidationParameters SignatureOnly(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
    };

    /// <summary>Checks an access token's signature, use, expiry and scope; revocation is <see cref="EnsureNotRevoked"/>.</summary>
    /// <remarks>API operations need <see cref="CognitoIdp.AdminScope"/>; the Hosted UI's userInfo needs <c>openid</c>.</remarks>
    public async Task<AccessTokenClaims> ValidateAccessTokenAsync(string token, string requiredScope = CognitoIdp.AdminScope)
    {
        if (!_verified.TryGetValue(token, out var verified))
        {
            verified = await VerifyAsync(token).ConfigureAwait(false);
            if (_verified.Count >= VerifiedCapacity)
            {
                _verified.Clear();
            }

            _verified[token] = verified;
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() >= verified.Expires)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.AccessTokenExpired);
        }

        if (!verified.Claims.Scopes.Contains(requiredScope, StringComparer.Ordinal))
        {
            throw AwsServiceException.NotAuthorized("Access token does not have required scopes");
        }

        return verified.Claims;
    }

    /// <summary>Signature, pool, use and the claims every caller needs; expiry and scope are the caller's.</summary>
    private async Task<Verified> VerifyAsync(string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidAccessToken);
        }

        var issuer = jwt.TryGetPayloadValue<string>(Claims.Issuer, out var iss) ? iss : "";
        var poolId = issuer[(issuer.LastIndexOf('/') + 1)..];
        // Only pools that exist have keys: a forged issuer must not make the emulator mint new ones.
        if (!Patterns.UserPoolId().IsMatch(poolId) || !pools.Exists(poolId))
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidAccessToken);
        }

        var result = await _handler.ValidateTokenAsync(token, SignatureOnly(keys.Get(poolId, TokenUse.Access))).ConfigureAwait(false);

        if (!result.IsValid
            || !Claim(jwt, Claims.TokenUse, TokenUse.Access)
            || !jwt.TryGetPayloadValue<string>(Claims.Sub, out var sub)
            || !jwt.TryGetPayloadValue<string>(Claims.ClientId, out var clientId)
            || !jwt.TryGetPayloadValue<string>(Claims.OriginJti, out var originJti))
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidAccessToken);
        }

        if (!jwt.TryGetPayloadValue<long>(Claims.Expires, out var exp))
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.AccessTokenExpired);
        }

        var scopes = jwt.TryGetPayloadValue<string>(Claims.Scope, out var scope) ? scope.Split(' ') : [];
        return new Verified(new AccessTokenClaims(poolId, sub, clientId, originJti, scopes), exp);
    }

    /// <summary>GlobalSignOut, RevokeToken and DeleteUser revoke the session the token was minted in.</summary>
    public void EnsureNotRevoked(AccessTokenClaims claims)
    {
        if (sessions.Find(claims.OriginJti) is not { Revoked: false })
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.AccessTokenRevoked);
        }
    }

    private static bool Claim(JsonWebToken jwt, string name, string expected) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && value == expected;

    private sealed record Verified(AccessTokenClaims Claims, long Expires);
}
