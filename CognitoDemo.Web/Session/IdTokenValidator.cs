using CognitoDemo.Cognito.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.Web.Session;

/// <summary>
/// Validates a Cognito ID token before any of its claims is trusted, as AWS's checklist says
/// (protocol doc 5.1): signature against the pool's JWKS, issuer, audience = app client id,
/// <c>token_use</c> = id, expiry. The discovery document and keys are fetched from the pool and cached
/// by <see cref="ConfigurationManager{T}"/>, which refetches when a token names an unknown <c>kid</c>.
/// </summary>
public sealed class IdTokenValidator
{
    private readonly CognitoOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public IdTokenValidator(IOptions<CognitoOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        _time = time;
        Issuer = CognitoEndpoints.Issuer(_options);
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(IdTokenValidator)))
        {
            RequireHttps = Issuer.StartsWith("https://", StringComparison.Ordinal),
        };
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
            Issuer + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>The issuer the pool's tokens must carry.</summary>
    public string Issuer { get; }

    /// <summary>The validated claims, or a failure that says why the token was refused.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string idToken, CancellationToken cancellationToken)
    {
        var result = await ValidateOnceAsync(idToken, cancellationToken).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The pool may have new keys: fetch the JWKS again once (rate-limited by the manager).
            _configuration.RequestRefresh();
            result = await ValidateOnceAsync(idToken, cancellationToken).ConfigureAwait(false);
        }

        if (result.IsValid && !string.Equals(result.ClaimsIdentity.FindFirst("token_use")?.Value, "id", StringComparison.Ordinal))
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException("The token is not an ID token (token_use must be 'id').") };
        }

        return result;
    }

    /// <summary>The <c>kid</c> of every key in the pool's JWKS (cached), or empty when the keys cannot be fetched.</summary>
    public async Task<IReadOnlyList<string>> SigningKeyIdsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await _configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            return configuration.SigningKeys.Select(k => k.KeyId).Where(k => k is not null).ToList();
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string idToken, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenException($"The pool's signing keys could not be fetched from {Issuer}: {e.Message}", e) };
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = _time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore.Value <= now + p.ClockSkew)
                       && expires is not null && expires.Value > now - p.ClockSkew;
            },
            NameClaimType = CognitoClaims.Username,
            RoleClaimType = "cognito:groups",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        return await _handler.ValidateTokenAsync(idToken, parameters).ConfigureAwait(false);
    }
}

/// <summary>Claim names in Cognito's tokens (protocol doc, section 5).</summary>
public static class CognitoClaims
{
    public const string Username = "cognito:username";
    public const string Subject = "sub";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string Location = "custom:location";
    public const string TokenUse = "token_use";
    public const string AuthTime = "auth_time";
}
