using System.Text.Json.Nodes;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// The answer to NEW_PASSWORD_REQUIRED (a user created by an administrator sets a password of their own): the
/// pool's password policy and required attributes are checked, and a rejected answer keeps the session.
/// </summary>
internal sealed class NewPasswordChallenge(UserStore users, ChallengeStore challenges, SignInGate gate, SignInResults results,
    TimeProvider time)
{
    public JsonObject Answer(UserPool pool, AppClient client, string? sessionId, IReadOnlyDictionary<string, string> responses)
    {
        var newPassword = AuthInput.Required(responses, AuthParameterNames.NewPassword);
        var challenge = sessionId is null ? null : challenges.Take(sessionId, null, time.GetUtcNow());
        if (challenge is null || challenge.Name != ChallengeNames.NewPasswordRequired || challenge.ClientId != client.Id)
        {
            throw AwsServiceException.NotAuthorized("Invalid session for the user, session is expired.");
        }

        ClientDirectory.CheckSecretHash(client, responses.GetValueOrDefault(AuthParameterNames.SecretHash),
            challenge.Username, responses.GetValueOrDefault(AuthParameterNames.Username));
        var user = challenge.Sub is null ? null : users.FindBySub(pool.Id, challenge.Sub);
        if (user is null || user.Status != UserStatus.ForceChangePassword)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials);
        }

        var attributes = new Dictionary<string, string>(user.Attributes);
        try
        {
            var written = PoolRules.CheckWritable(pool, [.. responses
                .Where(r => r.Key.StartsWith(AuthParameterNames.UserAttributePrefix, StringComparison.Ordinal))
                .Select(r => KeyValuePair.Create(r.Key[AuthParameterNames.UserAttributePrefix.Length..], r.Value))], updating: false);
            foreach (var (name, value) in written)
            {
                attributes[name] = value;
            }

            PoolRules.CheckRequired(pool, attributes);
            PoolRules.CheckPassword(pool, newPassword);
        }
        catch (AwsServiceException)
        {
            // A rejected new password does not use up the session: the user may try another.
            challenges.Save(challenge);
            throw;
        }
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, user.Username, newPassword);
        var updated = user with
        {
            Salt = salt,
            Verifier = verifier,
            Status = UserStatus.Confirmed,
            Attributes = attributes,
            ModifiedAt = time.GetUtcNow(),
            TemporaryPasswordExpiresAt = null,
        };
        users.Update(user, updated);
        return results.Finish(pool, client, updated, gate.Admit(updated), ChallengeNames.NewPasswordRequired);
    }
}
