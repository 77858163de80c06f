using CognitoDemo.Cognito.Srp;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// AdminInitiateAuth and AdminRespondToAuthChallenge over HTTP: the flows, the ExplicitAuthFlows rules (legacy values
/// included), and the one sign-in gate they share with InitiateAuth (lockout, account state, SECRET_HASH).
/// </summary>
public sealed class AdminAuthTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> ClientAsync(string[] flows, bool secret = false)
    {
        var created = await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientName = "server", ExplicitAuthFlows = flows, GenerateSecret = secret,
        });
        return created["UserPoolClient"]!["ClientId"].Text();
    }

    private Task<AwsResponse> AdminSignInAsync(string clientId, string username, string password = Users.Password,
        string flow = "ADMIN_USER_PASSWORD_AUTH", string poolId = LocalCognitoApp.PoolId) =>
        _app.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = poolId,
            ClientId = clientId,
            AuthFlow = flow,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        });

    [Theory]
    [InlineData("ADMIN_USER_PASSWORD_AUTH")]
    [InlineData("ADMIN_NO_SRP_AUTH")]
    public async Task AdminPasswordFlowIssuesTokensTheUserCanUse(string flow)
    {
        await _app.SignUpConfirmedAsync("ada");
        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);

        var signIn = await AdminSignInAsync(clientId, "ada", flow: flow);

        Assert.Null(signIn.Type);
        var result = signIn.Body["AuthenticationResult"]!;
        Assert.Equal("Bearer", result["TokenType"].Text());
        var user = await _app.OkAsync("GetUser", new { AccessToken = result["AccessToken"].Text() });
        Assert.Equal("ada", user["Username"].Text());

        var refreshed = await _app.OkAsync("AdminInitiateAuth", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId, AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = result["RefreshToken"].Text() },
        });
        Assert.NotNull(refreshed["AuthenticationResult"]!["AccessToken"]);
    }

    [Fact]
    public async Task AdminPasswordFlowNeedsTheClientToAllowIt()
    {
        await _app.SignUpConfirmedAsync("ada");

        var refused = await AdminSignInAsync(LocalCognitoApp.PublicClientId, "ada");

        refused.AssertError("InvalidParameterException", "Auth flow not enabled for this client");
    }

    [Fact]
    public async Task EachOperationRefusesTheOthersPasswordFlow()
    {
        await _app.SignUpConfirmedAsync("ada");
        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"]);

        (await AdminSignInAsync(clientId, "ada", flow: "USER_PASSWORD_AUTH"))
            .AssertError("InvalidParameterException", "Initiate Auth method not supported.");
        (await _app.CallAsync("InitiateAuth", new
        {
            ClientId = clientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "ada", ["PASSWORD"] = Users.Password },
        })).AssertError("InvalidParameterException", "Initiate Auth method not supported.");
    }

    [Fact]
    public async Task LegacyFlowValuesLeaveSrpAndRefreshAllowed()
    {
        await _app.SignUpConfirmedAsync("ada");
        var legacyPassword = await ClientAsync(["USER_PASSWORD_AUTH"]);
        var legacyAdmin = await ClientAsync(["ADMIN_NO_SRP_AUTH"]);

        var srp = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = legacyPassword, AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "ada", ["SRP_A"] = SrpClientSession.Create().PublicValueHex },
        });
        Assert.Equal("PASSWORD_VERIFIER", srp.Body["ChallengeName"].Text());
        var tokens = (await _app.PasswordSignInAsync("ada", clientId: legacyPassword)).Body["AuthenticationResult"]!;
        await _app.OkAsync("InitiateAuth", new
        {
            ClientId = legacyPassword, AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = tokens["RefreshToken"].Text() },
        });
        Assert.Null((await AdminSignInAsync(legacyAdmin, "ada")).Type);
        (await _app.PasswordSignInAsync("ada", clientId: legacyAdmin))
            .AssertError("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
    }

    [Fact]
    public async Task AListMixingLegacyAndAllowValuesIsRefused()
    {
        var mixed = await _app.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientName = "mixed", ExplicitAuthFlows = new[] { "USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH" },
        });

        mixed.AssertError("InvalidParameterException");
        var clients = await _app.OkAsync("ListUserPoolClients", new { UserPoolId = LocalCognitoApp.PoolId, MaxResults = 60 });
        Assert.DoesNotContain(clients["UserPoolClients"]!.AsArray(), c => c!["ClientName"].Text() == "mixed");
    }

    [Fact]
    public async Task MissingMembersAndUnknownFlowsAreValidationErrors()
    {
        (await _app.CallAsync("AdminInitiateAuth", new { ClientId = LocalCognitoApp.PublicClientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH" }))
            .AssertError("InvalidParameterException");
        (await AdminSignInAsync(LocalCognitoApp.PublicClientId, "ada", flow: "PASSWORDLESS"))
            .AssertError("InvalidParameterException");
        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH"]);
        (await _app.CallAsync("AdminInitiateAuth", new { UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH" }))
            .AssertError("InvalidParameterException", "Missing required parameter USERNAME");
        (await _app.CallAsync("AdminRespondToAuthChallenge", new { UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId }))
            .AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task UnknownPoolsClientsOfOtherPoolsAndUnknownUsersAreNotFound()
    {
        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH"]);
        var other = await _app.OkAsync("CreateUserPool", new { PoolName = "other" });
        var otherPool = other["UserPool"]!["Id"].Text();

        (await AdminSignInAsync(clientId, "ada", poolId: "us-west-2_Nowhere")).AssertError("ResourceNotFoundException", "User pool us-west-2_Nowhere does not exist.");
        (await AdminSignInAsync(clientId, "ada", poolId: otherPool)).AssertError("ResourceNotFoundException", $"User pool client {clientId} does not exist.");
        var legacyClient = await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientName = "legacy", ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH" },
            PreventUserExistenceErrors = "LEGACY",
        });
        (await AdminSignInAsync(legacyClient["UserPoolClient"]!["ClientId"].Text(), "nobody"))
            .AssertError("UserNotFoundException", "User does not exist.");
        (await AdminSignInAsync(clientId, "nobody")).AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task WrongPasswordsLockTheUserOutOfEveryWayIn()
    {
        await _app.SignUpConfirmedAsync("ada");
        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH"]);
        for (var i = 0; i < 5; i++)
        {
            (await AdminSignInAsync(clientId, "ada", "wrong password")).AssertError("NotAuthorizedException", "Incorrect username or password.");
        }

        (await _app.PasswordSignInAsync("ada")).AssertError("NotAuthorizedException", "Password attempts exceeded");
        (await AdminSignInAsync(clientId, "ada")).AssertError("NotAuthorizedException", "Password attempts exceeded");
    }

    [Fact]
    public async Task DisabledUsersAndMissingSecretHashesAreNotAuthorized()
    {
        await _app.SignUpConfirmedAsync("ada");
        var withSecret = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH"], secret: true);
        (await AdminSignInAsync(withSecret, "ada"))
            .AssertError("NotAuthorizedException", $"Client {withSecret} is configured with secret but SECRET_HASH was not received");

        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH"]);
        await _app.OkAsync("AdminDisableUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });
        (await AdminSignInAsync(clientId, "ada")).AssertError("NotAuthorizedException", "User is disabled.");
    }

    [Fact]
    public async Task TemporaryPasswordLeadsToNewPasswordRequiredAnsweredByTheAdminOperation()
    {
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "bo", TemporaryPassword = "temporary one", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "email", Value = "bo@example.com" } },
        });
        var clientId = await ClientAsync(["ALLOW_ADMIN_USER_PASSWORD_AUTH"]);

        var challenge = await AdminSignInAsync(clientId, "bo", "temporary one");
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Body["ChallengeName"].Text());
        var answer = new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId, ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenge.Body["Session"].Text(),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "bo", ["NEW_PASSWORD"] = "chosen password" },
        };
        (await _app.CallAsync("AdminRespondToAuthChallenge", answer with { UserPoolId = "us-west-2_Nowhere" }))
            .AssertError("ResourceNotFoundException");
        var tokens = await _app.OkAsync("AdminRespondToAuthChallenge", answer);

        Assert.NotNull(tokens["AuthenticationResult"]!["IdToken"]);
        Assert.Null((await AdminSignInAsync(clientId, "bo", "chosen password")).Type);
        (await _app.CallAsync("AdminRespondToAuthChallenge", answer))
            .AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task SrpThroughTheAdminOperationsProvesThePassword()
    {
        await _app.SignUpConfirmedAsync("ada");
        var session = SrpClientSession.Create();
        var initiated = await _app.OkAsync("AdminInitiateAuth", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientId = LocalCognitoApp.PublicClientId, AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "ada", ["SRP_A"] = session.PublicValueHex },
        });
        var parameters = initiated["ChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var challenge = PasswordVerifierChallenge.Parse("LocalPool", parameters);
        var timestamp = SrpTimestamp.ToWire(_app.Time.GetUtcNow());

        var answered = await _app.OkAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientId = LocalCognitoApp.PublicClientId, ChallengeName = "PASSWORD_VERIFIER",
            Session = initiated["Session"].Text(),
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = challenge.Username,
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = challenge.SecretBlock,
                ["TIMESTAMP"] = timestamp,
                ["PASSWORD_CLAIM_SIGNATURE"] = session.ComputeClaimSignature(challenge, Users.Password, timestamp),
            },
        });

        Assert.NotNull(answered["AuthenticationResult"]!["AccessToken"]);
    }
}
