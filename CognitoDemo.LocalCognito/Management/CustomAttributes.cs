using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// AddCustomAttributes: one to 25 SchemaAttributeType entries (CustomAttributesListType) added to the pool's schema, checked
/// as CreateUserPool checks its custom attributes (<see cref="SchemaDefinition"/>); all or nothing.
/// </summary>
internal sealed class CustomAttributes(PoolStore pools, TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table) =>
        table.Add(Operations.AddCustomAttributes, c => Task.FromResult(AddCustomAttributes(c.Input)));

    private JsonObject AddCustomAttributes(AwsRequest input)
    {
        var requested = input.Validated(() =>
        {
            input.RequiredString("UserPoolId", 1, 55, Patterns.UserPoolId());
            var list = input.ObjectList("CustomAttributes", 1, 25);
            if (list is null && input.Body["CustomAttributes"] is null)
            {
                input.Fail("CustomAttributes", null, "Member must not be null", 0);
            }

            SchemaDefinition.ReadMembers(list ?? []);
            return list ?? [];
        });
        var pool = ManagementInput.FindPool(pools, input);
        var schema = SchemaDefinition.AddCustom(pool.Settings.Schema, requested);
        pools.Update(pool with { Settings = pool.Settings with { Schema = schema }, ModifiedAt = time.GetUtcNow() });
        return [];
    }
}
