using System.Text.Json.Nodes;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// New tokens for a refresh token: the REFRESH_TOKEN_AUTH flow of InitiateAuth (the client proves itself with
/// SECRET_HASH) and GetTokensFromRefreshToken (with ClientSecret).
/// </summary>
internal sealed class RefreshTokenSignIn(
    ClientDirectory clients,
    UserStore users,
    AuthSessionStore sessions,
    TokenService tokens,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table) =>
        table.Add(Operations.GetTokensFromRefreshToken, c => Task.FromResult(GetTokensFromRefreshToken(c)));

    public JsonObject Refresh(UserPool pool, AppClient client, IReadOnlyDictionary<string, string> parameters)
    {
        AuthInput.RequireFlow(client, ExplicitAuthFlow.RefreshToken, AuthFlows.RefreshTokenAuth);
        var (session, user) = RefreshSession(pool, client, AuthInput.Required(parameters, AuthParameterNames.RefreshToken),
            u => ClientDirectory.CheckSecretHash(client, parameters.GetValueOrDefault(AuthParameterNames.SecretHash),
                u.Username, u.Sub, parameters.GetValueOrDefault(AuthParameterNames.Username)));
        return new JsonObject
        {
            ["ChallengeParameters"] = new JsonObject(),
            ["AuthenticationResult"] = tokens.Refresh(pool, client, user, session),
        };
    }

    /// <summary>The newer refresh operation: the client proves itself with ClientSecret instead of SECRET_HASH.</summary>
    private JsonObject GetTokensFromRefreshToken(OperationContext context)
    {
        var input = context.Input;
        var refreshToken = input.RequiredString("RefreshToken", 1, 16384, Patterns.Token());
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var secret = input.OptionalString("ClientSecret", 1, 64, Patterns.ClientId());
        input.OptionalString("DeviceKey", 1, 55);
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId);
        AuthInput.RequireFlow(client, ExplicitAuthFlow.RefreshToken, AuthFlows.RefreshTokenAuth);
        if (client.HasSecret && !client.SecretMatches(secret))
        {
            throw AwsServiceException.NotAuthorized(secret is null
                ? $"Client {client.Id} is configured with secret but ClientSecret was not received"
                : $"Unable to verify client secret for client {client.Id}");
        }

        var (session, user) = RefreshSession(pool, client, refreshToken, _ => { });
        return new JsonObject { ["AuthenticationResult"] = tokens.Refresh(pool, client, user, session) };
    }

    /// <summary>The live session behind a refresh token of this client, and its user.</summary>
    private (AuthSession Session, User User) RefreshSession(UserPool pool, AppClient client, string refreshToken,
        Action<User> checkClient)
    {
        var session = sessions.FindByRefreshHash(TokenService.Hash(refreshToken));
        if (session is null || session.ClientId != client.Id)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidRefreshToken);
        }

        var user = users.FindBySub(pool.Id, session.Sub)
            ?? throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidRefreshToken);
        // The client's proof needs the user: SECRET_HASH is computed from the user's name (protocol doc 2).
        checkClient(user);
        if (session.Revoked)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.RefreshTokenRevoked);
        }

        if (time.GetUtcNow() >= session.RefreshExpiresAt)
        {
            throw AwsServiceException.NotAuthorized("Refresh Token has expired");
        }

        if (!user.Enabled)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.UserDisabled);
        }

        return (session, user);
    }
}
