using System.Text.Json.Nodes;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>Provisioning as the AWS CLI and SDKs do it (shapes of botocore's cognito-idp model).</summary>
public sealed class ManagementTests : IDisposable
{
    private static readonly string[] EmailOnly = ["email"];
    private static readonly string[] UnknownFlows = ["ALLOW_EVERYTHING"];
    private static readonly string[] PasswordFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonObject> CreatePoolAsync(string name = "Provisioned") =>
        (await _app.OkAsync("CreateUserPool", new
        {
            PoolName = name,
            Policies = new { PasswordPolicy = new { MinimumLength = 10, RequireNumbers = true } },
            Schema = new object[]
            {
                new { Name = "email", AttributeDataType = "String", Required = true, Mutable = true },
                new { Name = "team", AttributeDataType = "String", Mutable = false, StringAttributeConstraints = new { MaxLength = "16" } },
            },
            AutoVerifiedAttributes = EmailOnly,
            UsernameConfiguration = new { CaseSensitive = false },
        }))["UserPool"]!.AsObject();

    private async Task<JsonObject> CreateClientAsync(string poolId, bool secret, params string[] flows) =>
        (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = "cli",
            GenerateSecret = secret,
            ExplicitAuthFlows = flows.Length == 0 ? null : flows,
        }))["UserPoolClient"]!.AsObject();

    [Fact]
    public async Task CreateUserPoolAnswersAnAwsShapedPool()
    {
        var pool = await CreatePoolAsync();

        Assert.Matches("^us-west-2_[0-9a-zA-Z]{9}$", pool["Id"].Text());
        Assert.Equal("Provisioned", pool["Name"].Text());
        Assert.Equal($"arn:aws:cognito-idp:us-west-2:000000000000:userpool/{pool["Id"].Text()}", pool["Arn"].Text());
        Assert.Equal(10, pool["Policies"]!["PasswordPolicy"]!["MinimumLength"]!.GetValue<int>());
        Assert.True(pool["Policies"]!["PasswordPolicy"]!["RequireNumbers"]!.GetValue<bool>());
        Assert.False(pool["UsernameConfiguration"]!["CaseSensitive"]!.GetValue<bool>());
        var team = pool["SchemaAttributes"]!.AsArray().Single(a => a!["Name"].Text() == "custom:team")!;
        Assert.False(team["Mutable"]!.GetValue<bool>());
        Assert.Equal("16", team["StringAttributeConstraints"]!["MaxLength"].Text());
        Assert.True(pool["SchemaAttributes"]!.AsArray().Single(a => a!["Name"].Text() == "email")!["Required"]!.GetValue<bool>());
        Assert.IsType<double>(pool["CreationDate"]!.GetValue<double>());
    }

    [Fact]
    public async Task PoolsAreCreatedInTheRegionOfTheSignature()
    {
        var response = await _app.SendAsync("CreateUserPool", "{\"PoolName\":\"eu\"}", r =>
        {
            r.Headers.TryAddWithoutValidation("X-Amz-Date", "20260105T090307Z");
            r.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20260105/eu-west-2/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        });
        Assert.StartsWith("eu-west-2_", response.Body["UserPool"]!["Id"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiredCustomAttributesAreRefused()
    {
        var response = await _app.CallAsync("CreateUserPool", new { PoolName = "p", Schema = new[] { new { Name = "x", Required = true } } });
        response.AssertError("InvalidParameterException", "Required custom attributes are not supported currently.");
    }

    [Fact]
    public async Task DescribeListAndDeletePools()
    {
        var created = await CreatePoolAsync();
        var id = created["Id"].Text();

        var described = await _app.OkAsync("DescribeUserPool", new { UserPoolId = id });
        var firstPage = await _app.OkAsync("ListUserPools", new { MaxResults = 1 });
        var secondPage = await _app.OkAsync("ListUserPools", new { MaxResults = 1, NextToken = firstPage["NextToken"].Text() });
        await _app.OkAsync("DeleteUserPool", new { UserPoolId = id });
        var gone = await _app.CallAsync("DescribeUserPool", new { UserPoolId = id });

        Assert.Equal(created["Name"].Text(), described["UserPool"]!["Name"].Text());
        Assert.Equal(0, described["UserPool"]!["EstimatedNumberOfUsers"]!.GetValue<int>());
        Assert.Equal(LocalCognitoApp.PoolId, firstPage["UserPools"]![0]!["Id"].Text());
        Assert.Equal(id, secondPage["UserPools"]![0]!["Id"].Text());
        Assert.Null(secondPage["NextToken"]);
        gone.AssertError("ResourceNotFoundException", $"User pool {id} does not exist.");
    }

    [Fact]
    public async Task ListUserPoolsRequiresMaxResults()
    {
        var response = await _app.CallAsync("ListUserPools", new { });
        response.AssertError("InvalidParameterException",
            "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task CreateUserPoolClientWithSecretHasAwsShapedIdsAndDefaults()
    {
        var poolId = (await CreatePoolAsync())["Id"].Text();

        var client = await CreateClientAsync(poolId, secret: true);

        Assert.Matches("^[a-z0-9]{26}$", client["ClientId"].Text());
        Assert.Matches("^[a-z0-9]{51}$", client["ClientSecret"].Text());
        Assert.Equal(["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            client["ExplicitAuthFlows"]!.AsArray().Select(f => f.Text()));
        Assert.Equal("ENABLED", client["PreventUserExistenceErrors"].Text());
        Assert.Equal(60, client["AccessTokenValidity"]!.GetValue<int>());
        Assert.Equal("minutes", client["TokenValidityUnits"]!["AccessToken"].Text());
        Assert.Equal(30, client["RefreshTokenValidity"]!.GetValue<int>());
    }

    [Fact]
    public async Task DescribeAndListClients()
    {
        var poolId = (await CreatePoolAsync())["Id"].Text();
        var client = await CreateClientAsync(poolId, secret: false, "ALLOW_USER_PASSWORD_AUTH");

        var described = await _app.OkAsync("DescribeUserPoolClient", new { UserPoolId = poolId, ClientId = client["ClientId"].Text() });
        var listed = await _app.OkAsync("ListUserPoolClients", new { UserPoolId = poolId, MaxResults = 10 });
        var elsewhere = await _app.CallAsync("DescribeUserPoolClient", new { UserPoolId = LocalCognitoApp.PoolId, ClientId = client["ClientId"].Text() });

        Assert.Null(described["UserPoolClient"]!["ClientSecret"]);
        Assert.Equal(["ALLOW_USER_PASSWORD_AUTH"], described["UserPoolClient"]!["ExplicitAuthFlows"]!.AsArray().Select(f => f.Text()));
        Assert.Equal(client["ClientId"].Text(), listed["UserPoolClients"]!.AsArray().Single()!["ClientId"].Text());
        elsewhere.AssertError("ResourceNotFoundException");
    }

    [Fact]
    public async Task UnknownExplicitAuthFlowIsAnEnumViolation()
    {
        var response = await _app.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientName = "x", ExplicitAuthFlows = UnknownFlows,
        });
        response.AssertError("InvalidParameterException");
        Assert.Contains("'explicitAuthFlows'", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionedPoolEnforcesItsOwnPolicySchemaAndClientSecret()
    {
        var poolId = (await CreatePoolAsync())["Id"].Text();
        var client = await CreateClientAsync(poolId, secret: true, "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        var (clientId, secret) = (client["ClientId"].Text(), client["ClientSecret"].Text());
        object SignUp(string password, string team) => new
        {
            ClientId = clientId,
            Username = "Tess",
            Password = password,
            SecretHash = CognitoDemo.Cognito.SecretHash.Compute("Tess", clientId, secret),
            UserAttributes = new[] { new { Name = "email", Value = "tess@example.com" }, new { Name = "custom:team", Value = team } },
        };

        (await _app.CallAsync("SignUp", SignUp("longpassword", "blue")))
            .AssertError("InvalidPasswordException", "Password did not conform with policy: Password must have numeric characters");
        (await _app.CallAsync("SignUp", SignUp("longpassword1", new string('b', 17))))
            .AssertError("InvalidParameterException", "Attributes did not conform to the schema: custom:team: String must be no longer than 16 characters");
        Assert.Null((await _app.CallAsync("SignUp", SignUp("longpassword1", "blue"))).Type);
        await _app.OkAsync("AdminConfirmSignUp", new { UserPoolId = poolId, Username = "tess" });
        var signIn = await _app.CallAsync("InitiateAuth", new
        {
            ClientId = clientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string>
            {
                ["USERNAME"] = "tess",
                ["PASSWORD"] = "longpassword1",
                ["SECRET_HASH"] = CognitoDemo.Cognito.SecretHash.Compute("tess", clientId, secret),
            },
        });
        var access = signIn.Body["AuthenticationResult"]!["AccessToken"].Text();
        (await _app.CallAsync("UpdateUserAttributes", new { AccessToken = access, UserAttributes = new[] { new { Name = "custom:team", Value = "red" } } }))
            .AssertError("InvalidParameterException", "Attributes did not conform to the schema: custom:team: Attribute cannot be updated. (changing an immutable attribute)");
    }

    [Fact]
    public async Task CreateUserPoolDomainIsShownByDescribeAndIsUnique()
    {
        var poolId = (await CreatePoolAsync())["Id"].Text();

        await _app.OkAsync("CreateUserPoolDomain", new { UserPoolId = poolId, Domain = "my-app" });
        var taken = await _app.CallAsync("CreateUserPoolDomain", new { UserPoolId = poolId, Domain = "cognito-demo" });

        Assert.Equal("my-app", (await _app.OkAsync("DescribeUserPool", new { UserPoolId = poolId }))["UserPool"]!["Domain"].Text());
        taken.AssertError("InvalidParameterException", "Domain already associated with another user pool.");
    }

    [Fact]
    public async Task AdminConfirmSignUpConfirmsAnUnconfirmedUserOnce()
    {
        await _app.SignUpAsync("uma");

        await _app.OkAsync("AdminConfirmSignUp", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma" });
        var again = await _app.CallAsync("AdminConfirmSignUp", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma" });

        Assert.Null((await _app.PasswordSignInAsync("uma")).Type);
        again.AssertError("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED");
    }

    [Fact]
    public async Task AdminOperationsOnAnUnknownUserAreUserNotFound()
    {
        foreach (var operation in (string[])["AdminGetUser", "AdminConfirmSignUp", "AdminDeleteUser"])
        {
            (await _app.CallAsync(operation, new { UserPoolId = LocalCognitoApp.PoolId, Username = "ghost" }))
                .AssertError("UserNotFoundException", "User does not exist.");
        }
    }

    [Fact]
    public async Task AdminDeleteUserRemovesTheUser()
    {
        await _app.SignUpConfirmedAsync("uma");
        await _app.OkAsync("AdminDeleteUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "UMA" });
        (await _app.PasswordSignInAsync("uma")).AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task TemporaryPasswordLeadsToNewPasswordRequiredAndThenTokens()
    {
        await _app.SignUpConfirmedAsync("uma");
        await _app.OkAsync("AdminSetUserPassword", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma", Password = "temporary1", Permanent = false });

        var challenged = await _app.PasswordSignInAsync("uma", "temporary1");
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenged.Body["ChallengeName"].Text());
        Assert.Equal("[]", challenged.Body["ChallengeParameters"]!["requiredAttributes"].Text());
        Assert.Equal("uma@example.com", JsonNode.Parse(challenged.Body["ChallengeParameters"]!["userAttributes"].Text())!["email"].Text());

        var answered = await _app.OkAsync("RespondToAuthChallenge", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenged.Body["Session"].Text(),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "uma", ["NEW_PASSWORD"] = "my own choice" },
        });

        Assert.NotNull(answered["AuthenticationResult"]?["AccessToken"]);
        Assert.Equal("CONFIRMED", (await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma" }))["UserStatus"].Text());
        Assert.Null((await _app.PasswordSignInAsync("uma", "my own choice")).Type);
    }

    [Fact]
    public async Task RejectedNewPasswordLeavesTheChallengeOpenForAnotherTry()
    {
        await _app.SignUpConfirmedAsync("uma");
        await _app.OkAsync("AdminSetUserPassword", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma", Password = "temporary1", Permanent = false });
        var session = (await _app.PasswordSignInAsync("uma", "temporary1")).Body["Session"].Text();
        Task<AwsResponse> AnswerAsync(string password) => _app.CallAsync("RespondToAuthChallenge", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = session,
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "uma", ["NEW_PASSWORD"] = password },
        });

        (await AnswerAsync("short")).AssertError("InvalidPasswordException");
        Assert.NotNull((await AnswerAsync("long enough now")).Body["AuthenticationResult"]);
        (await AnswerAsync("long enough again")).AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task ClientTokenValiditySetsExpiresInAndExp()
    {
        var client = (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId,
            ClientName = "short-lived",
            ExplicitAuthFlows = PasswordFlows,
            AccessTokenValidity = 5,
            IdTokenValidity = 2,
            TokenValidityUnits = new { AccessToken = "minutes", IdToken = "hours" },
        }))["UserPoolClient"]!["ClientId"].Text();
        await _app.SignUpConfirmedAsync("uma");

        var result = (await _app.PasswordSignInAsync("uma", clientId: client)).Body["AuthenticationResult"]!;

        Assert.Equal(300, result["ExpiresIn"]!.GetValue<int>());
        var access = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(result["AccessToken"].Text());
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(result["IdToken"].Text());
        Assert.Equal(300, access.GetPayloadValue<long>("exp") - access.GetPayloadValue<long>("iat"));
        Assert.Equal(7200, id.GetPayloadValue<long>("exp") - id.GetPayloadValue<long>("iat"));
    }

    [Theory]
    [InlineData("RefreshTokenValidity", 315360000, "days")]
    [InlineData("RefreshTokenValidity", 59, "minutes")]
    [InlineData("AccessTokenValidity", 4, "minutes")]
    [InlineData("IdTokenValidity", 25, "hours")]
    public async Task TokenValidityOutsideAwsRangesIsRefused(string member, int value, string unit)
    {
        var units = new Dictionary<string, string> { [member.Replace("Validity", "", StringComparison.Ordinal)] = unit };
        var body = new Dictionary<string, object>
        {
            ["UserPoolId"] = LocalCognitoApp.PoolId, ["ClientName"] = "x", [member] = value, ["TokenValidityUnits"] = units,
        };

        var response = await _app.CallAsync("CreateUserPoolClient", body);

        response.AssertError("InvalidParameterException");
        Assert.StartsWith($"{member} of {value} {unit} is out of range", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermanentAdminPasswordWorksForSrpAtOnce()
    {
        await _app.SignUpConfirmedAsync("uma");
        await _app.OkAsync("AdminSetUserPassword", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma", Password = "permanent1", Permanent = true });

        var session = SrpClientSession.Create();
        var initiated = await _app.OkAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "uma", ["SRP_A"] = session.PublicValueHex },
        });
        var challenge = PasswordVerifierChallenge.Parse("LocalPool",
            initiated["ChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value.Text()));
        var timestamp = SrpTimestamp.ToWire(_app.Time.GetUtcNow());
        var answered = await _app.OkAsync("RespondToAuthChallenge", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            ChallengeName = "PASSWORD_VERIFIER",
            Session = initiated["Session"].Text(),
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = challenge.Username,
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = challenge.SecretBlock,
                ["TIMESTAMP"] = timestamp,
                ["PASSWORD_CLAIM_SIGNATURE"] = session.ComputeClaimSignature(challenge, "permanent1", timestamp),
            },
        });

        Assert.NotNull(answered["AuthenticationResult"]);
    }

    [Fact]
    public async Task AdminSetUserPasswordEnforcesThePolicy()
    {
        await _app.SignUpConfirmedAsync("uma");
        var response = await _app.CallAsync("AdminSetUserPassword", new { UserPoolId = LocalCognitoApp.PoolId, Username = "uma", Password = "short", Permanent = true });
        response.AssertError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
    }

    [Fact]
    public async Task ListUsersFiltersByEmailAndPages()
    {
        foreach (var name in (string[])["vera", "victor", "walt"])
        {
            await _app.SignUpAsync(name);
        }

        var exact = await _app.OkAsync("ListUsers", new { UserPoolId = LocalCognitoApp.PoolId, Filter = "email = \"victor@example.com\"" });
        var prefix = await _app.OkAsync("ListUsers", new { UserPoolId = LocalCognitoApp.PoolId, Filter = "username ^= \"v\"", Limit = 1 });
        var next = await _app.OkAsync("ListUsers", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Filter = "username ^= \"v\"", Limit = 1, PaginationToken = prefix["PaginationToken"].Text(),
        });

        var victor = exact["Users"]!.AsArray().Single()!;
        Assert.Equal("victor", victor["Username"].Text());
        Assert.Equal("UNCONFIRMED", victor["UserStatus"].Text());
        Assert.Contains(victor["Attributes"]!.AsArray(), a => a!["Name"].Text() == "email");
        Assert.Equal("vera", prefix["Users"]![0]!["Username"].Text());
        Assert.Equal("victor", next["Users"]![0]!["Username"].Text());
        Assert.Null(next["PaginationToken"]);
    }

    [Fact]
    public async Task ListUsersWithAMalformedFilterIsInvalidParameter()
    {
        var response = await _app.CallAsync("ListUsers", new { UserPoolId = LocalCognitoApp.PoolId, Filter = "email contains x" });
        response.AssertError("InvalidParameterException", "Error while parsing filter.");
    }
}
