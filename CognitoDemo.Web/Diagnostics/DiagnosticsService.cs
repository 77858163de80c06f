using System.Text.Json;
using CognitoDemo.Cognito;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Hosting;
using CognitoDemo.Web.Session;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Diagnostics;

public enum CheckStatus
{
    Ok,
    Problem,
    Skipped,
}

/// <summary>One check of the configuration against what it points at, explained in plain words.</summary>
public sealed record DiagnosticCheck(string Name, CheckStatus Status, string Explanation);

/// <summary>
/// Checks the app's Cognito configuration against the real services it names and explains each
/// problem the seed's readers meet: keys and issuer, the client secret, the identity pool and its
/// role, the Hosted UI callback, and the shared Redis when one is configured. It never shows or logs a secret.
/// </summary>
public sealed class DiagnosticsService(
    IOptions<CognitoOptions> options,
    UserPoolClient userPool,
    IdentityPoolClient identityPool,
    IHttpClientFactory httpClients,
    SharedRedis redis)
{
    private readonly CognitoOptions _options = options.Value;

    public async Task<IReadOnlyList<DiagnosticCheck>> RunAsync(Uri appBaseUrl, string? idToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appBaseUrl);
        var issuer = CognitoEndpoints.Issuer(_options);
        var checks = new List<DiagnosticCheck>
        {
            new("Configuration", CheckStatus.Ok,
                $"Region {_options.EffectiveRegion}, user pool {_options.UserPoolId}, app client {_options.ClientId}, " +
                $"client secret {(_options.HasClientSecret ? "configured" : "not configured")}, identity pool " +
                $"{(string.IsNullOrEmpty(_options.IdentityPoolId) ? "not configured" : _options.IdentityPoolId)}, Hosted UI domain " +
                $"{(string.IsNullOrEmpty(_options.HostedUiDomain) ? "not configured" : _options.HostedUiDomain)}."),
        };
        var regionProblems = RegionConsistency.Problems(_options);
        checks.Add(regionProblems.Count == 0
            ? new("Pool ids and region", CheckStatus.Ok,
                $"{(string.IsNullOrEmpty(_options.IdentityPoolId) ? "The user pool is" : "The user pool and identity pool are")} in {_options.EffectiveRegion}, the region the app calls.")
            : new("Pool ids and region", CheckStatus.Problem, string.Join(" ", regionProblems)));
        using var http = httpClients.CreateClient(nameof(DiagnosticsService));
        http.Timeout = TimeSpan.FromSeconds(10);
        checks.Add(await CheckKeysAsync(http, issuer, cancellationToken).ConfigureAwait(false));
        checks.Add(await CheckIssuerAsync(http, issuer, cancellationToken).ConfigureAwait(false));
        checks.Add(await CheckSecretAsync(cancellationToken).ConfigureAwait(false));
        checks.AddRange(await CheckIdentityPoolAsync(idToken, cancellationToken).ConfigureAwait(false));
        checks.Add(await CheckHostedUiAsync(appBaseUrl, cancellationToken).ConfigureAwait(false));
        if (await RedisCheck.RunAsync(redis, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            checks.Add(shared);
        }

        return checks;
    }

    private static async Task<DiagnosticCheck> CheckKeysAsync(HttpClient http, string issuer, CancellationToken cancellationToken)
    {
        const string name = "Signing keys (JWKS)";
        var url = issuer + "/.well-known/jwks.json";
        try
        {
            using var response = await http.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new(name, CheckStatus.Problem, $"{url} answered {(int)response.StatusCode}: the user pool id or region is probably wrong.");
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var keys = document.RootElement.GetProperty("keys").GetArrayLength();
            return new(name, CheckStatus.Ok, $"{keys} keys at {url}; sign-ins can be verified.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return new(name, CheckStatus.Problem, $"{url} could not be read ({e.GetType().Name}): no sign-in can be verified until it can.");
        }
    }

    private static async Task<DiagnosticCheck> CheckIssuerAsync(HttpClient http, string issuer, CancellationToken cancellationToken)
    {
        const string name = "Issuer";
        var url = issuer + "/.well-known/openid-configuration";
        try
        {
            using var response = await http.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var named = document.RootElement.GetProperty("issuer").GetString();
            return named == issuer
                ? new(name, CheckStatus.Ok, $"Tokens are issued by {issuer}, as the app expects.")
                : new(name, CheckStatus.Problem, $"The pool says its issuer is {named}, but the app expects {issuer}: check Cognito:Region and Cognito:ServiceUrl.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new(name, CheckStatus.Problem, $"{url} could not be read ({e.GetType().Name}).");
        }
    }

    /// <summary>
    /// Starts an SRP sign-in for a user name no one has: Cognito checks the client and its SECRET_HASH
    /// before it looks at the user, so the answer tells whether the secret matches, and no real user's
    /// lockout counter moves.
    /// </summary>
    private async Task<DiagnosticCheck> CheckSecretAsync(CancellationToken cancellationToken)
    {
        const string name = "Client secret";
        var probe = "diagnostics-probe-" + Guid.NewGuid().ToString("N");
        var parameters = new Dictionary<string, string>
        {
            [AuthParameterNames.Username] = probe,
            [AuthParameterNames.SrpA] = SrpClientSession.Create().PublicValueHex,
        };
        if (userPool.SecretHashFor(probe) is { } hash)
        {
            parameters[AuthParameterNames.SecretHash] = hash;
        }

        try
        {
            await userPool.InitiateAuthAsync(new InitiateAuthRequest { AuthFlow = AuthFlows.UserSrpAuth, AuthParameters = parameters },
                cancellationToken).ConfigureAwait(false);
            return SecretAccepted();
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.UserNotFound)
                                                || (e.Is(UserPoolErrors.NotAuthorized) && e.ErrorMessage.Contains("Incorrect username or password", StringComparison.Ordinal)))
        {
            return SecretAccepted();
        }
        catch (CognitoServiceException e) when (e.ErrorMessage.Contains("SECRET_HASH was not received", StringComparison.Ordinal))
        {
            return new(name, CheckStatus.Problem,
                "The app client has a secret, but none is configured: set Cognito:ClientSecret (user-secrets or an environment variable). " +
                "Without it every call fails with \"Unable to verify secret hash\".");
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.InvalidParameter)
                                                && e.ErrorMessage.Contains("not configured for secret", StringComparison.Ordinal))
        {
            return new(name, CheckStatus.Problem,
                "Cognito:ClientSecret is set, but the app client was created without a secret: remove Cognito:ClientSecret " +
                "(or use an app client that has one). Cognito said: " + e.ErrorMessage);
        }
        catch (CognitoServiceException e) when (e.ErrorMessage.Contains("secret", StringComparison.OrdinalIgnoreCase))
        {
            return new(name, CheckStatus.Problem,
                "Cognito could not verify the secret hash: Cognito:ClientSecret is not this app client's secret. Copy it again " +
                "(the stack's ClientSecretCommand output prints it). Cognito said: " + e.ErrorMessage);
        }
        catch (CognitoServiceException e) when (e.Is(UserPoolErrors.ResourceNotFound))
        {
            return new(name, CheckStatus.Problem, $"The app client {_options.ClientId} was not found in the pool: check Cognito:ClientId.");
        }
        catch (CognitoServiceException e)
        {
            return new(name, CheckStatus.Problem, $"Cognito refused a test sign-in ({e.ErrorCode}): {e.ErrorMessage}");
        }
        catch (CognitoException e)
        {
            return new(name, CheckStatus.Problem, $"Cognito could not be reached: {e.Message}");
        }

        DiagnosticCheck SecretAccepted() => new(name, CheckStatus.Ok, _options.HasClientSecret
            ? "The app client accepts the configured secret."
            : "The app client has no secret, and none is configured.");
    }

    private async Task<IReadOnlyList<DiagnosticCheck>> CheckIdentityPoolAsync(string? idToken, CancellationToken cancellationToken)
    {
        const string name = "Identity pool";
        if (string.IsNullOrEmpty(_options.IdentityPoolId))
        {
            return [new(name, CheckStatus.Skipped, "No identity pool is configured (Cognito:IdentityPoolId); the credentials page is off.")];
        }

        if (idToken is null)
        {
            try
            {
                await identityPool.GetIdAsync(new GetIdRequest(), cancellationToken).ConfigureAwait(false);
                return [new(name, CheckStatus.Ok, $"{_options.IdentityPoolId} answers and allows guests. Sign in to check its provider and role.")];
            }
            catch (CognitoServiceException e) when (e.Is(IdentityPoolErrors.NotAuthorized))
            {
                return [new(name, CheckStatus.Ok, $"{_options.IdentityPoolId} answers (guests off, as in the seed). Sign in to check its provider and role.")];
            }
            catch (CognitoException e)
            {
                return [ExplainIdentity(name, e)];
            }
        }

        var logins = identityPool.LoginsFor(idToken);
        try
        {
            var id = await identityPool.GetIdAsync(new GetIdRequest { Logins = logins }, cancellationToken).ConfigureAwait(false);
            await identityPool.GetCredentialsForIdentityAsync(new GetCredentialsForIdentityRequest { IdentityId = id.IdentityId, Logins = logins },
                cancellationToken).ConfigureAwait(false);
            return
            [
                new(name, CheckStatus.Ok, $"{_options.IdentityPoolId} accepts this user pool and app client as its provider."),
                new("Identity pool role", CheckStatus.Ok, "A role for signed-in users is attached and gives credentials."),
            ];
        }
        catch (CognitoException e)
        {
            return [ExplainIdentity(name, e)];
        }
    }

    private string ProviderName => IdentityProviderNames.UserPool(_options.EffectiveRegion!, _options.UserPoolId!);

    private DiagnosticCheck ExplainIdentity(string name, CognitoException e) => e switch
    {
        CognitoServiceException s when s.Is(IdentityPoolErrors.ResourceNotFound) =>
            new(name, CheckStatus.Problem, $"The identity pool {_options.IdentityPoolId} was not found: check Cognito:IdentityPoolId and its region."),
        CognitoServiceException s when s.Is(IdentityPoolErrors.InvalidIdentityPoolConfiguration) =>
            new("Identity pool role", CheckStatus.Problem,
                "The identity pool has no role for signed-in users, or the role's trust policy does not trust cognito-identity.amazonaws.com " +
                $"for this pool (aud = {_options.IdentityPoolId}, amr = authenticated). Cognito said: {s.ErrorMessage}"),
        CognitoServiceException s when s.Is(IdentityPoolErrors.NotAuthorized) && s.ErrorMessage.Contains("audience", StringComparison.OrdinalIgnoreCase) =>
            new(name, CheckStatus.Problem,
                $"The identity pool's provider {ProviderName} lists another app client: add app client {_options.ClientId} to it " +
                $"(identity pool → user access → Cognito user pool provider). Cognito said: {s.ErrorMessage}"),
        CognitoServiceException s when s.Is(IdentityPoolErrors.NotAuthorized) && s.ErrorMessage.Contains("provider", StringComparison.OrdinalIgnoreCase) =>
            new(name, CheckStatus.Problem,
                $"The identity pool has no Cognito provider for this user pool: add {ProviderName} with app client {_options.ClientId} " +
                $"(identity pool → user access → Cognito user pool provider). Cognito said: {s.ErrorMessage}"),
        CognitoServiceException s when s.Is(IdentityPoolErrors.NotAuthorized) =>
            new(name, CheckStatus.Problem,
                $"The identity pool refused this user pool's token: its Cognito provider must be {ProviderName} " +
                $"with app client {_options.ClientId}. Cognito said: {s.ErrorMessage}"),
        CognitoServiceException s => new(name, CheckStatus.Problem, $"The identity pool refused the request ({s.ErrorCode}): {s.ErrorMessage}"),
        _ => new(name, CheckStatus.Problem, $"Cognito Identity could not be reached: {e.Message}"),
    };

    /// <summary>Asks the Hosted UI to start a sign-in for this app's callback: a registered one is sent on to the form.</summary>
    private async Task<DiagnosticCheck> CheckHostedUiAsync(Uri appBaseUrl, CancellationToken cancellationToken)
    {
        const string name = "Hosted UI";
        if (string.IsNullOrEmpty(_options.HostedUiDomain))
        {
            return new(name, CheckStatus.Skipped, "No Hosted UI domain is configured (Cognito:HostedUiDomain); the Hosted UI button is hidden.");
        }

        var callback = HostedUiCallbackProbe.Callback(appBaseUrl);
        return await HostedUiCallbackProbe.ProbeAsync(_options, appBaseUrl, cancellationToken).ConfigureAwait(false) switch
        {
            CallbackVerdict.Accepted => new(name, CheckStatus.Ok, $"{_options.HostedUiDomain} answers and accepts this app's callback {callback}."),
            CallbackVerdict.Refused => new(name, CheckStatus.Problem,
                $"{_options.HostedUiDomain} refused this app's callback {callback} (redirect_mismatch): {HostedUiCallbackProbe.Advice(appBaseUrl)}."),
            _ => new(name, CheckStatus.Problem, $"{_options.HostedUiDomain} could not be reached: check Cognito:HostedUiDomain."),
        };
    }
}
