using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// ForgotPassword and ConfirmForgotPassword (protocol doc section 2): a reset code sent to the verified e-mail
/// address, and the new password it allows. Unsigned on AWS, and here.
/// </summary>
internal sealed class ForgotPasswordOperations(
    ClientDirectory clients,
    UserStore users,
    CodeDelivery delivery,
    CodeVerification verification,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.ForgotPassword, c => Task.FromResult(ForgotPassword(c.Input)));
        table.Add(Operations.ConfirmForgotPassword, c => Task.FromResult(ConfirmForgotPassword(c.Input)));
    }

    private JsonObject ForgotPassword(AwsRequest input)
    {
        var (pool, client, username, secretHash) = AccountRequest.Identify(clients, input);
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, secretHash, username, user?.Username);
        // AccountRecoverySetting admin_only: "users can't reset their own passwords" (CreateUserPool API reference).
        if (pool.Settings.AdminOnlyRecovery)
        {
            throw AwsServiceException.NotAuthorized("Contact administrator to reset password.");
        }

        if (user is null)
        {
            return client.Settings.PreventsUserExistenceErrors
                ? new JsonObject { ["CodeDeliveryDetails"] = CodeDelivery.Details($"{username}@example.com") }
                : throw AwsServiceException.UserNotFound();
        }

        if (!user.Enabled)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.UserDisabled);
        }

        if (user.Email is null || user.Attributes.GetValueOrDefault(UserAttributes.EmailVerified) != "true")
        {
            throw AwsServiceException.InvalidParameter(
                "Cannot reset password for the user as there is no registered/verified email or phone_number");
        }

        return new JsonObject { ["CodeDeliveryDetails"] = delivery.Send(user, CodePurpose.ResetPassword) };
    }

    private JsonObject ConfirmForgotPassword(AwsRequest input)
    {
        var (pool, client, username, secretHash) = AccountRequest.Identify(clients, input);
        var code = input.RequiredString("ConfirmationCode", 1, 2048, Patterns.ConfirmationCode());
        var password = input.RequiredString("Password", 1, 256, Patterns.Password());
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, secretHash, username, user?.Username);
        if (user is null)
        {
            throw client.Settings.PreventsUserExistenceErrors
                ? new AwsServiceException(ErrorCodes.CodeMismatch, ErrorMessages.CodeMismatch)
                : AwsServiceException.UserNotFound();
        }

        PoolRules.CheckPassword(pool, password);
        verification.Check(user, CodePurpose.ResetPassword, code);
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, user.Username, password);
        users.Update(user, user with
        {
            Salt = salt,
            Verifier = verifier,
            Status = user.Status == UserStatus.Unconfirmed ? user.Status : UserStatus.Confirmed,
            FailedSignIns = 0,
            LockedUntil = null,
            ModifiedAt = time.GetUtcNow(),
            TemporaryPasswordExpiresAt = null,
        });
        return [];
    }
}
