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
    public void PoolInAnotherRegionThanRegionDoesNotStopStartUpButIsExplained()
    {
        var options = Clients.Options();
        options.UserPoolId = "eu-west-2_x";

        Assert.Empty(Failures(o => o.UserPoolId = "eu-west-2_x"));
        Assert.Equal(
            ["Cognito:UserPoolId 'eu-west-2_x' is in region eu-west-2 but Cognito:Region is us-west-2: the app calls Cognito in us-west-2, " +
             "where this pool does not exist. Set Cognito:Region to eu-west-2 or leave it out (the pool id names its region)."],
            RegionConsistency.Problems(options));
    }

    [Fact]
    public void RegionsThatAgreeHaveNoProblem()
    {
        var options = Clients.Options();
        options.IdentityPoolId = "us-west-2:1699ebc0-7900-4099-b910-2df94f52a030";
        options.Region = null;

        Assert.Empty(RegionConsistency.Problems(options));
    }

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
    public void IdentityPoolInAnotherRegionIsExplained()
    {
        var options = Clients.Options();
        options.Region = null;
        options.IdentityPoolId = "eu-west-1:1699ebc0-7900-4099-b910-2df94f52a030";

        Assert.Empty(Failures(o => o.IdentityPoolId = options.IdentityPoolId));
        Assert.Contains("is in region eu-west-1 but the app calls Cognito in us-west-2",
            Assert.Single(RegionConsistency.Problems(options)), StringComparison.Ordinal);
    }

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
