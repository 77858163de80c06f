using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// Provisioning pools (domains: <see cref="DomainManagement"/>; app clients: <see cref="AppClientManagement"/>) (SigV4-signed on AWS; any well-formed signature or none
/// here), so the AWS CLI and SDKs set up Local Cognito exactly as they set up AWS. Shapes follow
/// botocore's cognito-idp model.
/// </summary>
internal sealed partial class PoolManagement(
    PoolStore pools,
    UserStore users,
    SigningKeys keys,
    IOptions<LocalCognitoOptions> options,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.CreateUserPool, c => Task.FromResult(CreateUserPool(c)));
        table.Add(Operations.DescribeUserPool, c => Task.FromResult(DescribeUserPool(c.Input)));
        table.Add(Operations.ListUserPools, c => Task.FromResult(ListUserPools(c.Input)));
        table.Add(Operations.DeleteUserPool, c => Task.FromResult(DeleteUserPool(c.Input)));
        table.Add(Operations.UpdateUserPool, c => Task.FromResult(UpdateUserPool(c.Input)));
    }

    private JsonObject CreateUserPool(OperationContext context)
    {
        var input = context.Input;
        var (name, settings) = input.Validated(() => (
            input.RequiredString("PoolName", 1, 128, PoolNamePattern()),
            PoolSettingsInput.Read(input, new UserPoolSettings
            {
                UsernameAttributes = input.EnumList("UsernameAttributes", [UserAttributes.PhoneNumber, UserAttributes.Email]) ?? [],
                AliasAttributes = input.EnumList("AliasAttributes", [UserAttributes.PhoneNumber, UserAttributes.Email, "preferred_username"]) ?? [],
                // Without UsernameConfiguration the API creates a case-sensitive pool.
                UsernameCaseSensitive = input.Object("UsernameConfiguration")?.OptionalBool("CaseSensitive") ?? true,
                Schema = SchemaDefinition.Build(input.ObjectList("Schema", 1, 50) ?? []),
            })));
        var now = time.GetUtcNow();
        var pool = new UserPool(Ids.UserPool(context.Region), name, settings, now, now);
        pools.Insert(pool);
        return new JsonObject { ["UserPool"] = ManagementShapes.Pool(pool, 0, options.Value.AccountId) };
    }

    /// <summary>
    /// The settings of UpdateUserPoolRequest, each absent one back to its default (see <see cref="PoolSettingsInput"/>); the
    /// name, schema, sign-in attributes and domain are not UpdateUserPool's to change and stay.
    /// </summary>
    private JsonObject UpdateUserPool(AwsRequest input)
    {
        // Every violation of the model is counted before the pool is looked up; the settings are then read onto the pool's.
        input.Validated(() => (input.RequiredString("UserPoolId", 1, 55, Patterns.UserPoolId()), PoolSettingsInput.Read(input, new UserPoolSettings())));
        var pool = ManagementInput.FindPool(pools, input);
        var settings = PoolSettingsInput.Read(input, pool.Settings);
        pools.Update(pool with { Settings = settings, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private JsonObject DescribeUserPool(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        return new JsonObject { ["UserPool"] = ManagementShapes.Pool(pool, users.List(pool.Id).Count, options.Value.AccountId) };
    }

    private JsonObject ListUserPools(AwsRequest input)
    {
        var max = input.RequiredInt("MaxResults", 1, 60);
        var (page, next) = ManagementInput.Page(pools.List(), max, input.OptionalString("NextToken", 1, 512));
        var result = new JsonObject
        {
            ["UserPools"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["Id"] = p.Id,
                ["Name"] = p.Name,
                ["LambdaConfig"] = ManagementShapes.Lambda(p.Settings),
                ["LastModifiedDate"] = ManagementShapes.Epoch(p.ModifiedAt),
                ["CreationDate"] = ManagementShapes.Epoch(p.CreatedAt),
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    private JsonObject DeleteUserPool(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        if (pool.Settings.DeletionProtection == "ACTIVE")
        {
            throw AwsServiceException.InvalidParameter(
                "The user pool cannot be deleted because deletion protection is activated.");
        }

        pools.Delete(pool.Id);
        keys.Forget(pool.Id);
        return [];
    }

    /// <summary>UserPoolNameType.</summary>
    [GeneratedRegex(@"^[\w\s+=,.@-]+$")]
    private static partial Regex PoolNamePattern();
}
