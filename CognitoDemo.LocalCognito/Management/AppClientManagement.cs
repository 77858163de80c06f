using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// App clients: CreateUserPoolClient, UpdateUserPoolClient, DescribeUserPoolClient and ListUserPoolClients, with
/// botocore's cognito-idp shapes and AWS's checks (OAuth flows, custom scopes of the pool's resource servers, token
/// lifetimes).
/// </summary>
internal sealed class AppClientManagement(PoolStore pools, ResourceServerStore resourceServers, TimeProvider time) : IOperationGroup
{
    public const string ScopeDoesNotExist = "ScopeDoesNotExistException";
    public const string InvalidOAuthFlow = "InvalidOAuthFlowException";
    private const string ClientCredentialsFlow = "client_credentials";
    private static readonly string[] OAuthFlows = ["code", "implicit", ClientCredentialsFlow];
    private static readonly string[] TokenUnits = ["seconds", "minutes", "hours", "days"];

    /// <summary>The scopes every pool has (OAuth 2.0 scopes in the Cognito developer guide).</summary>
    private static readonly string[] StandardScopes = ["openid", "email", "phone", "profile", CognitoIdp.AdminScope];

    public void Register(OperationTable table)
    {
        table.Add(Operations.CreateUserPoolClient, c => Task.FromResult(CreateUserPoolClient(c.Input)));
        table.Add(Operations.UpdateUserPoolClient, c => Task.FromResult(UpdateUserPoolClient(c.Input)));
        table.Add(Operations.DescribeUserPoolClient, c => Task.FromResult(DescribeUserPoolClient(c.Input)));
        table.Add(Operations.ListUserPoolClients, c => Task.FromResult(ListUserPoolClients(c.Input)));
        table.Add(Operations.DeleteUserPoolClient, c => Task.FromResult(DeleteUserPoolClient(c.Input)));
    }

    /// <summary>The client is gone: its id is unknown to every operation from now on, so its tokens cannot be refreshed.</summary>
    private JsonObject DeleteUserPoolClient(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        pools.DeleteClient(FindClient(pool, input));
        return [];
    }

