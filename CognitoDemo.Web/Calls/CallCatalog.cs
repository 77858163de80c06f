using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Web.Calls;

/// <summary>The C# line that sent a request: its file in this repository and the line's text.</summary>
public sealed record SourceLine(string File, string Code);

/// <summary>
/// What the panel says about each operation: the service, its page in AWS's API reference, and the one
/// line of <c>CognitoDemo.Cognito</c> (or of the AWS SDK call, for STS) that sent it. A test reads each
/// file and checks the line is there, so the panel never quotes code that no longer exists.
/// </summary>
public static class CallCatalog
{
    public const string UserPoolService = UserPoolOperations.SigningName;
    public const string IdentityPoolService = IdentityPoolOperations.SigningName;
    public const string StsService = "sts";
    public const string HostedUiService = "Hosted UI";
    public const string TokenEndpoint = "/oauth2/token";

    private const string UserPoolClientFile = "CognitoDemo.Cognito/UserPools/UserPoolClient.cs";
    private const string SrpFile = "CognitoDemo.Cognito/UserPools/SrpAuthenticator.cs";
    private const string IdentityPoolClientFile = "CognitoDemo.Cognito/IdentityPools/IdentityPoolClient.cs";

    /// <summary>Operation (and, for the two sign-in operations, the flow or challenge) → the line that sends it.</summary>
    public static readonly IReadOnlyDictionary<string, SourceLine> Sources = new Dictionary<string, SourceLine>(StringComparer.Ordinal)
    {
        [Key(UserPoolOperations.InitiateAuth, AuthFlows.UserSrpAuth)] =
            new(SrpFile, "var initiated = await client.InitiateAuthAsync(new InitiateAuthRequest"),
        [Key(UserPoolOperations.InitiateAuth, AuthFlows.RefreshTokenAuth)] =
            new(SrpFile, "var response = await client.InitiateAuthAsync(new InitiateAuthRequest"),
        [Key(UserPoolOperations.RespondToAuthChallenge, ChallengeNames.PasswordVerifier)] =
            new(SrpFile, "var answered = await client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest"),
        [Key(UserPoolOperations.RespondToAuthChallenge, ChallengeNames.NewPasswordRequired)] =
            new(SrpFile, "var answered = await client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest"),
        [UserPoolOperations.InitiateAuth] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.InitiateAuth,"),
        [UserPoolOperations.RespondToAuthChallenge] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.RespondToAuthChallenge,"),
        [UserPoolOperations.SignUp] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.SignUp,"),
        [UserPoolOperations.ConfirmSignUp] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.ConfirmSignUp,"),
        [UserPoolOperations.ResendConfirmationCode] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.ResendConfirmationCode,"),
        [UserPoolOperations.GetUser] = new(UserPoolClientFile, "_transport.SendAsync(UserPoolOperations.GetUser, request,"),
        [UserPoolOperations.UpdateUserAttributes] = new(UserPoolClientFile, "_transport.SendAsync(UserPoolOperations.UpdateUserAttributes, request,"),
        [UserPoolOperations.ChangePassword] = new(UserPoolClientFile, "_transport.SendAsync(UserPoolOperations.ChangePassword, request,"),
        [UserPoolOperations.ForgotPassword] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.ForgotPassword,"),
        [UserPoolOperations.ConfirmForgotPassword] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.ConfirmForgotPassword,"),
        [UserPoolOperations.GlobalSignOut] = new(UserPoolClientFile, "_transport.SendAsync(UserPoolOperations.GlobalSignOut, request,"),
        [UserPoolOperations.RevokeToken] = new(UserPoolClientFile, "return _transport.SendAsync(UserPoolOperations.RevokeToken, filled,"),
        [UserPoolOperations.DeleteUser] = new(UserPoolClientFile, "_transport.SendAsync(UserPoolOperations.DeleteUser, request,"),
        // Signed with the user's temporary credentials by the handler the Users page puts in front of this client.
        [UserPoolOperations.ListUsers] = new(UserPoolClientFile, "_transport.SendAsync(UserPoolOperations.ListUsers, request,"),
        [IdentityPoolOperations.GetId] = new(IdentityPoolClientFile, "return _transport.SendAsync(IdentityPoolOperations.GetId, request with { IdentityPoolId = pool },"),
        [IdentityPoolOperations.GetCredentialsForIdentity] = new(IdentityPoolClientFile, "_transport.SendAsync(IdentityPoolOperations.GetCredentialsForIdentity, request,"),
        [IdentityPoolOperations.GetOpenIdToken] = new(IdentityPoolClientFile, "_transport.SendAsync(IdentityPoolOperations.GetOpenIdToken, request,"),
        // The AWS SDK for .NET makes this one; the line is this app's call into it.
        ["GetCallerIdentity"] = new("CognitoDemo.Web/Credentials/CredentialsService.cs",
            "var answer = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);"),
        // ASP.NET Core's OpenID Connect handler redeems the code; this line asks it for the code flow.
        [TokenEndpoint] = new("CognitoDemo.Web/Session/HostedUi.cs", "oidc.ResponseType = OpenIdConnectResponseType.Code;"),
    };

    /// <summary>The line for an operation, preferring the one for its flow or challenge.</summary>
    public static SourceLine? SourceFor(string operation, string? variant) =>
        variant is not null && Sources.TryGetValue(Key(operation, variant), out var specific) ? specific
        : Sources.GetValueOrDefault(operation);

    /// <summary>The operation's page in AWS's documentation.</summary>
    public static Uri DocumentationFor(string service, string operation) => new(service switch
    {
        UserPoolService => $"https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_{operation}.html",
        IdentityPoolService => $"https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_{operation}.html",
        StsService => $"https://docs.aws.amazon.com/STS/latest/APIReference/API_{operation}.html",
        _ => "https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html",
    });

    private static string Key(string operation, string variant) => operation + " " + variant;
}
