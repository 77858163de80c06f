using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.IdentityPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Iam;

/// <summary>
/// IAM's decision on an AWS JSON request signed with credentials Local Cognito issued: the action is
/// <c>{service}:{operation}</c> (<c>cognito-idp</c> or <c>cognito-identity</c>), the resource the user pool
/// (<c>arn:aws:cognito-idp:{region}:{account}:userpool/{id}</c>) or identity pool
/// (<c>arn:aws:cognito-identity:{region}:{account}:identitypool/{id}</c>) the request names, else <c>*</c>
/// (Service Authorization Reference, Amazon Cognito User Pools / Identity). Only the assumed role's permissions policies
/// are evaluated; what IAM would add besides (resource-based policies, permissions boundaries, SCPs, session policies,
/// conditions) is not. A refusal is <c>AccessDeniedException</c> in AWS's words (aws/aws-sdk-js issue 1843, amplify-backend
/// issue 1459, HTTP 400 as the JSON services answer it).
/// </summary>
internal sealed class IamAuthorizer(IamRoles roles, IOptions<LocalCognitoOptions> options)
{
    public const string AccessDenied = "AccessDeniedException";

    /// <exception cref="AwsServiceException">AccessDeniedException when the role's policies do not allow the request.</exception>
    public void Authorize(StoredCredential caller, string target, JsonObject input, string region)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        var identityPools = target.StartsWith(CognitoIdentity.TargetPrefix + ".", StringComparison.Ordinal);
        var service = identityPools ? "cognito-identity" : "cognito-idp";
        var action = $"{service}:{target[(dot + 1)..]}";
        var resource = identityPools ? IdentityPoolArn(input, region) : UserPoolArn(input);
        var policies = roles.Find(caller.RoleArn)?.Policies.Select(p => p.Policy) ?? [];
        var decision = PolicyEvaluator.Evaluate(policies, action, resource);
        if (decision == PolicyDecision.Allow)
        {
            return;
        }

        var because = decision == PolicyDecision.ExplicitDeny
            ? "with an explicit deny in an identity-based policy"
            : $"because no identity-based policy allows the {action} action";
        throw new AwsServiceException(AccessDenied,
            $"User: {CognitoIdentity.AssumedRole(caller.RoleArn, options.Value.AccountId).Arn} is not authorized to perform: {action} on resource: {resource} {because}");
    }

    private string UserPoolArn(JsonObject input) =>
        Member(input, "UserPoolId") is { } id ? IamRoles.UserPoolArn(options.Value, id) : "*";

    private string IdentityPoolArn(JsonObject input, string region) =>
        Member(input, "IdentityPoolId") is { } id
            ? $"arn:aws:cognito-identity:{(id.Contains(':', StringComparison.Ordinal) ? id[..id.IndexOf(':', StringComparison.Ordinal)] : region)}:{options.Value.AccountId}:identitypool/{id}"
            : "*";

    private static string? Member(JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
