using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// Creates the default pool and its two app clients at start when they are missing (fixed ids, so a
/// restart changes nothing), then prints what the app needs to be configured with.
/// </summary>
internal sealed partial class DefaultPool(
    Database database,
    IOptions<LocalCognitoOptions> options,
    TimeProvider time,
    ILogger<DefaultPool> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.DefaultPool;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        database.Write(c =>
        {
            if (PoolStore.Find(c, settings.UserPoolId) is null)
            {
                PoolStore.Insert(c, Pool(settings, now));
            }

            if (PoolStore.FindClient(c, settings.WebClientId) is null)
            {
                PoolStore.InsertClient(c, WebClient(settings, now));
            }

            if (PoolStore.FindClient(c, settings.PublicClientId) is null)
            {
                PoolStore.InsertClient(c, PublicClient(settings, now));
            }
        });

        LogDefaultPool(logger, settings.UserPoolId, settings.WebClientId, settings.WebClientSecret, settings.PublicClientId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
                new SchemaAttribute { Name = "custom:location", Mutable = true, MinLength = 0, MaxLength = 256 },
            ],
            AutoVerifiedAttributes = [UserAttributes.Email],
            UsernameCaseSensitive = false,
            MfaConfiguration = "OFF",
            Domain = settings.Domain,
        },
        now,
        now);

    /// <summary>Step 4.7: the web app's client, with a secret, SRP and refresh, and the OAuth code flow.</summary>
    internal static AppClient WebClient(DefaultPoolOptions settings, DateTimeOffset now) => new(
        settings.WebClientId, settings.UserPoolId, settings.WebClientName, settings.WebClientSecret,
        new AppClientSettings
        {
            ExplicitAuthFlows = [ExplicitAuthFlow.UserSrp, ExplicitAuthFlow.RefreshToken],
            CallbackUrls = [.. settings.CallbackUrls],
            LogoutUrls = [.. settings.LogoutUrls],
            AllowedOAuthFlows = ["code"],
            AllowedOAuthScopes = ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            AllowedOAuthFlowsUserPoolClient = true,
            SupportedIdentityProviders = ["COGNITO"],
        },
        now, now);

    /// <summary>For browsers and command-line tools, which cannot keep a secret.</summary>
    internal static AppClient PublicClient(DefaultPoolOptions settings, DateTimeOffset now) => new(
        settings.PublicClientId, settings.UserPoolId, settings.PublicClientName, null,
        new AppClientSettings
        {
            ExplicitAuthFlows = [ExplicitAuthFlow.UserSrp, ExplicitAuthFlow.UserPassword, ExplicitAuthFlow.RefreshToken],
        },
        now, now);

    // The local-only client secret is the one secret Local Cognito ever prints: it is published in the README.
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local Cognito default pool {UserPoolId}: web app client {WebClientId} (local-only secret {WebClientSecret}), public client {PublicClientId}")]
    private static partial void LogDefaultPool(ILogger logger, string userPoolId, string webClientId, string webClientSecret,
        string publicClientId);
}
