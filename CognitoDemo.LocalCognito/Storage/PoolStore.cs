using System.Text.Json;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>User pools and their app clients.</summary>
internal sealed class PoolStore(Database database)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    // Shared by every instance in the process: the key is the stored text, so sharing cannot mix up pools.
    internal static readonly ParsedJsonCache<UserPoolSettings> PoolSettings = new(Json, s => _ = s.LambdaConfig?.Count);
    internal static readonly ParsedJsonCache<AppClientSettings> ClientSettings = new(Json);

    public void Insert(UserPool pool) => database.Write(c => Insert(c, pool));

    public static void Insert(SqliteConnection c, UserPool pool) => c.Execute(
        "INSERT INTO user_pools (id, name, settings, created_at, modified_at) VALUES ($id, $name, $settings, $created, $modified)",
        ("$id", pool.Id), ("$name", pool.Name), ("$settings", JsonSerializer.Serialize(pool.Settings, Json)),
        ("$created", pool.CreatedAt.ToUnixTimeMilliseconds()), ("$modified", pool.ModifiedAt.ToUnixTimeMilliseconds()));

    public void Update(UserPool pool) => database.Write(c => Update(c, pool));

    public static void Update(SqliteConnection c, UserPool pool) => c.Execute(
        "UPDATE user_pools SET name = $name, settings = $settings, modified_at = $modified WHERE id = $id",
        ("$id", pool.Id), ("$name", pool.Name), ("$settings", JsonSerializer.Serialize(pool.Settings, Json)),
        ("$modified", pool.ModifiedAt.ToUnixTimeMilliseconds()));

    public void UpdateClient(AppClient client) => database.Write(c => UpdateClient(c, client));

    public static void UpdateClient(SqliteConnection c, AppClient client) => c.Execute(
        "UPDATE app_clients SET name = $name, secret = $secret, settings = $settings, modified_at = $modified WHERE id = $id",
        ("$id", client.Id), ("$name", client.Name), ("$secret", client.Secret),
        ("$settings", JsonSerializer.Serialize(client.Settings, Json)), ("$modified", client.ModifiedAt.ToUnixTimeMilliseconds()));

    public UserPool? Find(string poolId) => database.Read(c => Find(c, poolId));

    public static UserPool? Find(SqliteConnection c, string poolId) => c.QuerySingle(
        "SELECT id, name, settings, created_at, modified_at FROM user_pools WHERE id = $id", ReadPool, ("$id", poolId));

    /// <summary>Whether a pool exists, without reading its settings (every access token's check asks this).</summary>
    public bool Exists(string poolId) => database.Read(c => c.Query(
        "SELECT 1 FROM user_pools WHERE id = $id", _ => true, ("$id", poolId)).Count > 0);

    public IReadOnlyList<UserPool> List() => database.Read(c => c.Query(
        "SELECT id, name, settings, created_at, modified_at FROM user_pools ORDER BY rowid", ReadPool));

    public bool Delete(string poolId) => database.Write(c =>
    {
        foreach (var table in (string[])["codes", "challenges", "auth_sessions", "signing_keys"])
        {
            c.Execute($"DELETE FROM {table} WHERE pool_id = $id", ("$id", poolId));
        }

        return c.Execute("DELETE FROM user_pools WHERE id = $id", ("$id", poolId)) > 0;
    });

    public void InsertClient(AppClient client) => database.Write(c => InsertClient(c, client));

    public void DeleteClient(AppClient client) => database.Write(c =>
        c.Execute("DELETE FROM app_clients WHERE id = $id AND pool_id = $pool", ("$id", client.Id), ("$pool", client.PoolId)));

    public static void InsertClient(SqliteConnection c, AppClient client) => c.Execute(
        """
        INSERT INTO app_clients (id, pool_id, name, secret, settings, created_at, modified_at)
        VALUES ($id, $pool, $name, $secret, $settings, $created, $modified)
        """,
        ("$id", client.Id), ("$pool", client.PoolId), ("$name", client.Name), ("$secret", client.Secret),
        ("$settings", JsonSerializer.Serialize(client.Settings, Json)),
        ("$created", client.CreatedAt.ToUnixTimeMilliseconds()), ("$modified", client.ModifiedAt.ToUnixTimeMilliseconds()));

    public AppClient? FindClient(string clientId) => database.Read(c => FindClient(c, clientId));

    public static AppClient? FindClient(SqliteConnection c, string clientId) => c.QuerySingle(
        "SELECT id, pool_id, name, secret, settings, created_at, modified_at FROM app_clients WHERE id = $id",
        ReadClient, ("$id", clientId));

    public IReadOnlyList<AppClient> ListClients(string poolId) => database.Read(c => c.Query(
        "SELECT id, pool_id, name, secret, settings, created_at, modified_at FROM app_clients WHERE pool_id = $pool ORDER BY rowid",
        ReadClient, ("$pool", poolId)));

    private static UserPool ReadPool(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), PoolSettings.Parse(r.GetString(2)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));

    private static AppClient ReadClient(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3),
        ClientSettings.Parse(r.GetString(4)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));
}
