using CognitoDemo.Cognito.Configuration;
using CognitoDemo.LocalCognito;
using CognitoDemo.LocalCognito.IdentityPools;
using CognitoDemo.Web.Calls;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CognitoDemo.Web.Cognito;

public static class CognitoSetup
{
    /// <summary>
    /// Chooses the mode by configuration alone: with no <c>Cognito:UserPoolId</c> the app starts Local
    /// Cognito in-process on its own port and uses its default pool; otherwise it uses the configured
    /// pool (on AWS, or on any emulator named by <c>Cognito:ServiceUrl</c>). Then registers the clients.
    /// </summary>
    public static WebApplicationBuilder AddCognito(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cognito = builder.Configuration.GetSection(CognitoOptions.SectionName);
        if (string.IsNullOrWhiteSpace(cognito["UserPoolId"]))
        {
            var local = builder.Configuration.GetSection(LocalCognitoOptions.SectionName);
            var listen = new Uri(local["Url"] is { Length: > 0 } configured ? configured : LocalCognitoHost.DefaultUrl);
            // Listening on every interface (as in the container) is still reached at localhost.
            var url = listen.Host is "0.0.0.0" or "[::]"
                ? new UriBuilder(listen) { Host = "localhost" }.Uri
                : listen;
            var pool = local.GetSection(nameof(LocalCognitoOptions.DefaultPool)).Get<DefaultPoolOptions>() ?? new DefaultPoolOptions();
            var identityPool = local.GetSection(nameof(LocalCognitoOptions.DefaultIdentityPool)).Get<DefaultIdentityPoolOptions>()
                               ?? new DefaultIdentityPoolOptions();
            LocalCognitoOrigins.AddDefault(builder.Configuration);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cognito:Region"] = pool.UserPoolId[..pool.UserPoolId.IndexOf('_', StringComparison.Ordinal)],
                ["Cognito:UserPoolId"] = pool.UserPoolId,
                ["Cognito:ClientId"] = pool.WebClientId,
                ["Cognito:ClientSecret"] = pool.WebClientSecret,
                ["Cognito:ServiceUrl"] = url.ToString(),
                ["Cognito:IdentityPoolId"] = identityPool.Enabled ? identityPool.IdentityPoolId : null,
                // Local Cognito serves the Hosted UI on its own URL.
                ["Cognito:HostedUiDomain"] = url.ToString().TrimEnd('/'),
                // The pool's schema limit, from the pool Local Cognito builds.
                [$"{FieldLimits.SectionName}:LocationMaxLength"] = pool.LocationMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            builder.Services.AddSingleton(new CognitoMode(true, "", pool.UserPoolId, url));
            builder.Services.AddSingleton(string.IsNullOrEmpty(pool.AdminsGroupName)
                ? Users.GroupPrecedences.None
                : new Users.GroupPrecedences(new Dictionary<string, int>(StringComparer.Ordinal) { [pool.AdminsGroupName] = pool.AdminsGroupPrecedence }));
            builder.Services.AddHostedService(services => new LocalCognitoLauncher(listen, url, local,
                services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<LocalCognitoLauncher>>(),
                services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), services.GetRequiredService<IHostApplicationLifetime>()));
        }
        else
        {
            builder.Services.AddSingleton(Users.GroupPrecedences.None);
            builder.Services.AddSingleton(services =>
            {
                var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CognitoOptions>>().Value;
                return new CognitoMode(false, options.EffectiveRegion ?? "", options.UserPoolId ?? "", null);
            });
        }

        builder.Services.AddCognitoClients(cognito);
        builder.Services.AddCognitoCallRecording();
        builder.Services.AddHttpClient(LocalMailbox.ClientName);
        builder.Services.AddScoped<LocalMailbox>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<Credentials.CredentialsCache>();
        builder.Services.AddScoped<Credentials.CredentialsService>();
        builder.Services.AddScoped<Diagnostics.DiagnosticsService>();
        builder.Services.AddOptions<PasswordPolicy>().Bind(cognito.GetSection("PasswordPolicy"));
        builder.Services.AddOptions<FieldLimits>().Bind(builder.Configuration.GetSection(FieldLimits.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<FieldLimits>, FieldLimitsValidator>();
        return builder;
    }

    /// <summary>The cookie session both sign-in paths end in, with token validation and silent refresh.</summary>
    public static WebApplicationBuilder AddCognitoSession(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(nameof(IdTokenValidator)).AddCognitoResilience();
        builder.Services.AddSingleton<IdTokenValidator>();
        builder.Services.AddScoped<CognitoSession>();
        builder.Services.AddScoped<SessionCookieEvents>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/Account/SignIn";
                options.LogoutPath = "/Account/SignOut";
                options.AccessDeniedPath = "/Account/SignIn";
                options.Cookie.Name = "CognitoDemo.Session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = false;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.EventsType = typeof(SessionCookieEvents);
            })
            .AddHostedUi();
        builder.Services.AddAuthorization();
        return builder;
    }
}
