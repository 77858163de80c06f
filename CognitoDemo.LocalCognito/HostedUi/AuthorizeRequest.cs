using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.AspNetCore.WebUtilities;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// A checked authorize request (AWS's authorize endpoint documentation; protocol doc 6), as <c>/oauth2/authorize</c>
/// and <c>/login</c> receive it. Until the client and its redirect URI are known good, errors are an error page and
/// never a redirect (RFC 6749 4.1.2.1); after that they go back to the redirect URI with <c>error</c> and <c>state</c>,
/// in the query for the code flow and in the fragment for the implicit flow (4.2.2.1).
/// </summary>
internal sealed record AuthorizeRequest(UserPool Pool, AppClient Client, string RedirectUri, string ResponseType, OAuthGrant Grant,
    string? State, string? CodeChallenge, IReadOnlyList<string> Prompt, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Scopes that release user attributes and need <c>openid</c> beside them (AWS authorize endpoint: "scope").</summary>
    private static readonly string[] OpenIdOnlyScopes = ["email", "phone", "profile"];

    public bool IsImplicit => ResponseType == OAuth2Parameters.TokenResponse;

    public static (AuthorizeRequest? Request, IResult? Error) Check(IReadOnlyDictionary<string, string> parameters, PoolStore pools)
    {
        var clientId = parameters.GetValueOrDefault(OAuth2Parameters.ClientId);
        var client = string.IsNullOrEmpty(clientId) ? null : pools.FindClient(clientId);
        var pool = client is null ? null : pools.Find(client.PoolId);
        if (client is null || pool is null)
        {
            return (null, OAuthErrorResponse.Page(new OAuthException("Invalid client_id", "The client_id is missing or is not a client of any user pool.")));
        }

        var redirectUri = parameters.GetValueOrDefault(OAuth2Parameters.RedirectUri);
        if (string.IsNullOrEmpty(redirectUri) || !client.Settings.CallbackUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            return (null, OAuthErrorResponse.Page(new OAuthException("redirect_mismatch",
                "The redirect_uri is not one of the callback URLs registered for this client.")));
        }

        var responseType = parameters.GetValueOrDefault(OAuth2Parameters.ResponseType);
        var state = parameters.GetValueOrDefault(OAuth2Parameters.State);
        try
        {
            return (Read(parameters, pool, client, redirectUri, responseType, state), null);
        }
        catch (OAuthException e)
        {
            return (null, OAuthErrorResponse.Redirect(e, redirectUri, state, inFragment: responseType == OAuth2Parameters.TokenResponse));
        }
    }

    private static AuthorizeRequest Read(IReadOnlyDictionary<string, string> parameters, UserPool pool, AppClient client,
        string redirectUri, string? responseType, string? state)
    {
        var flow = responseType switch
        {
            null or "" => throw OAuthException.InvalidRequest("response_type is missing."),
            OAuth2Parameters.CodeResponse => OAuth2Parameters.CodeFlow,
            OAuth2Parameters.TokenResponse => OAuth2Parameters.ImplicitFlow,
            _ => throw new OAuthException(OAuth2Errors.UnsupportedResponseType),
        };
        if (!client.Settings.AllowedOAuthFlowsUserPoolClient || !client.Settings.AllowedOAuthFlows.Contains(flow, StringComparer.Ordinal))
        {
            throw new OAuthException(OAuth2Errors.UnauthorizedClient);
        }

        // No scope asks for all the client's scopes, as Cognito does.
        var requested = parameters.GetValueOrDefault(OAuth2Parameters.Scope);
        var scopes = (string.IsNullOrWhiteSpace(requested)
            ? client.Settings.AllowedOAuthScopes.ToArray()
            : requested.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0 || scopes.Any(s => !client.Settings.AllowedOAuthScopes.Contains(s, StringComparer.Ordinal)))
        {
            throw new OAuthException(OAuth2Errors.InvalidScope);
        }

        if (!scopes.Contains(OAuthGrant.OpenIdScope, StringComparer.Ordinal) && scopes.Any(s => OpenIdOnlyScopes.Contains(s, StringComparer.Ordinal)))
        {
            throw new OAuthException(OAuth2Errors.InvalidScope, "The email, phone and profile scopes need the openid scope.");
        }

        var challenge = parameters.GetValueOrDefault(OAuth2Parameters.CodeChallenge);
        var method = parameters.GetValueOrDefault(OAuth2Parameters.CodeChallengeMethod);
        if (string.IsNullOrEmpty(challenge) != string.IsNullOrEmpty(method)
            || (!string.IsNullOrEmpty(method) && method != OAuth2Parameters.S256))
        {
            throw OAuthException.InvalidRequest("code_challenge needs code_challenge_method S256.");
        }

        // OIDC Core 3.1.2.1: "If this parameter contains none with any other value, an error is returned."
        var prompt = (parameters.GetValueOrDefault(OAuth2Parameters.Prompt) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (prompt.Contains(Prompts.None, StringComparer.Ordinal) && prompt.Length > 1)
        {
            throw OAuthException.InvalidRequest("prompt=none cannot be combined with other values.");
        }

        var grant = new OAuthGrant(string.Join(' ', scopes), parameters.GetValueOrDefault(OAuth2Parameters.Nonce),
            flow == OAuth2Parameters.ImplicitFlow ? OAuthGrant.Implicit : OAuthGrant.AuthorizationCode);
        return new AuthorizeRequest(pool, client, redirectUri, responseType, grant, state,
            string.IsNullOrEmpty(challenge) ? null : challenge, prompt, parameters);
    }

    public bool HasPrompt(string value) => Prompt.Contains(value, StringComparer.Ordinal);

    /// <summary>An error once the redirect URI is proven: back to the client, in the query or (implicit) the fragment.</summary>
    public IResult Fail(OAuthException e) => OAuthErrorResponse.Redirect(e, RedirectUri, State, IsImplicit);

    /// <summary>Where a code-flow sign-in goes: the redirect URI with the code and the state.</summary>
    public string CodeRedirect(string code) =>
        OAuthErrorResponse.RedirectWith(RedirectUri, inFragment: false, (OAuth2Parameters.Code, code), (OAuth2Parameters.State, State));

    /// <summary>
    /// A link to another page of the Hosted UI with only the authorize parameters (AWS: /login, /signup and /confirm take
    /// "the same parameters as /oauth2/authorize"), plus the page's own, e.g. the username for <c>/confirm</c>.
    /// </summary>
    public string Link(string path, params (string Name, string? Value)[] extra) => QueryHelpers.AddQueryString(path,
        OAuth2Parameters.Authorize.Where(Parameters.ContainsKey).Select(n => KeyValuePair.Create(n, (string?)Parameters[n]))
            .Concat(extra.Where(e => e.Value is not null).Select(e => KeyValuePair.Create(e.Name, e.Value))));

    /// <summary>The same authorize parameters, on another path of the domain (e.g. <c>/login</c>).</summary>
    public string On(string path) => QueryHelpers.AddQueryString(path, Parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
}
