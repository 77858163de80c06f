using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.Srp;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Cognito.UserPools;

/// <summary>
/// Signs a user in with Secure Remote Password, as the AWS SDKs do: InitiateAuth USER_SRP_AUTH, then
/// RespondToAuthChallenge PASSWORD_VERIFIER with the claim signature (protocol doc, section 3.3). The
/// password never leaves the process. SECRET_HASH is sent on every step when the client has a secret.
/// </summary>
public sealed class SrpAuthenticator(UserPoolClient client, IOptions<CognitoOptions> options, TimeProvider timeProvider)
{
    private readonly CognitoOptions _options = options?.Value ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Signs in; returns tokens, or the next challenge (NEW_PASSWORD_REQUIRED, MFA, …) as a value.</summary>
    /// <exception cref="CognitoServiceException">Cognito refused (wrong password, unconfirmed user, …).</exception>
    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        var poolName = SrpCalculations.PoolName(_options.UserPoolId
            ?? throw new InvalidOperationException("Cognito:UserPoolId is required for SRP sign-in."));

        var session = SrpClientSession.Create();
        var authParameters = WithSecretHash(new Dictionary<string, string>
        {
            [AuthParameterNames.Username] = username,
            [AuthParameterNames.SrpA] = session.PublicValueHex,
        }, username);

        var initiated = await client.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlows.UserSrpAuth,
            AuthParameters = authParameters,
        }, cancellationToken).ConfigureAwait(false);

        if (initiated.ChallengeName != ChallengeNames.PasswordVerifier)
        {
            return ToResult(initiated.AuthenticationResult, initiated.ChallengeName, initiated.Session,
                initiated.ChallengeParameters, username);
        }

        var challenge = PasswordVerifierChallenge.Parse(poolName, initiated.ChallengeParameters);
        var timestamp = SrpTimestamp.ToWire(timeProvider.GetUtcNow());
        var signature = session.ComputeClaimSignature(challenge, password, timestamp);

        // Cognito computes SECRET_HASH here from the canonical USERNAME it returned, not what the user typed.
        var responses = WithSecretHash(new Dictionary<string, string>
        {
            [AuthParameterNames.Username] = challenge.Username,
            [AuthParameterNames.PasswordClaimSecretBlock] = challenge.SecretBlock,
            [AuthParameterNames.PasswordClaimSignature] = signature,
            [AuthParameterNames.Timestamp] = timestamp,
        }, challenge.Username);

        var answered = await client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ChallengeName = ChallengeNames.PasswordVerifier,
            Session = initiated.Session,
            ChallengeResponses = responses,
        }, cancellationToken).ConfigureAwait(false);

        return ToResult(answered.AuthenticationResult, answered.ChallengeName, answered.Session,
            answered.ChallengeParameters, challenge.Username);
    }

    /// <summary>Answers NEW_PASSWORD_REQUIRED with a new password and any attributes Cognito asked for.</summary>
    public async Task<SignInResult> CompleteNewPasswordAsync(AuthChallenge challenge, string newPassword,
        IReadOnlyDictionary<string, string>? requiredAttributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentException.ThrowIfNullOrEmpty(newPassword);
        var responses = new Dictionary<string, string>
        {
            [AuthParameterNames.Username] = challenge.Username,
            [AuthParameterNames.NewPassword] = newPassword,
        };
        foreach (var (name, value) in requiredAttributes ?? new Dictionary<string, string>())
        {
            responses[AuthParameterNames.UserAttributePrefix + name] = value;
        }

        var answered = await client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ChallengeName = ChallengeNames.NewPasswordRequired,
            Session = challenge.Session,
            ChallengeResponses = WithSecretHash(responses, challenge.Username),
        }, cancellationToken).ConfigureAwait(false);

        return ToResult(answered.AuthenticationResult, answered.ChallengeName, answered.Session,
            answered.ChallengeParameters, challenge.Username);
    }

    /// <summary>
    /// New ID and access tokens from a refresh token (REFRESH_TOKEN_AUTH). With a client secret the
    /// SECRET_HASH is computed from the user name, so it is needed here; USERNAME is sent too, as the
    /// AWS .NET extension does. The result usually carries no new refresh token: keep the old one.
    /// </summary>
    public async Task<AuthenticationResultType> RefreshAsync(string username, string refreshToken,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        var response = await client.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlows.RefreshTokenAuth,
            AuthParameters = WithSecretHash(new Dictionary<string, string>
            {
                [AuthParameterNames.RefreshToken] = refreshToken,
                [AuthParameterNames.Username] = username,
            }, username),
        }, cancellationToken).ConfigureAwait(false);

        return response.AuthenticationResult
               ?? throw new CognitoResponseFormatException(UserPoolOperations.InitiateAuth,
                   "a refresh answered without an AuthenticationResult.");
    }

    private Dictionary<string, string> WithSecretHash(Dictionary<string, string> parameters, string username)
    {
        if (client.SecretHashFor(username) is { } hash)
        {
            parameters[AuthParameterNames.SecretHash] = hash;
        }

        return parameters;
    }

    private static SignInResult ToResult(AuthenticationResultType? tokens, string? challengeName, string? session,
        IReadOnlyDictionary<string, string>? parameters, string username)
    {
        if (tokens is not null)
        {
            return SignInResult.SignedIn(tokens);
        }

        if (challengeName is null)
        {
            throw new CognitoResponseFormatException(UserPoolOperations.RespondToAuthChallenge,
                "the answer had neither tokens nor a challenge.");
        }

        var challengeUser = parameters is not null && parameters.TryGetValue(ChallengeParameterNames.Username, out var u)
            && !string.IsNullOrEmpty(u) ? u : username;
        return SignInResult.Challenged(new AuthChallenge(challengeName, session, challengeUser,
            parameters ?? new Dictionary<string, string>()));
    }
}
