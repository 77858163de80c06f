using System.Globalization;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// The identity pools API on the same <c>POST /</c> (<c>AWSCognitoIdentityService.*</c>): the public
/// operations that turn a user pool's ID token into an identity and temporary AWS credentials, and the
/// management operations the seed uses. Shapes follow botocore's cognito-identity model.
/// </summary>
internal sealed class IdentityPoolOperations(
    IdentityPoolStore store,
    LoginVerifier logins,
    CredentialIssuer issuer,
    SigningKeys keys,
    TimeProvider time) : IOperationGroup
{
    /// <summary>The OpenID tokens' signing key, kept with the pools' keys under a name no user pool can have.</summary>
    private const string OpenIdKeyOwner = "cognito-identity";

    private static readonly TimeSpan OpenIdTokenLifetime = TimeSpan.FromMinutes(10);
    private static readonly string[] UnauthenticatedAmr = ["unauthenticated"];

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public void Register(OperationTable table)
    {
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetId, GetIdAsync);
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetCredentialsForIdentity, GetCredentialsForIdentityAsync);
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetOpenIdToken, GetOpenIdTokenAsync);
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.CreateIdentityPool, c => Task.FromResult(CreateIdentityPool(c)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.DescribeIdentityPool, c => Task.FromResult(DescribeIdentityPool(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.ListIdentityPools, c => Task.FromResult(ListIdentityPools(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.DeleteIdentityPool, c => Task.FromResult(DeleteIdentityPool(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.SetIdentityPoolRoles, c => Task.FromResult(SetIdentityPoolRoles(c.Input)));
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetIdentityPoolRoles, c => Task.FromResult(GetIdentityPoolRoles(c.Input)));
    }

    private async Task<JsonObject> GetIdAsync(OperationContext context)
    {
        var input = context.Input;
        var pool = RequiredPool(input);
        input.OptionalString("AccountId", 1, 15, CognitoIdentity.AccountId());
        var loginTokens = Logins(input);
        if (loginTokens.Count == 0)
        {
            if (!pool.Settings.AllowUnauthenticatedIdentities)
            {
                throw NotAuthorized(IdentityMessages.UnauthenticatedNotSupported);
            }

            return new JsonObject { ["IdentityId"] = store.NewGuest(pool.Id, NewIdentityId(pool), time.GetUtcNow()).Id };
        }

        var verified = await logins.VerifyAsync(pool, loginTokens).ConfigureAwait(false);
        Identity identity;
        try
        {
            identity = store.FindOrCreate(pool.Id, verified, () => NewIdentityId(pool), time.GetUtcNow());
        }
        catch (InvalidOperationException)
        {
            throw new AwsServiceException(IdentityErrors.ResourceConflict, "Logins belong to different identities.");
        }

        return new JsonObject { ["IdentityId"] = identity.Id };
    }

    private async Task<JsonObject> GetCredentialsForIdentityAsync(OperationContext context)
    {
        var input = context.Input;
        var customRoleArn = input.OptionalString("CustomRoleArn", 20, 2048);
        var (identity, pool, tokens) = await AuthorizeAsync(input).ConfigureAwait(false);
        var roleArn = RoleSelection.Choose(pool, identity, tokens, customRoleArn);
        var credentials = issuer.Issue(identity.Id, roleArn);
        return new JsonObject
        {
            ["IdentityId"] = identity.Id,
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = credentials.AccessKeyId,
                ["SecretKey"] = credentials.SecretKey,
                ["SessionToken"] = credentials.SessionToken,
                ["Expiration"] = credentials.Expiration.ToUnixTimeSeconds(),
            },
        };
    }

    private async Task<JsonObject> GetOpenIdTokenAsync(OperationContext context)
    {
        var (identity, pool, _) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [Claims.Issuer] = CognitoIdentity.OpenIdIssuer,
            [Claims.Sub] = identity.Id,
            [Claims.Audience] = pool.Id,
            ["amr"] = identity.IsAuthenticated
                ? identity.Logins.Select(l => l.ProviderName).Distinct(StringComparer.Ordinal).Prepend("authenticated").ToArray()
                : UnauthenticatedAmr,
            [Claims.IssuedAt] = now.ToUnixTimeSeconds(),
            [Claims.Expires] = (now + OpenIdTokenLifetime).ToUnixTimeSeconds(),
        };
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Get(OpenIdKeyOwner, TokenUse.Id), SecurityAlgorithms.RsaSha256),
        });
        return new JsonObject { ["IdentityId"] = identity.Id, ["Token"] = token };
    }

    /// <summary>
    /// The identity and its pool, when the caller may act for it: an identity with logins needs at least one
    /// of them presented again (valid); a guest identity needs a pool that allows guests, or logins that
    /// belong to no other identity (they are then linked to it, as AWS does when a guest signs in). The verified
    /// tokens come back too, for role selection.
    /// </summary>
    private async Task<(Identity Identity, IdentityPool Pool, IReadOnlyList<VerifiedToken> Tokens)> AuthorizeAsync(AwsRequest input)
    {
        var identityId = input.RequiredString("IdentityId", 1, 55, CognitoIdentity.IdentityId());
        var loginTokens = Logins(input);
        var identity = store.FindIdentity(identityId)
                       ?? throw AwsServiceException.ResourceNotFound(IdentityMessages.IdentityNotFound(identityId));
        var pool = store.Find(identity.PoolId)
                   ?? throw AwsServiceException.ResourceNotFound(IdentityMessages.IdentityNotFound(identityId));
        if (loginTokens.Count == 0)
        {
            if (identity.IsAuthenticated)
            {
                throw NotAuthorized(IdentityMessages.LoginsDoNotMatch);
            }

            return pool.Settings.AllowUnauthenticatedIdentities
                ? (identity, pool, [])
                : throw NotAuthorized(IdentityMessages.UnauthenticatedNotSupported);
        }

        var tokens = await logins.VerifyTokensAsync(pool, loginTokens).ConfigureAwait(false);
        var verified = tokens.Select(t => t.Login).ToList();
        if (identity.IsAuthenticated)
        {
            return verified.Any(identity.Logins.Contains) ? (identity, pool, tokens) : throw NotAuthorized(IdentityMessages.LoginsDoNotMatch);
        }

        return store.TryLink(identity, verified)
            ? (store.FindIdentity(identity.Id)!, pool, tokens)
            : throw NotAuthorized(IdentityMessages.LoginsDoNotMatch);
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

    private JsonObject DescribeIdentityPool(AwsRequest input) => Describe(RequiredPool(input));

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
        var pool = RequiredPool(input);
        store.Delete(pool.Id);
        return [];
    }

    private JsonObject SetIdentityPoolRoles(AwsRequest input)
    {
        var pool = RequiredPool(input);
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
        var pool = RequiredPool(input);
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

    private IdentityPool RequiredPool(AwsRequest input)
    {
        var id = input.RequiredString("IdentityPoolId", 1, 55, CognitoIdentity.IdentityId());
        return store.Find(id) ?? throw AwsServiceException.ResourceNotFound(IdentityMessages.PoolNotFound(id));
    }

    private static IReadOnlyDictionary<string, string> Logins(AwsRequest input)
    {
        var map = input.Map("Logins");
        if (map.Count > 10)
        {
            throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        return map;
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

    private static string NewIdentityId(IdentityPool pool) =>
        $"{pool.Id[..pool.Id.IndexOf(':', StringComparison.Ordinal)]}:{Guid.NewGuid()}";

    private static AwsServiceException NotAuthorized(string message) => new(IdentityErrors.NotAuthorized, message);

    private static AwsServiceException MissingMember(string path) => AwsServiceException.InvalidParameter(
        $"1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null");
}
