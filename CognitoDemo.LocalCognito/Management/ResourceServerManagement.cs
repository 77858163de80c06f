using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// Resource servers and their custom scopes (CreateResourceServer, DescribeResourceServer, ListResourceServers,
/// UpdateResourceServer, DeleteResourceServer), with botocore's cognito-idp shapes and constraints. Their scopes
/// are what app clients may allow as <c>{identifier}/{scope}</c> and what <c>client_credentials</c> grants.
/// </summary>
internal sealed partial class ResourceServerManagement(PoolStore pools, ResourceServerStore servers) : IOperationGroup
{
    private const int MaxScopes = 100;

    public void Register(OperationTable table)
    {
        table.Add(Operations.CreateResourceServer, c => Task.FromResult(Create(c.Input)));
        table.Add(Operations.DescribeResourceServer, c => Task.FromResult(Describe(c.Input)));
        table.Add(Operations.ListResourceServers, c => Task.FromResult(List(c.Input)));
        table.Add(Operations.UpdateResourceServer, c => Task.FromResult(Update(c.Input)));
        table.Add(Operations.DeleteResourceServer, c => Task.FromResult(Delete(c.Input)));
    }

    private JsonObject Create(AwsRequest input)
    {
        var server = Read(input);
        if (!servers.TryInsert(server))
        {
            throw AwsServiceException.InvalidParameter($"{server.Identifier} already exists in pool {server.PoolId}.");
        }

        return Shape(server);
    }

    private JsonObject Describe(AwsRequest input) => Shape(Find(input));

    private JsonObject List(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var max = input.OptionalInt("MaxResults", 1, 50) ?? 50;
        var (page, next) = ManagementInput.Page(servers.List(pool.Id), max, input.OptionalString("NextToken", 1, 4096, NextTokenPattern()));
        var result = new JsonObject { ["ResourceServers"] = new JsonArray([.. page.Select(s => (JsonNode)ServerType(s))]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    /// <summary>UpdateResourceServer replaces the name and the whole scope list (scopes not given are removed).</summary>
    private JsonObject Update(AwsRequest input)
    {
        var server = Read(input);
        return servers.Update(server) ? Shape(server) : throw NotFound(server.PoolId, server.Identifier);
    }

    private JsonObject Delete(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var identifier = Identifier(input);
        return servers.Delete(pool.Id, identifier) ? [] : throw NotFound(pool.Id, identifier);
    }

    private ResourceServer Find(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var identifier = Identifier(input);
        return servers.Find(pool.Id, identifier) ?? throw NotFound(pool.Id, identifier);
    }

    private ResourceServer Read(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var identifier = Identifier(input);
        var name = input.RequiredString("Name", 1, 256, NamePattern());
        var scopes = input.ObjectList("Scopes") ?? [];
        if (scopes.Count > MaxScopes)
        {
            throw AwsServiceException.InvalidParameter(
                $"1 validation error detected: Value at 'scopes' failed to satisfy constraint: Member must have length less than or equal to {MaxScopes}");
        }

        var read = scopes.Select(s => new ResourceServerScope(
            s.RequiredString("ScopeName", 1, 256, ScopeNamePattern()),
            s.RequiredString("ScopeDescription", 1, 256))).ToList();
        if (read.GroupBy(s => s.ScopeName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw AwsServiceException.InvalidParameter($"Duplicate scope names are not allowed: {duplicate.Key}");
        }

        return new ResourceServer(pool.Id, identifier, name, read);
    }

    private static string Identifier(AwsRequest input) => input.RequiredString("Identifier", 1, 256, IdentifierPattern());

    private static AwsServiceException NotFound(string poolId, string identifier) =>
        AwsServiceException.ResourceNotFound($"Resource server {identifier} does not exist in user pool {poolId}.");

    private static JsonObject Shape(ResourceServer server) => new() { ["ResourceServer"] = ServerType(server) };

    private static JsonObject ServerType(ResourceServer server) => new()
    {
        ["UserPoolId"] = server.PoolId,
        ["Identifier"] = server.Identifier,
        ["Name"] = server.Name,
        ["Scopes"] = new JsonArray([.. server.Scopes.Select(s => (JsonNode)new JsonObject
        {
            ["ScopeName"] = s.ScopeName,
            ["ScopeDescription"] = s.ScopeDescription,
        })]),
    };

    // botocore: ResourceServerIdentifierType, ResourceServerNameType, ResourceServerScopeNameType (no '/'), PaginationKeyType.
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[\w\s+=,.@-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$")]
    private static partial Regex ScopeNamePattern();

    [GeneratedRegex(@"^\S+$")]
    private static partial Regex NextTokenPattern();
}
