using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.Cognito.UserPools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Cognito.Configuration;

public static class CognitoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="UserPoolClient"/>, <see cref="IdentityPoolClient"/> and
    /// <see cref="SrpAuthenticator"/> as typed HTTP clients with resilience (retries of what is safe to
    /// retry: 5xx, throttling, timeouts), and binds and validates <see cref="CognitoOptions"/> at start.
    /// </summary>
    public static IServiceCollection AddCognitoClients(this IServiceCollection services, IConfiguration section,
        Action<HttpStandardResilienceOptions>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CognitoOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoOptions>, CognitoOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<UserPoolClient>().AddCognitoResilience(configureResilience);
        services.AddHttpClient<IdentityPoolClient>().AddCognitoResilience(configureResilience);
        services.TryAddTransient<SrpAuthenticator>();
        return services;
    }

    /// <summary>The standard resilience pipeline, retrying only answers that are safe to repeat.</summary>
    public static IHttpClientBuilder AddCognitoResilience(this IHttpClientBuilder builder,
        Action<HttpStandardResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStandardResilienceHandler(options =>
        {
            options.Retry.ShouldHandle = CognitoRetryPolicy.ShouldRetryAsync;
            configure?.Invoke(options);
        });
        return builder;
    }
}
