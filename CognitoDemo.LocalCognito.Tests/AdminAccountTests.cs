using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>AdminUserGlobalSignOut, AdminResetUserPassword and AdminDeleteUserAttributes over HTTP.</summary>
public sealed class AdminAccountTests : IDisposable
{
    private const string Pool = LocalCognitoApp.PoolId;
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task GlobalSignOutByTheAdministratorRevokesEveryToken()
    {
        await _app.SignUpConfirmedAsync("ada");
        var tokens = await _app.TokensAsync("ada");

        await _app.OkAsync("AdminUserGlobalSignOut", new { UserPoolId = Pool, Username = "ada" });

        (await _app.CallAsync("GetUser", new { AccessToken = tokens["AccessToken"].Text() }))
            .AssertError("NotAuthorizedException", "Access Token has been revoked");
        (await _app.CallAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId, AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = tokens["RefreshToken"].Text() },
        })).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
    }

    [Fact]
    public async Task ResetByTheAdministratorRequiresTheMailedCodeBeforeSignInWorksAgain()
    {
        await _app.SignUpConfirmedAsync("ada");

        await _app.OkAsync("AdminResetUserPassword", new { UserPoolId = Pool, Username = "ada" });

        (await _app.PasswordSignInAsync("ada")).AssertError("PasswordResetRequiredException", "Password reset required for the user");
        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = Pool, Username = "ada" });
        Assert.Equal("RESET_REQUIRED", user["UserStatus"].Text());
        await _app.OkAsync("ConfirmForgotPassword", new
        {
            ClientId = LocalCognitoApp.PublicClientId, Username = "ada", Password = "a new password",
            ConfirmationCode = await _app.LatestCodeAsync("ada@example.com"),
        });
        Assert.Null((await _app.PasswordSignInAsync("ada", "a new password")).Type);
    }

    [Fact]
    public async Task DeletedAttributesAreGoneAndRequiredOnesStay()
    {
        await _app.SignUpConfirmedAsync("ada");

        await _app.OkAsync("AdminDeleteUserAttributes", new { UserPoolId = Pool, Username = "ada", UserAttributeNames = new[] { "custom:location" } });

        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = Pool, Username = "ada" });
        Assert.DoesNotContain(user["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "custom:location");
        (await _app.CallAsync("AdminDeleteUserAttributes", new { UserPoolId = Pool, Username = "ada", UserAttributeNames = new[] { "custom:nothing" } }))
            .AssertError("InvalidParameterException");
        (await _app.CallAsync("AdminDeleteUserAttributes", new { UserPoolId = Pool, Username = "ada" }))
            .AssertError("InvalidParameterException");
    }

    [Theory]
    [InlineData("AdminUserGlobalSignOut")]
    [InlineData("AdminResetUserPassword")]
    [InlineData("AdminDeleteUserAttributes")]
    public async Task UnknownUsersAndPoolsAreNotFound(string operation)
    {
        (await _app.CallAsync(operation, new { UserPoolId = Pool, Username = "nobody", UserAttributeNames = new[] { "name" } }))
            .AssertError("UserNotFoundException", "User does not exist.");
        (await _app.CallAsync(operation, new { UserPoolId = "us-west-2_Nowhere", Username = "nobody", UserAttributeNames = new[] { "name" } }))
            .AssertError("ResourceNotFoundException");
        (await _app.CallAsync(operation, new { UserPoolId = Pool, UserAttributeNames = new[] { "name" } }))
            .AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task ResetWithoutAVerifiedAddressIsRefused()
    {
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = Pool, Username = "bo", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "email", Value = "bo@example.com" } },
        });

        (await _app.CallAsync("AdminResetUserPassword", new { UserPoolId = Pool, Username = "bo" }))
            .AssertError("InvalidParameterException", "Cannot reset password for the user as there is no registered/verified email or phone_number");
    }
}

/// <summary>DeleteUserPoolClient over HTTP.</summary>
public sealed class DeleteUserPoolClientTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DeletedClientIsUnknownToEveryOperationAndItsRefreshTokenStopsWorking()
    {
        await _app.SignUpConfirmedAsync("ada");
        var created = await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = LocalCognitoApp.PoolId, ClientName = "doomed", ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        var clientId = created["UserPoolClient"]!["ClientId"].Text();
        var tokens = (await _app.PasswordSignInAsync("ada", clientId: clientId)).Body["AuthenticationResult"]!;

        await _app.OkAsync("DeleteUserPoolClient", new { UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId });

        (await _app.CallAsync("DescribeUserPoolClient", new { UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId }))
            .AssertError("ResourceNotFoundException", $"User pool client {clientId} does not exist.");
        (await _app.CallAsync("InitiateAuth", new
        {
            ClientId = clientId, AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = tokens["RefreshToken"].Text() },
        })).AssertError("ResourceNotFoundException");
        (await _app.CallAsync("DeleteUserPoolClient", new { UserPoolId = LocalCognitoApp.PoolId, ClientId = clientId }))
            .AssertError("ResourceNotFoundException");
        (await _app.CallAsync("DeleteUserPoolClient", new { UserPoolId = "us-west-2_Nowhere", ClientId = LocalCognitoApp.WebClientId }))
            .AssertError("ResourceNotFoundException");
        (await _app.CallAsync("DeleteUserPoolClient", new { UserPoolId = LocalCognitoApp.PoolId }))
            .AssertError("InvalidParameterException");
    }
}

/// <summary>DescribeUserPoolDomain and DeleteUserPoolDomain over HTTP.</summary>
public sealed class UserPoolDomainTests : IDisposable
{
    private readonly LocalCognitoApp _app = new(settings: new Dictionary<string, string?> { ["LocalCognito:AccountId"] = "123456789012" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DomainIsDescribedUntilDeleted()
    {
        var poolId = (await _app.OkAsync("CreateUserPool", new { PoolName = "domains" }))["UserPool"]!["Id"].Text();
        await _app.OkAsync("CreateUserPoolDomain", new { UserPoolId = poolId, Domain = "demo-prefix" });

        var described = (await _app.OkAsync("DescribeUserPoolDomain", new { Domain = "demo-prefix" }))["DomainDescription"]!;
        Assert.Equal(poolId, described["UserPoolId"].Text());
        Assert.Equal("123456789012", described["AWSAccountId"].Text());
        Assert.Equal("ACTIVE", described["Status"].Text());

        (await _app.CallAsync("DeleteUserPoolDomain", new { UserPoolId = poolId, Domain = "other-prefix" }))
            .AssertError("InvalidParameterException", "No such domain or user pool exists.");
        await _app.OkAsync("DeleteUserPoolDomain", new { UserPoolId = poolId, Domain = "demo-prefix" });
        Assert.Empty((await _app.OkAsync("DescribeUserPoolDomain", new { Domain = "demo-prefix" }))["DomainDescription"]!.AsObject());
        await _app.OkAsync("CreateUserPoolDomain", new { UserPoolId = poolId, Domain = "second-prefix" });
    }

    [Fact]
    public async Task InvalidDomainsAndUnknownPoolsAreRefused()
    {
        (await _app.CallAsync("DescribeUserPoolDomain", new { Domain = "Not A Domain" })).AssertError("InvalidParameterException");
        (await _app.CallAsync("DeleteUserPoolDomain", new { UserPoolId = "us-west-2_Nowhere", Domain = "demo-prefix" }))
            .AssertError("ResourceNotFoundException");
    }
}
