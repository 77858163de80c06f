using CognitoDemo.LocalCognito.Protocol;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>The members every unsigned account operation names its client and user with.</summary>
internal static class AccountRequest
{
    public static (UserPool Pool, AppClient Client, string Username, string? SecretHash) Identify(ClientDirectory clients, AwsRequest input)
    {
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var username = input.RequiredString("Username", 1, 128, Patterns.Username());
        var secretHash = input.OptionalString("SecretHash", 1, 128, Patterns.SecretHash());
        var (pool, client) = clients.Resolve(clientId);
        return (pool, client, username, secretHash);
    }
}
