using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.Tests.Support;

namespace CognitoDemo.Cognito.Tests.Configuration;

public sealed class CognitoOptionsValidatorTests
{
    private static List<string> Failures(Action<CognitoOptions> change)
    {
        var options = Clients.Options();
        change(options);
        var result = new CognitoOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    [Fact]
    public void TypicalConfigurationIsValid() => Assert.Empty(Failures(_ => { }));

    [Fact]
    public void PoolInAnotherRegionThanRegionIsExplained() =>
        Assert.Equal(
            ["Cognito:UserPoolId 'eu-west-2_x' is in region eu-west-2 but Cognito:Region is us-west-2; set Region to the pool's region or leave it out."],
            Failures(o => o.UserPoolId = "eu-west-2_x"));

    [Fact]
    public void MissingClientIdSaysWhereToFindIt() =>
        Assert.Contains("App clients", Assert.Single(Failures(o => o.ClientId = null)), StringComparison.Ordinal);

    [Theory]
    [InlineData("us-west-2")]
    [InlineData("pool")]
    public void MalformedPoolIdShowsTheExpectedForm(string poolId) =>
        Assert.Contains("must look like '{region}_{id}'", Assert.Single(Failures(o => o.UserPoolId = poolId)), StringComparison.Ordinal);

    [Fact]
    public void MalformedSecretIsReportedWithoutEchoingIt()
    {
        var failure = Assert.Single(Failures(o => o.ClientSecret = "short/secret"));

        Assert.DoesNotContain("short/secret", failure, StringComparison.Ordinal);
        Assert.Contains("12 characters", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityPoolInAnotherRegionIsExplained() =>
        Assert.Contains("not in region us-west-2",
            Assert.Single(Failures(o => o.IdentityPoolId = "eu-west-1:1699ebc0-7900-4099-b910-2df94f52a030")), StringComparison.Ordinal);

    [Fact]
    public void EveryProblemIsListedAtOnce() =>
        Assert.Equal(4, Failures(o =>
        {
            o.Region = "Oregon";
            o.ClientId = "";
            o.IdentityPoolId = "nope";
            o.HostedUiDomain = "auth.example";
        }).Count);

    [Fact]
    public void RegionDefaultsToThePoolsRegion()
    {
        var options = new CognitoOptions { UserPoolId = "eu-central-1_AbC", ClientId = "c" };

        Assert.Equal("eu-central-1", options.EffectiveRegion);
        Assert.Equal("https://cognito-idp.eu-central-1.amazonaws.com/", CognitoEndpoints.UserPools(options).ToString());
        Assert.Equal("https://cognito-identity.eu-central-1.amazonaws.com/", CognitoEndpoints.IdentityPools(options).ToString());
    }

    [Fact]
    public void ChinaRegionsUseTheirPartitionsDomain() =>
        Assert.Equal("https://cognito-idp.cn-north-1.amazonaws.com.cn/",
            CognitoEndpoints.UserPools(new CognitoOptions { Region = "cn-north-1" }).ToString());

    [Fact]
    public void IssuerIsAwsUnlessAnEmulatorIsConfigured()
    {
        Assert.Equal("https://cognito-idp.us-west-2.amazonaws.com/us-west-2_Pj8nlkpKR", CognitoEndpoints.Issuer(Clients.Options()));
        Assert.Equal("http://127.0.0.1:9229/us-west-2_Pj8nlkpKR",
            CognitoEndpoints.Issuer(Clients.Options(serviceUrl: new Uri("http://127.0.0.1:9229/"))));
    }
}
