using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Web.Calls;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.Web.Credentials;

/// <summary>
/// Turns a signed-in user's ID token into temporary AWS credentials (GetId, then
/// GetCredentialsForIdentity), caches them per user until shortly before they expire, and proves them
/// with <c>sts:GetCallerIdentity</c> through the official AWS SDK for .NET. The cache
/// (<see cref="CredentialsCache"/>) is shared by every instance when Redis is configured.
/// </summary>
public sealed class CredentialsService(
    IdentityPoolClient identityPool,
    IOptions<CognitoOptions> options,
    CredentialsCache cache,
    TimeProvider time,
    RecordingAwsHttpClientFactory stsHttp)
{
    /// <summary>Credentials are replaced this long before they expire.</summary>
    public static readonly TimeSpan RenewAhead = TimeSpan.FromMinutes(5);

    private readonly CognitoOptions _options = options.Value;

    /// <summary>Whether an identity pool is configured at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.IdentityPoolId);

    /// <summary>
    /// The cached exchange for this user, or a new one when there is none, it is near expiry, <paramref name="renew"/>,
    /// or the ID token now asks for another role (<c>cognito:preferred_role</c> changed with the user's groups since).
    /// </summary>
    /// <exception cref="CredentialsUnavailableException">The exchange failed; the message says why.</exception>
    public async Task<CredentialExchange> GetAsync(string userSub, string idToken, bool renew, CancellationToken cancellationToken)
    {
        var tokenRole = PreferredRole(idToken);
        if (!renew && await cache.GetAsync(userSub, cancellationToken).ConfigureAwait(false) is { } cached
            && cached.Credentials.Expiration - time.GetUtcNow() > RenewAhead
            && string.Equals(cached.TokenRole, tokenRole, StringComparison.Ordinal))
        {
            return cached;
        }

        var exchange = await ExchangeAsync(idToken, cancellationToken).ConfigureAwait(false) with { TokenRole = tokenRole };
        await cache.SetAsync(userSub, exchange, exchange.Credentials.Expiration - RenewAhead - time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        return exchange;
    }

    /// <summary>Forgets a user's credentials (on sign-out), on every instance.</summary>
    public Task ForgetAsync(string userSub, CancellationToken cancellationToken) => cache.RemoveAsync(userSub, cancellationToken);

    /// <summary>Forgets a user's credentials; <see cref="ForgetAsync"/> where the caller can wait.</summary>
    public void Forget(string userSub) => cache.RemoveAsync(userSub, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Calls sts:GetCallerIdentity signed with the credentials: the proof they are real.</summary>
    public async Task<CallerIdentity> WhoAmIAsync(TemporaryCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var region = _options.EffectiveRegion ?? "us-east-1";
        var config = new AmazonSecurityTokenServiceConfig
        {
            // Local Cognito (or any emulator) answers STS on its own URL; on AWS the regional endpoint.
            ServiceURL = _options.ServiceUrl?.ToString() ?? $"https://sts.{region}.{CognitoEndpoints.DnsSuffix(region)}",
            AuthenticationRegion = region,
            MaxErrorRetry = 1,
            // Through the app's HTTP pipeline, so the call shows in the "Cognito calls" panel.
            HttpClientFactory = stsHttp,
        };
        using var sts = new AmazonSecurityTokenServiceClient(
            new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretKey, credentials.SessionToken), config);
        try
        {
            var answer = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return new CallerIdentity(answer.Account, answer.Arn, answer.UserId);
        }
        catch (AmazonServiceException e)
        {
            throw new CredentialsUnavailableException(
                $"STS refused the credentials ({e.ErrorCode}): {e.Message} They may have expired: get new credentials and try again.", e);
        }
        catch (AmazonClientException e)
        {
            throw new CredentialsUnavailableException($"STS could not be reached: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new CredentialsUnavailableException($"STS could not be reached: {e.Message}", e);
        }
    }

    /// <summary>
    /// The ID token's <c>cognito:preferred_role</c>, or null. The token is the session's own, validated when the session
    /// began; it is only read here.
    /// </summary>
    private static string? PreferredRole(string idToken)
    {
        try
        {
            return new JsonWebToken(idToken).TryGetPayloadValue<string>(Users.UsersSetup.PreferredRoleClaim, out var role) ? role : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task<CredentialExchange> ExchangeAsync(string idToken, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new CredentialsUnavailableException(
                "No identity pool is configured. Set Cognito:IdentityPoolId to the identity pool created in the seed's step 5.");
        }

        var logins = identityPool.LoginsFor(idToken);
        try
        {
            var id = await identityPool.GetIdAsync(new GetIdRequest { Logins = logins }, cancellationToken).ConfigureAwait(false);
            var answer = await identityPool.GetCredentialsForIdentityAsync(
                new GetCredentialsForIdentityRequest { IdentityId = id.IdentityId, Logins = logins }, cancellationToken).ConfigureAwait(false);
            var credentials = answer.Credentials
                              ?? throw new CredentialsUnavailableException("GetCredentialsForIdentity answered without credentials.");
            return new CredentialExchange(logins.Keys.Single(), _options.IdentityPoolId!, id.IdentityId, TemporaryCredentials.From(credentials));
        }
        catch (CognitoServiceException e)
        {
            throw new CredentialsUnavailableException(Explain(e), e);
        }
        catch (CognitoException e)
        {
            throw new CredentialsUnavailableException($"Cognito Identity cannot be reached right now ({e.Message}). Try again in a moment.", e);
        }
        catch (InvalidOperationException e)
        {
            throw new CredentialsUnavailableException(e.Message, e);
        }
    }

    private static string Explain(CognitoServiceException e) => e.ErrorCode switch
    {
        IdentityPoolErrors.InvalidIdentityPoolConfiguration =>
            "Invalid identity pool configuration: the identity pool has no role for signed-in users, or the role's trust " +
            "policy does not trust cognito-identity.amazonaws.com for this pool (aud = the identity pool id, amr = authenticated). " +
            $"Cognito said: {e.ErrorMessage}",
        IdentityPoolErrors.NotAuthorized =>
            $"The identity pool refused your sign-in token: {e.ErrorMessage} Check that the identity pool's Cognito provider " +
            "names this user pool and this app client id.",
        IdentityPoolErrors.ResourceNotFound =>
            $"The identity pool was not found: {e.ErrorMessage} Check Cognito:IdentityPoolId and its region.",
        _ => $"Cognito Identity refused the request ({e.ErrorCode}): {e.ErrorMessage}",
    };
}
