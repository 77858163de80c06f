using CognitoDemo.Cognito.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CognitoDemo.Web.Session;

/// <summary>
/// Sign-in through Cognito's Hosted UI with the standard OpenID Connect handler: code flow with PKCE and
/// the client secret, tokens saved. It ends in the same cookie session as the SRP path (same claims from
/// the validated ID token, same token names), so every page works the same whichever way the user came.
/// </summary>
public static class HostedUi
{
    public const string Scheme = "HostedUi";

    /// <summary>Marks a session that came through the Hosted UI, so sign-out also ends it at Cognito.</summary>
    public const string SessionItem = "cognito:hosted-ui";

    public const string CallbackPath = "/signin-oidc";

    public static AuthenticationBuilder AddHostedUi(this AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        authentication.AddOpenIdConnect(Scheme, "Cognito Hosted UI", _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<IOptions<CognitoOptions>>((oidc, cognito) => Configure(oidc, cognito.Value));
        return authentication;
    }

    /// <summary>Whether a Hosted UI domain is configured; without one the button is not shown.</summary>
    public static bool IsEnabled(CognitoOptions options) => !string.IsNullOrWhiteSpace(options?.HostedUiDomain);

    /// <summary>
    /// Cognito's own logout request (not the standard end-session endpoint): <c>{domain}/logout?client_id=…&amp;logout_uri=…</c>,
    /// where the logout URI must be one of the app client's registered sign-out URLs.
    /// </summary>
    public static Uri LogoutUri(CognitoOptions options, Uri returnTo)
    {
        ArgumentNullException.ThrowIfNull(options);
        var domain = options.HostedUiDomain!.TrimEnd('/');
        return new Uri($"{domain}/logout?client_id={Uri.EscapeDataString(options.ClientId!)}&logout_uri={Uri.EscapeDataString(returnTo.ToString())}");
    }

    private static void Configure(OpenIdConnectOptions oidc, CognitoOptions cognito)
    {
        var issuer = CognitoEndpoints.Issuer(cognito);
        oidc.Authority = issuer;
        oidc.MetadataAddress = issuer + "/.well-known/openid-configuration";
        oidc.RequireHttpsMetadata = issuer.StartsWith("https://", StringComparison.Ordinal);
        oidc.ClientId = cognito.ClientId;
        oidc.ClientSecret = string.IsNullOrEmpty(cognito.ClientSecret) ? null : cognito.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // Cognito answers on the query string; it has no form_post response mode.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        // The round trip comes back as a top-level GET, which SameSite=Lax cookies survive; over plain
        // http (local mode) the correlation and nonce cookies cannot be Secure.
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.CallbackPath = CallbackPath;
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.Scope.Clear();
        foreach (var scope in (string[])["openid", "email", "profile", "aws.cognito.signin.user.admin"])
        {
            oidc.Scope.Add(scope);
        }

        oidc.TokenValidationParameters.NameClaimType = CognitoClaims.Username;
        oidc.TokenValidationParameters.RoleClaimType = "cognito:groups";
        oidc.TokenValidationParameters.ValidIssuer = issuer;
        oidc.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = context =>
            {
                context.Properties!.Items[SessionItem] = "true";
                return Task.CompletedTask;
            },
            // A failed or tampered response (wrong state, refused code, Cognito error) ends on the
            // sign-in page with words, never on an error page.
            OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/Account/SignIn?hostedUiFailed=true");
                return Task.CompletedTask;
            },
        };
    }
}
