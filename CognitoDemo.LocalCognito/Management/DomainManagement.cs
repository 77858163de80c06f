using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// A pool's domain: a prefix domain, or a custom domain (CustomDomainConfig with an ACM certificate) that AWS serves through
/// a CloudFront distribution (issue 15, difference 10). Create, Describe, Update and Delete; shapes from the botocore
/// cognito-idp 2016-04-18 model (CreateUserPoolDomainResponse, DomainDescriptionType, UpdateUserPoolDomainResponse).
/// </summary>
internal sealed partial class DomainManagement(PoolStore pools, IOptions<LocalCognitoOptions> options, TimeProvider time) : IOperationGroup
{
    private const string CloudFrontLetters = "abcdefghijklmnopqrstuvwxyz0123456789";

    public void Register(OperationTable table)
    {
        table.Add(Operations.CreateUserPoolDomain, c => Task.FromResult(CreateUserPoolDomain(c.Input)));
        table.Add(Operations.DescribeUserPoolDomain, c => Task.FromResult(DescribeUserPoolDomain(c.Input)));
        table.Add(Operations.UpdateUserPoolDomain, c => Task.FromResult(UpdateUserPoolDomain(c.Input)));
        table.Add(Operations.DeleteUserPoolDomain, c => Task.FromResult(DeleteUserPoolDomain(c.Input)));
    }

    private JsonObject CreateUserPoolDomain(AwsRequest input)
    {
        var certificate = Certificate(input);
        var domain = Domain(input, custom: certificate is not null);
        var pool = ManagementInput.FindPool(pools, input);
        if (pools.List().Any(p => p.Settings.Domain == domain))
        {
            throw AwsServiceException.InvalidParameter("Domain already associated with another user pool.");
        }

        if (pool.Settings.Domain is not null)
        {
            throw AwsServiceException.InvalidParameter($"The user pool {pool.Id} already has a domain configured.");
        }

        // A custom domain is served by a CloudFront distribution whose name AWS returns as CloudFrontDomain
        // ("dxxxxxxxxxxxxx.cloudfront.net", Using your own domain for managed login, Cognito developer guide).
        var custom = certificate is null ? null
            : new CustomDomain(certificate, "d" + RandomNumberGenerator.GetString(CloudFrontLetters, 13) + ".cloudfront.net");
        pools.Update(pool with { Settings = pool.Settings with { Domain = domain, CustomDomain = custom }, ModifiedAt = time.GetUtcNow() });
        var result = new JsonObject { ["ManagedLoginVersion"] = 1 };
        if (custom is not null)
        {
            result["CloudFrontDomain"] = custom.CloudFrontDomain;
        }

        return result;
    }

    /// <summary>An unknown domain is not an error: AWS answers an empty DomainDescription.</summary>
    private JsonObject DescribeUserPoolDomain(AwsRequest input)
    {
        var domain = AnyDomain(input);
        var pool = pools.List().FirstOrDefault(p => p.Settings.Domain == domain);
        var description = pool is null ? new JsonObject() : new JsonObject
        {
            ["UserPoolId"] = pool.Id,
            ["AWSAccountId"] = options.Value.AccountId,
            ["Domain"] = domain,
            ["Status"] = "ACTIVE",
            ["ManagedLoginVersion"] = 1,
        };
        if (pool?.Settings.CustomDomain is { } custom)
        {
            description["CloudFrontDistribution"] = custom.CloudFrontDomain;
            description["CustomDomainConfig"] = new JsonObject { ["CertificateArn"] = custom.CertificateArn };
        }

        return new JsonObject { ["DomainDescription"] = description };
    }

    /// <summary>Gives a custom domain another certificate; a prefix domain has none to change.</summary>
    private JsonObject UpdateUserPoolDomain(AwsRequest input)
    {
        var certificate = Certificate(input) ?? throw ModelValidation.Violation("customDomainConfig", null, "Member must not be null");
        var domain = AnyDomain(input);
        var pool = ManagementInput.FindPool(pools, input);
        if (pool.Settings.Domain != domain)
        {
            throw AwsServiceException.InvalidParameter("No such domain or user pool exists.");
        }

        var custom = pool.Settings.CustomDomain
            ?? throw AwsServiceException.InvalidParameter($"The domain {domain} is not a custom domain: it has no certificate to update.");
        var updated = custom with { CertificateArn = certificate };
        pools.Update(pool with { Settings = pool.Settings with { CustomDomain = updated }, ModifiedAt = time.GetUtcNow() });
        return new JsonObject { ["CloudFrontDomain"] = updated.CloudFrontDomain };
    }

    private JsonObject DeleteUserPoolDomain(AwsRequest input)
    {
        var domain = AnyDomain(input);
        var pool = ManagementInput.FindPool(pools, input);
        if (pool.Settings.Domain != domain)
        {
            throw AwsServiceException.InvalidParameter("No such domain or user pool exists.");
        }

        pools.Update(pool with { Settings = pool.Settings with { Domain = null, CustomDomain = null }, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    /// <summary>CustomDomainConfigType.CertificateArn (an ArnType), or null when no CustomDomainConfig was given.</summary>
    private static string? Certificate(AwsRequest input) =>
        input.Object("CustomDomainConfig")?.RequiredString("CertificateArn", 20, 2048, Patterns.Arn());

    /// <summary>
    /// A prefix domain matches the model's DomainType pattern; a custom domain is a host name such as auth.example.com,
    /// which AWS accepts although the model's pattern has no dots (CustomDomain, UserPoolType: "An example of a custom
    /// domain name might be auth.example.com").
    /// </summary>
    private static string Domain(AwsRequest input, bool custom) =>
        input.RequiredString("Domain", 1, 63, custom ? HostNamePattern() : PrefixPattern());

    private static string AnyDomain(AwsRequest input) =>
        Domain(input, custom: input.Body["Domain"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                              && input.Body["Domain"]!.GetValue<string>().Contains('.', StringComparison.Ordinal));

    /// <summary>DomainType (botocore cognito-idp model).</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$")]
    private static partial Regex PrefixPattern();

    /// <summary>Two or more DomainType labels joined by dots.</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostNamePattern();
}
