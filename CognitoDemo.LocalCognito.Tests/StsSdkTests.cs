using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// STS GetCallerIdentity signed by the official AWS SDK for .NET (AWSSDK.SecurityToken) against Local
/// Cognito on a real port: the proof that issued credentials work with a real SigV4 signer.
/// </summary>
public sealed class StsSdkTests
{
    [Fact]
    public async Task SignedInUsersCredentialsCallGetCallerIdentityAsTheAuthenticatedRole()
    {
        await using var local = await KestrelLocalCognito.StartAsync();
        var credentials = await local.CredentialsAsync(await local.SignedInIdTokenAsync("ada"));

        using var sts = Sts(local, credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text());
        var caller = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(IdentityPoolCalls.AssumedRoleArn, caller.Arn);
        Assert.Equal("000000000000", caller.Account);
        Assert.Matches("^AROA[A-Z0-9]{17}:CognitoIdentityCredentials$", caller.UserId);
    }

    [Fact]
    public async Task TamperedSecretKeyGetsSignatureDoesNotMatch()
    {
        await using var local = await KestrelLocalCognito.StartAsync();
        var credentials = await local.CredentialsAsync(await local.SignedInIdTokenAsync("ada"));
        var secret = credentials["SecretKey"].Text();
        var tampered = (secret[0] == 'A' ? "B" : "A") + secret[1..];

        using var sts = Sts(local, credentials["AccessKeyId"].Text(), tampered, credentials["SessionToken"].Text());
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
        Assert.StartsWith("The request signature we calculated does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsPastTheirHourGetExpiredToken()
    {
        await using var local = await KestrelLocalCognito.StartAsync();
        var credentials = await local.CredentialsAsync(await local.SignedInIdTokenAsync("ada"));
        local.Time.Advance(TimeSpan.FromMinutes(61));

        using var sts = Sts(local, credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text());
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("ExpiredToken", error.ErrorCode);
        Assert.Equal("The security token included in the request is expired", error.Message);
    }

    [Fact]
    public async Task AnotherSessionTokenGetsInvalidClientTokenId()
    {
        await using var local = await KestrelLocalCognito.StartAsync();
        var credentials = await local.CredentialsAsync(await local.SignedInIdTokenAsync("ada"));

        using var sts = Sts(local, credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), "bm90IHRoZSBpc3N1ZWQgdG9rZW4=");
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
        Assert.Equal("The security token included in the request is invalid.", error.Message);
    }

    [Fact]
    public async Task UnknownAccessKeyGetsInvalidClientTokenId()
    {
        await using var local = await KestrelLocalCognito.StartAsync();

        using var sts = Sts(local, "ASIAAAAAAAAAAAAAAAAA", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "dG9rZW4=");
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }

    /// <summary>The whole story of issue 5 on the wire: user pool sign-in, identity pool exchange, STS.</summary>
    [Fact]
    public async Task UserSignedInThroughTheUserPoolGetsCredentialsThatStsAcceptsAsTheRole()
    {
        await using var local = await KestrelLocalCognito.StartAsync();

        var idToken = await local.SignedInIdTokenAsync("grace");
        var credentials = await local.CredentialsAsync(idToken);
        using var sts = Sts(local, credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text());
        var caller = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);

        Assert.Matches("^ASIA[A-Z0-9]{16}$", credentials["AccessKeyId"].Text());
        Assert.Equal(IdentityPoolCalls.AssumedRoleArn, caller.Arn);
    }

    private static AmazonSecurityTokenServiceClient Sts(KestrelLocalCognito local, string accessKey, string secret, string token) =>
        new(new SessionAWSCredentials(accessKey, secret, token), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = local.Url,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
}
