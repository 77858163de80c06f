using System.IdentityModel.Tokens.Jwt;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// The Hosted UI as Microsoft's OpenID Connect libraries see it: the discovery document and JWKS read by
/// their configuration manager, the token response checked by their protocol validator (at_hash, nonce).
/// </summary>
public sealed class HostedUiOpenIdConnectTests : IDisposable
{
    private const string Authority = LocalCognitoApp.PublicUrl + "/us-west-2_LocalPool";
    private readonly LocalCognitoApp _app = new();
    private readonly HostedUiBrowser _browser;

    public HostedUiOpenIdConnectTests() => _browser = new HostedUiBrowser(_app);

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }

    private async Task<OpenIdConnectConfiguration> DiscoverAsync()
    {
        using var http = _app.CreateClient();
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(Authority + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http) { RequireHttps = false });
        return await manager.GetConfigurationAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DiscoveryAdvertisesTheHostedUiEndpointsOnThePublicUrl()
    {
        var configuration = await DiscoverAsync();

        Assert.Equal(Authority, configuration.Issuer);
        Assert.Equal(LocalCognitoApp.PublicUrl + "/oauth2/authorize", configuration.AuthorizationEndpoint);
        Assert.Equal(LocalCognitoApp.PublicUrl + "/oauth2/token", configuration.TokenEndpoint);
        Assert.Equal(LocalCognitoApp.PublicUrl + "/oauth2/userInfo", configuration.UserInfoEndpoint);
        Assert.Equal(LocalCognitoApp.PublicUrl + "/logout", configuration.EndSessionEndpoint);
        Assert.Equal(2, configuration.SigningKeys.Count);
    }

    [Fact]
    public async Task TokenResponsePassesTheOpenIdConnectProtocolValidator()
    {
        await _app.SignUpConfirmedAsync("quinn");
        var configuration = await DiscoverAsync();
        var redirect = await _browser.SignInAsync("quinn", authorizeUrl: HostedUiBrowser.AuthorizeUrl(state: "st", nonce: "nonce-42"));
        var (_, tokens) = await _browser.RedeemAsync(HostedUiBrowser.Query(redirect)["code"]);

        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(tokens["id_token"].Text(), new TokenValidationParameters
        {
            IssuerSigningKeys = configuration.SigningKeys,
            ValidIssuer = configuration.Issuer,
            ValidAudience = LocalCognitoApp.WebClientId,
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);

        var validator = new OpenIdConnectProtocolValidator { RequireTimeStampInNonce = false, RequireStateValidation = false };
        var context = new OpenIdConnectProtocolValidationContext
        {
            ClientId = LocalCognitoApp.WebClientId,
            Nonce = "nonce-42",
            ProtocolMessage = new OpenIdConnectMessage { IdToken = tokens["id_token"].Text(), AccessToken = tokens["access_token"].Text() },
            ValidatedIdToken = new JwtSecurityToken(tokens["id_token"].Text()),
        };
        validator.ValidateTokenResponse(context);

        context.Nonce = "another-nonce";
        Assert.Throws<OpenIdConnectProtocolInvalidNonceException>(() => validator.ValidateTokenResponse(context));
        context.Nonce = "nonce-42";
        context.ProtocolMessage.AccessToken = tokens["access_token"].Text() + "x";
        Assert.Throws<OpenIdConnectProtocolInvalidAtHashException>(() => validator.ValidateTokenResponse(context));
    }
}
