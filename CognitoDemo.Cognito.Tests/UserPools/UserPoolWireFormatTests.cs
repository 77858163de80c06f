using System.Net;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.Tests.Support;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Cognito.Tests.UserPools;

/// <summary>
/// What each user-pool operation puts on the wire (protocol doc 1.2 and the botocore model), and how
/// each reads its answer and its errors.
/// </summary>
public sealed class UserPoolWireFormatTests
{
    private static readonly string Hash = SecretHash.Compute("alice", Clients.ClientId, Clients.ClientSecret);

    public sealed record OperationCase(string Operation, Func<UserPoolClient, Task> Call, string ExpectedBody, string Answer)
    {
        public override string ToString() => Operation;
    }

    private static readonly OperationCase[] Cases =
    [
        new("SignUp",
            c => c.SignUpAsync(new SignUpRequest
            {
                Username = "alice", Password = "correct horse",
                UserAttributes = [new("email", "alice@example.com"), new("custom:location", "Lisbon")],
            }),
            $$"""{"ClientId":"{{Clients.ClientId}}","SecretHash":"{{Hash}}","Username":"alice","Password":"correct horse","UserAttributes":[{"Name":"email","Value":"alice@example.com"},{"Name":"custom:location","Value":"Lisbon"}]}""",
            """{"UserConfirmed":false,"UserSub":"5f1c2b1e-3f0a-4d2c-9d1e-0b7a6c5d4e3f","CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"""),
        new("ConfirmSignUp",
            c => c.ConfirmSignUpAsync(new ConfirmSignUpRequest { Username = "alice", ConfirmationCode = "123456" }),
            $$"""{"ClientId":"{{Clients.ClientId}}","SecretHash":"{{Hash}}","Username":"alice","ConfirmationCode":"123456"}""",
            "{}"),
        new("ResendConfirmationCode",
            c => c.ResendConfirmationCodeAsync(new ResendConfirmationCodeRequest { Username = "alice" }),
            $$"""{"ClientId":"{{Clients.ClientId}}","SecretHash":"{{Hash}}","Username":"alice"}""",
            """{"CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"""),
        new("InitiateAuth",
            c => c.InitiateAuthAsync(new InitiateAuthRequest
            {
                AuthFlow = AuthFlows.UserSrpAuth,
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["SRP_A"] = "abc" },
            }),
            $$$"""{"AuthFlow":"USER_SRP_AUTH","ClientId":"{{{Clients.ClientId}}}","AuthParameters":{"USERNAME":"alice","SRP_A":"abc"}}""",
            """{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab"}}"""),
        new("RespondToAuthChallenge",
            c => c.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
            {
                ChallengeName = ChallengeNames.NewPasswordRequired, Session = "s",
                ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "alice", ["NEW_PASSWORD"] = "n" },
            }),
            $$$"""{"ClientId":"{{{Clients.ClientId}}}","ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s","ChallengeResponses":{"USERNAME":"alice","NEW_PASSWORD":"n"}}""",
            """{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"r","IdToken":"i"}}"""),
        new("GetUser",
            c => c.GetUserAsync(new GetUserRequest { AccessToken = "token" }),
            """{"AccessToken":"token"}""",
            """{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"5f1c"},{"Name":"email_verified","Value":"true"}]}"""),
        new("UpdateUserAttributes",
            c => c.UpdateUserAttributesAsync(new UpdateUserAttributesRequest
            {
                AccessToken = "token", UserAttributes = [new("custom:location", "Porto")],
            }),
            """{"UserAttributes":[{"Name":"custom:location","Value":"Porto"}],"AccessToken":"token"}""",
            "{}"),
        new("ChangePassword",
            c => c.ChangePasswordAsync(new ChangePasswordRequest { AccessToken = "token", PreviousPassword = "old", ProposedPassword = "new" }),
            """{"PreviousPassword":"old","ProposedPassword":"new","AccessToken":"token"}""",
            "{}"),
        new("ForgotPassword",
            c => c.ForgotPasswordAsync(new ForgotPasswordRequest { Username = "alice" }),
            $$"""{"ClientId":"{{Clients.ClientId}}","SecretHash":"{{Hash}}","Username":"alice"}""",
            """{"CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"""),
        new("ConfirmForgotPassword",
            c => c.ConfirmForgotPasswordAsync(new ConfirmForgotPasswordRequest { Username = "alice", ConfirmationCode = "654321", Password = "new" }),
            $$"""{"ClientId":"{{Clients.ClientId}}","SecretHash":"{{Hash}}","Username":"alice","ConfirmationCode":"654321","Password":"new"}""",
            ""),
        new("GlobalSignOut",
            c => c.GlobalSignOutAsync(new GlobalSignOutRequest { AccessToken = "token" }),
            """{"AccessToken":"token"}""",
            "{}"),
        new("RevokeToken",
            c => c.RevokeTokenAsync(new RevokeTokenRequest { Token = "refresh" }),
            $$"""{"Token":"refresh","ClientId":"{{Clients.ClientId}}","ClientSecret":"{{Clients.ClientSecret}}"}""",
            ""),
        new("DeleteUser",
            c => c.DeleteUserAsync(new DeleteUserRequest { AccessToken = "token" }),
            """{"AccessToken":"token"}""",
            ""),
        new("ListUsers",
            c => c.ListUsersAsync(new ListUsersRequest { UserPoolId = "us-west-2_LocalPool", Limit = 20, PaginationToken = "page-2" }),
            """{"UserPoolId":"us-west-2_LocalPool","Limit":20,"PaginationToken":"page-2"}""",
            ListUsersAnswer),
    ];

    // A ListUsers page as the API reference shows it: UserType names the attributes "Attributes", dates are epoch seconds.
    private const string ListUsersAnswer = """
        {"Users":[{"Username":"alice","Attributes":[{"Name":"email","Value":"alice@example.com"}],
          "UserCreateDate":1767603787.123,"UserLastModifiedDate":1767603787,"Enabled":true,"UserStatus":"CONFIRMED"}],
         "PaginationToken":"page-3"}
        """;

    public static TheoryData<string> Operations => [.. Cases.Select(c => c.Operation)];

    private static OperationCase For(string operation) => Cases.Single(c => c.Operation == operation);

    [Fact]
    public void EveryOperationTheAppCallsIsCovered() =>
        Assert.Equal(
            typeof(UserPoolOperations).GetFields().Where(f => f.IsLiteral && f.Name is not ("TargetPrefix" or "SigningName"))
                .Select(f => (string)f.GetRawConstantValue()!).Order(),
            Cases.Select(c => c.Operation).Order());

    [Fact]
    public async Task ListUsersReadsEachUserAndTheNextPagesToken()
    {
        var page = await Clients.UserPool(RecordingHandler.Answering(ListUsersAnswer))
            .ListUsersAsync(new ListUsersRequest { UserPoolId = "us-west-2_LocalPool" }, TestContext.Current.CancellationToken);

        var user = Assert.Single(page.Users);
        Assert.Equal(("alice", "CONFIRMED", true), (user.Username, user.UserStatus, user.Enabled));
        Assert.Equal("alice@example.com", Assert.Single(user.Attributes!).Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767603787), user.UserLastModifiedDate);
        Assert.Equal("page-3", page.PaginationToken);
    }

    [Fact]
    public void ThisTestRunForbidsReflectionBasedJsonSoEveryShapeMustBeSourceGenerated() =>
        Assert.False(System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task RequestIsAnAwsJson11PostToTheRootWithTheOperationTarget(string operation)
    {
        var handler = RecordingHandler.Answering(For(operation).Answer);

        await For(operation).Call(Clients.UserPool(handler));

        var sent = handler.Only;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://cognito-idp.us-west-2.amazonaws.com/", sent.Uri.ToString());
        Assert.Equal($"AWSCognitoIdentityProviderService.{operation}", sent.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", sent.ContentType);
        Assert.False(sent.Headers.ContainsKey("Authorization"), "public operations are unsigned");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task BodyUsesTheModelMemberNamesAndOmitsUnsetMembers(string operation)
    {
        var handler = RecordingHandler.Answering(For(operation).Answer);

        await For(operation).Call(Clients.UserPool(handler));

        var expected = JsonNode.Parse(For(operation).ExpectedBody);
        var actual = JsonNode.Parse(handler.Only.Body);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task ErrorAnswerBecomesAServiceExceptionWithCodeMessageStatusAndRequestId(string operation)
    {
        var handler = new RecordingHandler(_ =>
        {
            var response = RecordingHandler.Json(
                """{"__type":"NotAuthorizedException","message":"Incorrect username or password."}""", HttpStatusCode.BadRequest);
            response.Headers.Add("x-amzn-RequestId", "7d1f4a52-7a1b-4c43-8b0e-1d2c3b4a5f60");
            return response;
        });

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => For(operation).Call(Clients.UserPool(handler)));

        Assert.Equal("NotAuthorizedException", error.ErrorCode);
        Assert.Equal("Incorrect username or password.", error.ErrorMessage);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("7d1f4a52-7a1b-4c43-8b0e-1d2c3b4a5f60", error.RequestId);
        Assert.Equal(operation, error.Operation);
    }

    [Fact]
    public async Task SignUpAnswerIsReadIntoTheModelShape()
    {
        var client = Clients.UserPool(RecordingHandler.Answering(For("SignUp").Answer));

        var response = await client.SignUpAsync(new SignUpRequest { Username = "alice", Password = "p" });

        Assert.False(response.UserConfirmed);
        Assert.Equal("5f1c2b1e-3f0a-4d2c-9d1e-0b7a6c5d4e3f", response.UserSub);
        Assert.Equal(new CodeDeliveryDetailsType { Destination = "a***@e***", DeliveryMedium = "EMAIL", AttributeName = "email" },
            response.CodeDeliveryDetails);
    }

    [Fact]
    public async Task GetUserAnswerExposesAttributesByName()
    {
        var client = Clients.UserPool(RecordingHandler.Answering(For("GetUser").Answer));

        var user = await client.GetUserAsync(new GetUserRequest { AccessToken = "token" });

        Assert.Equal("alice", user.Username);
        Assert.Equal("true", user.Attribute("email_verified"));
        Assert.Null(user.Attribute("custom:location"));
    }

    [Fact]
    public async Task SignUpAnswerWithoutUserSubIsAFormatErrorNotAJsonException()
    {
        var client = Clients.UserPool(RecordingHandler.Answering("""{"UserConfirmed":false}"""));

        var error = await Assert.ThrowsAsync<CognitoResponseFormatException>(
            () => client.SignUpAsync(new SignUpRequest { Username = "alice", Password = "p" }));

        Assert.Equal("SignUp", error.Operation);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("<html>OK</html>")]
    public async Task UnreadableSuccessAnswerIsAFormatError(string body)
    {
        var client = Clients.UserPool(RecordingHandler.Answering(body));

        await Assert.ThrowsAsync<CognitoResponseFormatException>(
            () => client.GetUserAsync(new GetUserRequest { AccessToken = "token" }));
    }

    [Fact]
    public async Task ExplicitClientIdIsSentAsGivenWithoutComputingASecretHash()
    {
        var handler = RecordingHandler.Answering("{}");

        await Clients.UserPool(handler).ConfirmSignUpAsync(new ConfirmSignUpRequest
        {
            ClientId = "otherclient", Username = "alice", ConfirmationCode = "1",
        });

        Assert.Equal("""{"ClientId":"otherclient","Username":"alice","ConfirmationCode":"1"}""", handler.Only.Body);
    }

    [Fact]
    public async Task PublicClientSendsNoSecretHashAndNoClientSecret()
    {
        var handler = RecordingHandler.Answering("{}");
        var client = Clients.UserPool(handler, Clients.Options(withSecret: false));

        await client.ForgotPasswordAsync(new ForgotPasswordRequest { Username = "alice" });
        await client.RevokeTokenAsync(new RevokeTokenRequest { Token = "r" });

        Assert.Equal($$"""{"ClientId":"{{Clients.ClientId}}","Username":"alice"}""", handler.Requests[0].Body);
        Assert.Equal($$"""{"Token":"r","ClientId":"{{Clients.ClientId}}"}""", handler.Requests[1].Body);
    }

    [Fact]
    public async Task ServiceUrlOverrideSendsEveryCallToTheEmulator()
    {
        var handler = RecordingHandler.Answering("{}");
        var client = Clients.UserPool(handler, Clients.Options(serviceUrl: new Uri("http://localhost:9229/")));

        await client.GlobalSignOutAsync(new GlobalSignOutRequest { AccessToken = "t" });

        Assert.Equal("http://localhost:9229/", handler.Only.Uri.ToString());
    }
}
