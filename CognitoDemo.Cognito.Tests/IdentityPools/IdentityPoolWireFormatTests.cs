using System.Net;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.Tests.Support;

namespace CognitoDemo.Cognito.Tests.IdentityPools;

/// <summary>What each identity-pool operation sends and how it reads answers (protocol doc, section 7).</summary>
public sealed class IdentityPoolWireFormatTests
{
    private const string LoginsKey = "cognito-idp.us-west-2.amazonaws.com/us-west-2_Pj8nlkpKR";
    private const string IdentityId = "us-west-2:7c5e2a30-1b4f-4d8e-9a61-3f0c2b9d8e71";

    public sealed record OperationCase(string Operation, Func<IdentityPoolClient, Task> Call, string ExpectedBody, string Answer)
    {
        public override string ToString() => Operation;
    }

    private static readonly OperationCase[] Cases =
    [
        new("GetId",
            c => c.GetIdAsync(new GetIdRequest { Logins = c.LoginsFor("id-token") }),
            $$$"""{"IdentityPoolId":"{{{Clients.IdentityPoolId}}}","Logins":{"{{{LoginsKey}}}":"id-token"}}""",
            $$"""{"IdentityId":"{{IdentityId}}"}"""),
        new("GetCredentialsForIdentity",
            c => c.GetCredentialsForIdentityAsync(new GetCredentialsForIdentityRequest
            {
                IdentityId = IdentityId, Logins = c.LoginsFor("id-token"),
            }),
            $$$"""{"IdentityId":"{{{IdentityId}}}","Logins":{"{{{LoginsKey}}}":"id-token"}}""",
            $$$"""{"IdentityId":"{{{IdentityId}}}","Credentials":{"AccessKeyId":"ASIAEXAMPLE","SecretKey":"s","SessionToken":"t","Expiration":1.688622979E9}}"""),
        new("GetOpenIdToken",
            c => c.GetOpenIdTokenAsync(new GetOpenIdTokenRequest { IdentityId = IdentityId, Logins = c.LoginsFor("id-token") }),
            $$$"""{"IdentityId":"{{{IdentityId}}}","Logins":{"{{{LoginsKey}}}":"id-token"}}""",
            $$"""{"IdentityId":"{{IdentityId}}","Token":"eyJ"}"""),
    ];

    public static TheoryData<string> Operations => [.. Cases.Select(c => c.Operation)];

    private static OperationCase For(string operation) => Cases.Single(c => c.Operation == operation);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task RequestIsAnUnsignedAwsJson11PostWithTheIdentityTarget(string operation)
    {
        var handler = RecordingHandler.Answering(For(operation).Answer);

        await For(operation).Call(Clients.IdentityPool(handler));

        var sent = handler.Only;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://cognito-identity.us-west-2.amazonaws.com/", sent.Uri.ToString());
        Assert.Equal($"AWSCognitoIdentityService.{operation}", sent.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", sent.ContentType);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task BodyUsesTheModelMemberNamesAndTheUserPoolProviderKey(string operation)
    {
        var handler = RecordingHandler.Answering(For(operation).Answer);

        await For(operation).Call(Clients.IdentityPool(handler));

        var expected = JsonNode.Parse(For(operation).ExpectedBody);
        var actual = JsonNode.Parse(handler.Only.Body);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task ErrorAnswerBecomesAServiceException(string operation)
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Json(
            """{"__type":"NotAuthorizedException","message":"Invalid login token. Missing a required claim: aud"}""",
            HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => For(operation).Call(Clients.IdentityPool(handler)));

        Assert.Equal(IdentityPoolErrors.NotAuthorized, error.ErrorCode);
        Assert.Equal("Invalid login token. Missing a required claim: aud", error.ErrorMessage);
        Assert.Equal(operation, error.Operation);
    }

    [Theory]
    [InlineData("1688622979", 1688622979000L)]
    [InlineData("1.688622979E9", 1688622979000L)]
    [InlineData("1688622979.25", 1688622979250L)]
    [InlineData("1.6886229795e+09", 1688622979500L)]
    public async Task ExpirationIsReadFromEpochSecondsInAnyNumberForm(string expiration, long expectedMilliseconds)
    {
        var client = Clients.IdentityPool(RecordingHandler.Answering(
            $$$"""{"IdentityId":"{{{IdentityId}}}","Credentials":{"AccessKeyId":"ASIA","SecretKey":"s","SessionToken":"t","Expiration":{{{expiration}}}}}"""));

        var response = await client.GetCredentialsForIdentityAsync(new GetCredentialsForIdentityRequest { IdentityId = IdentityId });

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMilliseconds), response.Credentials!.Expiration);
        Assert.Equal("ASIA", response.Credentials.AccessKeyId);
    }

    [Theory]
    [InlineData("\"tomorrow\"")]
    [InlineData("true")]
    [InlineData("1e300")]
    public async Task UnreadableExpirationIsAFormatError(string expiration)
    {
        var client = Clients.IdentityPool(RecordingHandler.Answering(
            $$$"""{"IdentityId":"{{{IdentityId}}}","Credentials":{"Expiration":{{{expiration}}}}}"""));

        await Assert.ThrowsAsync<CognitoResponseFormatException>(
            () => client.GetCredentialsForIdentityAsync(new GetCredentialsForIdentityRequest { IdentityId = IdentityId }));
    }

    [Fact]
    public void UserPoolProviderNameUsesThePartitionsDnsSuffix()
    {
        Assert.Equal("cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc", IdentityProviderNames.UserPool("eu-west-2", "eu-west-2_abc"));
        Assert.Equal("cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_abc", IdentityProviderNames.UserPool("cn-north-1", "cn-north-1_abc"));
    }

    [Theory]
    [InlineData("cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc", "eu-west-2_abc")]
    [InlineData("cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_abc", "cn-north-1_abc")]
    [InlineData("cognito-idp.cn-north-1.amazonaws.com/cn-north-1_abc", null)]
    [InlineData("cognito-idp.eu-west-2.amazonaws.com.cn/eu-west-2_abc", null)]
    [InlineData("cognito-idp.us-east-1.amazonaws.com/eu-west-2_abc", null)]
    [InlineData("cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc/x", null)]
    [InlineData("graph.facebook.com", null)]
    [InlineData("accounts.google.com/eu-west-2_abc", null)]
    public void UserPoolIdIsReadOnlyFromTheProviderNameThePoolWouldHave(string providerName, string? userPoolId) =>
        Assert.Equal(userPoolId, IdentityProviderNames.UserPoolId(providerName));

    [Fact]
    public void UserPoolProviderNameTakesTheRegionFromThePoolId() =>
        Assert.Equal("cognito-idp.cn-northwest-1.amazonaws.com.cn/cn-northwest-1_abc", IdentityProviderNames.UserPool("cn-northwest-1_abc"));
}
