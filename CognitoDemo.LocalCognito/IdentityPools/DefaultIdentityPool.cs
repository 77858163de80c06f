using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// Creates the default identity pool at start, or brings its providers and roles back in line with the
/// configuration (the id is fixed, so identities and credentials survive restarts); then prints its id.
/// </summary>
internal sealed partial class DefaultIdentityPool(
    IdentityPoolStore store,
    IOptions<LocalCognitoOptions> options,
    TimeProvider time,
    ILogger<DefaultIdentityPool> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.DefaultIdentityPool;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var pool = Pool(options.Value, time.GetUtcNow());
        if (store.Find(pool.Id) is { } existing)
        {
            store.Update(existing with { Name = pool.Name, Settings = pool.Settings });
        }
        else
        {
            store.Insert(pool);
        }

        var role = pool.Role(authenticated: true) ?? "";
        LogDefaultIdentityPool(logger, pool.Id, role, settings.AllowUnauthenticatedIdentities);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string RoleArn(string accountId, string roleName) => $"arn:aws:iam::{accountId}:role/{roleName}";

    internal static IdentityPool Pool(LocalCognitoOptions options, DateTimeOffset now)
    {
        var settings = options.DefaultIdentityPool;
        var providerName = IdentityProviderNames.UserPool(options.DefaultPool.UserPoolId);
        var providers = new List<CognitoProvider> { new(providerName, options.DefaultPool.WebClientId, ServerSideTokenCheck: false) };
        if (settings.IncludePublicClient)
        {
            providers.Add(new(providerName, options.DefaultPool.PublicClientId, ServerSideTokenCheck: false));
        }

        var roles = new Dictionary<string, string>
        {
            [CognitoIdentity.AuthenticatedRole] = RoleArn(options.AccountId, settings.AuthenticatedRoleName),
        };
        if (settings.AllowUnauthenticatedIdentities)
        {
            roles[CognitoIdentity.UnauthenticatedRole] = RoleArn(options.AccountId, settings.UnauthenticatedRoleName);
        }

        return new IdentityPool(settings.IdentityPoolId, settings.IdentityPoolName, new IdentityPoolSettings
        {
            AllowUnauthenticatedIdentities = settings.AllowUnauthenticatedIdentities,
            AllowClassicFlow = false,
            CognitoIdentityProviders = providers,
            Roles = roles,
            RoleMappings = providers.ToDictionary(p => RoleMappings.Key(p.ProviderName, p.ClientId), _ => RoleFromToken),
        }, now);
    }

    /// <summary>
    /// "Choose role from token" with "Use default authenticated role" when the token names no single role: a member of
    /// a group with a role (the default pool's <c>admins</c>) gets that role, everyone else the authenticated role.
    /// </summary>
    internal static RoleMapping RoleFromToken { get; } =
        new() { Type = RoleMapping.TokenType, AmbiguousRoleResolution = RoleMapping.UseAuthenticatedRole };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local Cognito default identity pool {IdentityPoolId}: authenticated role {RoleArn}, guests allowed: {AllowGuests}")]
    private static partial void LogDefaultIdentityPool(ILogger logger, string identityPoolId, string roleArn, bool allowGuests);
}
