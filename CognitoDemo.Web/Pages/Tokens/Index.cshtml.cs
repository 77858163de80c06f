using CognitoDemo.Web.Cognito;
using System.Globalization;
using System.Text.Json;
using CognitoDemo.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CognitoDemo.Web.Pages.Tokens;

/// <summary>The session's ID and access tokens, decoded; "refresh now" is <c>InitiateAuth REFRESH_TOKEN_AUTH</c>.</summary>
[Authorize]
[LimitCognitoCalls]
public sealed class IndexModel(CognitoSession session, TimeProvider time) : CognitoPageModel
{
    public DecodedToken? IdToken { get; private set; }

    public DecodedToken? AccessToken { get; private set; }

    public bool HasRefreshToken { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        IdToken = DecodedToken.From(await HttpContext.IdTokenAsync());
        AccessToken = DecodedToken.From(await HttpContext.AccessTokenAsync());
        HasRefreshToken = await HttpContext.RefreshTokenAsync() is not null;
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
public sealed record DecodedToken(IReadOnlyList<KeyValuePair<string, string>> Claims, DateTimeOffset Expires, DateTimeOffset IssuedAt)
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
            return new DecodedToken(claims, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero));
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

    public static string Describe(string claim, string value) =>
        claim is "exp" or "iat" or "auth_time" && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? $"{value} ({DateTimeOffset.FromUnixTimeSeconds(seconds):u})"
            : value;
}
