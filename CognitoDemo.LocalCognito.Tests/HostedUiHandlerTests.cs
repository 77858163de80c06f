using System.Net;
using System.Security.Claims;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// ASP.NET Core's own OpenID Connect handler against Local Cognito on real ports: code flow with PKCE and
/// the client secret, then Cognito's logout request; a browser with one cookie jar follows every redirect.
/// </summary>
public sealed class HostedUiHandlerTests
{
    private const string PoolId = "us-west-2_LocalPool";

    private static async Task<(KestrelLocalCognito LocalCognito, WebApplication App, ClientHolder Client)> StartAsync()
    {
        var localCognito = await KestrelLocalCognito.StartAsync();
        await localCognito.SignedInIdTokenAsync("yuki");
        var client = new ClientHolder();
        var app = await StartAppAsync(localCognito.Url, client);
        var appUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        var created = (await localCognito.OkAsync("AWSCognitoIdentityProviderService.CreateUserPoolClient", new
        {
            UserPoolId = PoolId,
            ClientName = "oidc-handler",
            GenerateSecret = true,
            AllowedOAuthFlows = new[] { "code" },
            AllowedOAuthScopes = new[] { "openid", "email", "profile" },
            AllowedOAuthFlowsUserPoolClient = true,
            CallbackURLs = new[] { appUrl + "/signin-oidc" },
            LogoutURLs = new[] { appUrl + "/" },
            SupportedIdentityProviders = new[] { "COGNITO" },
        }))["UserPoolClient"]!;
        client.Id = created["ClientId"].Text();
        client.Secret = created["ClientSecret"].Text();
        client.AppUrl = appUrl;
        return (localCognito, app, client);
    }

    /// <summary>From the app's home page through the Hosted UI form; returns where the browser is sent with the code.</summary>
    private static async Task<Uri> SignInOnTheFormAsync(HttpClient browser, string appUrl)
    {
        var (loginUrl, page) = await FollowToLoginAsync(browser, new Uri(appUrl + "/"));
        var fields = HostedUiBrowser.HiddenInputs(page);
        fields["username"] = "yuki";
        fields["password"] = Users.Password;
        using var form = new FormUrlEncodedContent(fields);
        using var signIn = await browser.PostAsync(new Uri(loginUrl, "/login"), form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return signIn.Headers.Location!;
    }

    private static HttpClient NewBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() });

    [Fact]
    public async Task OpenIdConnectHandlerRefusesACallbackWithATamperedState()
    {
        var (localCognito, app, client) = await StartAsync();
        await using var _ = localCognito;
        await using var __ = app;
        using var browser = NewBrowser();
        var callback = await SignInOnTheFormAsync(browser, client.AppUrl);
        var query = HostedUiBrowser.Query(callback);

        using var tampered = await browser.GetAsync(
            new Uri($"{client.AppUrl}/signin-oidc?code={query["code"]}&state={query["state"]}x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, tampered.StatusCode);
        Assert.Equal("Unable to unprotect the message.State.", await tampered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var home = await browser.GetAsync(new Uri(client.AppUrl + "/"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task OpenIdConnectHandlerSignsInThroughTheHostedUiAndCognitoLogoutEndsTheSession()
    {
        var (localCognito, app, client) = await StartAsync();
        await using var _ = localCognito;
        await using var __ = app;
        var appUrl = client.AppUrl;
        using var browser = NewBrowser();
        var callback = await SignInOnTheFormAsync(browser, appUrl);

        var (status, body) = await FollowAsync(browser, callback);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal("signed in as yuki", body);

        using var signOut = await browser.GetAsync(new Uri(appUrl + "/signout"), TestContext.Current.CancellationToken);
        var logout = signOut.Headers.Location!;
        Assert.Equal($"{localCognito.Url}logout?client_id={client.Id}&logout_uri={Uri.EscapeDataString(appUrl + "/")}", logout.AbsoluteUri);
        using var loggedOut = await browser.GetAsync(logout, TestContext.Current.CancellationToken);
        Assert.Equal(appUrl + "/", loggedOut.Headers.Location!.AbsoluteUri);
        var (_, formAgain) = await FollowToLoginAsync(browser, new Uri(appUrl + "/"));
        Assert.Contains("<button type=\"submit\">Sign in</button>", formAgain, StringComparison.Ordinal);
    }

    private static async Task<(Uri Url, string Page)> FollowToLoginAsync(HttpClient browser, Uri start)
    {
        var url = start;
        for (var hop = 0; hop < 5; hop++)
        {
            using var response = await browser.GetAsync(url, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                Assert.Equal("/login", url.AbsolutePath);
                return (url, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            url = new Uri(url, response.Headers.Location!);
        }

        throw new InvalidOperationException("Too many redirects before the sign-in form.");
    }

    private static async Task<(HttpStatusCode Status, string Body)> FollowAsync(HttpClient browser, Uri url)
    {
        for (var hop = 0; hop < 5; hop++)
        {
            using var response = await browser.GetAsync(url, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            url = new Uri(url, response.Headers.Location!);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    /// <summary>The app client is created once the app's port is known; the handler reads its options on first use.</summary>
    private sealed class ClientHolder
    {
        public string Id { get; set; } = "";
        public string Secret { get; set; } = "";
        public string AppUrl { get; set; } = "";
    }

    private static async Task<WebApplication> StartAppAsync(string localCognitoUrl, ClientHolder client)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect();
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme).Configure(o =>
        {
            o.Authority = localCognitoUrl + PoolId;
            o.RequireHttpsMetadata = false;
            o.ClientId = client.Id;
            o.ClientSecret = client.Secret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = true;
            o.Scope.Add("email");
            o.TokenValidationParameters.NameClaimType = "cognito:username";
            // Plain http on localhost: the handler's cookies default to Secure + SameSite=None, which http cannot carry.
            // The code comes back by a top-level GET (response_mode=query), so Lax cookies arrive.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.HandleResponse();
                return context.Response.WriteAsync(context.Failure?.Message ?? "remote failure");
            };
            // Cognito's logout is not the standard end-session request (protocol doc 6).
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                context.Response.Redirect($"{localCognitoUrl}logout?client_id={client.Id}&logout_uri={Uri.EscapeDataString(client.AppUrl + "/")}");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (ClaimsPrincipal user) => $"signed in as {user.Identity!.Name}").RequireAuthorization();
        app.MapGet("/signout", () => Results.SignOut(authenticationSchemes:
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
