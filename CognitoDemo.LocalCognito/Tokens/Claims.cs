namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>Claims of Cognito's tokens (protocol doc 5.2–5.3).</summary>
internal static class Claims
{
    public const string Sub = "sub";
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string TokenUse = "token_use";
    public const string AuthTime = "auth_time";
    public const string IssuedAt = "iat";
    public const string Expires = "exp";
    public const string Jti = "jti";
    public const string OriginJti = "origin_jti";
    public const string EventId = "event_id";
    public const string Username = "username";
    public const string CognitoUsername = "cognito:username";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Nonce = "nonce";
    public const string AccessTokenHash = "at_hash";
    public const string Version = "version";
}
