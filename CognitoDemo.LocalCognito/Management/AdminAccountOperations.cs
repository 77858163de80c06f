using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// An administrator acting on a user's account (IAM-authorized on AWS): signing the user out everywhere, forcing a
/// password reset, and deleting attributes. Shapes from the botocore cognito-idp 2016-04-18 model.
/// </summary>
internal sealed class AdminAccountOperations(
    PoolStore pools,
    UserStore users,
    AuthSessionStore sessions,
    CodeDelivery delivery,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.AdminUserGlobalSignOut, c => Task.FromResult(AdminUserGlobalSignOut(c.Input)));
        table.Add(Operations.AdminResetUserPassword, c => Task.FromResult(AdminResetUserPassword(c.Input)));
        table.Add(Operations.AdminDeleteUserAttributes, c => Task.FromResult(AdminDeleteUserAttributes(c.Input)));
    }

    /// <summary>Revokes every refresh token of the user, and with it the access tokens minted from them.</summary>
    private JsonObject AdminUserGlobalSignOut(AwsRequest input)
    {
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        sessions.RevokeAll(user.PoolId, user.Sub);
        return [];
    }

    /// <summary>
    /// The password stops working (RESET_REQUIRED; sign-in answers PasswordResetRequiredException) and a reset code is
    /// sent to the verified address, which ConfirmForgotPassword takes, as the AdminResetUserPassword reference describes.
    /// </summary>
    private JsonObject AdminResetUserPassword(AwsRequest input)
    {
        input.Map("ClientMetadata");
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        if (user.Email is null || user.Attributes.GetValueOrDefault(UserAttributes.EmailVerified) != "true")
        {
            throw AwsServiceException.InvalidParameter(
                "Cannot reset password for the user as there is no registered/verified email or phone_number");
        }

        if (user.Status != UserStatus.Unconfirmed)
        {
            users.Update(user, user with { Status = UserStatus.ResetRequired, ModifiedAt = time.GetUtcNow() });
        }

        delivery.Send(user, CodePurpose.ResetPassword);
        return [];
    }

    private JsonObject AdminDeleteUserAttributes(AwsRequest input)
    {
        var names = input.StringList("UserAttributeNames", 32)
            ?? throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
        var (pool, user) = ManagementInput.FindUser(pools, users, input);
        var attributes = new Dictionary<string, string>(user.Attributes, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (pool.Attribute(name) is null)
            {
                throw AwsServiceException.InvalidParameter($"Attributes did not conform to the schema: Type for attribute {{{name}}} could not be determined");
            }

            if (name == UserAttributes.Sub)
            {
                throw AwsServiceException.NotAuthorized("A client attempted to write unauthorized attribute");
            }

            attributes.Remove(name);
        }

        PoolRules.CheckRequired(pool, attributes);
        users.Update(user, user with { Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }
}