    private JsonObject CreateUserPoolClient(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var name = input.RequiredString("ClientName", 1, 128);
        var generateSecret = input.OptionalBool("GenerateSecret") ?? false;
        var settings = ReadSettings(input, pool, generateSecret);
        var now = time.GetUtcNow();
        var client = new AppClient(Ids.Client(), pool.Id, name, generateSecret ? Ids.ClientSecret() : null, settings, now, now);
        pools.InsertClient(client);
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(client) };
    }

    /// <summary>
    /// UpdateUserPoolClient: every setting not given returns to its default, as AWS documents ("If you don't provide a
    /// value for an attribute, Amazon Cognito sets it to its default value"); the name and the secret stay.
    /// </summary>
    private JsonObject UpdateUserPoolClient(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var client = FindClient(pool, input);
        var name = input.OptionalString("ClientName", 1, 128) ?? client.Name;
        var updated = client with { Name = name, Settings = ReadSettings(input, pool, client.HasSecret), ModifiedAt = time.GetUtcNow() };
        pools.UpdateClient(updated);
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(updated) };
    }

    /// <summary>The settings members CreateUserPoolClient and UpdateUserPoolClient share, checked as AWS checks them.</summary>
    private AppClientSettings ReadSettings(AwsRequest input, UserPool pool, bool hasSecret)
    {
        var flows = input.StringList("ExplicitAuthFlows");
        if (flows is not null)
        {
            ManagementInput.CheckEnum("explicitAuthFlows", flows, ExplicitAuthFlow.All, list: true);
            if (flows.Any(ExplicitAuthFlow.IsLegacy) && !flows.All(ExplicitAuthFlow.IsLegacy))
            {
                throw AwsServiceException.InvalidParameter("ExplicitAuthFlows cannot mix legacy values with values that begin with ALLOW_.");
            }
        }

        var oauthFlows = input.StringList("AllowedOAuthFlows") ?? [];
        ManagementInput.CheckEnum("allowedOAuthFlows", oauthFlows, OAuthFlows, list: true);
        if (oauthFlows.Contains(ClientCredentialsFlow) && !hasSecret)
        {
            throw AwsServiceException.InvalidParameter("client_credentials flow can not be selected if client does not have a client secret.");
        }

        if (oauthFlows.Contains(ClientCredentialsFlow) && oauthFlows.Count > 1)
        {
            throw new AwsServiceException(InvalidOAuthFlow, "client_credentials flow can not be selected along with code flow or implicit flow.");
        }

        var scopes = input.StringList("AllowedOAuthScopes", 256) ?? [];
        CheckScopes(pool, scopes);

        var callbacks = input.StringList("CallbackURLs", 1024) ?? [];
        var oauthEnabled = input.OptionalBool("AllowedOAuthFlowsUserPoolClient") ?? false;
        if (oauthEnabled && oauthFlows.Contains("code") && callbacks.Count == 0)
        {
            throw AwsServiceException.InvalidParameter("CallbackURLs can not be empty when the code flow is allowed.");
        }

        var prevent = input.OptionalString("PreventUserExistenceErrors") ?? "ENABLED";
        ManagementInput.CheckEnum("preventUserExistenceErrors", [prevent], ["ENABLED", "LEGACY"]);
        var units = input.Object("TokenValidityUnits");
        var (access, accessUnit) = Validity(input.OptionalInt("AccessTokenValidity", 1, 86400), units?.OptionalString("AccessToken"), "accessToken");
        var (id, idUnit) = Validity(input.OptionalInt("IdTokenValidity", 1, 86400), units?.OptionalString("IdToken"), "idToken");
        var refreshUnit = units?.OptionalString("RefreshToken") ?? "days";
        ManagementInput.CheckEnum("tokenValidityUnits.refreshToken", [refreshUnit], TokenUnits);
        var refresh = input.OptionalInt("RefreshTokenValidity", 0, 315360000) is { } r and > 0 ? r : 30;
        CheckLifetime("AccessTokenValidity", access, accessUnit, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        CheckLifetime("IdTokenValidity", id, idUnit, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        CheckLifetime("RefreshTokenValidity", refresh, refreshUnit, TimeSpan.FromHours(1), TimeSpan.FromDays(3650));

        return new AppClientSettings
        {
            ExplicitAuthFlows = flows ?? new AppClientSettings().ExplicitAuthFlows,
            AccessTokenValidity = access,
            AccessTokenUnit = accessUnit,
            IdTokenValidity = id,
            IdTokenUnit = idUnit,
            RefreshTokenValidity = refresh,
            RefreshTokenUnit = refreshUnit,
            AuthSessionValidity = input.OptionalInt("AuthSessionValidity", 3, 15) ?? 3,
            CallbackUrls = callbacks,
            LogoutUrls = input.StringList("LogoutURLs", 1024) ?? [],
            DefaultRedirectUri = input.OptionalString("DefaultRedirectURI", 1, 1024),
            AllowedOAuthFlows = oauthFlows,
            AllowedOAuthScopes = scopes,
            AllowedOAuthFlowsUserPoolClient = oauthEnabled,
            SupportedIdentityProviders = input.StringList("SupportedIdentityProviders", 32) ?? [],
            ReadAttributes = input.StringList("ReadAttributes", 2048),
            WriteAttributes = input.StringList("WriteAttributes", 2048),
            PreventUserExistenceErrors = prevent,
            EnableTokenRevocation = input.OptionalBool("EnableTokenRevocation") ?? true,
        };
    }

    /// <summary>
    /// Every scope must be a standard one or a custom scope <c>{identifier}/{scope}</c> that one of the pool's resource
    /// servers defines (ScopeDoesNotExistException in botocore's CreateUserPoolClient and UpdateUserPoolClient).
    /// </summary>
    private void CheckScopes(UserPool pool, IReadOnlyList<string> scopes)
    {
        var custom = scopes.Where(s => !StandardScopes.Contains(s, StringComparer.Ordinal)).ToList();
        if (custom.Count == 0)
        {
            return;
        }

        var defined = resourceServers.CustomScopes(pool.Id);
        if (custom.FirstOrDefault(s => !defined.Contains(s)) is { } unknown)
        {
            throw new AwsServiceException(ScopeDoesNotExist, $"Invalid scope requested: {unknown}");
        }
    }


    private JsonObject DescribeUserPoolClient(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(FindClient(pool, input)) };
    }

    private JsonObject ListUserPoolClients(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var max = input.OptionalInt("MaxResults", 1, 60) ?? 60;
        var (page, next) = ManagementInput.Page(pools.ListClients(pool.Id), max, input.OptionalString("NextToken", 1, 512));
        var result = new JsonObject
        {
            ["UserPoolClients"] = new JsonArray([.. page.Select(c => (JsonNode)new JsonObject
            {
                ["ClientId"] = c.Id,
                ["UserPoolId"] = c.PoolId,
                ["ClientName"] = c.Name,
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    private AppClient FindClient(UserPool pool, AwsRequest input)
    {
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        return pools.FindClient(clientId) is { } found && found.PoolId == pool.Id
            ? found
            : throw AwsServiceException.ResourceNotFound($"User pool client {clientId} does not exist.");
    }

    private static (int Value, string Unit) Validity(int? value, string? unit, string member)
    {
        if (unit is not null)
        {
            ManagementInput.CheckEnum($"tokenValidityUnits.{member}", [unit], TokenUnits);
        }

        // Without units AWS reads validities as hours; with neither, the default is 60 minutes.
        return (value, unit) switch
        {
            (null, null) => (60, "minutes"),
            (null, "minutes") => (60, "minutes"),
            (null, "seconds") => (3600, "seconds"),
            (null, _) => (1, unit!),
            (_, null) => (value.Value, "hours"),
            _ => (value.Value, unit!),
        };
    }

    /// <summary>AWS's ranges: access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 10 years.</summary>
    private static void CheckLifetime(string member, int value, string unit, TimeSpan min, TimeSpan max)
    {
        var seconds = (long)value * unit switch { "seconds" => 1, "minutes" => 60, "hours" => 3600, _ => 86400 };
        if (seconds < (long)min.TotalSeconds || seconds > (long)max.TotalSeconds)
        {
            throw AwsServiceException.InvalidParameter(
                $"{member} of {value} {unit} is out of range: it must be between {Describe(min)} and {Describe(max)}.");
        }

        static string Describe(TimeSpan span) =>
            span.TotalDays >= 365 ? $"{span.TotalDays / 365:0} years"
            : span.TotalDays >= 1 ? $"{span.TotalDays:0} day"
            : span.TotalHours >= 1 ? $"{span.TotalMinutes:0} minutes"
            : $"{span.TotalMinutes:0} minutes";
    }

}
