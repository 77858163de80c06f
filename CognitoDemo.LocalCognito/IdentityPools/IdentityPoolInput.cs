using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>The <c>IdentityPoolId</c> member every identity pool operation that names a pool reads.</summary>
internal static class IdentityPoolInput
{
    public static IdentityPool RequiredPool(IdentityPoolStore store, AwsRequest input)
    {
        var id = input.RequiredString("IdentityPoolId", 1, 55, CognitoIdentity.IdentityId());
        return store.Find(id) ?? throw AwsServiceException.ResourceNotFound(IdentityMessages.PoolNotFound(id));
    }
}
