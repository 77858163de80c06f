using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// The operations a signed-in user calls with their access token (protocol doc section 2): read and change the
/// profile, verify the e-mail address, change the password, delete the account.
/// </summary>
internal sealed class ProfileOperations(
    AccessTokenAuthorizer authorizer,
    UserStore users,
    CodeDelivery delivery,
    CodeVerification verification,
    PoolStore pools,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.GetUser, GetUserAsync);
        table.Add(Operations.UpdateUserAttributes, UpdateUserAttributesAsync);
        table.Add(Operations.ChangePassword, ChangePasswordAsync);
        table.Add(Operations.DeleteUser, DeleteUserAsync);
        table.Add(Operations.GetUserAttributeVerificationCode, GetUserAttributeVerificationCodeAsync);
        table.Add(Operations.VerifyUserAttribute, VerifyUserAttributeAsync);
    }

    private async Task<JsonObject> GetUserAsync(OperationContext context)
    {
        var (_, user, clientId) = await authorizer.AuthorizeClientAsync(context.Input).ConfigureAwait(false);
        // Only the attributes the token's client may read (ReadAttributes, CreateUserPoolClient API reference).
        var client = pools.FindClient(clientId);
        return new JsonObject
        {
            ["Username"] = user.Username,
            ["UserAttributes"] = UserAttributes.List(user.AllAttributes.Where(a => client?.CanRead(a.Key) ?? a.Key == UserAttributes.Sub)),
        };
    }

    private async Task<JsonObject> UpdateUserAttributesAsync(OperationContext context)
    {
        var changes = context.Input.Attributes("UserAttributes")
            ?? throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
        var (pool, user) = await authorizer.AuthorizeAsync(context.Input).ConfigureAwait(false);
        var written = PoolRules.CheckWritable(pool, changes, updating: true);
        var attributes = UserAttributes.Merge(user.Attributes, written);

        PoolRules.CheckRequired(pool, attributes);
        var emailChanged = written.TryGetValue(UserAttributes.Email, out var newEmail) && newEmail.Length > 0
                           && newEmail != user.Email;
        if (emailChanged)
        {
            attributes[UserAttributes.EmailVerified] = "false";
        }

        SignInAliases.CheckFree(users, pool, user.Sub, attributes, written.Keys, ErrorCodes.AliasExists);
        var updated = user with { Attributes = attributes, ModifiedAt = time.GetUtcNow() };
        users.Update(user, updated);
        var result = new JsonObject();
        if (emailChanged && PoolRules.VerifiesEmail(pool))
        {
            result["CodeDeliveryDetailsList"] = new JsonArray(delivery.Send(updated, CodePurpose.VerifyEmail));
        }

        return result;
    }

    private async Task<JsonObject> GetUserAttributeVerificationCodeAsync(OperationContext context)
    {
        var attribute = context.Input.RequiredString("AttributeName", 1, 32);
        context.Input.Map("ClientMetadata");
        var (_, user) = await authorizer.AuthorizeAsync(context.Input).ConfigureAwait(false);
        if (attribute != UserAttributes.Email)
        {
            throw AwsServiceException.InvalidParameter($"Verification of {attribute} is not supported by this user pool.");
        }

        return user.Email is null
            ? throw AwsServiceException.InvalidParameter("The user has no email address to verify.")
            : new JsonObject { ["CodeDeliveryDetails"] = delivery.Send(user, CodePurpose.VerifyEmail) };
    }

    private async Task<JsonObject> VerifyUserAttributeAsync(OperationContext context)
    {
        var attribute = context.Input.RequiredString("AttributeName", 1, 32);
        var code = context.Input.RequiredString("Code", 1, 2048, Patterns.ConfirmationCode());
        var (pool, user) = await authorizer.AuthorizeAsync(context.Input).ConfigureAwait(false);
        if (attribute != UserAttributes.Email)
        {
            throw AwsServiceException.InvalidParameter($"Verification of {attribute} is not supported by this user pool.");
        }

        verification.Check(user, CodePurpose.VerifyEmail, code);
        var attributes = new Dictionary<string, string>(user.Attributes) { [UserAttributes.EmailVerified] = "true" };
        SignInAliases.Claim(users, pool, user.Sub, attributes, force: false, time.GetUtcNow());
        users.Update(user, user with { Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private async Task<JsonObject> ChangePasswordAsync(OperationContext context)
    {
        var previous = context.Input.OptionalString("PreviousPassword", 1, 256, Patterns.Password());
        var proposed = context.Input.RequiredString("ProposedPassword", 1, 256, Patterns.Password());
        var (pool, user) = await authorizer.AuthorizeAsync(context.Input).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var (outcome, current) = users.Attempt(user, u => previous is not null && PasswordVerifier.Matches(u, previous), now);
        if (outcome == SignInAttempt.Locked)
        {
            throw new AwsServiceException(ErrorCodes.LimitExceeded, ErrorMessages.AttemptLimitExceeded);
        }

        if (outcome == SignInAttempt.WrongPassword)
        {
            throw AwsServiceException.NotAuthorized(ErrorMessages.IncorrectCredentials);
        }

        user = current;

        PoolRules.CheckPassword(pool, proposed);
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, user.Username, proposed);
        users.Update(user, user with { Salt = salt, Verifier = verifier, FailedSignIns = 0, LockedUntil = null, ModifiedAt = now, TemporaryPasswordExpiresAt = null });
        return [];
    }

    private async Task<JsonObject> DeleteUserAsync(OperationContext context)
    {
        var (_, user) = await authorizer.AuthorizeAsync(context.Input).ConfigureAwait(false);
        users.Delete(user);
        return [];
    }
}
