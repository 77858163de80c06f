using System.Net;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

public sealed class ProtocolTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UnknownTargetIsUnknownOperationException()
    {
        var response = await _app.SendAsync("FlyToTheMoon", "{}");
        response.AssertError("UnknownOperationException");
    }

    [Fact]
    public async Task MissingTargetHeaderIsUnknownOperationException()
    {
        var response = await _app.SendAsync(null, "{}");
        response.AssertError("UnknownOperationException", "Missing X-Amz-Target header.");
    }

    [Fact]
    public async Task MalformedJsonIsSerializationException()
    {
        var response = await _app.SendAsync("SignUp", "{\"ClientId\": ");
        response.AssertError("SerializationException");
    }

    [Fact]
    public async Task DuplicateMemberIsSerializationException()
    {
        var response = await _app.SendAsync("SignUp", "{\"ClientId\":\"a\",\"ClientId\":\"b\"}");
        response.AssertError("SerializationException", "The request body is not valid JSON.");
    }

    [Fact]
    public async Task JsonThatIsNotAnObjectIsSerializationException()
    {
        var response = await _app.SendAsync("SignUp", "[1, 2]");
        response.AssertError("SerializationException", "The request body must be a JSON object.");
    }

    [Fact]
    public async Task MemberOfTheWrongTypeIsSerializationException()
    {
        var response = await _app.CallAsync("SignUp", new { ClientId = 42, Username = "a", Password = "password1" });
        response.AssertError("SerializationException");
        Assert.Contains("clientId", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyMeansNoMembersAndNamesTheMissingOne()
    {
        var response = await _app.SendAsync("SignUp", "");
        response.AssertError("InvalidParameterException",
            "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task OverLongMemberIsInvalidParameterNamingIt()
    {
        var response = await _app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = new string('u', 129),
            Password = "password1",
        });
        response.AssertError("InvalidParameterException",
            "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128");
    }

    [Fact]
    public async Task ValidationMessagesNeverEchoThePassword()
    {
        var response = await _app.CallAsync("SignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            Username = "alice",
            Password = " leading-space-secret",
        });
        response.AssertError("InvalidParameterException");
        Assert.DoesNotContain("secret", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBodyIsRefusedBeforeParsing()
    {
        var response = await _app.SendAsync("SignUp", "{\"Username\":\"" + new string('x', 300 * 1024) + "\"}");
        response.AssertError("RequestEntityTooLargeException", status: HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task MalformedSignatureHeaderIsIncompleteSignature()
    {
        var response = await _app.SendAsync("ListUserPools", "{\"MaxResults\":10}",
            r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer nonsense"));
        response.AssertError("IncompleteSignatureException");
    }

    [Fact]
    public async Task AnswersCarryTheAwsContentTypeAndARequestId()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools");
        request.Content = new StringContent("{\"MaxResults\":1}");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
    }

    public static TheoryData<string> MalformedBodies => new()
    {
        "null", "\"text\"", "123", "{\"ClientId\":null}", "{\"ClientId\":{}}", "{\"AuthParameters\":[1]}",
        "{\"AuthParameters\":{\"USERNAME\":5}}", "{\"UserAttributes\":{}}", "{\"UserAttributes\":[null]}",
        "{\"UserAttributes\":[{\"Value\":\"x\"}]}", "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":\"cognitodemopublicclient001\",\"AuthParameters\":{\"USERNAME\":\"a\",\"SRP_A\":\"zz\"}}",
        "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":\"cognitodemopublicclient001\",\"AuthParameters\":{\"USERNAME\":\"a\",\"SRP_A\":\"0\"}}",
        "{\"ChallengeName\":\"PASSWORD_VERIFIER\",\"ClientId\":\"cognitodemopublicclient001\",\"ChallengeResponses\":{\"PASSWORD_CLAIM_SECRET_BLOCK\":\"%%%\",\"PASSWORD_CLAIM_SIGNATURE\":\"x\",\"TIMESTAMP\":\"t\"}}",
        "{\"AccessToken\":\"a.b.c\"}", "{\"AccessToken\":\"eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.\"}",
        "{\"UserPoolId\":\"us-west-2_LocalPool\",\"MaxResults\":1e99}", "{\"MaxResults\":-1}",
        "{\"MaxResults\":5,\"NextToken\":\"!!!\"}", "{\"UserPoolId\":\"us-west-2_LocalPool\",\"Filter\":\"email = \"}",
        "{\"UserPoolId\":\"us-west-2_LocalPool\",\"PaginationToken\":\"LTE=\"}",
        "{\"PoolName\":\"p\",\"Schema\":[{\"Name\":\"n\",\"StringAttributeConstraints\":{\"MaxLength\":\"big\"}}]}",
        "{\"Token\":\"x\",\"ClientId\":\"nope\"}", "{\"ClientId\":\"a\",\"ClientId\":\"b\"}",
        "{\"AuthParameters\":{\"USERNAME\":\"a\",\"USERNAME\":\"b\"}}", "{\"UserAttributes\":[{\"Name\":\"a\",\"Name\":\"b\"}]}",
        "{\"ClientId\":\"\uD800\"}", "{\"Username\":\"\u0000\"}", "\uFEFF{}", "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task NoMalformedInputToAnyOperationCausesAServerError(string body)
    {
        foreach (var operation in (string[])
                 [
                     "SignUp", "ConfirmSignUp", "ResendConfirmationCode", "InitiateAuth", "RespondToAuthChallenge",
                     "GetUser", "UpdateUserAttributes", "ChangePassword", "ForgotPassword", "ConfirmForgotPassword",
                     "GlobalSignOut", "RevokeToken", "DeleteUser", "CreateUserPool", "DescribeUserPool", "ListUserPools",
                     "DeleteUserPool", "CreateUserPoolClient", "DescribeUserPoolClient", "ListUserPoolClients",
                     "CreateUserPoolDomain", "AdminGetUser", "AdminConfirmSignUp", "AdminDeleteUser",
                     "AdminSetUserPassword", "ListUsers", "GetUserAttributeVerificationCode", "VerifyUserAttribute", "AdminDisableUser", "AdminEnableUser", "AdminCreateUser", "AdminUpdateUserAttributes", "GetTokensFromRefreshToken",
                 ])
        {
            var response = await _app.SendAsync(operation, body);
            Assert.True(response.Status < HttpStatusCode.InternalServerError,
                $"{operation} answered {response.Status} to {body}: {response.Body.ToJsonString()}");
            Assert.True(response.Status == HttpStatusCode.OK || response.Type is not null, $"{operation}: no __type");
        }
    }
}
