using System.Net;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// Operations AWS signs need a SigV4 signature here too (protocol doc 1.4: every operation botocore does not
/// mark <c>"authtype":"none"</c>); with <c>LocalCognito:Credentials</c> set the signature must verify against that key.
/// </summary>
public sealed class SigningTests : IDisposable
{
    private const string ListPools = "{\"MaxResults\":10}";
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UnsignedDeleteUserPoolIsMissingAuthenticationTokenAndDeletesNothing()
    {
        var response = await _app.SendAsync("DeleteUserPool", $$"""{"UserPoolId":"{{LocalCognitoApp.PoolId}}"}""", SigningHandler.SendUnsigned);

        response.AssertError("MissingAuthenticationTokenException", "Missing Authentication Token");
        await _app.OkAsync("DescribeUserPool", new { UserPoolId = LocalCognitoApp.PoolId });
    }

    [Fact]
    public async Task EveryManagementOperationRefusesAnUnsignedCall()
    {
        using var client = _app.CreateClient();
        foreach (var target in _app.Services.GetOperationTargets().Where(t => IsSignedOnAws(t)))
        {
            var response = await client.SendRawAsync(target, "{}"u8.ToArray(), configure: SigningHandler.SendUnsigned);
            Assert.True(response.Type == "MissingAuthenticationTokenException", $"{target}: {response.Body.ToJsonString()}");
            response.AssertError("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
    }

    [Theory]
    [InlineData("AWSCognitoIdentityProviderService.SignUp")]
    [InlineData("AWSCognitoIdentityProviderService.InitiateAuth")]
    [InlineData("AWSCognitoIdentityProviderService.GetUser")]
    [InlineData("AWSCognitoIdentityService.GetId")]
    [InlineData("AWSCognitoIdentityService.GetCredentialsForIdentity")]
    public async Task OperationsAwsLetsAnyoneCallStayUnsigned(string target)
    {
        using var client = _app.CreateClient();
        var response = await client.SendRawAsync(target, "{}"u8.ToArray(), configure: SigningHandler.SendUnsigned);
        Assert.NotEqual("MissingAuthenticationTokenException", response.Type);
        Assert.Equal("InvalidParameterException", response.Type);
    }

    [Fact]
    public async Task ASignatureWithoutARequestDateIsIncomplete()
    {
        var response = await _app.SendAsync("ListUserPools", ListPools, r => r.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260105/us-west-2/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123"));
        response.AssertError("IncompleteSignatureException",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    [Fact]
    public async Task WithoutConfiguredCredentialsAnyWellFormedSignatureIsAccepted()
    {
        var response = await _app.SendAsync("ListUserPools", ListPools, r =>
        {
            r.Headers.TryAddWithoutValidation("X-Amz-Date", "20260105T090307Z");
            r.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=ANYKEY/20260105/us-west-2/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123");
        });
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task WithConfiguredCredentialsTheSignatureMustVerify()
    {
        using var strict = _app.WithWebHostBuilder(b => b
            .UseSetting("LocalCognito:Credentials:AccessKeyId", "AKIDCONFIGURED")
            .UseSetting("LocalCognito:Credentials:SecretAccessKey", "configured-secret"));

        using var rightKey = strict.CreateDefaultClient(new SigningHandler(_app.Time.GetUtcNow, "AKIDCONFIGURED", "configured-secret"));
        using var wrongSecret = strict.CreateDefaultClient(new SigningHandler(_app.Time.GetUtcNow, "AKIDCONFIGURED", "another-secret"));
        using var otherKey = strict.CreateDefaultClient(new SigningHandler(_app.Time.GetUtcNow));
        var target = "AWSCognitoIdentityProviderService.ListUserPools";
        var body = "{\"MaxResults\":10}"u8.ToArray();

        Assert.Equal(HttpStatusCode.OK, (await rightKey.SendRawAsync(target, body)).Status);
        (await wrongSecret.SendRawAsync(target, body)).AssertError("InvalidSignatureException");
        (await otherKey.SendRawAsync(target, body)).AssertError("UnrecognizedClientException",
            "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task WithConfiguredCredentialsAnOldSignatureIsRefused()
    {
        using var strict = _app.WithWebHostBuilder(b => b
            .UseSetting("LocalCognito:Credentials:AccessKeyId", "AKIDCONFIGURED")
            .UseSetting("LocalCognito:Credentials:SecretAccessKey", "configured-secret"));
        using var late = strict.CreateDefaultClient(new SigningHandler(() => _app.Time.GetUtcNow().AddMinutes(-16), "AKIDCONFIGURED", "configured-secret"));

        var response = await late.SendRawAsync("AWSCognitoIdentityProviderService.ListUserPools", "{\"MaxResults\":10}"u8.ToArray());

        response.AssertError("InvalidSignatureException");
        Assert.StartsWith("Signature expired", response.Message, StringComparison.Ordinal);
    }

    private static bool IsSignedOnAws(string target) =>
        !((string[])["SignUp", "ConfirmSignUp", "ResendConfirmationCode", "InitiateAuth", "RespondToAuthChallenge", "GetUser",
            "UpdateUserAttributes", "ChangePassword", "ForgotPassword", "ConfirmForgotPassword", "GlobalSignOut", "RevokeToken",
            "DeleteUser", "GetUserAttributeVerificationCode", "VerifyUserAttribute", "GetTokensFromRefreshToken",
            "GetId", "GetCredentialsForIdentity", "GetOpenIdToken"]).Contains(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]);
}
