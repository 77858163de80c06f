using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// The administrator's operations on users (IAM-authorized on AWS): create, read, confirm, set a
/// password, update attributes, disable, delete and list.
/// </summary>
internal sealed class UserAdministration(
    PoolStore pools,
    UserStore users,
    AuthSessionStore sessions,
    Mailbox.Mailbox mailbox,
    TimeProvider time) : IOperationGroup
{
    public void Register(OperationTable table)
    {
        table.Add(Operations.AdminCreateUser, c => Task.FromResult(AdminCreateUser(c.Input)));
        table.Add(Operations.AdminGetUser, c => Task.FromResult(AdminGetUser(c.Input)));
        table.Add(Operations.AdminConfirmSignUp, c => Task.FromResult(AdminConfirmSignUp(c.Input)));
        table.Add(Operations.AdminSetUserPassword, c => Task.FromResult(AdminSetUserPassword(c.Input)));
        table.Add(Operations.AdminUpdateUserAttributes, c => Task.FromResult(AdminUpdateUserAttributes(c.Input)));
        table.Add(Operations.AdminDisableUser, c => Task.FromResult(SetEnabled(c.Input, enabled: false)));
        table.Add(Operations.AdminEnableUser, c => Task.FromResult(SetEnabled(c.Input, enabled: true)));
        table.Add(Operations.AdminDeleteUser, c => Task.FromResult(AdminDeleteUser(c.Input)));
        table.Add(Operations.ListUsers, c => Task.FromResult(ListUsers(c.Input)));
    }

    private JsonObject AdminGetUser(AwsRequest input)
    {
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        return ManagementShapes.User(user, "UserAttributes");
    }

    private JsonObject AdminConfirmSignUp(AwsRequest input)
    {
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        if (user.Status != UserStatus.Unconfirmed)
        {
            throw AwsServiceException.NotAuthorized($"User cannot be confirmed. Current status is {user.Status}");
        }

        users.Update(user, user with { Status = UserStatus.Confirmed, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private JsonObject AdminDeleteUser(AwsRequest input)
    {
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        users.Delete(user);
        return [];
    }

    private JsonObject AdminSetUserPassword(AwsRequest input)
    {
        var password = input.RequiredString("Password", 1, 256, Patterns.Password());
        var permanent = input.OptionalBool("Permanent") ?? false;
        var (pool, user) = ManagementInput.FindUser(pools, users, input);
        PoolRules.CheckPassword(pool, password);
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, user.Username, password);
        users.Update(user, user with
        {
            Salt = salt,
            Verifier = verifier,
            Status = permanent ? UserStatus.Confirmed : UserStatus.ForceChangePassword,
            FailedSignIns = 0,
            LockedUntil = null,
            ModifiedAt = time.GetUtcNow(),
            TemporaryPasswordExpiresAt = permanent ? null : TemporaryUntil(pool, time.GetUtcNow()),
        });
        if (!permanent)
        {
            sessions.RevokeAll(user.PoolId, user.Sub);
        }

        return [];
    }

    /// <summary>
    /// A user in FORCE_CHANGE_PASSWORD with a temporary password (given, or generated to the policy),
    /// invited through the mailbox unless MessageAction is SUPPRESS; RESEND re-invites an existing user.
    /// </summary>
    private JsonObject AdminCreateUser(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var username = input.RequiredString("Username", 1, 128, Patterns.Username());
        var temporary = input.OptionalString("TemporaryPassword", 1, 256, Patterns.Password());
        var action = input.OptionalString("MessageAction");
        if (action is not null)
        {
            ManagementInput.CheckEnum("messageAction", [action], ["RESEND", "SUPPRESS"]);
        }

        var requested = PoolRules.CheckWritable(pool, input.Attributes("UserAttributes") ?? [], updating: false, admin: true);
        input.StringList("DesiredDeliveryMediums");
        var forceAlias = input.OptionalBool("ForceAliasCreation") ?? false;
        if (temporary is not null)
        {
            PoolRules.CheckPassword(pool, temporary);
        }

        var password = temporary ?? PoolRules.TemporaryPassword(pool);
        var now = time.GetUtcNow();
        User user;
        if (action == "RESEND")
        {
            var existing = users.Find(pool, username) ?? throw AwsServiceException.UserNotFound();
            if (existing.Status != UserStatus.ForceChangePassword)
            {
                throw new AwsServiceException(ErrorCodes.UnsupportedUserState, "Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.");
            }

            var (resalt, reverifier) = PasswordVerifier.Enrol(pool.Id, existing.Username, password);
            user = existing with { Salt = resalt, Verifier = reverifier, ModifiedAt = now, TemporaryPasswordExpiresAt = TemporaryUntil(pool, now) };
            users.Update(existing, user);
        }
        else
        {
            var sub = Guid.NewGuid().ToString();
            var usernameAttribute = SignInAliases.UsernameAttribute(pool, username);
            if (usernameAttribute is not null)
            {
                requested[usernameAttribute] = username;
                username = sub;
            }

            // A held alias is refused unless ForceAliasCreation, which moves it once the user exists.
            if (usernameAttribute is not null || !forceAlias)
            {
                var takenCode = usernameAttribute is null ? ErrorCodes.AliasExists : ErrorCodes.UsernameExists;
                SignInAliases.CheckFree(users, pool, null, requested, requested.Keys, takenCode);
            }

            PoolRules.CheckRequired(pool, requested);
            user = User.Enrolled(pool.Id, sub, username, password, UserStatus.ForceChangePassword, requested, now)
                with { TemporaryPasswordExpiresAt = TemporaryUntil(pool, now) };
            if (!users.TryInsert(pool, user))
            {
                throw usernameAttribute is not null
                    ? SignInAliases.Taken(ErrorCodes.UsernameExists, usernameAttribute)
                    : new AwsServiceException(ErrorCodes.UsernameExists, "User account already exists");
            }

            if (forceAlias)
            {
                SignInAliases.Claim(users, pool, user.Sub, user.Attributes, force: true, now);
            }
        }

        if (action != "SUPPRESS" && user.Email is { } email)
        {
            mailbox.Send(email, "Your temporary password",
                $"Your username is {user.Username} and temporary password is {password}.", password, pool.Id, user.Username);
        }

        return new JsonObject { ["User"] = ManagementShapes.User(user, "Attributes") };
    }

    private JsonObject AdminUpdateUserAttributes(AwsRequest input)
    {
        var changes = input.Attributes("UserAttributes")
            ?? throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
        var (pool, user) = ManagementInput.FindUser(pools, users, input);
        var written = PoolRules.CheckWritable(pool, changes, updating: true, admin: true);
        var attributes = UserAttributes.Merge(user.Attributes, written);

        // A new address is unverified unless the same call says otherwise.
        if (written.TryGetValue(UserAttributes.Email, out var email) && email != user.Email
            && !written.ContainsKey(UserAttributes.EmailVerified))
        {
            attributes[UserAttributes.EmailVerified] = "false";
        }

        PoolRules.CheckRequired(pool, attributes);
        SignInAliases.CheckFree(users, pool, user.Sub, attributes, written.Keys, ErrorCodes.AliasExists);
        users.Update(user, user with { Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    /// <summary>AdminDisableUser also revokes the user's tokens, as AWS does; AdminEnableUser restores sign-in.</summary>
    private JsonObject SetEnabled(AwsRequest input, bool enabled)
    {
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        users.Update(user, user with { Enabled = enabled, ModifiedAt = time.GetUtcNow() });
        if (!enabled)
        {
            sessions.RevokeAll(user.PoolId, user.Sub);
        }

        return [];
    }

    private JsonObject ListUsers(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        var only = input.StringList("AttributesToGet", 32);
        var limit = input.OptionalInt("Limit", 0, 60) is { } l and > 0 ? l : 60;
        var filter = UserFilter.Parse(input.OptionalString("Filter", 0, 256));
        var (page, next) = ManagementInput.Page(users.List(pool.Id).Where(filter).ToList(), limit, input.OptionalString("PaginationToken", 1, 512));
        var result = new JsonObject
        {
            ["Users"] = new JsonArray([.. page.Select(u => (JsonNode)ManagementShapes.User(u, "Attributes", only?.ToHashSet()))]),
        };
        if (next is not null)
        {
            result["PaginationToken"] = next;
        }

        return result;
    }

    private static DateTimeOffset TemporaryUntil(UserPool pool, DateTimeOffset now) =>
        now + TimeSpan.FromDays(pool.Settings.PasswordPolicy.TemporaryPasswordValidityDays);
}
