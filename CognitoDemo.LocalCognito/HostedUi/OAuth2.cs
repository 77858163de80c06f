using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>Parameter names and values of the Hosted UI's OAuth2 endpoints (protocol doc 6).</summary>
internal static class OAuth2Parameters
{
    public const string ResponseType = "response_type";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string RedirectUri = "redirect_uri";
    public const string State = "state";
    public const string Scope = "scope";
    public const string Nonce = "nonce";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string CodeVerifier = "code_verifier";
    public const string IdentityProvider = "identity_provider";
    public const string IdpIdentifier = "idp_identifier";
    public const string GrantType = "grant_type";
    public const string Code = "code";
    public const string RefreshToken = "refresh_token";
    public const string Token = "token";
    public const string LogoutUri = "logout_uri";
    public const string Prompt = "prompt";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
    public const string AccessToken = "access_token";
    public const string IdToken = "id_token";
    public const string TokenType = "token_type";
    public const string ExpiresIn = "expires_in";

    /// <summary>What the sign-in form carries through from the authorize request.</summary>
    public static readonly string[] Authorize =
    [
        ResponseType, ClientId, RedirectUri, State, Scope, Nonce, CodeChallenge, CodeChallengeMethod, IdentityProvider, IdpIdentifier,
        Prompt,
    ];

    public const string CodeResponse = "code";
    public const string TokenResponse = "token";
    public const string CodeFlow = "code";
    public const string ImplicitFlow = "implicit";
    public const string S256 = "S256";
    public const string Bearer = "Bearer";
    public const string AuthorizationCodeGrant = OAuthGrant.AuthorizationCode;
    public const string RefreshTokenGrant = "refresh_token";
    public const string ClientCredentialsGrant = "client_credentials";
}

/// <summary>OAuth2 error codes (RFC 6749 4.1.2.1, 4.2.2.1, 5.2; RFC 7009 2.2.1; OIDC Core 3.1.2.6) as Cognito answers them.</summary>
internal static class OAuth2Errors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidToken = "invalid_token";
    public const string UnsupportedTokenType = "unsupported_token_type";
    public const string LoginRequired = "login_required";

    /// <summary>userInfo's 401 description, in Cognito's words (protocol doc 6).</summary>
    public const string TokenRejected = "Access token is expired, disabled, or deleted, or the user has globally signed out.";
}

/// <summary>
/// The values of <c>prompt</c> Local Cognito acts on (OIDC Core 3.1.2.1): <c>none</c> never shows a page (no session
/// means <c>login_required</c>), <c>login</c> always shows the sign-in form, even to a signed-in browser.
/// </summary>
internal static class Prompts
{
    public const string None = "none";
    public const string Login = "login";
}
