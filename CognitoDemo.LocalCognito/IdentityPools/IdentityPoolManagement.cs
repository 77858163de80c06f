using System.Globalization;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// The identity pool management operations the seed uses (create, describe, list, delete, roles), SigV4-signed
/// as on AWS. Shapes follow botocore's cognito-identity model.
/// </summary>
internal sealed class IdentityPoolManagement(IdentityPoolStore store, TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.CreateIdentityPool, c => Task.FromResult(CreateIdentityPool(c)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.DescribeIdentityPool, c => Task.FromResult(DescribeIdentityPool(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.ListIdentityPools, c => Task.FromResult(ListIdentityPools(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.DeleteIdentityPool, c => Task.FromResult(DeleteIdentityPool(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.SetIdentityPoolRoles, c => Task.FromResult(SetIdentityPoolRoles(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetIdentityPoolRoles, c => Task.FromResult(GetIdentityPoolRoles(c.Input)));
    }

    private JsonObject CreateIdentityPool(OperationContext context)
    {
        var input = context.Input;
        var name = input.RequiredString("IdentityPoolName", 1, 128, CognitoIdentity.IdentityPoolName());
        var settings = new IdentityPoolSettings
        {
            AllowUnauthenticatedIdentities = input.OptionalBool("AllowUnauthenticatedIdentities")
                                             ?? throw MissingMember("allowUnauthenticatedIdentities"),
            AllowClassicFlow = input.OptionalBool("AllowClassicFlow"),
            CognitoIdentityProviders = Providers(input),
            SupportedLoginProviders = new Dictionary<string, string>(input.Map("SupportedLoginProviders"), StringComparer.Ordinal),
            DeveloperProviderName = input.OptionalString("DeveloperProviderName", 1, 128),
            OpenIdConnectProviderArns = [.. input.StringList("OpenIdConnectProviderARNs") ?? []],
            SamlProviderArns = [.. input.StringList("SamlProviderARNs") ?? []],
            Tags = new Dictionary<string, string>(input.Map("IdentityPoolTags"), StringComparer.Ordinal),
        };
        var pool = new IdentityPool($"{context.Region}:{Guid.NewGuid()}", name, settings, time.GetUtcNow());
        store.Insert(pool);
        return Describe(pool);
    }

    private JsonObject DescribeIdentityPool(AwsRequest input) => Describe(IdentityPoolInput.RequiredPool(store, input));

    private JsonObject ListIdentityPools(AwsRequest input)
    {
        var max = input.RequiredInt("MaxResults", 1, 60);
        var token = input.OptionalString("NextToken", 1);
        var start = 0;
        if (token is not null && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            throw AwsServiceException.InvalidParameter("Invalid pagination token.");
        }

        var all = store.List();
        var page = all.Skip(start).Take(max).ToList();
        var result = new JsonObject
        {
            ["IdentityPools"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["IdentityPoolId"] = p.Id,
                ["IdentityPoolName"] = p.Name,
            })]),
        };
        if (start + page.Count < all.Count)
        {
            result["NextToken"] = (start + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    private JsonObject DeleteIdentityPool(AwsRequest input)
    {
        var pool = IdentityPoolInput.RequiredPool(store, input);
        store.Delete(pool.Id);
        return [];
    }

    private JsonObject SetIdentityPoolRoles(AwsRequest input)
    {
        var pool = IdentityPoolInput.RequiredPool(store, input);
        if (input.Body["Roles"] is null)
        {
            throw MissingMember("roles");
        }

        var roles = input.Map("Roles");
        foreach (var (key, arn) in roles)
        {
            if (key is not (CognitoIdentity.AuthenticatedRole or CognitoIdentity.UnauthenticatedRole))
            {
                throw AwsServiceException.InvalidParameter(
                    $"Invalid role key '{key}': the keys must be '{CognitoIdentity.AuthenticatedRole}' or '{CognitoIdentity.UnauthenticatedRole}'.");
            }

            if (arn.Length is < 20 or > 2048 || !CognitoIdentity.RoleArn().IsMatch(arn))
            {
                throw AwsServiceException.InvalidParameter($"Invalid role ARN for '{key}'.");
            }
        }

        var mappings = RoleMappings.Read(input, pool.Settings);
        pool.Settings.Roles = new Dictionary<string, string>(roles, StringComparer.Ordinal);
        pool.Settings.RoleMappings = mappings;
        store.Update(pool);
        return [];
    }

    private JsonObject GetIdentityPoolRoles(AwsRequest input)
    {
        var pool = IdentityPoolInput.RequiredPool(store, input);
        var result = new JsonObject
        {
            ["IdentityPoolId"] = pool.Id,
            ["Roles"] = Map(pool.Settings.Roles),
        };
        if (pool.Settings.RoleMappings is { } mappings)
        {
            result["RoleMappings"] = RoleMappings.Write(mappings);
        }

        return result;
    }

    private static List<CognitoProvider> Providers(AwsRequest input) =>
        [.. (input.ObjectList("CognitoIdentityProviders") ?? []).Select(p => new CognitoProvider(
            p.RequiredString("ProviderName", 1, 128, CognitoIdentity.CognitoProviderName()),
            p.RequiredString("ClientId", 1, 128, CognitoIdentity.CognitoClientId()),
            p.OptionalBool("ServerSideTokenCheck") ?? false))];

    private static JsonObject Describe(IdentityPool pool)
    {
        var settings = pool.Settings;
        var result = new JsonObject
        {
            ["IdentityPoolId"] = pool.Id,
            ["IdentityPoolName"] = pool.Name,
            ["AllowUnauthenticatedIdentities"] = settings.AllowUnauthenticatedIdentities,
            ["CognitoIdentityProviders"] = new JsonArray([.. settings.CognitoIdentityProviders.Select(p => (JsonNode)new JsonObject
            {
                ["ProviderName"] = p.ProviderName,
                ["ClientId"] = p.ClientId,
                ["ServerSideTokenCheck"] = p.ServerSideTokenCheck,
            })]),
            ["SupportedLoginProviders"] = Map(settings.SupportedLoginProviders),
            ["OpenIdConnectProviderARNs"] = new JsonArray([.. settings.OpenIdConnectProviderArns.Select(a => (JsonNode)a)]),
            ["SamlProviderARNs"] = new JsonArray([.. settings.SamlProviderArns.Select(a => (JsonNode)a)]),
            ["IdentityPoolTags"] = Map(settings.Tags),
        };
        if (settings.AllowClassicFlow is { } classic)
        {
            result["AllowClassicFlow"] = classic;
        }

        if (settings.DeveloperProviderName is { } developer)
        {
            result["DeveloperProviderName"] = developer;
        }

        return result;
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map)
        {
            result[key] = value;
        }

        return result;
    }

    private static AwsServiceException MissingMember(string path) => AwsServiceException.InvalidParameter(
        $"1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null");
}
