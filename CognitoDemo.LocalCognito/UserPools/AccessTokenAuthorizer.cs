using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>The user an operation authorized by an access token acts for (<c>AccessToken</c> in the request).</summary>
internal sealed class AccessTokenAuthorizer(PoolStore pools, UserStore users, AccessTokenValidator tokens)
{
    /// <summary>The user behind a valid, unrevoked access token with the admin scope.</summary>
    public async Task<(UserPool Pool, User User)> AuthorizeAsync(AwsRequest input)
    {
        var (pool, user, _) = await AuthorizeClientAsync(input).ConfigureAwait(false);
        return (pool, user);
    }

    /// <summary>As <see cref="AuthorizeAsync"/>, with the id of the client the token was issued to.</summary>
    public async Task<(UserPool Pool, User User, string ClientId)> AuthorizeClientAsync(AwsRequest input)
    {
        var token = input.RequiredString("AccessToken", 1, 16384, Patterns.Token());
        var claims = await tokens.ValidateAccessTokenAsync(token).ConfigureAwait(false);
        var pool = pools.Find(claims.PoolId) ?? throw AwsServiceException.NotAuthorized(ErrorMessages.InvalidAccessToken);
        var user = users.FindBySub(pool.Id, claims.Sub) ?? throw AwsServiceException.UserNotFound();
        tokens.EnsureNotRevoked(claims);
        if (!user.Enabled)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.UserDisabled);
        }

        return (pool, user, claims.ClientId);
    }
}
