using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>
/// What a Hosted UI (OAuth2) grant changes in the tokens (protocol doc 5.2–5.3, 6): the access token carries
/// the granted scopes, the ID token <c>at_hash</c> and the authorize request's <c>nonce</c>, and there is an
/// ID token only when <c>openid</c> was granted. <paramref name="Flow"/> is the grant that started the session.
/// </summary>
internal sealed record OAuthGrant(string Scope, string? Nonce, string Flow = OAuthGrant.AuthorizationCode)
{
    public const string OpenIdScope = "openid";
    public const string AuthorizationCode = "authorization_code";
    public const string Implicit = "implicit";

    public IReadOnlyList<string> Scopes => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IncludesIdToken => Scopes.Contains(OpenIdScope, StringComparer.Ordinal);

    /// <summary>The grant a stored session was started with; null for a session of the user-pool API.</summary>
    public static OAuthGrant? Of(AuthSession session) =>
        session.AuthFlow is AuthorizationCode or Implicit && session.Scope is { } scope ? new OAuthGrant(scope, null, session.AuthFlow) : null;
}
