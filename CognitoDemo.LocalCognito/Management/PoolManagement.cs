using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// Provisioning pools and domains (app clients: <see cref="AppClientManagement"/>) (SigV4-signed on AWS; any well-formed signature or none
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
        table.Add(Operations.CreateUserPoolDomain, c => Task.FromResult(CreateUserPoolDomain(c.Input)));
    }

    private JsonObject CreateUserPool(OperationContext context)
    {
        var input = context.Input;
        var name = input.RequiredString("PoolName", 1, 128);
        var policy = input.Object("Policies")?.Object("PasswordPolicy");
        var defaults = new PasswordPolicy();
        var passwordPolicy = policy is null ? defaults : new PasswordPolicy
        {
            MinimumLength = policy.OptionalInt("MinimumLength", 6, 99) ?? defaults.MinimumLength,
            RequireUppercase = policy.OptionalBool("RequireUppercase") ?? false,
            RequireLowercase = policy.OptionalBool("RequireLowercase") ?? false,
            RequireNumbers = policy.OptionalBool("RequireNumbers") ?? false,
            RequireSymbols = policy.OptionalBool("RequireSymbols") ?? false,
            TemporaryPasswordValidityDays = policy.OptionalInt("TemporaryPasswordValidityDays", 0, 365) ?? 7,
        };

        var autoVerified = input.StringList("AutoVerifiedAttributes") ?? [];
        ManagementInput.CheckEnum("autoVerifiedAttributes", autoVerified, [UserAttributes.Email, UserAttributes.PhoneNumber]);
        var usernameAttributes = input.StringList("UsernameAttributes") ?? [];
        ManagementInput.CheckEnum("usernameAttributes", usernameAttributes, [UserAttributes.Email, UserAttributes.PhoneNumber]);
        var aliasAttributes = input.StringList("AliasAttributes") ?? [];
        ManagementInput.CheckEnum("aliasAttributes", aliasAttributes, [UserAttributes.Email, UserAttributes.PhoneNumber, "preferred_username"]);
        var mfa = input.OptionalString("MfaConfiguration") ?? "OFF";
        ManagementInput.CheckEnum("mfaConfiguration", [mfa], ["OFF", "ON", "OPTIONAL"]);
        var deletionProtection = input.OptionalString("DeletionProtection") ?? "INACTIVE";
        ManagementInput.CheckEnum("deletionProtection", [deletionProtection], ["ACTIVE", "INACTIVE"]);

        var settings = new UserPoolSettings
        {
            PasswordPolicy = passwordPolicy,
            Schema = BuildSchema(input.ObjectList("Schema") ?? []),
            AutoVerifiedAttributes = autoVerified,
            UsernameAttributes = usernameAttributes,
            AliasAttributes = aliasAttributes,
            // Without UsernameConfiguration the API creates a case-sensitive pool.
            UsernameCaseSensitive = input.Object("UsernameConfiguration")?.OptionalBool("CaseSensitive") ?? true,
            AllowAdminCreateUserOnly = input.Object("AdminCreateUserConfig")?.OptionalBool("AllowAdminCreateUserOnly") ?? false,
            MfaConfiguration = mfa,
            DeletionProtection = deletionProtection,
            RecoveryMechanisms = RecoveryMechanisms(input.Object("AccountRecoverySetting")),
        };
        var now = time.GetUtcNow();
        var pool = new UserPool(Ids.UserPool(context.Region), name, settings, now, now);
        pools.Insert(pool);
        return new JsonObject { ["UserPool"] = ManagementShapes.Pool(pool, 0, options.Value.AccountId) };
    }

    /// <summary>
    /// AccountRecoverySettingType: one or two RecoveryMechanisms (RecoveryOptionType: Priority 1–2, Name from the
    /// RecoveryOptionNameType enum), botocore cognito-idp 2016-04-18.
    /// </summary>
    private static List<RecoveryOption> RecoveryMechanisms(AwsRequest? setting)
    {
        var mechanisms = setting?.ObjectList("RecoveryMechanisms");
        if (mechanisms is null)
        {
            return [];
        }

        if (mechanisms.Count is < 1 or > 2)
        {
            throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value at 'accountRecoverySetting.recoveryMechanisms' failed to satisfy constraint: Member must have length less than or equal to 2 and greater than or equal to 1");
        }

        var options = mechanisms.Select(m =>
        {
            var name = m.RequiredString("Name");
            ManagementInput.CheckEnum("accountRecoverySetting.recoveryMechanisms.member.name", [name], RecoveryOption.Names);
            return new RecoveryOption(m.RequiredInt("Priority", 1, 2), name);
        }).OrderBy(o => o.Priority).ToList();
        if (options.Select(o => o.Priority).Distinct().Count() != options.Count || options.Select(o => o.Name).Distinct().Count() != options.Count)
        {
            throw AwsServiceException.InvalidParameter("Invalid account recovery setting: priorities and mechanisms must be unique.");
        }

        if (options.Count > 1 && options.Any(o => o.Name == RecoveryOption.AdminOnly))
        {
            throw AwsServiceException.InvalidParameter("Invalid account recovery setting: admin_only cannot be combined with another mechanism.");
        }

        return options;
    }

    /// <summary>Standard attributes (with any Required/Mutable overrides) followed by the custom ones.</summary>
    internal static IReadOnlyList<SchemaAttribute> BuildSchema(IReadOnlyList<AwsRequest> requested)
    {
        var standard = UserAttributes.Standard.ToList();
        var custom = new List<SchemaAttribute>();
        foreach (var item in requested)
        {
            var name = item.RequiredString("Name", 1, 20);
            var type = item.OptionalString("AttributeDataType") ?? "String";
            ManagementInput.CheckEnum("schema.attributeDataType", [type], ["String", "Number", "DateTime", "Boolean"]);
            var required = item.OptionalBool("Required") ?? false;
            var mutable = item.OptionalBool("Mutable") ?? true;
            var strings = item.Object("StringAttributeConstraints");
            var numbers = item.Object("NumberAttributeConstraints");
            var index = standard.FindIndex(a => a.Name == name);
            if (index >= 0)
            {
                standard[index] = standard[index] with { Required = required, Mutable = mutable };
                continue;
            }

            if (required)
            {
                throw AwsServiceException.InvalidParameter("Required custom attributes are not supported currently.");
            }

            // A developer-only attribute is named dev:custom:{name} (SchemaAttributeType, DeveloperOnlyAttribute).
            var developerOnly = item.OptionalBool("DeveloperOnlyAttribute") ?? false;
            var fullName = (developerOnly ? UserAttributes.DeveloperPrefix : "") + UserAttributes.CustomPrefix + name;
            if (custom.Any(a => a.Name.EndsWith(UserAttributes.CustomPrefix + name, StringComparison.Ordinal)))
            {
                throw AwsServiceException.InvalidParameter($"Duplicate attribute name: {name}");
            }

            custom.Add(new SchemaAttribute
            {
                Name = fullName,
                AttributeDataType = type,
                Mutable = mutable,
                DeveloperOnlyAttribute = developerOnly,
                MinLength = type == "String" ? IntText(strings?.OptionalString("MinLength"), "minLength") ?? 0 : null,
                MaxLength = type == "String" ? IntText(strings?.OptionalString("MaxLength"), "maxLength") ?? 2048 : null,
                MinValue = type == "Number" ? IntText(numbers?.OptionalString("MinValue"), "minValue") : null,
                MaxValue = type == "Number" ? IntText(numbers?.OptionalString("MaxValue"), "maxValue") : null,
            });
        }

        return [.. standard, .. custom];
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
                ["LambdaConfig"] = new JsonObject(),
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

    private JsonObject CreateUserPoolDomain(AwsRequest input)
    {
        var domain = input.RequiredString("Domain", 1, 63, DomainPattern());
        var pool = ManagementInput.FindPool(pools, input);
        if (pools.List().Any(p => p.Settings.Domain == domain))
        {
            throw AwsServiceException.InvalidParameter("Domain already associated with another user pool.");
        }

        if (pool.Settings.Domain is not null)
        {
            throw AwsServiceException.InvalidParameter($"The user pool {pool.Id} already has a domain configured.");
        }

        pools.Update(pool with { Settings = pool.Settings with { Domain = domain }, ModifiedAt = time.GetUtcNow() });
        return new JsonObject { ["ManagedLoginVersion"] = 1 };
    }

    private static int? IntText(string? text, string member) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw AwsServiceException.InvalidParameter($"Attribute constraint {member} must be a non-negative integer.");

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$")]
    internal static partial Regex DomainPattern();
}
