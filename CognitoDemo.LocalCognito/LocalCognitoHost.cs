using CognitoDemo.Cognito.Protocol;
using CognitoDemo.LocalCognito.HostedUi;
using CognitoDemo.LocalCognito.Iam;
using CognitoDemo.LocalCognito.IdentityPools;
using CognitoDemo.LocalCognito.Mailbox;
using CognitoDemo.LocalCognito.Management;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Signing;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Sts;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito;

/// <summary>
/// Hosting Local Cognito: as its own executable (<see cref="Create"/> from <see cref="Program"/>), or inside
/// another process on its own port: a host app calls <see cref="Create"/> with the arguments meant for Local
/// Cognito (e.g. <c>--LocalCognito:Url=http://localhost:9229</c>) and <c>StartAsync</c>s it next to itself.
/// <c>configure</c> may replace services before the build, e.g. the <see cref="TimeProvider"/>.
/// </summary>
public static class LocalCognitoHost
{
    /// <summary>The port other local Cognito emulators use, so tools find it where they expect.</summary>
    public const string DefaultUrl = "http://localhost:9229";

    /// <summary>The CORS policy <see cref="Create"/> applies; a host that maps Local Cognito itself may use it too.</summary>
    public const string CorsPolicy = "LocalCognito";

    /// <summary>
    /// A ready-to-run Local Cognito. Standard ASP.NET Core configuration applies (<c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>, <c>LocalCognito:DataPath</c>, …); <c>LocalCognito:Url</c> wins over them, and
    /// without any URL it listens on <see cref="DefaultUrl"/>. A host app passes only the arguments meant for
    /// Local Cognito, then <c>StartAsync</c>s the result next to itself.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LocalCognitoHost).Assembly.GetName().Name,
        });
        // Defaults below every other source (no appsettings.json of its own: it would land in a host app's
        // output): per-request framework logs are turned down so the mailbox lines stand out.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        var url = builder.Configuration[$"{LocalCognitoOptions.SectionName}:{nameof(LocalCognitoOptions.Url)}"];
        if (!string.IsNullOrEmpty(url))
        {
            ListenOnlyOn(builder.WebHost, url);
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
                 && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddLocalCognito(builder.Configuration.GetSection(LocalCognitoOptions.SectionName));
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseCors(CorsPolicy);
        app.MapLocalCognito();
        return app;
    }

    /// <summary>
    /// Listens on <paramref name="url"/> alone. ASPNETCORE_HTTP_PORTS (set in the container for the web
    /// app that hosts Local Cognito) is not Local Cognito's, so it is cleared rather than warned about.
    /// </summary>
    public static IWebHostBuilder ListenOnlyOn(IWebHostBuilder webHost, string url)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        return webHost.UseUrls(url).UseSetting(WebHostDefaults.HttpPortsKey, "").UseSetting(WebHostDefaults.HttpsPortsKey, "");
    }

    /// <summary>Registers Local Cognito's services, bound to the <c>LocalCognito</c> configuration section.</summary>
    public static IServiceCollection AddLocalCognito(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<LocalCognitoOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalCognitoOptions>, LocalCognitoOptionsValidator>());
        // Browsers call Cognito directly (amazon-cognito-identity-js, Amplify), but a local emulator whose
        // management API and mailbox are open must not be driven by any page on the web: only the listed origins.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<LocalCognitoOptions>>((cors, local) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. local.Value.AllowedOrigins ?? []])
                .AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(AwsJson.RequestIdHeader)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<PoolStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<CodeStore>();
        services.AddSingleton<ChallengeStore>();
        services.AddSingleton<AuthSessionStore>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<PublicUrl>();
        services.AddSingleton<SignInGate>();
        services.AddSingleton<ResourceServerStore>();
        services.AddSingleton<GroupStore>();
        services.AddSingleton<GroupClaims>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<Mailbox.Mailbox>();
        services.AddSingleton<CodeDelivery>();
        services.AddSingleton<ClientDirectory>();
        services.AddSingleton<AccessTokenAuthorizer>();
        services.AddSingleton<CodeVerification>();
        services.AddSingleton<IOperationGroup, SignUpOperations>();
        services.AddSingleton<IOperationGroup, ForgotPasswordOperations>();
        services.AddSingleton<IOperationGroup, ProfileOperations>();
        services.AddSingleton<IOperationGroup, SignOutOperations>();
        services.AddSingleton<SignInResults>();
        services.AddSingleton<SrpSignIn>();
        services.AddSingleton<NewPasswordChallenge>();
        services.AddSingleton<RefreshTokenSignIn>();
        services.AddSingleton<IOperationGroup>(s => s.GetRequiredService<RefreshTokenSignIn>());
        services.AddSingleton<AuthOperations>();
        services.AddSingleton<IOperationGroup>(s => s.GetRequiredService<AuthOperations>());
        services.AddSingleton<IOperationGroup, AdminAuthOperations>();
        services.AddSingleton<IOperationGroup, PoolManagement>();
        services.AddSingleton<IOperationGroup, AppClientManagement>();
        services.AddSingleton<IOperationGroup, ResourceServerManagement>();
        services.AddSingleton<IOperationGroup, UserAdministration>();
        services.AddSingleton<IOperationGroup, GroupManagement>();
        services.AddSingleton<IOperationGroup, AdminAccountOperations>();
        services.AddSingleton<IOperationGroup, DomainManagement>();
        services.AddSingleton<IOperationGroup, CustomAttributes>();
        services.AddSingleton<IdentityPoolStore>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<LoginVerifier>();
        services.AddSingleton<CredentialIssuer>();
        services.AddSingleton<IOperationGroup, IdentityOperations>();
        services.AddSingleton<IOperationGroup, IdentityPoolManagement>();
        services.AddSingleton<SigV4Verifier>();
        services.AddSingleton<ApiSignatures>();
        services.AddSingleton(s => new IamRoles(s.GetRequiredService<IOptions<LocalCognitoOptions>>(), section.GetSection(IamRoles.SectionName)));
        services.AddHostedService(s => s.GetRequiredService<IamRoles>());
        services.AddSingleton<IamAuthorizer>();
        services.AddSingleton<StsEndpoint>();
        services.AddSingleton<AwsJsonEndpoint>();
        services.AddHostedUi();
        services.AddHostedService<DefaultPool>();
        services.AddHostedService<DefaultIdentityPool>();
        return services;
    }

    /// <summary>
    /// Maps <c>POST /</c> (JSON APIs by <c>X-Amz-Target</c>, STS by <c>Action</c>), <c>GET /</c> for STS,
    /// the well-known token documents, the Hosted UI (<c>/oauth2/*</c>, <c>/login</c>, <c>/logout</c>) and the mailbox.
    /// </summary>
    public static IEndpointRouteBuilder MapLocalCognito(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/", (Microsoft.AspNetCore.Http.HttpContext http, AwsJsonEndpoint endpoint, StsEndpoint sts) =>
            StsEndpoint.Handles(http.Request) ? sts.HandleAsync(http) : endpoint.HandleAsync(http));
        routes.MapGet("/", (Microsoft.AspNetCore.Http.HttpContext http, StsEndpoint sts) => sts.HandleAsync(http));
        routes.MapWellKnown();
        routes.MapHostedUi();
        routes.MapMailbox();
        return routes;
    }
}
