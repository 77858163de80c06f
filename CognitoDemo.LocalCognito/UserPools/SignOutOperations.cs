using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// GlobalSignOut (every session of the user) and RevokeToken (one refresh token and the access tokens minted
/// from it). Unsigned on AWS, and here.
/// </summary>
internal sealed class SignOutOperations(
    AccessTokenAuthorizer authorizer,
    AuthSessionStore sessions,
    PoolStore pools) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.GlobalSignOut, GlobalSignOutAsync);
        table.Add(Operations.RevokeToken, c => Task.FromResult(RevokeToken(c.Input)));
    }

    private async Task<JsonObject> GlobalSignOutAsync(OperationContext context)
    {
        var (_, user) = await authorizer.AuthorizeAsync(context.Input).ConfigureAwait(false);
        sessions.RevokeAll(user.PoolId, user.Sub);
        return [];
    }

    /// <summary>
    /// Revokes one refresh token and every access token minted from it. An unknown token is not an
    /// error (nothing to revoke), as at the OAuth2 revocation endpoint.
    /// </summary>
    private JsonObject RevokeToken(AwsRequest input)
    {
        var token = input.RequiredString("Token", 1, 16384, Patterns.Token());
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var secret = input.OptionalString("ClientSecret", 1, 64, Patterns.ClientId());
        var client = pools.FindClient(clientId)
            ?? throw new AwsServiceException(ErrorCodes.Unauthorized, "Invalid client id.");
        if (client.HasSecret && !client.SecretMatches(secret))
        {
            throw new AwsServiceException(ErrorCodes.Unauthorized,
                secret is null ? "Client secret is required for this client." : "Invalid client secret.");
        }

        if (!client.Settings.EnableTokenRevocation)
        {
            throw new AwsServiceException(ErrorCodes.UnsupportedOperation, "Token revocation is not enabled for this client.");
        }

        if (token.Count(c => c == '.') == 2)
        {
            throw new AwsServiceException(ErrorCodes.UnsupportedTokenType, "Only refresh tokens can be revoked.");
        }

        var session = sessions.FindByRefreshHash(TokenService.Hash(token));
        if (session is not null)
        {
            if (session.ClientId != client.Id)
            {
                throw new AwsServiceException(ErrorCodes.Unauthorized, "The token was not issued to this client.");
            }

            sessions.Revoke(session.OriginJti);
        }

        return [];
    }
}
