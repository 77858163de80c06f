using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Credentials;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Users;

/// <summary>
/// Lists the user pool's users with <c>ListUsers</c> signed with the signed-in user's own temporary AWS
/// credentials (from the identity pool), so IAM decides with the role those credentials are: a member of
/// <c>admins</c> gets <c>CognitoDemoAdminsRole</c>, allowed the call; anyone else the pool's default role,
/// refused with <c>AccessDeniedException</c>. The request goes through the named client
/// <see cref="ClientName"/>, whose pipeline records it for the "Cognito calls" panel (headers, and so the
/// signature and session token, are never recorded).
/// </summary>
public sealed class PoolUsers(IHttpMessageHandlerFactory handlers, IOptions<CognitoOptions> options, TimeProvider time)
{
    public const string ClientName = "CognitoDemo.SignedUserPool";

    /// <summary>Users per page; ListUsers allows at most 60.</summary>
    public const int PageSize = 20;

    private readonly CognitoOptions _options = options.Value;

    /// <summary>One page of the pool's users, after <paramref name="paginationToken"/> (null: the first page).</summary>
    /// <exception cref="CognitoDemo.Cognito.CognitoException">Cognito or IAM refused, or Cognito could not be reached.</exception>
    public async Task<ListUsersResponse> ListAsync(TemporaryCredentials credentials, string? paginationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var region = _options.EffectiveRegion ?? throw new InvalidOperationException("Cognito:Region is not configured.");
        var signer = new TemporaryCredentialsSigner(credentials, region, UserPoolOperations.SigningName, time)
        {
            InnerHandler = handlers.CreateHandler(ClientName),
        };
        // The pooled inner pipeline belongs to the factory: neither the client nor the signer disposes it.
        using var http = new HttpClient(signer, disposeHandler: false);
        var client = new UserPoolClient(http, options);
        return await client.ListUsersAsync(new ListUsersRequest
        {
            UserPoolId = _options.UserPoolId ?? throw new InvalidOperationException("Cognito:UserPoolId is not configured."),
            Limit = PageSize,
            PaginationToken = string.IsNullOrEmpty(paginationToken) ? null : paginationToken,
        }, cancellationToken).ConfigureAwait(false);
    }
}
