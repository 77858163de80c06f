using CognitoDemo.Cognito;
using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>The project's own client, pointed at Local Cognito, goes through the web app's journeys.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private (UserPoolClient Client, SrpAuthenticator Srp) WebAppClient()
    {
        var options = Options.Create(new CognitoOptions
        {
            Region = "us-west-2",
            UserPoolId = LocalCognitoApp.PoolId,
            ClientId = LocalCognitoApp.WebClientId,
            ClientSecret = LocalCognitoApp.WebClientSecret,
            ServiceUrl = new Uri("http://localhost/"),
        });
        var client = new UserPoolClient(_app.CreateClient(), options);
        return (client, new SrpAuthenticator(client, options, _app.Time));
    }

    [Fact]
    public async Task OwnClientSignsUpConfirmsFromTheMailboxAndSignsInWithSrpAndSecretHash()
    {
        var (client, srp) = WebAppClient();
        var ct = TestContext.Current.CancellationToken;

        var signUp = await client.SignUpAsync(new SignUpRequest
        {
            Username = "Carol",
            Password = "any eight",
            UserAttributes = [new("email", "carol@example.com"), new("custom:location", "Lisbon")],
        }, ct);
        Assert.False(signUp.UserConfirmed);
        Assert.Equal("c***@e***", signUp.CodeDeliveryDetails?.Destination);

        var code = await _app.LatestCodeAsync("carol@example.com");
        await client.ConfirmSignUpAsync(new ConfirmSignUpRequest { Username = "Carol", ConfirmationCode = code }, ct);

        // A different case than at sign-up: the pool's user names are case-insensitive.
        var signedIn = await srp.SignInAsync("carol", "any eight", ct);
        Assert.True(signedIn.IsSignedIn);
        Assert.Equal("Bearer", signedIn.Tokens!.TokenType);
        Assert.Equal(3600, signedIn.Tokens.ExpiresIn);

        var user = await client.GetUserAsync(new GetUserRequest { AccessToken = signedIn.Tokens.AccessToken! }, ct);
        Assert.Equal("Carol", user.Username);
        Assert.Contains(user.UserAttributes, a => a is { Name: "custom:location", Value: "Lisbon" });
        Assert.Contains(user.UserAttributes, a => a is { Name: "email_verified", Value: "true" });
        Assert.Contains(user.UserAttributes, a => a is { Name: "sub", Value: var sub } && sub == signUp.UserSub);

        var refreshed = await srp.RefreshAsync("Carol", signedIn.Tokens.RefreshToken!, ct);
        Assert.NotNull(refreshed.AccessToken);
        Assert.Null(refreshed.RefreshToken);
    }

    [Fact]
    public async Task OwnClientIsRefusedAWrongPasswordWithCognitosError()
    {
        var (_, srp) = WebAppClient();
        await _app.SignUpConfirmedAsync("dave");

        var error = await Assert.ThrowsAsync<CognitoServiceException>(
            () => srp.SignInAsync("dave", "not the password", TestContext.Current.CancellationToken));
        Assert.Equal("NotAuthorizedException", error.ErrorCode);
        Assert.Equal("Incorrect username or password.", error.ErrorMessage);
    }

    [Fact]
    public async Task OwnClientSignsOutGloballyAndItsTokenStopsWorking()
    {
        var (client, srp) = WebAppClient();
        var ct = TestContext.Current.CancellationToken;
        await _app.SignUpConfirmedAsync("erin");
        var tokens = (await srp.SignInAsync("erin", Users.Password, ct)).Tokens!;

        await client.GlobalSignOutAsync(new GlobalSignOutRequest { AccessToken = tokens.AccessToken! }, ct);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(
            () => client.GetUserAsync(new GetUserRequest { AccessToken = tokens.AccessToken! }, ct));
        Assert.Equal("Access Token has been revoked", error.ErrorMessage);
    }

    [Fact]
    public async Task OwnClientRevokesItsRefreshTokenWithTheClientSecret()
    {
        var (client, srp) = WebAppClient();
        var ct = TestContext.Current.CancellationToken;
        await _app.SignUpConfirmedAsync("fern");
        var tokens = (await srp.SignInAsync("fern", Users.Password, ct)).Tokens!;

        await client.RevokeTokenAsync(new RevokeTokenRequest { Token = tokens.RefreshToken! }, ct);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => srp.RefreshAsync("fern", tokens.RefreshToken!, ct));
        Assert.Equal("Refresh Token has been revoked", error.ErrorMessage);
    }
}
