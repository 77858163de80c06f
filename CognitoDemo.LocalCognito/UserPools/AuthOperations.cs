using System.Text.Json.Nodes;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// InitiateAuth and RespondToAuthChallenge: each flow and challenge goes to its own class (<see cref="SrpSignIn"/>,
/// <see cref="RefreshTokenSignIn"/>, <see cref="NewPasswordChallenge"/>); USER_PASSWORD_AUTH is checked here
/// against the same verifier. Lockout and account state are the sign-in gate's.
/// </summary>
internal sealed class AuthOperations(
    ClientDirectory clients,
    UserStore users,
    SrpSignIn srp,
    RefreshTokenSignIn refresh,
    NewPasswordChallenge newPassword,
    SignInResults results,
    SignInGate gate) : IOperationGroup
{
    private const string AdminUserPasswordAuth = "ADMIN_USER_PASSWORD_AUTH";
    private const string AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH";

    /// <summary>AuthFlowType (botocore cognito-idp 2016-04-18).</summary>
    private static readonly string[] KnownFlows =
    [
        AuthFlows.UserSrpAuth, AuthFlows.RefreshTokenAuth, AuthFlows.RefreshToken, AuthFlows.CustomAuth,
        AdminNoSrpAuth, AuthFlows.UserPasswordAuth, AdminUserPasswordAuth, AuthFlows.UserAuth,
    ];

    public void Register(OperationTable table)
    {
        table.Add(Operations.InitiateAuth, c => Task.FromResult(InitiateAuth(c)));
        table.Add(Operations.RespondToAuthChallenge, c => Task.FromResult(RespondToAuthChallenge(c)));
    }

    private JsonObject InitiateAuth(OperationContext context)
    {
        var input = context.Input;
        var flow = input.RequiredString("AuthFlow", 1, 64);
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var parameters = input.Map("AuthParameters");
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId);
        return Initiate(pool, client, flow, parameters, admin: false);
    }

    /// <summary>
    /// The flows InitiateAuth and AdminInitiateAuth share. The admin password flow (and its legacy name) is only
    /// AdminInitiateAuth's and USER_PASSWORD_AUTH only InitiateAuth's; each refuses the other's as AWS does
    /// ("Initiate Auth method not supported.").
    /// </summary>
    internal JsonObject Initiate(UserPool pool, AppClient client, string flow, IReadOnlyDictionary<string, string> parameters, bool admin)
    {
        if (!KnownFlows.Contains(flow, StringComparer.Ordinal))
        {
            throw AwsServiceException.InvalidParameter(
                $"1 validation error detected: Value at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", KnownFlows)}]");
        }

        return flow switch
        {
            AuthFlows.UserSrpAuth => srp.Start(pool, client, parameters),
            AuthFlows.UserPasswordAuth when !admin => PasswordSignIn(pool, client, parameters, ExplicitAuthFlow.UserPassword,
                $"{AuthFlows.UserPasswordAuth} flow not enabled for this client"),
            AdminUserPasswordAuth or AdminNoSrpAuth when admin => PasswordSignIn(pool, client, parameters, ExplicitAuthFlow.AdminUserPassword,
                "Auth flow not enabled for this client"),
            AuthFlows.RefreshTokenAuth or AuthFlows.RefreshToken => refresh.Refresh(pool, client, parameters),
            AuthFlows.CustomAuth => throw AwsServiceException.InvalidParameter(
                "Custom auth lambda trigger is not configured for the user pool."),
            AuthFlows.UserAuth => throw AwsServiceException.InvalidParameter($"{flow} flow not enabled for this client"),
            _ => throw AwsServiceException.InvalidParameter("Initiate Auth method not supported."),
        };
    }

    private JsonObject PasswordSignIn(UserPool pool, AppClient client, IReadOnlyDictionary<string, string> parameters,
        string explicitFlow, string notEnabled)
    {
        if (!client.Allows(explicitFlow))
        {
            throw AwsServiceException.InvalidParameter(notEnabled);
        }

        var username = AuthInput.Required(parameters, AuthParameterNames.Username);
        var password = AuthInput.Required(parameters, AuthParameterNames.Password);
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, parameters.GetValueOrDefault(AuthParameterNames.SecretHash), username, user?.Username);
        if (user is null)
        {
            throw client.Settings.PreventsUserExistenceErrors
                ? AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials)
                : AwsServiceException.UserNotFound();
        }

        return results.Finish(pool, client, user, gate.SignIn(user, u => PasswordVerifier.Matches(u, password)), AuthFlows.UserPasswordAuth);
    }

    private JsonObject RespondToAuthChallenge(OperationContext context)
    {
        var input = context.Input;
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var challengeName = input.RequiredString("ChallengeName", 1, 64);
        var sessionId = input.OptionalString("Session", 20, 2048);
        var responses = input.Map("ChallengeResponses");
        input.Map("ClientMetadata");
        var (pool, client) = clients.Resolve(clientId);
        return Respond(pool, client, challengeName, sessionId, responses);
    }

    /// <summary>The challenges RespondToAuthChallenge and AdminRespondToAuthChallenge share.</summary>
    internal JsonObject Respond(UserPool pool, AppClient client, string challengeName, string? sessionId,
        IReadOnlyDictionary<string, string> responses)
    {
        return challengeName switch
        {
            ChallengeNames.PasswordVerifier => srp.AnswerPasswordVerifier(pool, client, sessionId, responses),
            ChallengeNames.NewPasswordRequired => newPassword.Answer(pool, client, sessionId, responses),
            _ => throw AwsServiceException.InvalidParameter($"The challenge {challengeName} is not supported by this user pool."),
        };
    }
}
