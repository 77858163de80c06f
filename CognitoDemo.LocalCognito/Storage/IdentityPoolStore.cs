using System.Text.Json;
using CognitoDemo.LocalCognito.IdentityPools;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>
/// Identity pools, their identities and the logins linked to each identity (tables: <see cref="Schema"/>).
/// </summary>
internal sealed class IdentityPoolStore
{
    private readonly Database _database;

    public IdentityPoolStore(Database database) => _database = database;

    public void Insert(IdentityPool pool) => _database.Write(c => Insert(c, pool));

    public static void Insert(SqliteConnection c, IdentityPool pool) => c.Execute(
        "INSERT INTO identity_pools (id, name, settings, created_at) VALUES ($id, $name, $settings, $created)",
        ("$id", pool.Id), ("$name", pool.Name), ("$settings", JsonSerializer.Serialize(pool.Settings, PoolStore.Json)),
        ("$created", pool.CreatedAt.ToUnixTimeMilliseconds()));

    public void Update(IdentityPool pool) => _database.Write(c => c.Execute(
        "UPDATE identity_pools SET name = $name, settings = $settings WHERE id = $id",
        ("$id", pool.Id), ("$name", pool.Name), ("$settings", JsonSerializer.Serialize(pool.Settings, PoolStore.Json))));

    public IdentityPool? Find(string poolId) => _database.Read(c => Find(c, poolId));

    public static IdentityPool? Find(SqliteConnection c, string poolId) => c.QuerySingle(
        "SELECT id, name, settings, created_at FROM identity_pools WHERE id = $id", ReadPool, ("$id", poolId));

    public IReadOnlyList<IdentityPool> List() => _database.Read(c => c.Query(
        "SELECT id, name, settings, created_at FROM identity_pools ORDER BY rowid", ReadPool));

    /// <summary>Deletes the pool with its identities and logins; the credentials issued to them go too.</summary>
    public bool Delete(string poolId) => _database.Write(c =>
    {
        c.Execute(CredentialStore.DeleteForPoolSql, ("$pool", poolId));
        c.Execute("DELETE FROM identity_logins WHERE pool_id = $pool", ("$pool", poolId));
        c.Execute("DELETE FROM identities WHERE pool_id = $pool", ("$pool", poolId));
        return c.Execute("DELETE FROM identity_pools WHERE id = $pool", ("$pool", poolId)) > 0;
    });

    public Identity? FindIdentity(string identityId) => _database.Read(c => FindIdentity(c, identityId));

    /// <summary>
    /// The identity these logins belong to, created (with the logins linked) when none does: the same user
    /// always gets the same IdentityId. Logins that belong to two different identities are a conflict.
    /// </summary>
    public Identity FindOrCreate(string poolId, IReadOnlyList<VerifiedLogin> logins, Func<string> newId, DateTimeOffset now) =>
        _database.Write(c =>
        {
            var owners = logins.Select(login => c.QuerySingle(
                    "SELECT identity_id FROM identity_logins WHERE pool_id = $pool AND provider = $provider AND subject = $subject",
                    r => r.GetString(0), ("$pool", poolId), ("$provider", login.ProviderName), ("$subject", login.Subject)))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (owners.Count > 1)
            {
                return null;
            }

            var identityId = owners.Count == 1 ? owners[0] : newId();
            if (owners.Count == 0)
            {
                c.Execute("INSERT INTO identities (id, pool_id, created_at) VALUES ($id, $pool, $created)",
                    ("$id", identityId), ("$pool", poolId), ("$created", now.ToUnixTimeMilliseconds()));
            }

            foreach (var login in logins)
            {
                Link(c, poolId, identityId, login);
            }

            return FindIdentity(c, identityId);
        }) ?? throw new InvalidOperationException("Logins belong to different identities.");

    /// <summary>Links logins to an identity unless any of them belongs to another one; false then.</summary>
    public bool TryLink(Identity identity, IReadOnlyList<VerifiedLogin> logins) => _database.Write(c =>
    {
        foreach (var login in logins)
        {
            var owner = c.QuerySingle(
                "SELECT identity_id FROM identity_logins WHERE pool_id = $pool AND provider = $provider AND subject = $subject",
                r => r.GetString(0), ("$pool", identity.PoolId), ("$provider", login.ProviderName), ("$subject", login.Subject));
            if (owner is not null && owner != identity.Id)
            {
                return false;
            }
        }

        foreach (var login in logins)
        {
            Link(c, identity.PoolId, identity.Id, login);
        }

        return true;
    });

    public Identity NewGuest(string poolId, string identityId, DateTimeOffset now) => _database.Write(c =>
    {
        c.Execute("INSERT INTO identities (id, pool_id, created_at) VALUES ($id, $pool, $created)",
            ("$id", identityId), ("$pool", poolId), ("$created", now.ToUnixTimeMilliseconds()));
        return FindIdentity(c, identityId)!;
    });

    private static void Link(SqliteConnection c, string poolId, string identityId, VerifiedLogin login) => c.Execute(
        "INSERT OR IGNORE INTO identity_logins (pool_id, provider, subject, identity_id) VALUES ($pool, $provider, $subject, $identity)",
        ("$pool", poolId), ("$provider", login.ProviderName), ("$subject", login.Subject), ("$identity", identityId));

    private static Identity? FindIdentity(SqliteConnection c, string identityId)
    {
        var row = c.QuerySingle("SELECT id, pool_id, created_at FROM identities WHERE id = $id",
            r => new { Id = r.GetString(0), PoolId = r.GetString(1), CreatedAt = r.GetInt64(2) }, ("$id", identityId));
        if (row is null)
        {
            return null;
        }

        var logins = c.Query("SELECT provider, subject FROM identity_logins WHERE identity_id = $id ORDER BY rowid",
            r => new VerifiedLogin(r.GetString(0), r.GetString(1)), ("$id", identityId));
        return new Identity(row.Id, row.PoolId, logins, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    private static IdentityPool ReadPool(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), ReadSettings(r.GetString(2)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)));

    /// <summary>
    /// Before role mappings were evaluated (issue 18) SetIdentityPoolRoles stored <c>RoleMappings</c> unchecked; a
    /// pool whose stored mappings are not of today's shape opens without them rather than failing every read.
    /// </summary>
    private static IdentityPoolSettings ReadSettings(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<IdentityPoolSettings>(json, PoolStore.Json)!;
        }
        catch (JsonException)
        {
            var settings = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            settings.Remove(nameof(IdentityPoolSettings.RoleMappings));
            return settings.Deserialize<IdentityPoolSettings>(PoolStore.Json)!;
        }
    }
}
