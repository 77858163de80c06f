using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.AspNetCore.WebUtilities;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// A checked authorize request (protocol doc 6), as <c>/oauth2/authorize</c> and <c>/login</c> receive it.
/// Until the client and its redirect URI are known good, errors are an error page and never a redirect
/// (RFC 6749 4.1.2.1); after that they go back to the redirect URI as <c>?error=…&amp;state=…</c>.
/// </summary>
internal sealed record AuthorizeRequest(UserPool Pool, AppClient Client, string RedirectUri, OAuthGrant Grant, string? State,
    string? CodeChallenge, IReadOnlyDictionary<string, string> Parameters)
{
    public static (AuthorizeRequest? Request, IResult? Error) Check(IReadOnlyDictionary<string, string> parameters, PoolStore pools)
    {
        var clientId = parameters.GetValueOrDefault(OAuth2Parameters.ClientId);
        var client = string.IsNullOrEmpty(clientId) ? null : pools.FindClient(clientId);
        var pool = client is null ? null : pools.Find(client.PoolId);
        if (client is null || pool is null)
        {
            return (null, HostedUiPages.Error("Invalid client_id", "The client_id is missing or is not a client of any user pool."));
        }

        var redirectUri = parameters.GetValueOrDefault(OAuth2Parameters.RedirectUri);
        if (string.IsNullOrEmpty(redirectUri) || !client.Settings.CallbackUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            return (null, HostedUiPages.Error("redirect_mismatch",
                "The redirect_uri is not one of the callback URLs registered for this client."));
        }

        var state = parameters.GetValueOrDefault(OAuth2Parameters.State);
        IResult Fail(string error) => Results.Redirect(ErrorRedirect(redirectUri, error, state));

        var responseType = parameters.GetValueOrDefault(OAuth2Parameters.ResponseType);
        if (string.IsNullOrEmpty(responseType))
        {
            return (null, Fail(OAuth2Errors.InvalidRequest));
        }

        // Only the code flow is served; the implicit flow ("token") is refused like any flow the client does not allow.
        if (responseType != OAuth2Parameters.CodeResponse)
        {
            return (null, Fail(responseType == OAuth2Parameters.Token ? OAuth2Errors.UnauthorizedClient : OAuth2Errors.UnsupportedResponseType));
        }

        if (!client.Settings.AllowedOAuthFlowsUserPoolClient
            || !client.Settings.AllowedOAuthFlows.Contains(OAuth2Parameters.CodeFlow, StringComparer.Ordinal))
        {
            return (null, Fail(OAuth2Errors.UnauthorizedClient));
        }

        // No scope asks for all the client's scopes, as Cognito does.
        var requested = parameters.GetValueOrDefault(OAuth2Parameters.Scope);
        var scopes = string.IsNullOrWhiteSpace(requested)
            ? client.Settings.AllowedOAuthScopes.ToArray()
            : requested.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || scopes.Any(s => !client.Settings.AllowedOAuthScopes.Contains(s, StringComparer.Ordinal)))
        {
            return (null, Fail(OAuth2Errors.InvalidScope));
        }

        var challenge = parameters.GetValueOrDefault(OAuth2Parameters.CodeChallenge);
        var method = parameters.GetValueOrDefault(OAuth2Parameters.CodeChallengeMethod);
        if (string.IsNullOrEmpty(challenge) != string.IsNullOrEmpty(method)
            || (!string.IsNullOrEmpty(method) && method != OAuth2Parameters.S256))
        {
            return (null, Fail(OAuth2Errors.InvalidRequest));
        }

        var grant = new OAuthGrant(string.Join(' ', scopes.Distinct(StringComparer.Ordinal)), parameters.GetValueOrDefault(OAuth2Parameters.Nonce));
        return (new AuthorizeRequest(pool, client, redirectUri, grant, state, string.IsNullOrEmpty(challenge) ? null : challenge, parameters), null);
    }

    /// <summary>Where a successful sign-in goes: the redirect URI with the code and the state.</summary>
    public string CodeRedirect(string code) => With(RedirectUri, (OAuth2Parameters.Code, code), (OAuth2Parameters.State, State));

    /// <summary>The same authorize parameters, on another path of the domain (e.g. <c>/login</c>).</summary>
    public string On(string path) => QueryHelpers.AddQueryString(path, Parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));

    private static string ErrorRedirect(string redirectUri, string error, string? state) =>
        With(redirectUri, (OAuth2Parameters.Error, error), (OAuth2Parameters.State, state));

    private static string With(string uri, params (string Name, string? Value)[] values) =>
        QueryHelpers.AddQueryString(uri, values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Name, v.Value)));
}
