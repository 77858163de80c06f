using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>Differences an independent Cognito suite found (issue 15, differences 2, 5, 8 and 10), each as AWS documents it.</summary>
public sealed class PoolDifferencesTests : IDisposable
{
    private readonly LocalCognitoApp _app = new(settings: new Dictionary<string, string?> { ["LocalCognito:AccountId"] = "123456789012" });

    public void Dispose() => _app.Dispose();

    private async Task<string> PoolAsync(object extra)
    {
        var body = new Dictionary<string, object?> { ["PoolName"] = "suite" };
        foreach (var property in extra.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(extra);
        }

        return (await _app.OkAsync("CreateUserPool", body))["UserPool"]!["Id"].Text();
    }

    [Theory]
    [InlineData("True")]
    [InlineData("TRUE")]
    public async Task BooleanAttributesAreAcceptedInAnyCase(string value)
    {
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "ada", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "email", Value = "ada@example.com" }, new { Name = "email_verified", Value = value } },
        });

        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });
        Assert.Contains(user["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "email_verified" && a["Value"].Text() == "true");
        (await _app.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = "ada",
            UserAttributes = new object[] { new { Name = "email_verified", Value = "yes" } },
        })).AssertError("InvalidParameterException", "Attributes did not conform to the schema: email_verified: Boolean expected");
    }

    [Fact]
    public async Task AccountRecoverySettingIsStoredReturnedAndAdminOnlyStopsForgotPassword()
    {
        var poolId = await PoolAsync(new
        {
            AccountRecoverySetting = new { RecoveryMechanisms = new object[] { new { Priority = 1, Name = "admin_only" } } },
        });
        var described = await _app.OkAsync("DescribeUserPool", new { UserPoolId = poolId });
        var mechanism = described["UserPool"]!["AccountRecoverySetting"]!["RecoveryMechanisms"]![0]!;
        Assert.Equal("admin_only", mechanism["Name"].Text());
        Assert.Equal(1, mechanism["Priority"]!.GetValue<int>());

        var client = await _app.OkAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = "app" });
        var clientId = client["UserPoolClient"]!["ClientId"].Text();
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = poolId, Username = "ada", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "email", Value = "ada@example.com" }, new { Name = "email_verified", Value = "true" } },
        });
        (await _app.CallAsync("ForgotPassword", new { ClientId = clientId, Username = "ada" }))
            .AssertError("NotAuthorizedException", "Contact administrator to reset password.");

        (await _app.CallAsync("CreateUserPool", new
        {
            PoolName = "bad", AccountRecoverySetting = new { RecoveryMechanisms = new object[] { new { Priority = 3, Name = "verified_email" } } },
        })).AssertError("InvalidParameterException");
        (await _app.CallAsync("CreateUserPool", new
        {
            PoolName = "bad", AccountRecoverySetting = new { RecoveryMechanisms = new object[] { new { Priority = 1, Name = "pigeon" } } },
        })).AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task DeveloperOnlyAttributesAreNamedDevCustomAndOnlyAnAdministratorWritesThem()
    {
        var poolId = await PoolAsync(new
        {
            Schema = new object[]
            {
                new { Name = "tier", AttributeDataType = "String", DeveloperOnlyAttribute = true, Mutable = true },
                new { Name = "team", AttributeDataType = "String", Mutable = true },
            },
        });
        var schema = (await _app.OkAsync("DescribeUserPool", new { UserPoolId = poolId }))["UserPool"]!["SchemaAttributes"]!.AsArray();
        Assert.Contains(schema, a => a!["Name"].Text() == "dev:custom:tier" && a["DeveloperOnlyAttribute"]!.GetValue<bool>());
        Assert.Contains(schema, a => a!["Name"].Text() == "custom:team");
        Assert.DoesNotContain(schema, a => a!["Name"].Text() == "custom:tier");

        var client = await _app.OkAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = "app" });
        var clientId = client["UserPoolClient"]!["ClientId"].Text();
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = poolId, Username = "ada", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "dev:custom:tier", Value = "gold" } },
        });
        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "ada" });
        Assert.Contains(user["UserAttributes"]!.AsArray(), a => a!["Name"].Text() == "dev:custom:tier" && a["Value"].Text() == "gold");
        (await _app.CallAsync("SignUp", new
        {
            ClientId = clientId, Username = "bob", Password = "Passw0rd!",
            UserAttributes = new object[] { new { Name = "dev:custom:tier", Value = "gold" } },
        })).AssertError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
    }

    [Fact]
    public async Task PoolArnNamesTheConfiguredAccount()
    {
        var poolId = await PoolAsync(new { });

        var described = await _app.OkAsync("DescribeUserPool", new { UserPoolId = poolId });

        Assert.Equal($"arn:aws:cognito-idp:us-west-2:123456789012:userpool/{poolId}", described["UserPool"]!["Arn"].Text());
    }
}
