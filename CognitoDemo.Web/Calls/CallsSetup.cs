using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace CognitoDemo.Web.Calls;

/// <summary>Wires <see cref="CallRecordingHandler"/> into every client that talks to Cognito (see its summary).</summary>
public static class CallsSetup
{
    public const string HostedUiBackchannel = "CognitoDemo.HostedUi";

    public static IServiceCollection AddCognitoCallRecording(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddTransient<CallRecordingHandler>();
        // Added after AddCognitoClients, so the recorder sits inside the resilience handler.
        services.AddHttpClient<UserPoolClient>().AddHttpMessageHandler<CallRecordingHandler>();
        services.AddHttpClient<IdentityPoolClient>().AddHttpMessageHandler<CallRecordingHandler>();
        services.AddHttpClient(RecordingAwsHttpClientFactory.ClientName).AddHttpMessageHandler<CallRecordingHandler>();
        services.AddSingleton<RecordingAwsHttpClientFactory>();
        services.AddHttpClient(HostedUiBackchannel).AddHttpMessageHandler<CallRecordingHandler>();
        services.AddOptions<OpenIdConnectOptions>(HostedUi.Scheme)
            .Configure<IHttpClientFactory>((oidc, factory) => oidc.Backchannel = factory.CreateClient(HostedUiBackchannel));
        return services;
    }

    /// <summary>Hands a redirect's calls over to the page the browser lands on.</summary>
    public static IApplicationBuilder UseCognitoCallRecording(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            CallLog.For(context).HandOverOnRedirect();
            return next(context);
        });
}
