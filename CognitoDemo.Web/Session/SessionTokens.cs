using Microsoft.AspNetCore.Authentication;

namespace CognitoDemo.Web.Session;

/// <summary>Reads the signed-in user's tokens from the session cookie.</summary>
public static class SessionTokens
{
    public static async Task<string> AccessTokenAsync(this HttpContext http) =>
        await http.GetTokenAsync(CognitoSession.AccessTokenName).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The session has no access token.");

    public static async Task<string> IdTokenAsync(this HttpContext http) =>
        await http.GetTokenAsync(CognitoSession.IdTokenName).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The session has no ID token.");

    public static Task<string?> RefreshTokenAsync(this HttpContext http) =>
        http.GetTokenAsync(CognitoSession.RefreshTokenName);
}
