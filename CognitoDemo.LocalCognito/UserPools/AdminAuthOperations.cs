using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// AdminInitiateAuth and AdminRespondToAuthChallenge: server-side sign-in (IAM-authorized on AWS). The pool is named
/// as well as the client; the flows, the sign-in gate and the SECRET_HASH check are InitiateAuth's own
/// (<see cref="AuthOperations"/>), so lockout and account state cannot drift between the two ways in.
/// </summary>
internal sealed class AdminAuthOperations(ClientDirectory clients, AuthOperations auth) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.AdminInitiateAuth, c => Task.FromResult(AdminInitiateAuth(c.Input)));
        table.Add(Operations.AdminRespondToAuthChallenge, c => Task.FromResult(AdminRespondToAuthChallenge(c.Input)));
    }

    /// <summary>AdminInitiateAuthRequest (botocore cognito-idp 2016-04-18): UserPoolId, ClientId and AuthFlow required.</summary>
    private JsonObject AdminInitiateAuth(AwsRequest input)
    {
        var poolId = input.RequiredString("UserPoolId", 1, 55, Patterns.UserPoolId());
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var flow = input.RequiredString("AuthFlow", 1, 64);
        var parameters = input.Map("AuthParameters");
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId, poolId);
        return auth.Initiate(pool, client, flow, parameters, admin: true);
    }

    private JsonObject AdminRespondToAuthChallenge(AwsRequest input)
    {
        var poolId = input.RequiredString("UserPoolId", 1, 55, Patterns.UserPoolId());
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var challengeName = input.RequiredString("ChallengeName", 1, 64);
        var sessionId = input.OptionalString("Session", 20, 2048);
        var responses = input.Map("ChallengeResponses");
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId, poolId);
        return auth.Respond(pool, client, challengeName, sessionId, responses);
    }
}
