using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>Pools that sign in with e-mail as the user name, or with e-mail as an alias.</summary>
public sealed class SignInNameTests : IDisposable
{
    private static readonly string[] Email = ["email"];
    private static readonly string[] PasswordFlow = ["ALLOW_USER_PASSWORD_AUTH"];
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(string PoolId, string ClientId)> PoolAsync(bool emailIsUsername)
    {
        var pool = (await _app.OkAsync("CreateUserPool", new
        {
            PoolName = "email",
            UsernameAttributes = emailIsUsername ? Email : null,
            AliasAttributes = emailIsUsername ? null : Email,
            AutoVerifiedAttributes = Email,
            Policies = new { PasswordPolicy = new { MinimumLength = 8 } },
        }))["UserPool"]!["Id"].Text();
        var client = (await _app.OkAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool, ClientName = "c", ExplicitAuthFlows = PasswordFlow,
        }))["UserPoolClient"]!["ClientId"].Text();
        return (pool, client);
    }

    private Task<AwsResponse> SignUpAsync(string clientId, string username, string email) => _app.CallAsync("SignUp", new
    {
        ClientId = clientId, Username = username, Password = Users.Password,
        UserAttributes = new[] { new { Name = "email", Value = email } },
    });

    private Task<AwsResponse> SignInAsync(string clientId, string name) => _app.PasswordSignInAsync(name, clientId: clientId);

    [Fact]
    public async Task EmailUsernamePoolNamesUsersByUuidAndSignsThemInByEmail()
    {
        var (poolId, clientId) = await PoolAsync(emailIsUsername: true);

        var signUp = await SignUpAsync(clientId, "Xavi@Example.com", "Xavi@Example.com");
        await _app.OkAsync("ConfirmSignUp", new
        {
            ClientId = clientId, Username = "xavi@example.com", ConfirmationCode = await _app.LatestCodeAsync("Xavi@Example.com"),
        });
        var signIn = await SignInAsync(clientId, "XAVI@example.com");
        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = poolId, Username = "xavi@example.com" });

        var sub = signUp.Body["UserSub"].Text();
        Assert.Equal(sub, user["Username"].Text());
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(signIn.Body["AuthenticationResult"]!["IdToken"].Text());
        Assert.Equal(sub, id.GetPayloadValue<string>("cognito:username"));
        Assert.Equal("Xavi@Example.com", id.GetPayloadValue<string>("email"));
    }

    [Fact]
    public async Task EmailUsernamePoolRefusesANonEmailUsernameAndADuplicateAddress()
    {
        var (_, clientId) = await PoolAsync(emailIsUsername: true);
        await SignUpAsync(clientId, "yara@example.com", "yara@example.com");

        (await SignUpAsync(clientId, "yara", "yara@example.com")).AssertError("InvalidParameterException", "Username should be an email.");
        (await SignUpAsync(clientId, "YARA@example.com", "YARA@example.com"))
            .AssertError("UsernameExistsException", "An account with the given email already exists.");
    }

    [Fact]
    public async Task EmailAliasSignsInOnlyOnceTheAddressIsVerified()
    {
        var (_, clientId) = await PoolAsync(emailIsUsername: false);
        await SignUpAsync(clientId, "zane", "zane@example.com");
        var code = await _app.LatestCodeAsync("zane@example.com");

        var before = await SignInAsync(clientId, "zane@example.com");
        await _app.OkAsync("ConfirmSignUp", new { ClientId = clientId, Username = "zane", ConfirmationCode = code });
        var after = await SignInAsync(clientId, "zane@example.com");

        before.AssertError("NotAuthorizedException", "Incorrect username or password.");
        Assert.NotNull(after.Body["AuthenticationResult"]);
    }
}
