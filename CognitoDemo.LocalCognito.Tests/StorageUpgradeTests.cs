using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>A database file written before a column existed opens with the new code, and what it held still works.</summary>
public sealed class StorageUpgradeTests : IDisposable
{
    private readonly string _dataPath = LocalCognitoApp.NewDataPath();

    public void Dispose() => LocalCognitoApp.DeleteData(_dataPath);

    [Fact]
    public async Task SessionsStoredBeforeTheScopeAndFlowColumnsStillRefreshAsApiSessions()
    {
        string refresh;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        using (var first = new LocalCognitoApp(_dataPath, time))
        {
            await first.SignUpConfirmedAsync("olga");
            refresh = (await first.TokensAsync("olga"))["RefreshToken"].Text();
        }

        // The auth_sessions table as the previous version created it: without scope and auth_flow.
        using (var connection = new SqliteConnection($"Data Source={_dataPath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE auth_sessions DROP COLUMN scope; ALTER TABLE auth_sessions DROP COLUMN auth_flow;";
            drop.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        using var second = new LocalCognitoApp(_dataPath, time);
        var refreshed = await second.OkAsync("InitiateAuth", new
        {
            ClientId = LocalCognitoApp.PublicClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh },
        });

        var access = new JsonWebToken(refreshed["AuthenticationResult"]!["AccessToken"].Text());
        Assert.Equal("aws.cognito.signin.user.admin", access.GetClaim("scope").Value);
        Assert.Equal("olga", (await second.OkAsync("GetUser", new { AccessToken = access.EncodedToken }))["Username"].Text());
        Assert.Null((await second.PasswordSignInAsync("olga")).Type);
    }

    [Fact]
    public async Task IdentityPoolWhoseRoleMappingsWereStoredUncheckedStillOpens()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        string poolId;
        using (var first = new LocalCognitoApp(_dataPath, time))
        {
            poolId = (await first.IdentityOkAsync("CreateIdentityPool", new { IdentityPoolName = "Legacy", AllowUnauthenticatedIdentities = false }))["IdentityPoolId"].Text();
        }

        // What SetIdentityPoolRoles stored before mappings were checked: anything under RoleMappings.
        using (var connection = new SqliteConnection($"Data Source={_dataPath};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = """
                UPDATE identity_pools SET settings = json_set(settings, '$.RoleMappings', json('{"graph.facebook.com":"not a mapping"}'))
                WHERE id = $id
                """;
            update.Parameters.AddWithValue("$id", poolId);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        SqliteConnection.ClearAllPools();
        using var second = new LocalCognitoApp(_dataPath, time);
        var roles = await second.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = poolId });

        Assert.Null(roles["RoleMappings"]);
        Assert.Equal("Legacy", (await second.IdentityOkAsync("DescribeIdentityPool", new { IdentityPoolId = poolId }))["IdentityPoolName"].Text());
    }
}
