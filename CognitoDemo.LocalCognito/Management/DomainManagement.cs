using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// DescribeUserPoolDomain and DeleteUserPoolDomain for prefix domains (CreateUserPoolDomain is in
/// <see cref="PoolManagement"/>). Shapes from the botocore cognito-idp 2016-04-18 model (DomainDescriptionType).
/// </summary>
internal sealed class DomainManagement(PoolStore pools, IOptions<LocalCognitoOptions> options, TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.DescribeUserPoolDomain, c => Task.FromResult(DescribeUserPoolDomain(c.Input)));
        table.Add(Operations.DeleteUserPoolDomain, c => Task.FromResult(DeleteUserPoolDomain(c.Input)));
    }

    /// <summary>An unknown domain is not an error: AWS answers an empty DomainDescription.</summary>
    private JsonObject DescribeUserPoolDomain(AwsRequest input)
    {
        var domain = Domain(input);
        var pool = pools.List().FirstOrDefault(p => p.Settings.Domain == domain);
        var description = pool is null ? new JsonObject() : new JsonObject
        {
            ["UserPoolId"] = pool.Id,
            ["AWSAccountId"] = options.Value.AccountId,
            ["Domain"] = domain,
            ["Status"] = "ACTIVE",
            ["ManagedLoginVersion"] = 1,
        };
        return new JsonObject { ["DomainDescription"] = description };
    }

    private JsonObject DeleteUserPoolDomain(AwsRequest input)
    {
        var domain = Domain(input);
        var pool = ManagementInput.FindPool(pools, input);
        if (pool.Settings.Domain != domain)
        {
            throw AwsServiceException.InvalidParameter("No such domain or user pool exists.");
        }

        pools.Update(pool with { Settings = pool.Settings with { Domain = null }, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private static string Domain(AwsRequest input) => input.RequiredString("Domain", 1, 63, PoolManagement.DomainPattern());
}
