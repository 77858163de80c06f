using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// The app-client operations around a user's account (protocol doc section 2): sign-up and
/// confirmation, password reset, profile, sign-out and deletion. Unsigned on AWS, and here.
/// </summary>
internal sealed class UserOperations(
    ClientDirectory clients,
    UserStore users,
    CodeStore codes,
    CodeDelivery delivery,
    AuthSessionStore sessions,
    TokenService tokens,
    PoolStore pools,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.SignUp, c => Task.FromResult(SignUp(c.Input)));
        table.Add(Operations.ConfirmSignUp, c => Task.FromResult(ConfirmSignUp(c.Input)));
        table.Add(Operations.ResendConfirmationCode, c => Task.FromResult(ResendConfirmationCode(c.Input)));
        table.Add(Operations.ForgotPassword, c => Task.FromResult(ForgotPassword(c.Input)));
        table.Add(Operations.ConfirmForgotPassword, c => Task.FromResult(ConfirmForgotPassword(c.Input)));
        table.Add(Operations.GetUser, GetUserAsync);
        table.Add(Operations.UpdateUserAttributes, UpdateUserAttributesAsync);
        table.Add(Operations.ChangePassword, ChangePasswordAsync);
        table.Add(Operations.GlobalSignOut, GlobalSignOutAsync);
        table.Add(Operations.DeleteUser, DeleteUserAsync);
        table.Add(Operations.RevokeToken, c => Task.FromResult(RevokeToken(c.Input)));
        table.Add(Operations.GetUserAttributeVerificationCode, GetUserAttributeVerificationCodeAsync);
        table.Add(Operations.VerifyUserAttribute, VerifyUserAttributeAsync);
    }

    private JsonObject SignUp(AwsRequest input)
    {
        var (pool, client, username, secretHash) = Identify(input);
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
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, username, password);
        var user = new User
        {
            PoolId = pool.Id,
            Sub = sub,
            Username = username,
            Status = UserStatus.Unconfirmed,
            Attributes = attributes.Where(a => a.Value.Length > 0).ToDictionary(StringComparer.Ordinal),
            Salt = salt,
            Verifier = verifier,
            CreatedAt = now,
            ModifiedAt = now,
        };
        if (!users.TryInsert(pool, user))
        {
            throw usernameAttribute is not null
                ? SignInAliases.Taken(ErrorCodes.UsernameExists, usernameAttribute)
                : new AwsServiceException(ErrorCodes.UsernameExists, ErrorMessages.UserAlreadyExists);
        }

        var result = new JsonObject { ["UserConfirmed"] = false, ["UserSub"] = user.Sub };
        if (VerifiesEmail(pool) && user.Email is not null)
        {
            result["CodeDeliveryDetails"] = delivery.Send(user, CodePurpose.SignUp);
        }

        return result;
    }

    private JsonObject ConfirmSignUp(AwsRequest input)
    {
        var (pool, client, username, secretHash) = Identify(input);
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

        CheckCode(user, CodePurpose.SignUp, code);
        var attributes = new Dictionary<string, string>(user.Attributes);
        if (VerifiesEmail(pool) && user.Email is not null)
        {
            attributes[UserAttributes.EmailVerified] = "true";
        }

        SignInAliases.Claim(users, pool, user.Sub, attributes, forceAlias, time.GetUtcNow());
        users.Update(user, user with { Status = UserStatus.Confirmed, Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private JsonObject ResendConfirmationCode(AwsRequest input)
    {
        var (pool, client, username, secretHash) = Identify(input);
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

        if (!VerifiesEmail(pool) || user.Email is null)
        {
            throw AwsServiceException.InvalidParameter("Cannot resend codes. Auto verification not turned on.");
        }

        return new JsonObject { ["CodeDeliveryDetails"] = delivery.Send(user, CodePurpose.SignUp) };
    }

    private JsonObject ForgotPassword(AwsRequest input)
    {
        var (pool, client, username, secretHash) = Identify(input);
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
        var (pool, client, username, secretHash) = Identify(input);
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
        CheckCode(user, CodePurpose.ResetPassword, code);
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

    private async Task<JsonObject> GetUserAsync(OperationContext context)
    {
        var (_, user, clientId) = await AuthorizeClientAsync(context.Input).ConfigureAwait(false);
        // Only the attributes the token's client may read (ReadAttributes, CreateUserPoolClient API reference).
        var client = pools.FindClient(clientId);
        return new JsonObject
        {
            ["Username"] = user.Username,
            ["UserAttributes"] = AttributeList(user.AllAttributes.Where(a => client?.CanRead(a.Key) ?? a.Key == UserAttributes.Sub)),
        };
    }

    private async Task<JsonObject> UpdateUserAttributesAsync(OperationContext context)
    {
        var changes = context.Input.Attributes("UserAttributes")
            ?? throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
        var (pool, user) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
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
        if (emailChanged && VerifiesEmail(pool))
        {
            result["CodeDeliveryDetailsList"] = new JsonArray(delivery.Send(updated, CodePurpose.VerifyEmail));
        }

        return result;
    }

    private async Task<JsonObject> GetUserAttributeVerificationCodeAsync(OperationContext context)
    {
        var attribute = context.Input.RequiredString("AttributeName", 1, 32);
        context.Input.Map("ClientMetadata");
        var (_, user) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
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
        var (pool, user) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
        if (attribute != UserAttributes.Email)
        {
            throw AwsServiceException.InvalidParameter($"Verification of {attribute} is not supported by this user pool.");
        }

        CheckCode(user, CodePurpose.VerifyEmail, code);
        var attributes = new Dictionary<string, string>(user.Attributes) { [UserAttributes.EmailVerified] = "true" };
        SignInAliases.Claim(users, pool, user.Sub, attributes, force: false, time.GetUtcNow());
        users.Update(user, user with { Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private async Task<JsonObject> ChangePasswordAsync(OperationContext context)
    {
        var previous = context.Input.OptionalString("PreviousPassword", 1, 256, Patterns.Password());
        var proposed = context.Input.RequiredString("ProposedPassword", 1, 256, Patterns.Password());
        var (pool, user) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
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

    private async Task<JsonObject> GlobalSignOutAsync(OperationContext context)
    {
        var (_, user) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
        sessions.RevokeAll(user.PoolId, user.Sub);
        return [];
    }

    private async Task<JsonObject> DeleteUserAsync(OperationContext context)
    {
        var (_, user) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
        users.Delete(user);
        return [];
    }

    /// <summary>
    /// Revokes one refresh token and every access token minted from it. An unknown token is not an
    /// error (nothing to revoke), as at the OAuth2 revocation endpoint.
    /// </summary>
    private JsonObject RevokeToken(AwsRequest input)
    {
        var token = input.RequiredString("Token", 1, 16384, Patterns.Token());
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var secret = input.OptionalString("ClientSecret", 1, 64, Patterns.ClientId());
        var client = pools.FindClient(clientId)
            ?? throw new AwsServiceException(ErrorCodes.Unauthorized, "Invalid client id.");
        if (client.HasSecret && !client.SecretMatches(secret))
        {
            throw new AwsServiceException(ErrorCodes.Unauthorized,
                secret is null ? "Client secret is required for this client." : "Invalid client secret.");
        }

        if (!client.Settings.EnableTokenRevocation)
        {
            throw new AwsServiceException(ErrorCodes.UnsupportedOperation, "Token revocation is not enabled for this client.");
        }

        if (token.Count(c => c == '.') == 2)
        {
            throw new AwsServiceException(ErrorCodes.UnsupportedTokenType, "Only refresh tokens can be revoked.");
        }

        var session = sessions.FindByRefreshHash(TokenService.Hash(token));
        if (session is not null)
        {
            if (session.ClientId != client.Id)
            {
                throw new AwsServiceException(ErrorCodes.Unauthorized, "The token was not issued to this client.");
            }

            sessions.Revoke(session.OriginJti);
        }

        return [];
    }

    private (UserPool Pool, AppClient Client, string Username, string? SecretHash) Identify(AwsRequest input)
    {
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var username = input.RequiredString("Username", 1, 128, Patterns.Username());
        var secretHash = input.OptionalString("SecretHash", 1, 128, Patterns.SecretHash());
        var (pool, client) = clients.Resolve(clientId);
        return (pool, client, username, secretHash);
    }

    /// <summary>The user behind a valid, unrevoked access token with the admin scope.</summary>
    private async Task<(UserPool Pool, User User)> AuthorizeAsync(AwsRequest input)
    {
        var (pool, user, _) = await AuthorizeClientAsync(input).ConfigureAwait(false);
        return (pool, user);
    }

    /// <summary>As <see cref="AuthorizeAsync"/>, with the id of the client the token was issued to.</summary>
    private async Task<(UserPool Pool, User User, string ClientId)> AuthorizeClientAsync(AwsRequest input)
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

    private void CheckCode(User user, string purpose, string code)
    {
        switch (codes.Consume(user.PoolId, user.Sub, purpose, code, time.GetUtcNow()))
        {
            case CodeCheck.Accepted:
                return;
            case CodeCheck.Mismatch:
                throw new AwsServiceException(ErrorCodes.CodeMismatch, ErrorMessages.CodeMismatch);
            case CodeCheck.TooManyAttempts:
                throw new AwsServiceException(ErrorCodes.LimitExceeded, ErrorMessages.AttemptLimitExceeded);
            default:
                throw new AwsServiceException(ErrorCodes.ExpiredCode, ErrorMessages.ExpiredCode);
        }
    }

    private static bool VerifiesEmail(UserPool pool) =>
        pool.Settings.AutoVerifiedAttributes.Contains(UserAttributes.Email, StringComparer.Ordinal);

    internal static JsonArray AttributeList(IEnumerable<KeyValuePair<string, string>> attributes) =>
        [.. attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })];
}
