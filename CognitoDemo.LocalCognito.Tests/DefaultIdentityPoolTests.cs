using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>The default identity pool follows <c>LocalCognito:AccountId</c> and <c>LocalCognito:DefaultIdentityPool</c>.</summary>
public sealed class DefaultIdentityPoolTests
{
    [Fact]
    public async Task ConfiguredAccountAndRoleNameShowInTheAssumedRoleArn()
    {
        await using var local = await KestrelLocalCognito.StartAsync(builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["LocalCognito:AccountId"] = "123456789012",
                ["LocalCognito:DefaultIdentityPool:AuthenticatedRoleName"] = "DemoUsers",
            }));
        var credentials = await local.CredentialsAsync(await local.SignedInIdTokenAsync("ada"));

        var caller = await CallerAsync(local, credentials);

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/DemoUsers/CognitoIdentityCredentials", caller.Arn);
        Assert.Equal("123456789012", caller.Account);
    }

    [Fact]
    public async Task GuestsTurnedOnGetTheUnauthenticatedRole()
    {
        await using var local = await KestrelLocalCognito.StartAsync(builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["LocalCognito:DefaultIdentityPool:AllowUnauthenticatedIdentities"] = "true" }));

        var identityId = (await local.OkAsync("AWSCognitoIdentityService.GetId",
            new { IdentityPoolId = IdentityPoolCalls.DefaultIdentityPoolId }))["IdentityId"].Text();
        var credentials = (await local.OkAsync("AWSCognitoIdentityService.GetCredentialsForIdentity",
            new { IdentityId = identityId }))["Credentials"]!.AsObject();
        var caller = await CallerAsync(local, credentials);

        Assert.Equal("arn:aws:sts::000000000000:assumed-role/CognitoDemoUnauthenticatedRole/CognitoIdentityCredentials", caller.Arn);
    }

    private static async Task<GetCallerIdentityResponse> CallerAsync(KestrelLocalCognito local, System.Text.Json.Nodes.JsonObject credentials)
    {
        using var sts = new AmazonSecurityTokenServiceClient(
            new SessionAWSCredentials(credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text()),
            new AmazonSecurityTokenServiceConfig { ServiceURL = local.Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        return await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);
    }
}
