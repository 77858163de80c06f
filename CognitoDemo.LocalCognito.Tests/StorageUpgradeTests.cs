using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>A database file written by an earlier version opens with the new code, is upgraded in place, and what it held still works.</summary>
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
            // A file of that version recorded no schema version either.
            drop.CommandText = "ALTER TABLE auth_sessions DROP COLUMN scope; ALTER TABLE auth_sessions DROP COLUMN auth_flow; PRAGMA user_version = 0;";
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

    [Fact]
    public async Task DatabaseWrittenBeforeSchemaVersionsIsUpgradedInPlaceAndKeepsItsData()
    {
        using (var connection = new SqliteConnection($"Data Source={_dataPath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;" + UnversionedSchema + """
                INSERT INTO identity_pools (id, name, settings, created_at)
                    VALUES ('eu-west-2:11111111-1111-4111-8111-111111111111', 'Kept', '{"AllowUnauthenticatedIdentities":true}', 0);
                INSERT INTO mailbox (to_address, subject, body, code, sent_at, pool_id, username)
                    VALUES ('kept@example.com', 'Your verification code', 'Your verification code is 123456.', '123456', 0,
                            'us-west-2_LocalPool', 'kept');
                INSERT INTO credential_encryption_key (id, key) VALUES (1, zeroblob(32));
                """);
        }

        using (var app = new LocalCognitoApp(_dataPath))
        {
            var pool = await app.IdentityOkAsync("DescribeIdentityPool", new { IdentityPoolId = "eu-west-2:11111111-1111-4111-8111-111111111111" });
            var messages = await app.GetJsonAsync("/mailbox/messages?to=kept@example.com");

            Assert.Equal("Kept", pool["IdentityPoolName"].Text());
            Assert.True(pool["AllowUnauthenticatedIdentities"]!.GetValue<bool>());
            Assert.Equal("123456", Assert.Single(messages.AsArray())!["code"].Text());
            Assert.NotNull((await app.CredentialsAsync("olga"))["SecretKey"]);
        }

        using var upgraded = new SqliteConnection($"Data Source={_dataPath};Pooling=False;Mode=ReadOnly");
        upgraded.Open();
        var fresh = LocalCognitoApp.NewDataPath();
        try
        {
            using (var freshApp = new LocalCognitoApp(fresh))
            {
                freshApp.CreateClient().Dispose();
            }

            using var created = new SqliteConnection($"Data Source={fresh};Pooling=False;Mode=ReadOnly");
            created.Open();
            Assert.Equal(Scalar(created, "PRAGMA user_version"), Scalar(upgraded, "PRAGMA user_version"));
            Assert.True(Scalar(upgraded, "PRAGMA user_version") > 0);
            Assert.Equal(Shape(created), Shape(upgraded));
            Assert.Equal("wal", Scalar<string>(upgraded, "PRAGMA journal_mode"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            LocalCognitoApp.DeleteData(fresh);
        }
    }

    [Fact]
    public void DatabaseOfANewerSchemaVersionIsRefusedAndNotMigrated()
    {
        using (var connection = new SqliteConnection($"Data Source={_dataPath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE future (id INTEGER); PRAGMA user_version = 999;");
        }

        using var app = new LocalCognitoApp(_dataPath);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("has schema version 999, written by a newer Local Cognito", Flatten(error), StringComparison.Ordinal);
        using var after = new SqliteConnection($"Data Source={_dataPath};Pooling=False;Mode=ReadOnly");
        after.Open();
        Assert.Equal(999L, Scalar(after, "PRAGMA user_version"));
        Assert.Equal(0L, Scalar(after, "SELECT count(*) FROM sqlite_master WHERE name = 'user_pools'"));
    }

    /// <summary>Every table's columns (name, type, not null, default, key) and every index, in a stable order.</summary>
    private static List<string> Shape(SqliteConnection connection)
    {
        var shape = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.type, m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk
            FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p
            WHERE m.type IN ('table', 'index') AND m.name NOT LIKE 'sqlite_%'
            ORDER BY m.type, m.name, p.cid
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            shape.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        }

        return shape;
    }

    private static long Scalar(SqliteConnection connection, string sql) => Scalar<long>(connection, sql);

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);

    /// <summary>
    /// The tables as Local Cognito created them before the schema had a version (commit e51711d: Database.cs,
    /// IdentityPoolStore.cs, CredentialStore.cs), copied verbatim: such a file has user_version 0.
    /// </summary>
    private const string UnversionedSchema = """
        CREATE TABLE IF NOT EXISTS user_pools (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, settings TEXT NOT NULL,
            created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS app_clients (
            id TEXT PRIMARY KEY, pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
            name TEXT NOT NULL, secret TEXT, settings TEXT NOT NULL,
            created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS users (
            pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
            sub TEXT NOT NULL, username TEXT NOT NULL, username_key TEXT NOT NULL,
            status TEXT NOT NULL, enabled INTEGER NOT NULL, attributes TEXT NOT NULL,
            salt TEXT, verifier TEXT, failed_sign_ins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,
            temporary_password_expires_at INTEGER,
            created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
            PRIMARY KEY (pool_id, sub), UNIQUE (pool_id, username_key));
        CREATE TABLE IF NOT EXISTS codes (
            pool_id TEXT NOT NULL, sub TEXT NOT NULL, purpose TEXT NOT NULL, code TEXT NOT NULL,
            expires_at INTEGER NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (pool_id, sub, purpose),
            FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS challenges (
            session TEXT PRIMARY KEY, secret_block_hash TEXT UNIQUE, name TEXT NOT NULL,
            pool_id TEXT NOT NULL, client_id TEXT NOT NULL, sub TEXT, username TEXT NOT NULL,
            state TEXT NOT NULL, expires_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS auth_sessions (
            origin_jti TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL, sub TEXT NOT NULL,
            refresh_hash TEXT UNIQUE NOT NULL, auth_time INTEGER NOT NULL, event_id TEXT NOT NULL,
            refresh_expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
            scope TEXT, auth_flow TEXT);
        CREATE INDEX IF NOT EXISTS auth_sessions_user ON auth_sessions (pool_id, sub);
        CREATE TABLE IF NOT EXISTS resource_servers (
            pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
            identifier TEXT NOT NULL, name TEXT NOT NULL, scopes TEXT NOT NULL,
            PRIMARY KEY (pool_id, identifier));
        CREATE TABLE IF NOT EXISTS signing_keys (
            pool_id TEXT NOT NULL, token_use TEXT NOT NULL, kid TEXT NOT NULL, private_key BLOB NOT NULL,
            PRIMARY KEY (pool_id, token_use));
        CREATE TABLE IF NOT EXISTS mailbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT, to_address TEXT NOT NULL, subject TEXT NOT NULL,
            body TEXT NOT NULL, code TEXT NOT NULL, sent_at INTEGER NOT NULL,
            pool_id TEXT NOT NULL, username TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS mailbox_to ON mailbox (to_address);
        CREATE TABLE IF NOT EXISTS user_groups (
            pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
            name TEXT NOT NULL, description TEXT, role_arn TEXT, precedence INTEGER,
            created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
            PRIMARY KEY (pool_id, name));
        CREATE TABLE IF NOT EXISTS group_members (
            pool_id TEXT NOT NULL, group_name TEXT NOT NULL, sub TEXT NOT NULL,
            PRIMARY KEY (pool_id, group_name, sub),
            FOREIGN KEY (pool_id, group_name) REFERENCES user_groups(pool_id, name) ON DELETE CASCADE,
            FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE);
        CREATE INDEX IF NOT EXISTS group_members_user ON group_members (pool_id, sub);

        CREATE TABLE IF NOT EXISTS identity_pools (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, settings TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS identities (
            id TEXT PRIMARY KEY, pool_id TEXT NOT NULL REFERENCES identity_pools(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS identity_logins (
            pool_id TEXT NOT NULL, provider TEXT NOT NULL, subject TEXT NOT NULL,
            identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
            PRIMARY KEY (pool_id, provider, subject));
        CREATE INDEX IF NOT EXISTS identity_logins_identity ON identity_logins (identity_id);

        CREATE TABLE IF NOT EXISTS issued_credentials (
            access_key_id TEXT PRIMARY KEY, identity_id TEXT NOT NULL, role_arn TEXT NOT NULL,
            secret BLOB NOT NULL, session_token_hash TEXT NOT NULL, expires_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS credential_encryption_key (
            id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL);

        """;
}
