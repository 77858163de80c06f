using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>The pool created at start mirrors the seed (console steps 4.1–4.7).</summary>
public sealed class DefaultPoolTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DefaultPoolMirrorsTheSeed()
    {
        var pool = (await _app.OkAsync("DescribeUserPool", new { UserPoolId = LocalCognitoApp.PoolId }))["UserPool"]!;

        var policy = pool["Policies"]!["PasswordPolicy"]!;
        Assert.Equal(8, policy["MinimumLength"]!.GetValue<int>());
        Assert.All((string[])["RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols"],
            rule => Assert.False(policy[rule]!.GetValue<bool>()));
        Assert.False(pool["UsernameConfiguration"]!["CaseSensitive"]!.GetValue<bool>());
        Assert.Null(pool["UsernameAttributes"]);
        Assert.Equal("OFF", pool["MfaConfiguration"].Text());
        Assert.Equal(["email"], pool["AutoVerifiedAttributes"]!.AsArray().Select(a => a.Text()));
        var schema = pool["SchemaAttributes"]!.AsArray();
        Assert.True(schema.Single(a => a!["Name"].Text() == "email")!["Required"]!.GetValue<bool>());
        var location = schema.Single(a => a!["Name"].Text() == "custom:location")!;
        Assert.Equal("String", location["AttributeDataType"].Text());
        Assert.True(location["Mutable"]!.GetValue<bool>());
        Assert.Equal("cognito-demo", pool["Domain"].Text());
    }

    [Fact]
    public async Task WebAppClientHasASecretSrpRefreshAndTheOAuthCodeFlow()
    {
        var client = (await _app.OkAsync("DescribeUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientId = LocalCognitoApp.WebClientId,
        }))["UserPoolClient"]!;

        Assert.Equal("Cognito demonstration Web app", client["ClientName"].Text());
        Assert.Equal(LocalCognitoApp.WebClientSecret, client["ClientSecret"].Text());
        Assert.Equal(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], client["ExplicitAuthFlows"]!.AsArray().Select(f => f.Text()));
        Assert.Equal(["code"], client["AllowedOAuthFlows"]!.AsArray().Select(f => f.Text()));
        Assert.True(client["AllowedOAuthFlowsUserPoolClient"]!.GetValue<bool>());
        Assert.Contains("openid", client["AllowedOAuthScopes"]!.AsArray().Select(s => s.Text()));
        Assert.All(client["CallbackURLs"]!.AsArray(), u => Assert.StartsWith("http://localhost:5080/", u.Text(), StringComparison.Ordinal));
        Assert.All(client["LogoutURLs"]!.AsArray(), u => Assert.StartsWith("http://localhost:5080/", u.Text(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicClientHasNoSecretAndAllowsPasswordSignIn()
    {
        var client = (await _app.OkAsync("DescribeUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientId = LocalCognitoApp.PublicClientId,
        }))["UserPoolClient"]!;

        Assert.Null(client["ClientSecret"]);
        Assert.Contains("ALLOW_USER_PASSWORD_AUTH", client["ExplicitAuthFlows"]!.AsArray().Select(f => f.Text()));
        Assert.Contains("ALLOW_USER_SRP_AUTH", client["ExplicitAuthFlows"]!.AsArray().Select(f => f.Text()));
    }

    [Fact]
    public async Task ChangedConfigurationIsAppliedToTheDefaultPoolOnTheNextStart()
    {
        await _app.SignUpAsync("xena");
        using var second = new LocalCognitoApp(_app.DataPath, _app.Time);
        using var restarted = second.WithWebHostBuilder(b => b
            .UseSetting("LocalCognito:DefaultPool:WebClientName", "Renamed app")
            .UseSetting("LocalCognito:DefaultPool:CallbackUrls:0", "https://app.example.com/signin-oidc"));

        using var client = LocalCognitoApp.SigningClient(restarted, _app.Time);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPoolClient");
        request.Content = new StringContent($$"""{"UserPoolId":"{{LocalCognitoApp.PoolId}}","ClientId":"{{LocalCognitoApp.WebClientId}}"}""");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var described = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        using var users = new HttpRequestMessage(HttpMethod.Post, "/");
        users.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUsers");
        users.Content = new StringContent($$"""{"UserPoolId":"{{LocalCognitoApp.PoolId}}"}""");
        using var listed = await client.SendAsync(users, TestContext.Current.CancellationToken);

        Assert.Contains("\"xena\"", await listed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("Renamed app", described["UserPoolClient"]!["ClientName"].Text());
        Assert.Equal(["https://app.example.com/signin-oidc"], described["UserPoolClient"]!["CallbackURLs"]!.AsArray().Select(u => u.Text()));
        Assert.Equal(LocalCognitoApp.WebClientSecret, described["UserPoolClient"]!["ClientSecret"].Text());
    }

    [Fact]
    public async Task StartingAgainOnTheSameDataCreatesNothingTwice()
    {
        await _app.SignUpAsync("xena");
        using var restarted = new LocalCognitoApp(_app.DataPath, _app.Time);

        var pools = await restarted.OkAsync("ListUserPools", new { MaxResults = 60 });
        var clients = await restarted.OkAsync("ListUserPoolClients", new { UserPoolId = LocalCognitoApp.PoolId });

        Assert.Single(pools["UserPools"]!.AsArray());
        Assert.Equal(2, clients["UserPoolClients"]!.AsArray().Count);
        Assert.Equal(1, (await restarted.OkAsync("DescribeUserPool", new { UserPoolId = LocalCognitoApp.PoolId }))["UserPool"]!["EstimatedNumberOfUsers"]!.GetValue<int>());
    }

    [Fact]
    public async Task AdminsGroupWithItsRoleIsThereOnceAndKeepsItsMembersAcrossRestarts()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.OkAsync("AdminAddUserToGroup", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada", GroupName = "admins" });
        await _app.OkAsync("UpdateGroup", new { UserPoolId = LocalCognitoApp.PoolId, GroupName = "admins", Precedence = 9 });
        using var restarted = new LocalCognitoApp(_app.DataPath, _app.Time);

        var groups = (await restarted.OkAsync("ListGroups", new { UserPoolId = LocalCognitoApp.PoolId }))["Groups"]!.AsArray();
        var members = await restarted.OkAsync("ListUsersInGroup", new { UserPoolId = LocalCognitoApp.PoolId, GroupName = "admins" });

        var admins = Assert.Single(groups)!;
        Assert.Equal("admins", admins["GroupName"].Text());
        Assert.Equal(1, admins["Precedence"]!.GetValue<int>());
        Assert.Equal("arn:aws:iam::000000000000:role/CognitoDemoAdminsRole", admins["RoleArn"].Text());
        Assert.Equal(["ada"], members["Users"]!.AsArray().Select(u => u!["Username"].Text()));
    }
}
