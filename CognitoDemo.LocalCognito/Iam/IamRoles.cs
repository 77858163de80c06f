using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.IdentityPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Iam;

/// <summary>A role Local Cognito knows the permissions of: its name and its inline policies (name, document).</summary>
internal sealed record IamRole(string Name, IReadOnlyList<(string Name, JsonNode Document, PermissionsPolicy Policy)> Policies);

/// <summary>
/// The IAM roles of Local Cognito's account (<c>LocalCognito:AccountId</c>) and their permissions policies. Built in:
/// the default identity pool's authenticated (and guest) role, allowed nothing, as the template's role is (STS
/// GetCallerIdentity needs no permission); and the <c>admins</c> group's role, allowed <c>cognito-idp:ListUsers</c> and
/// <c>cognito-idp:AdminGetUser</c> on the default pool. Configuration adds roles or replaces these, in CloudFormation's
/// shape: <c>LocalCognito:Iam:Roles:{RoleName}:Policies:{n}:PolicyName</c> and <c>…:PolicyDocument</c> (IAM JSON, as
/// in an appsettings file). Read and checked at start; a policy that is not valid stops the start with every problem listed.
/// A role not listed here (any other ARN a pool or group names) has no permissions.
/// </summary>
internal sealed class IamRoles(IOptions<LocalCognitoOptions> options, IConfiguration configured) : IHostedService
{
    public const string SectionName = "Iam:Roles";

    public const string AdminsPolicyName = "ListAndReadUsers";

    /// <summary>The actions the <c>admins</c> group's role is allowed on the default pool (issue 18).</summary>
    public static readonly string[] AdminsActions = ["cognito-idp:ListUsers", "cognito-idp:AdminGetUser"];

    private readonly Lazy<IReadOnlyDictionary<string, IamRole>> _roles = new(() => Load(options.Value, configured));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _roles.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The role an assumed-role credential names, when it is one of this account's known roles.</summary>
    public IamRole? Find(string roleArn)
    {
        var match = CognitoIdentity.RoleArn().Match(roleArn);
        return match.Success && match.Groups["account"].Value == options.Value.AccountId
               && _roles.Value.TryGetValue(match.Groups["name"].Value, out var role)
            ? role
            : null;
    }

    /// <summary>The built-in roles' policy documents, by role name (the template's roles mirror them).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Name, JsonNode Document)>> BuiltIn(LocalCognitoOptions local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var pool = local.DefaultPool;
        var identities = local.DefaultIdentityPool;
        var roles = new Dictionary<string, IReadOnlyList<(string, JsonNode)>>(StringComparer.OrdinalIgnoreCase)
        {
            [identities.AuthenticatedRoleName] = [],
            [identities.UnauthenticatedRoleName] = [],
        };
        if (!string.IsNullOrEmpty(pool.AdminsGroupName))
        {
            roles[pool.AdminsRoleName] = [(AdminsPolicyName, Allow(AdminsActions, UserPoolArn(local, pool.UserPoolId)))];
        }

        return roles;
    }

    /// <summary>A user pool's ARN, <c>arn:aws:cognito-idp:{region}:{account}:userpool/{id}</c>, the region being the id's prefix.</summary>
    public static string UserPoolArn(LocalCognitoOptions local, string userPoolId)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(userPoolId);
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        var region = underscore > 0 ? userPoolId[..underscore] : local.Region;
        return $"arn:aws:cognito-idp:{region}:{local.AccountId}:userpool/{userPoolId}";
    }

    private static JsonObject Allow(string[] actions, string resource) => new()
    {
        ["Version"] = PermissionsPolicy.Version,
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]),
            ["Resource"] = resource,
        }),
    };

    private static Dictionary<string, IamRole> Load(LocalCognitoOptions local, IConfiguration configured)
    {
        var problems = new List<string>();
        var roles = new Dictionary<string, IamRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, policies) in BuiltIn(local))
        {
            roles[name] = new IamRole(name, [.. policies.Select(p => (p.Name, p.Document, PermissionsPolicy.Read(p.Document, name, problems)))]);
        }

        foreach (var role in configured.GetChildren())
        {
            var where = $"LocalCognito:{SectionName}:{role.Key}";
            var policies = role.GetSection("Policies").GetChildren().Select(policy =>
            {
                var document = ConfigurationJson.Read(policy.GetSection("PolicyDocument"));
                return (policy["PolicyName"] ?? policy.Key, document ?? new JsonObject(),
                    PermissionsPolicy.Read(document, $"{where}:Policies:{policy.Key}:PolicyDocument", problems));
            });
            roles[role.Key] = new IamRole(role.Key, [.. policies]);
        }

        return problems.Count == 0
            ? roles
            : throw new OptionsValidationException(SectionName, typeof(LocalCognitoOptions), problems);
    }
}

/// <summary>
/// A configuration section back as the JSON it was written as: values are strings, children numbered 0, 1, … a list,
/// other children an object. So an IAM policy can sit in appsettings.json (or environment variables) as IAM JSON.
/// </summary>
internal static class ConfigurationJson
{
    public static JsonNode? Read(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : JsonValue.Create(section.Value);
        }

        if (children.All(c => int.TryParse(c.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return new JsonArray([.. children
                .OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture))
                .Select(Read)]);
        }

        var result = new JsonObject();
        foreach (var child in children)
        {
            result[child.Key] = Read(child);
        }

        return result;
    }
}
