namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI on Local Cognito's own base URL (protocol doc 6): authorize, the sign-in form, account confirmation, token, userInfo,
/// revoke and logout. There is one domain for every pool, so the pool is the one of <c>client_id</c>.
/// </summary>
internal static class HostedUiEndpoints
{
    /// <summary>The Hosted UI session cookie; Cognito's own is also called <c>cognito</c>.</summary>
    public const string SessionCookie = SignInEndpoints.SessionCookie;

    public const string AntiforgeryCookie = "local-cognito-xsrf";

    public static void MapHostedUi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oauth2/authorize", SignInEndpoints.Authorize);
        routes.MapGet("/login", SignInEndpoints.ShowLogin);
        routes.MapPost("/login", SignInEndpoints.SubmitLoginAsync);
        routes.MapGet("/confirm", ConfirmEndpoints.Show);
        routes.MapPost("/confirm", ConfirmEndpoints.SubmitAsync);
        routes.MapPost("/resendcode", ConfirmEndpoints.ResendAsync);
        routes.MapPost("/oauth2/token", (HttpContext http, TokenEndpoint endpoint) => endpoint.HandleAsync(http));
        routes.MapGet("/oauth2/userInfo", UserInfoEndpoint.HandleAsync);
        routes.MapPost("/oauth2/userInfo", UserInfoEndpoint.HandleAsync);
        routes.MapPost("/oauth2/revoke", RevokeEndpoint.HandleAsync);
        routes.MapGet("/logout", SignInEndpoints.Logout);
    }

    /// <summary>The Hosted UI's services: its short-lived store, the token endpoint and one handler per grant type.</summary>
    public static IServiceCollection AddHostedUi(this IServiceCollection services)
    {
        services.AddSingleton<HostedUiStore>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<HostedUiOperations>();
        services.AddSingleton<IGrantHandler, Grants.AuthorizationCodeGrant>();
        services.AddSingleton<IGrantHandler, Grants.RefreshTokenGrant>();
        services.AddSingleton<IGrantHandler, Grants.ClientCredentialsGrant>();
        // The sign-in form's antiforgery; its own cookie name, since a host app on localhost shares the cookie jar.
        services.AddAntiforgery(options => options.Cookie.Name = AntiforgeryCookie);
        return services;
    }
}
