using CognitoDemo.Web.Cognito;
using System.Text.Json;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.Web.Pages.Tokens;

/// <summary>The session's ID and access tokens, decoded; "refresh now" is <c>InitiateAuth REFRESH_TOKEN_AUTH</c>.</summary>
[Authorize]
[LimitCognitoCalls]
public sealed class IndexModel(CognitoSession session, TimeProvider time, IdTokenValidator validator) : CognitoPageModel
{
    public DecodedToken? IdToken { get; private set; }

    public DecodedToken? AccessToken { get; private set; }

    public bool HasRefreshToken { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The <c>kid</c>s of the pool's JWKS, to say which key signed each token.</summary>
    public IReadOnlyList<string> JwksKeyIds { get; private set; } = [];

    /// <summary>Where the pool publishes its keys.</summary>
    public string JwksUrl => validator.Issuer + "/.well-known/jwks.json";

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        IdToken = DecodedToken.From(await HttpContext.IdTokenAsync());
        AccessToken = DecodedToken.From(await HttpContext.AccessTokenAsync());
        HasRefreshToken = await HttpContext.RefreshTokenAsync() is not null;
        JwksKeyIds = await validator.SigningKeyIdsAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRefreshAsync()
    {
        if (!await session.RefreshCurrentAsync(HttpContext))
        {
            // Cognito refused the refresh token: the session is over, not just this refresh.
            return await EndSessionAsync();
        }

        StatusMessage = "New ID and access tokens were issued.";
        return RedirectToPage();
    }
}

/// <summary>A token's claims, for display. The ID token was validated at sign-in; nothing here trusts the access token.</summary>
public sealed record DecodedToken(IReadOnlyList<KeyValuePair<string, string>> Claims, DateTimeOffset Expires, DateTimeOffset IssuedAt,
    string? KeyId, string? Algorithm)
{
    public static DecodedToken? From(string token)
    {
        try
        {
            var jwt = new JsonWebToken(token);
            var claims = jwt.Claims
                .GroupBy(c => c.Type)
                .Select(g => new KeyValuePair<string, string>(g.Key, string.Join(", ", g.Select(c => c.Value))))
                .ToList();
            return new DecodedToken(claims, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero),
                jwt.Kid, jwt.Alg);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A claim's value as shown: times as UTC and relative to now.</summary>
    public static string Describe(string claim, string value, DateTimeOffset now) =>
        ClaimMeanings.TimeClaims.Contains(claim) ? ClaimMeanings.Time(value, now) : value;
}
