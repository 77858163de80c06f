using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// What every sign-in flow answers once the sign-in gate has spoken: tokens, the NEW_PASSWORD_REQUIRED
/// challenge, or AWS's refusal.
/// </summary>
internal sealed class SignInResults(ChallengeStore challenges, TokenService tokens, TimeProvider time)
{
    /// <summary>The gate's verdict in the API's words: tokens, the new-password challenge, or AWS's refusal.</summary>
    public JsonObject Finish(UserPool pool, AppClient client, User user, SignInVerdict verdict, string authFlow) => verdict switch
    {
        SignInVerdict.Admitted => new JsonObject
        {
            ["ChallengeParameters"] = new JsonObject(),
            ["AuthenticationResult"] = tokens.SignIn(pool, client, user, authFlow),
        },
        SignInVerdict.NewPasswordRequired => NewPasswordChallenge(pool, client, user),
        _ => throw Refusal(verdict),
    };

    /// <summary>AWS's error for each refusal of the sign-in gate (protocol doc 2, "Observed error messages").</summary>
    internal static AwsServiceException Refusal(SignInVerdict verdict) => verdict switch
    {
        SignInVerdict.Locked => AwsServiceException.NotAuthorized(ErrorMessages.PasswordAttemptsExceeded),
        SignInVerdict.Disabled => AwsServiceException.NotAuthorized(ErrorMessages.UserDisabled),
        SignInVerdict.Unconfirmed => new AwsServiceException(ErrorCodes.UserNotConfirmed, ErrorMessages.UserNotConfirmed),
        SignInVerdict.ResetRequired => new AwsServiceException(ErrorCodes.PasswordResetRequired, ErrorMessages.PasswordResetRequired),
        SignInVerdict.TemporaryPasswordExpired => AwsServiceException.NotAuthorized(ErrorMessages.TemporaryPasswordExpired),
        _ => AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials),
    };

    private JsonObject NewPasswordChallenge(UserPool pool, AppClient client, User user)
    {
        var session = AuthInput.NewSession();
        challenges.Save(new PendingChallenge(session, null, ChallengeNames.NewPasswordRequired, pool.Id, client.Id,
            user.Sub, user.Username, "{}", time.GetUtcNow() + client.AuthSessionLifetime));
        var current = new JsonObject();
        foreach (var (name, value) in user.Attributes)
        {
            current[name] = value;
        }

        var missing = new JsonArray([.. pool.Settings.Schema
            .Where(a => a.Required && a.Name != UserAttributes.Sub && !user.Attributes.ContainsKey(a.Name))
            .Select(a => (JsonNode)(AuthParameterNames.UserAttributePrefix + a.Name))]);
        return new JsonObject
        {
            ["ChallengeName"] = ChallengeNames.NewPasswordRequired,
            ["Session"] = session,
            ["ChallengeParameters"] = new JsonObject
            {
                [ChallengeParameterNames.UserIdForSrp] = user.Username,
                [ChallengeParameterNames.RequiredAttributes] = missing.ToJsonString(),
                [ChallengeParameterNames.UserAttributes] = current.ToJsonString(),
            },
        };
    }
}

/// <summary>The checks every flow makes of <c>AuthParameters</c> and <c>ChallengeResponses</c>.</summary>
internal static class AuthInput
{
    public static void RequireFlow(AppClient client, string explicitFlow, string flow)
    {
        if (!client.Allows(explicitFlow))
        {
            throw AwsServiceException.InvalidParameter($"{flow} flow not enabled for this client");
        }
    }

    public static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw AwsServiceException.InvalidParameter($"Missing required parameter {name}");

    public static string NewSession() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
}
