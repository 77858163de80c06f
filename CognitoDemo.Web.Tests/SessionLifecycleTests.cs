using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Session;
using CognitoDemo.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// What time does to a session, with the clock moved instead of waited for: silent refresh before the
/// tokens expire, a refused refresh that ends the session with a reason, expired codes, the lockout,
/// and ID tokens that must be refused. Each test has its own app, since each moves the clock.
/// </summary>
public sealed class SessionLifecycleTests
{
    [Fact]
    public async Task TokensAreRefreshedSilentlyShortlyBeforeTheyExpire()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var before = (await browser.GetAsync("/Tokens")).TestId("access-token-expires");

        app.Time.Advance(TimeSpan.FromMinutes(57));
        var after = await browser.GetAsync("/Tokens");

        Assert.Equal("/Tokens", after.Path);
        Assert.NotEqual(before, after.TestId("access-token-expires"));
        Assert.True(DateTimeOffset.Parse(after.TestId("access-token-expires")!, System.Globalization.CultureInfo.InvariantCulture)
                    > app.Time.GetUtcNow().AddMinutes(50));
    }

    [Fact]
    public async Task RefusedRefreshEndsTheSessionAndSaysWhy()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        // The same user signs out everywhere from a second browser: every refresh token is revoked.
        using var second = app.Browser();
        await second.SignInAsync(username);
        await second.SubmitFormAsync(await second.GetAsync("/"), "header form");

        app.Time.Advance(TimeSpan.FromMinutes(57));
        var page = await browser.GetAsync("/Profile");

        Assert.Equal("/Account/SignIn", page.Path);
        Assert.True(page.Text.Contains("Your session ended", StringComparison.Ordinal), page.Url + "\n" + page.Text);
    }

    [Fact]
    public async Task ExpiredConfirmationCodeGetsItsOwnMessage()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        await browser.SignUpAsync(username, email);
        var code = await app.LatestCodeAsync(email);

        app.Time.Advance(TimeSpan.FromHours(25));
        var page = await browser.GetAsync($"/Account/Confirm?username={username}");
        var result = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.Code"] = code });

        Assert.Contains("expired", result.FieldError("Input.Code"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheUserOutWithAMessageToWait()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        using var attacker = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("Incorrect username or password.", (await attacker.SignInAsync(username, "wrong " + i)).FormErrors);
        }

        var locked = await attacker.SignInAsync(username, "correct horse");

        Assert.Contains("Too many failed attempts", locked.FormErrors, StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("/", (await attacker.SignInAsync(username, "correct horse")).Path);
    }

    [Fact]
    public async Task ValidIdTokenIsAcceptedButForgedExpiredAndAccessTokensAreRefused()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, _) = await browser.SignedInUserAsync(app);
        var validator = app.Services.GetRequiredService<IdTokenValidator>();
        // Fresh tokens for the same user, straight from Local Cognito through the app's own client.
        var signIn = await app.Services.GetRequiredService<SrpAuthenticator>()
            .SignInAsync(username, "correct horse", TestContext.Current.CancellationToken);
        var idToken = signIn.Tokens!.IdToken!;

        Assert.True((await validator.ValidateAsync(idToken, TestContext.Current.CancellationToken)).IsValid);
        Assert.False((await validator.ValidateAsync(Forge(idToken), TestContext.Current.CancellationToken)).IsValid);
        Assert.False((await validator.ValidateAsync(signIn.Tokens.AccessToken!, TestContext.Current.CancellationToken)).IsValid);
        app.Time.Advance(TimeSpan.FromHours(2));
        Assert.False((await validator.ValidateAsync(idToken, TestContext.Current.CancellationToken)).IsValid);
    }

    /// <summary>The same claims and header, signed with a key that is not the pool's.</summary>
    private static string Forge(string token)
    {
        var original = new JsonWebToken(token);
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = original.Kid };
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(original.EncodedPayload));
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }
}
