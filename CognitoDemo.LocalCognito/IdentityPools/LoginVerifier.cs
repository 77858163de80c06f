using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// Checks the tokens of a <c>Logins</c> map as Cognito Identity does (protocol doc 7): the key must be one of
/// the pool's providers; the token must carry an audience (access tokens do not), be signed by that user
/// pool's ID-token key, come from that pool's local issuer, be meant for one of the provider's clients, be an
/// ID token and be unexpired. Each failure carries AWS's message.
/// </summary>
internal sealed class LoginVerifier(PoolStore userPools, SigningKeys keys, PublicUrl publicUrl, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<IReadOnlyList<VerifiedLogin>> VerifyAsync(IdentityPool pool, IReadOnlyDictionary<string, string> logins) =>
        [.. (await VerifyTokensAsync(pool, logins).ConfigureAwait(false)).Select(t => t.Login)];

    /// <summary>The same checks, keeping each token's claims for role selection.</summary>
    public async Task<IReadOnlyList<VerifiedToken>> VerifyTokensAsync(IdentityPool pool, IReadOnlyDictionary<string, string> logins)
    {
        var verified = new List<VerifiedToken>(logins.Count);
        foreach (var (providerName, token) in logins)
        {
            verified.Add(await VerifyAsync(pool, providerName, token).ConfigureAwait(false));
        }

        return verified;
    }

    private async Task<VerifiedToken> VerifyAsync(IdentityPool pool, string providerName, string token)
    {
        var clientIds = pool.Settings.CognitoIdentityProviders
            .Where(p => p.ProviderName == providerName).Select(p => p.ClientId).ToHashSet(StringComparer.Ordinal);
        var userPoolId = IdentityProviderNames.UserPoolId(providerName);
        if (clientIds.Count == 0 || userPoolId is null || userPools.Find(userPoolId) is null)
        {
            throw NotAuthorized(IdentityMessages.UnsupportedProvider);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            throw NotAuthorized(IdentityMessages.NotACognitoToken);
        }

        // Checked before the signature, as AWS does: an access token (signed with the other key) fails here.
        if (!jwt.TryGetPayloadValue<string>(Claims.Audience, out var audience))
        {
            throw NotAuthorized(IdentityMessages.MissingAudience);
        }

        var validation = await _handler.ValidateTokenAsync(token, AccessTokenValidator.SignatureOnly(keys.Get(userPoolId, TokenUse.Id))).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            throw NotAuthorized(IdentityMessages.SignatureNotVerified);
        }

        if (!jwt.TryGetPayloadValue<string>(Claims.Issuer, out var issuer) || issuer != publicUrl.Issuer(userPoolId))
        {
            throw NotAuthorized(IdentityMessages.IssuerMismatch);
        }

        if (!clientIds.Contains(audience))
        {
            throw NotAuthorized(IdentityMessages.IncorrectAudience);
        }

        if (!jwt.TryGetPayloadValue<string>(Claims.TokenUse, out var use) || use != TokenUse.Id
            || !jwt.TryGetPayloadValue<string>(Claims.Sub, out var sub))
        {
            throw NotAuthorized(IdentityMessages.NotACognitoToken);
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!jwt.TryGetPayloadValue<long>(Claims.Expires, out var expires) || now >= expires)
        {
            throw NotAuthorized(IdentityMessages.TokenExpired(now, expires));
        }

        return new VerifiedToken(new VerifiedLogin(providerName, sub), audience, jwt);
    }

    private static AwsServiceException NotAuthorized(string message) => new(IdentityErrors.NotAuthorized, message);
}
