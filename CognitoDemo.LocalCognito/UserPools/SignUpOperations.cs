using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// SignUp, ConfirmSignUp and ResendConfirmationCode (protocol doc section 2): an account is created unconfirmed,
/// and confirmed with the code sent to its e-mail address. Unsigned on AWS, and here.
/// </summary>
internal sealed class SignUpOperations(
    ClientDirectory clients,
    UserStore users,
    CodeDelivery delivery,
    CodeVerification verification,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.SignUp, c => Task.FromResult(SignUp(c.Input)));
        table.Add(Operations.ConfirmSignUp, c => Task.FromResult(ConfirmSignUp(c.Input)));
        table.Add(Operations.ResendConfirmationCode, c => Task.FromResult(ResendConfirmationCode(c.Input)));
    }

    private JsonObject SignUp(AwsRequest input)
    {
        var (pool, client, username, secretHash) = AccountRequest.Identify(clients, input);
        var password = input.RequiredString("Password", 1, 256, Patterns.Password());
        var attributes = PoolRules.CheckWritable(pool, input.Attributes("UserAttributes") ?? [], updating: false);
        ClientDirectory.CheckSecretHash(client, secretHash, username);
        if (pool.Settings.AllowAdminCreateUserOnly)
        {
            throw AwsServiceException.NotAuthorized("SignUp is not permitted for this user pool");
        }

        // A pool that signs in with e-mail or phone number takes the address or number as Username and names the user by its sub.
        var usernameAttribute = SignInAliases.UsernameAttribute(pool, username);
        var sub = Guid.NewGuid().ToString();
        if (usernameAttribute is not null)
        {
            attributes[usernameAttribute] = username;
            username = sub;
        }

        PoolRules.CheckRequired(pool, attributes);
        PoolRules.CheckPassword(pool, password);

        var now = time.GetUtcNow();
        var user = User.Enrolled(pool.Id, sub, username, password, UserStatus.Unconfirmed, attributes, now);
        if (!users.TryInsert(pool, user))
        {
            throw usernameAttribute is not null
                ? SignInAliases.Taken(ErrorCodes.UsernameExists, usernameAttribute)
                : new AwsServiceException(ErrorCodes.UsernameExists, ErrorMessages.UserAlreadyExists);
        }

        var result = new JsonObject { ["UserConfirmed"] = false, ["UserSub"] = user.Sub };
        if (PoolRules.VerifiesEmail(pool) && user.Email is not null)
        {
            result["CodeDeliveryDetails"] = delivery.Send(user, CodePurpose.SignUp);
        }

        return result;
    }

    private JsonObject ConfirmSignUp(AwsRequest input)
    {
        var (pool, client, username, secretHash) = AccountRequest.Identify(clients, input);
        var code = input.RequiredString("ConfirmationCode", 1, 2048, Patterns.ConfirmationCode());
        var forceAlias = input.OptionalBool("ForceAliasCreation") ?? false;
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, secretHash, username, user?.Username);
        if (user is null)
        {
            throw client.Settings.PreventsUserExistenceErrors
                ? new AwsServiceException(ErrorCodes.CodeMismatch, ErrorMessages.CodeMismatch)
                : new AwsServiceException(ErrorCodes.UserNotFound, "Username/client id combination not found.");
        }

        if (user.Status != UserStatus.Unconfirmed)
        {
            throw AwsServiceException.NotAuthorized($"User cannot be confirmed. Current status is {user.Status}");
        }

        verification.Check(user, CodePurpose.SignUp, code);
        var attributes = new Dictionary<string, string>(user.Attributes);
        if (PoolRules.VerifiesEmail(pool) && user.Email is not null)
        {
            attributes[UserAttributes.EmailVerified] = "true";
        }

        SignInAliases.Claim(users, pool, user.Sub, attributes, forceAlias, time.GetUtcNow());
        users.Update(user, user with { Status = UserStatus.Confirmed, Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private JsonObject ResendConfirmationCode(AwsRequest input)
    {
        var (pool, client, username, secretHash) = AccountRequest.Identify(clients, input);
        var user = users.Find(pool, username);
        ClientDirectory.CheckSecretHash(client, secretHash, username, user?.Username);
        if (user is null)
        {
            return client.Settings.PreventsUserExistenceErrors
                ? new JsonObject { ["CodeDeliveryDetails"] = CodeDelivery.Details($"{username}@example.com") }
                : throw new AwsServiceException(ErrorCodes.UserNotFound, "Username/client id combination not found.");
        }

        if (user.Status != UserStatus.Unconfirmed)
        {
            throw AwsServiceException.InvalidParameter("User is already confirmed.");
        }

        if (!PoolRules.VerifiesEmail(pool) || user.Email is null)
        {
            throw AwsServiceException.InvalidParameter("Cannot resend codes. Auto verification not turned on.");
        }

        return new JsonObject { ["CodeDeliveryDetails"] = delivery.Send(user, CodePurpose.SignUp) };
    }
}
