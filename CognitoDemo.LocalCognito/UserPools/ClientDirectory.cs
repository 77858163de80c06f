using System.Security.Cryptography;
using System.Text;
using CognitoDemo.Cognito;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>Finds the app client (and its pool) a public operation names, and checks its SECRET_HASH.</summary>
internal sealed class ClientDirectory(PoolStore pools)
{
    /// <summary>The client and its pool; when the operation names a pool too (the admin operations), that pool must exist and own the client.</summary>
    public (UserPool Pool, AppClient Client) Resolve(string clientId, string? poolId = null)
    {
        if (poolId is not null && pools.Find(poolId) is null)
        {
            throw AwsServiceException.ResourceNotFound($"User pool {poolId} does not exist.");
        }

        var client = pools.FindClient(clientId) is { } found && (poolId is null || found.PoolId == poolId)
            ? found
            : throw AwsServiceException.ResourceNotFound($"User pool client {clientId} does not exist.");
        var pool = pools.Find(client.PoolId)
            ?? throw AwsServiceException.ResourceNotFound($"User pool {client.PoolId} does not exist.");
        return (pool, client);
    }

    /// <summary>
    /// For a client with a secret, SECRET_HASH must be present and match one of the user names the
    /// request may have been hashed with (what the caller typed, or the canonical name); protocol doc 4.
    /// A client without a secret refuses any SECRET_HASH, so an app configured with a secret its client
    /// does not have is told so instead of working by accident.
    /// </summary>
    public static void CheckSecretHash(AppClient client, string? secretHash, params ReadOnlySpan<string?> usernames)
    {
        if (!client.HasSecret)
        {
            if (!string.IsNullOrEmpty(secretHash))
            {
                throw AwsServiceException.InvalidParameter(ErrorMessages.SecretHashNotExpected(client.Id));
            }

            return;
        }

        if (string.IsNullOrEmpty(secretHash))
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.SecretHashMissing(client.Id));
        }

        var given = Encoding.UTF8.GetBytes(secretHash);
        foreach (var username in usernames)
        {
            if (username is not null
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(SecretHash.Compute(username, client.Id, client.Secret!)), given))
            {
                return;
            }
        }

        throw AwsServiceException.NotAuthorized(ErrorMessages.SecretHashMismatch(client.Id));
    }
}
