using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;

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
    public const string Error = "error";

    /// <summary>What the sign-in form carries through from the authorize request.</summary>
    public static readonly string[] Authorize =
    [
        ResponseType, ClientId, RedirectUri, State, Scope, Nonce, CodeChallenge, CodeChallengeMethod, IdentityProvider, IdpIdentifier,
    ];

    public const string CodeResponse = "code";
    public const string CodeFlow = "code";
    public const string S256 = "S256";
    public const string AuthorizationCodeGrant = "authorization_code";
    public const string RefreshTokenGrant = "refresh_token";
    public const string ClientCredentialsGrant = "client_credentials";
}

/// <summary>OAuth2 error codes (RFC 6749 5.2, 4.1.2.1; RFC 7009) as Cognito answers them.</summary>
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

    /// <summary>userInfo's 401 description, in Cognito's words (protocol doc 6).</summary>
    public const string TokenRejected = "Access token is expired, disabled, or deleted, or the user has globally signed out.";
}

/// <summary>An OAuth2 error of the token and revocation endpoints; <see cref="ToResult"/> is the one place it becomes a response.</summary>
internal sealed class OAuth2Exception(string error, int status = StatusCodes.Status400BadRequest) : Exception(error)
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    public string Error { get; } = error;

    public int Status { get; } = status;

    public IResult ToResult() =>
        Results.Content(JsonOutput.Write(new JsonObject { [OAuth2Parameters.Error] = Error }), JsonContentType, Encoding.UTF8, Status);
}

/// <summary>Client authentication at the token and revocation endpoints: <c>client_secret_basic</c> or <c>client_secret_post</c>.</summary>
internal static class ClientCredentials
{
    public static (string? ClientId, string? Secret) Read(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            }
            catch (FormatException)
            {
                return (null, null);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (decoded, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }

        return (Value(form, OAuth2Parameters.ClientId), Value(form, OAuth2Parameters.ClientSecret));
    }

    public static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;
}
