using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>A resource server of a user pool (ResourceServerType): an identifier and the custom scopes it defines.</summary>
internal sealed record ResourceServer(string PoolId, string Identifier, string Name, IReadOnlyList<ResourceServerScope> Scopes)
{
    /// <summary>The scopes as clients ask for them: <c>{identifier}/{scope name}</c>.</summary>
    public IEnumerable<string> ScopeValues => Scopes.Select(s => $"{Identifier}/{s.ScopeName}");
}

internal sealed record ResourceServerScope(string ScopeName, string ScopeDescription);

internal sealed class ResourceServerStore(Database database)
{
    private const string Select = "SELECT pool_id, identifier, name, scopes FROM resource_servers";

    /// <summary>False when the pool already has a resource server with this identifier.</summary>
    public bool TryInsert(ResourceServer server) => database.Write(c =>
        c.Execute(
            """
            INSERT INTO resource_servers (pool_id, identifier, name, scopes) VALUES ($pool, $id, $name, $scopes)
            ON CONFLICT (pool_id, identifier) DO NOTHING
            """,
            ("$pool", server.PoolId), ("$id", server.Identifier), ("$name", server.Name),
            ("$scopes", JsonSerializer.Serialize(server.Scopes, PoolStore.Json))) > 0);

    public bool Update(ResourceServer server) => database.Write(c =>
        c.Execute("UPDATE resource_servers SET name = $name, scopes = $scopes WHERE pool_id = $pool AND identifier = $id",
            ("$pool", server.PoolId), ("$id", server.Identifier), ("$name", server.Name),
            ("$scopes", JsonSerializer.Serialize(server.Scopes, PoolStore.Json))) > 0);

    public ResourceServer? Find(string poolId, string identifier) => database.Read(c =>
        c.QuerySingle($"{Select} WHERE pool_id = $pool AND identifier = $id", Read, ("$pool", poolId), ("$id", identifier)));

    public IReadOnlyList<ResourceServer> List(string poolId) => database.Read(c =>
        c.Query($"{Select} WHERE pool_id = $pool ORDER BY rowid", Read, ("$pool", poolId)));

    public bool Delete(string poolId, string identifier) => database.Write(c =>
        c.Execute("DELETE FROM resource_servers WHERE pool_id = $pool AND identifier = $id", ("$pool", poolId), ("$id", identifier)) > 0);

    /// <summary>Every custom scope the pool's resource servers define, as <c>{identifier}/{scope name}</c>.</summary>
    public IReadOnlySet<string> CustomScopes(string poolId) =>
        List(poolId).SelectMany(s => s.ScopeValues).ToHashSet(StringComparer.Ordinal);

    private static ResourceServer Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2),
        JsonSerializer.Deserialize<List<ResourceServerScope>>(r.GetString(3), PoolStore.Json)!);
}
