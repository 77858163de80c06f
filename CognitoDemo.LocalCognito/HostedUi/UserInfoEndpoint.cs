using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// <c>GET|POST /oauth2/userInfo</c> (AWS's user attributes endpoint documentation): an unrevoked access token with
/// <c>openid</c> gets the attributes its scopes release and its client may read (ReadAttributes). <c>openid</c> alone
/// releases every readable attribute; <c>profile</c> the profile claims and custom attributes; <c>email</c> only
/// <c>email</c> and <c>email_verified</c>; <c>phone</c> only <c>phone_number</c> and <c>phone_number_verified</c>.
/// </summary>
internal static class UserInfoEndpoint
{
    private const string ProfileScope = "profile";
    private const string EmailScope = "email";
    private const string PhoneScope = "phone";

    private static readonly string[] ProfileClaims =
    [
        "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
        "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at",
    ];

    private static readonly string[] EmailClaims = [UserAttributes.Email, UserAttributes.EmailVerified];
    private static readonly string[] PhoneClaims = [UserAttributes.PhoneNumber, UserAttributes.PhoneNumberVerified];

    public static async Task<IResult> HandleAsync(HttpContext http, PoolStore pools, UserStore users, AccessTokenValidator tokens)
    {
        try
        {
            var header = http.Request.Headers.Authorization.ToString();
            var prefix = OAuth2Parameters.Bearer + " ";
            if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length <= prefix.Length)
            {
                throw OAuthException.InvalidRequest("Access token is missing.");
            }

            AccessTokenClaims claims;
            try
            {
                claims = await tokens.ValidateAccessTokenAsync(header[prefix.Length..].Trim(), OAuthGrant.OpenIdScope).ConfigureAwait(false);
                tokens.EnsureNotRevoked(claims);
            }
            catch (AwsServiceException)
            {
                throw Rejected();
            }

            var user = users.FindBySub(claims.PoolId, claims.Sub);
            var client = pools.FindClient(claims.ClientId);
            if (user is not { Enabled: true } || client is null)
            {
                throw Rejected();
            }

            // Cognito's userInfo answers every attribute as a string, email_verified included.
            var body = new JsonObject { [Claims.Sub] = user.Sub };
            foreach (var (name, value) in user.Attributes.Where(a => client.CanRead(a.Key) && Released(claims.Scopes, a.Key)))
            {
                body[name] = value;
            }

            body[Claims.Username] = user.Username;
            return Results.Content(JsonOutput.Write(body), OAuthErrorResponse.JsonContentType, Encoding.UTF8);
        }
        catch (OAuthException e)
        {
            return OAuthErrorResponse.Bearer(e);
        }
    }

    private static bool Released(IReadOnlyList<string> scopes, string attribute)
    {
        var profile = scopes.Contains(ProfileScope, StringComparer.Ordinal);
        var email = scopes.Contains(EmailScope, StringComparer.Ordinal);
        var phone = scopes.Contains(PhoneScope, StringComparer.Ordinal);
        if (!profile && !email && !phone)
        {
            return true;
        }

        return (profile && (ProfileClaims.Contains(attribute, StringComparer.Ordinal) || attribute.StartsWith(UserAttributes.CustomPrefix, StringComparison.Ordinal)))
               || (email && EmailClaims.Contains(attribute, StringComparer.Ordinal))
               || (phone && PhoneClaims.Contains(attribute, StringComparer.Ordinal));
    }

    private static OAuthException Rejected() =>
        new(OAuth2Errors.InvalidToken, OAuth2Errors.TokenRejected, StatusCodes.Status401Unauthorized);
}
