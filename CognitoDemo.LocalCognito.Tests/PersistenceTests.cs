using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>What was acknowledged survives a restart on the same SQLite file.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _dataPath = LocalCognitoApp.NewDataPath();

    public void Dispose() => LocalCognitoApp.DeleteData(_dataPath);

    [Fact]
    public async Task UsersCodesTokensAndKeysSurviveARestart()
    {
        string code, access, refresh, kids, poolId;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        using (var first = new LocalCognitoApp(_dataPath, time))
        {
            await first.SignUpConfirmedAsync("yuri");
            await first.SignUpAsync("zoe");
            code = await first.LatestCodeAsync("zoe@example.com");
            var tokens = await first.TokensAsync("yuri");
            access = tokens["AccessToken"].Text();
            refresh = tokens["RefreshToken"].Text();
            kids = await first.GetStringAsync("/us-west-2_LocalPool/.well-known/jwks.json");
            poolId = (await first.OkAsync("CreateUserPool", new { PoolName = "kept" }))["UserPool"]!["Id"].Text();
        }

        using var second = new LocalCognitoApp(_dataPath, time);

        Assert.Equal(kids, await second.GetStringAsync("/us-west-2_LocalPool/.well-known/jwks.json"));
        Assert.Equal("yuri", (await second.OkAsync("GetUser", new { AccessToken = access }))["Username"].Text());
        var refreshed = await second.OkAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh },
        });
        Assert.Equal(new JsonWebToken(access).Kid, new JsonWebToken(refreshed["AuthenticationResult"]!["AccessToken"].Text()).Kid);
        await second.OkAsync("ConfirmSignUp", new { ClientId = LocalCognitoApp.PublicClientId, Username = "zoe", ConfirmationCode = code });
        Assert.Equal(code, await second.LatestCodeAsync("zoe@example.com"));
        Assert.Equal("kept", (await second.OkAsync("DescribeUserPool", new { UserPoolId = poolId }))["UserPool"]!["Name"].Text());
        Assert.Null((await second.PasswordSignInAsync("yuri")).Type);
    }

    [Fact]
    public async Task RevocationSurvivesARestart()
    {
        string access;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        using (var first = new LocalCognitoApp(_dataPath, time))
        {
            await first.SignUpConfirmedAsync("yuri");
            access = (await first.TokensAsync("yuri"))["AccessToken"].Text();
            await first.OkAsync("GlobalSignOut", new { AccessToken = access });
        }

        using var second = new LocalCognitoApp(_dataPath, time);

        (await second.CallAsync("GetUser", new { AccessToken = access })).AssertError("NotAuthorizedException", "Access Token has been revoked");
    }

    [Fact]
    public void DatabaseUsesWriteAheadLogging()
    {
        using var app = new LocalCognitoApp(_dataPath);
        _ = app.Services;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_dataPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }
}
