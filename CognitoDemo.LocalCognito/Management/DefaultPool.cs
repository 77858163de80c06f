using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// Creates the default pool and its two app clients at start, or brings them in line with configuration
/// (fixed ids, so a restart with the same configuration changes nothing), then prints what the app needs
/// to be configured with. It follows configuration changes while running too, so a host app can register
/// the addresses it listens on once its server has started.
/// </summary>
internal sealed partial class DefaultPool(
    Database database,
    IOptionsMonitor<LocalCognitoOptions> options,
    TimeProvider time,
    ILogger<DefaultPool> logger) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.DefaultPool;
        Apply(options.CurrentValue);
        if (settings.Enabled)
        {
            LogDefaultPool(logger, settings.UserPoolId, settings.WebClientId, settings.WebClientSecret, settings.PublicClientId);
        }

        _subscription = options.OnChange(Apply);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    private void Apply(LocalCognitoOptions local)
    {
        var settings = local.DefaultPool;
        if (!settings.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        // Configuration is the source of truth: missing pieces are created, changed ones follow it; ids never change.
        database.Write(c =>
        {
            var pool = Pool(settings, now);
            if (PoolStore.Find(c, pool.Id) is not { } existing)
            {
                PoolStore.Insert(c, pool);
            }
            else if (existing.Name != pool.Name || !SameJson(existing.Settings, pool.Settings))
            {
                PoolStore.Update(c, existing with { Name = pool.Name, Settings = pool.Settings, ModifiedAt = now });
            }

            foreach (var client in (AppClient[])[WebClient(settings, now), PublicClient(settings, now)])
            {
                if (PoolStore.FindClient(c, client.Id) is not { } stored)
                {
                    PoolStore.InsertClient(c, client);
                }
                else if (stored.Name != client.Name || stored.Secret != client.Secret || !SameJson(stored.Settings, client.Settings))
                {
                    PoolStore.UpdateClient(c, stored with
                    {
                        Name = client.Name, Secret = client.Secret, Settings = client.Settings, ModifiedAt = now,
                    });
                }
            }

            if (AdminsGroup(local, now) is { } admins)
            {
                GroupStore.Ensure(c, admins);
            }
        });
    }

    private static bool SameJson<T>(T stored, T configured) =>
        System.Text.Json.JsonSerializer.Serialize(stored, PoolStore.Json) == System.Text.Json.JsonSerializer.Serialize(configured, PoolStore.Json);

    /// <summary>The seed's pool: steps 4.1–4.4 of the console walk-through.</summary>
    internal static UserPool Pool(DefaultPoolOptions settings, DateTimeOffset now) => new(
        settings.UserPoolId,
        settings.PoolName,
        new UserPoolSettings
        {
            PasswordPolicy = new PasswordPolicy
            {
                MinimumLength = 8,
                RequireLowercase = false,
                RequireUppercase = false,
                RequireNumbers = false,
                RequireSymbols = false,
            },
            Schema =
            [
                .. UserAttributes.Standard.Select(a => a.Name == UserAttributes.Email ? a with { Required = true } : a),
                new SchemaAttribute { Name = LocationAttribute, Mutable = true, MinLength = 0, MaxLength = settings.LocationMaxLength },
            ],
            AutoVerifiedAttributes = [UserAttributes.Email],
            UsernameCaseSensitive = false,
            MfaConfiguration = "OFF",
            Domain = settings.Domain,
        },
        now,
        now);

    /// <summary>The group whose role may list the pool's users (issue 18); null when configured off.</summary>
    internal static UserGroup? AdminsGroup(LocalCognitoOptions local, DateTimeOffset now)
    {
        var settings = local.DefaultPool;
        return string.IsNullOrEmpty(settings.AdminsGroupName)
            ? null
            : new UserGroup(settings.UserPoolId, settings.AdminsGroupName,
                $"Members may list and read the pool's users (role {settings.AdminsRoleName}).",
                IdentityPools.DefaultIdentityPool.RoleArn(local.AccountId, settings.AdminsRoleName),
                settings.AdminsGroupPrecedence, now, now);
    }

    private const string LocationAttribute = "custom:location";

    /// <summary>
    /// What the demo's clients read: every attribute of the pool. Listed, because a client without ReadAttributes reads
    /// only the standard ones (CreateUserPoolClient API reference), and the profile shows the custom location.
    /// </summary>
    internal static IReadOnlyList<string> ReadAttributes { get; } =
        [.. UserAttributes.Standard.Where(a => a.Name != UserAttributes.Sub).Select(a => a.Name), LocationAttribute];

    /// <summary>Step 4.7: the web app's client, with a secret, SRP and refresh, and the OAuth code flow.</summary>
    internal static AppClient WebClient(DefaultPoolOptions settings, DateTimeOffset now) => new(
        settings.WebClientId, settings.UserPoolId, settings.WebClientName, settings.WebClientSecret,
        new AppClientSettings
        {
            ExplicitAuthFlows = [ExplicitAuthFlow.UserSrp, ExplicitAuthFlow.RefreshToken],
            CallbackUrls = [.. settings.EffectiveCallbackUrls],
            LogoutUrls = [.. settings.EffectiveLogoutUrls],
            AllowedOAuthFlows = ["code"],
            AllowedOAuthScopes = ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            AllowedOAuthFlowsUserPoolClient = true,
            SupportedIdentityProviders = ["COGNITO"],
            ReadAttributes = ReadAttributes,
        },
        now, now);

    /// <summary>For browsers and command-line tools, which cannot keep a secret.</summary>
    internal static AppClient PublicClient(DefaultPoolOptions settings, DateTimeOffset now) => new(
        settings.PublicClientId, settings.UserPoolId, settings.PublicClientName, null,
        new AppClientSettings
        {
            ExplicitAuthFlows = [ExplicitAuthFlow.UserSrp, ExplicitAuthFlow.UserPassword, ExplicitAuthFlow.RefreshToken],
            ReadAttributes = ReadAttributes,
        },
        now, now);

    // The local-only client secret is the one secret Local Cognito ever prints: it is published in the README.
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local Cognito default pool {UserPoolId}: web app client {WebClientId} (local-only secret {WebClientSecret}), public client {PublicClientId}")]
    private static partial void LogDefaultPool(ILogger logger, string userPoolId, string webClientId, string webClientSecret,
        string publicClientId);
}
