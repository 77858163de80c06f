using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// The management operations (SigV4-signed on AWS; any well-formed signature or none here) that let the
/// AWS CLI and SDKs provision Local Cognito exactly as they provision AWS. Shapes follow botocore's
/// cognito-idp model.
/// </summary>
internal sealed partial class ManagementOperations(
    PoolStore pools,
    UserStore users,
    AuthSessionStore sessions,
    SigningKeys keys,
    Mailbox.Mailbox mailbox,
    TimeProvider time) : IOperationGroup
{
    private static readonly string[] OAuthFlows = ["code", "implicit", "client_credentials"];
    private static readonly string[] TokenUnits = ["seconds", "minutes", "hours", "days"];

    public void Register(OperationTable table)
    {
        table.Add(Operations.CreateUserPool, c => Task.FromResult(CreateUserPool(c)));
        table.Add(Operations.DescribeUserPool, c => Task.FromResult(DescribeUserPool(c.Input)));
        table.Add(Operations.ListUserPools, c => Task.FromResult(ListUserPools(c.Input)));
        table.Add(Operations.DeleteUserPool, c => Task.FromResult(DeleteUserPool(c.Input)));
        table.Add(Operations.CreateUserPoolClient, c => Task.FromResult(CreateUserPoolClient(c.Input)));
        table.Add(Operations.DescribeUserPoolClient, c => Task.FromResult(DescribeUserPoolClient(c.Input)));
        table.Add(Operations.ListUserPoolClients, c => Task.FromResult(ListUserPoolClients(c.Input)));
        table.Add(Operations.CreateUserPoolDomain, c => Task.FromResult(CreateUserPoolDomain(c.Input)));
        table.Add(Operations.AdminGetUser, c => Task.FromResult(AdminGetUser(c.Input)));
        table.Add(Operations.AdminConfirmSignUp, c => Task.FromResult(AdminConfirmSignUp(c.Input)));
        table.Add(Operations.AdminDeleteUser, c => Task.FromResult(AdminDeleteUser(c.Input)));
        table.Add(Operations.AdminSetUserPassword, c => Task.FromResult(AdminSetUserPassword(c.Input)));
        table.Add(Operations.ListUsers, c => Task.FromResult(ListUsers(c.Input)));
        table.Add(Operations.AdminDisableUser, c => Task.FromResult(SetEnabled(c.Input, enabled: false)));
        table.Add(Operations.AdminCreateUser, c => Task.FromResult(AdminCreateUser(c.Input)));
        table.Add(Operations.AdminUpdateUserAttributes, c => Task.FromResult(AdminUpdateUserAttributes(c.Input)));
        table.Add(Operations.AdminEnableUser, c => Task.FromResult(SetEnabled(c.Input, enabled: true)));
    }

    private JsonObject CreateUserPool(OperationContext context)
    {
        var input = context.Input;
        var name = input.RequiredString("PoolName", 1, 128);
        var policy = input.Object("Policies")?.Object("PasswordPolicy");
        var defaults = new PasswordPolicy();
        var passwordPolicy = policy is null ? defaults : new PasswordPolicy
        {
            MinimumLength = policy.OptionalInt("MinimumLength", 6, 99) ?? defaults.MinimumLength,
            RequireUppercase = policy.OptionalBool("RequireUppercase") ?? false,
            RequireLowercase = policy.OptionalBool("RequireLowercase") ?? false,
            RequireNumbers = policy.OptionalBool("RequireNumbers") ?? false,
            RequireSymbols = policy.OptionalBool("RequireSymbols") ?? false,
            TemporaryPasswordValidityDays = policy.OptionalInt("TemporaryPasswordValidityDays", 0, 365) ?? 7,
        };

        var autoVerified = input.StringList("AutoVerifiedAttributes") ?? [];
        CheckEnum("autoVerifiedAttributes", autoVerified, [UserAttributes.Email, UserAttributes.PhoneNumber]);
        var usernameAttributes = input.StringList("UsernameAttributes") ?? [];
        CheckEnum("usernameAttributes", usernameAttributes, [UserAttributes.Email, UserAttributes.PhoneNumber]);
        var aliasAttributes = input.StringList("AliasAttributes") ?? [];
        CheckEnum("aliasAttributes", aliasAttributes, [UserAttributes.Email, UserAttributes.PhoneNumber, "preferred_username"]);
        var mfa = input.OptionalString("MfaConfiguration") ?? "OFF";
        CheckEnum("mfaConfiguration", [mfa], ["OFF", "ON", "OPTIONAL"]);
        var deletionProtection = input.OptionalString("DeletionProtection") ?? "INACTIVE";
        CheckEnum("deletionProtection", [deletionProtection], ["ACTIVE", "INACTIVE"]);

        var settings = new UserPoolSettings
        {
            PasswordPolicy = passwordPolicy,
            Schema = BuildSchema(input.ObjectList("Schema") ?? []),
            AutoVerifiedAttributes = autoVerified,
            UsernameAttributes = usernameAttributes,
            AliasAttributes = aliasAttributes,
            // Without UsernameConfiguration the API creates a case-sensitive pool.
            UsernameCaseSensitive = input.Object("UsernameConfiguration")?.OptionalBool("CaseSensitive") ?? true,
            AllowAdminCreateUserOnly = input.Object("AdminCreateUserConfig")?.OptionalBool("AllowAdminCreateUserOnly") ?? false,
            MfaConfiguration = mfa,
            DeletionProtection = deletionProtection,
        };
        var now = time.GetUtcNow();
        var pool = new UserPool(Ids.UserPool(context.Region), name, settings, now, now);
        pools.Insert(pool);
        return new JsonObject { ["UserPool"] = ManagementShapes.Pool(pool, 0) };
    }

    /// <summary>Standard attributes (with any Required/Mutable overrides) followed by the custom ones.</summary>
    internal static IReadOnlyList<SchemaAttribute> BuildSchema(IReadOnlyList<AwsRequest> requested)
    {
        var standard = UserAttributes.Standard.ToList();
        var custom = new List<SchemaAttribute>();
        foreach (var item in requested)
        {
            var name = item.RequiredString("Name", 1, 20);
            var type = item.OptionalString("AttributeDataType") ?? "String";
            CheckEnum("schema.attributeDataType", [type], ["String", "Number", "DateTime", "Boolean"]);
            var required = item.OptionalBool("Required") ?? false;
            var mutable = item.OptionalBool("Mutable") ?? true;
            var strings = item.Object("StringAttributeConstraints");
            var numbers = item.Object("NumberAttributeConstraints");
            var index = standard.FindIndex(a => a.Name == name);
            if (index >= 0)
            {
                standard[index] = standard[index] with { Required = required, Mutable = mutable };
                continue;
            }

            if (required)
            {
                throw AwsServiceException.InvalidParameter("Required custom attributes are not supported currently.");
            }

            var fullName = UserAttributes.CustomPrefix + name;
            if (custom.Any(a => a.Name == fullName))
            {
                throw AwsServiceException.InvalidParameter($"Duplicate attribute name: {name}");
            }

            custom.Add(new SchemaAttribute
            {
                Name = fullName,
                AttributeDataType = type,
                Mutable = mutable,
                DeveloperOnlyAttribute = item.OptionalBool("DeveloperOnlyAttribute") ?? false,
                MinLength = type == "String" ? IntText(strings?.OptionalString("MinLength"), "minLength") ?? 0 : null,
                MaxLength = type == "String" ? IntText(strings?.OptionalString("MaxLength"), "maxLength") ?? 2048 : null,
                MinValue = type == "Number" ? IntText(numbers?.OptionalString("MinValue"), "minValue") : null,
                MaxValue = type == "Number" ? IntText(numbers?.OptionalString("MaxValue"), "maxValue") : null,
            });
        }

        return [.. standard, .. custom];
    }

    private JsonObject DescribeUserPool(AwsRequest input)
    {
        var pool = FindPool(input);
        return new JsonObject { ["UserPool"] = ManagementShapes.Pool(pool, users.List(pool.Id).Count) };
    }

    private JsonObject ListUserPools(AwsRequest input)
    {
        var max = input.RequiredInt("MaxResults", 1, 60);
        var (page, next) = Page(pools.List(), max, input.OptionalString("NextToken", 1, 512));
        var result = new JsonObject
        {
            ["UserPools"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["Id"] = p.Id,
                ["Name"] = p.Name,
                ["LambdaConfig"] = new JsonObject(),
                ["LastModifiedDate"] = ManagementShapes.Epoch(p.ModifiedAt),
                ["CreationDate"] = ManagementShapes.Epoch(p.CreatedAt),
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    private JsonObject DeleteUserPool(AwsRequest input)
    {
        var pool = FindPool(input);
        if (pool.Settings.DeletionProtection == "ACTIVE")
        {
            throw AwsServiceException.InvalidParameter(
                "The user pool cannot be deleted because deletion protection is activated.");
        }

        pools.Delete(pool.Id);
        keys.Forget(pool.Id);
        return [];
    }

    private JsonObject CreateUserPoolClient(AwsRequest input)
    {
        var pool = FindPool(input);
        var name = input.RequiredString("ClientName", 1, 128);
        var generateSecret = input.OptionalBool("GenerateSecret") ?? false;
        var flows = input.StringList("ExplicitAuthFlows");
        if (flows is not null)
        {
            CheckEnum("explicitAuthFlows", flows, ExplicitAuthFlow.All);
        }

        var oauthFlows = input.StringList("AllowedOAuthFlows") ?? [];
        CheckEnum("allowedOAuthFlows", oauthFlows, OAuthFlows);
        if (oauthFlows.Contains("client_credentials") && !generateSecret)
        {
            throw AwsServiceException.InvalidParameter("client_credentials flow can not be selected if client does not have a client secret.");
        }

        var callbacks = input.StringList("CallbackURLs", 1024) ?? [];
        var oauthEnabled = input.OptionalBool("AllowedOAuthFlowsUserPoolClient") ?? false;
        if (oauthEnabled && oauthFlows.Contains("code") && callbacks.Count == 0)
        {
            throw AwsServiceException.InvalidParameter("CallbackURLs can not be empty when the code flow is allowed.");
        }

        var prevent = input.OptionalString("PreventUserExistenceErrors") ?? "ENABLED";
        CheckEnum("preventUserExistenceErrors", [prevent], ["ENABLED", "LEGACY"]);
        var units = input.Object("TokenValidityUnits");
        var (access, accessUnit) = Validity(input.OptionalInt("AccessTokenValidity", 1, 86400), units?.OptionalString("AccessToken"), "accessToken");
        var (id, idUnit) = Validity(input.OptionalInt("IdTokenValidity", 1, 86400), units?.OptionalString("IdToken"), "idToken");
        var refreshUnit = units?.OptionalString("RefreshToken") ?? "days";
        CheckEnum("tokenValidityUnits.refreshToken", [refreshUnit], TokenUnits);
        var refresh = input.OptionalInt("RefreshTokenValidity", 0, 315360000) is { } r and > 0 ? r : 30;
        CheckLifetime("AccessTokenValidity", access, accessUnit, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        CheckLifetime("IdTokenValidity", id, idUnit, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        CheckLifetime("RefreshTokenValidity", refresh, refreshUnit, TimeSpan.FromHours(1), TimeSpan.FromDays(3650));

        var settings = new AppClientSettings
        {
            ExplicitAuthFlows = flows ?? new AppClientSettings().ExplicitAuthFlows,
            AccessTokenValidity = access,
            AccessTokenUnit = accessUnit,
            IdTokenValidity = id,
            IdTokenUnit = idUnit,
            RefreshTokenValidity = refresh,
            RefreshTokenUnit = refreshUnit,
            AuthSessionValidity = input.OptionalInt("AuthSessionValidity", 3, 15) ?? 3,
            CallbackUrls = callbacks,
            LogoutUrls = input.StringList("LogoutURLs", 1024) ?? [],
            DefaultRedirectUri = input.OptionalString("DefaultRedirectURI", 1, 1024),
            AllowedOAuthFlows = oauthFlows,
            AllowedOAuthScopes = input.StringList("AllowedOAuthScopes", 256) ?? [],
            AllowedOAuthFlowsUserPoolClient = oauthEnabled,
            SupportedIdentityProviders = input.StringList("SupportedIdentityProviders", 32) ?? [],
            ReadAttributes = input.StringList("ReadAttributes", 2048),
            WriteAttributes = input.StringList("WriteAttributes", 2048),
            PreventUserExistenceErrors = prevent,
            EnableTokenRevocation = input.OptionalBool("EnableTokenRevocation") ?? true,
        };
        var now = time.GetUtcNow();
        var client = new AppClient(Ids.Client(), pool.Id, name, generateSecret ? Ids.ClientSecret() : null, settings, now, now);
        pools.InsertClient(client);
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(client) };
    }

    private JsonObject DescribeUserPoolClient(AwsRequest input)
    {
        var pool = FindPool(input);
        var clientId = input.RequiredString("ClientId", 1, 128, Patterns.ClientId());
        var client = pools.FindClient(clientId) is { } found && found.PoolId == pool.Id
            ? found
            : throw AwsServiceException.ResourceNotFound($"User pool client {clientId} does not exist.");
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(client) };
    }

    private JsonObject ListUserPoolClients(AwsRequest input)
    {
        var pool = FindPool(input);
        var max = input.OptionalInt("MaxResults", 1, 60) ?? 60;
        var (page, next) = Page(pools.ListClients(pool.Id), max, input.OptionalString("NextToken", 1, 512));
        var result = new JsonObject
        {
            ["UserPoolClients"] = new JsonArray([.. page.Select(c => (JsonNode)new JsonObject
            {
                ["ClientId"] = c.Id,
                ["UserPoolId"] = c.PoolId,
                ["ClientName"] = c.Name,
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    private JsonObject CreateUserPoolDomain(AwsRequest input)
    {
        var domain = input.RequiredString("Domain", 1, 63, DomainPattern());
        var pool = FindPool(input);
        if (pools.List().Any(p => p.Settings.Domain == domain))
        {
            throw AwsServiceException.InvalidParameter("Domain already associated with another user pool.");
        }

        if (pool.Settings.Domain is not null)
        {
            throw AwsServiceException.InvalidParameter($"The user pool {pool.Id} already has a domain configured.");
        }

        pools.Update(pool with { Settings = pool.Settings with { Domain = domain }, ModifiedAt = time.GetUtcNow() });
        return new JsonObject { ["ManagedLoginVersion"] = 1 };
    }

    private JsonObject AdminGetUser(AwsRequest input)
    {
        var (_, user) = FindUser(input);
        return ManagementShapes.User(user, "UserAttributes");
    }

    private JsonObject AdminConfirmSignUp(AwsRequest input)
    {
        var (_, user) = FindUser(input);
        if (user.Status != UserStatus.Unconfirmed)
        {
            throw AwsServiceException.NotAuthorized($"User cannot be confirmed. Current status is {user.Status}");
        }

        users.Update(user with { Status = UserStatus.Confirmed, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    private JsonObject AdminDeleteUser(AwsRequest input)
    {
        var (_, user) = FindUser(input);
        users.Delete(user);
        return [];
    }

    private JsonObject AdminSetUserPassword(AwsRequest input)
    {
        var password = input.RequiredString("Password", 1, 256, Patterns.Password());
        var permanent = input.OptionalBool("Permanent") ?? false;
        var (pool, user) = FindUser(input);
        PoolRules.CheckPassword(pool, password);
        var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, user.Username, password);
        users.Update(user with
        {
            Salt = salt,
            Verifier = verifier,
            Status = permanent ? UserStatus.Confirmed : UserStatus.ForceChangePassword,
            FailedSignIns = 0,
            LockedUntil = null,
            ModifiedAt = time.GetUtcNow(),
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
        var pool = FindPool(input);
        var username = input.RequiredString("Username", 1, 128, Patterns.Username());
        var temporary = input.OptionalString("TemporaryPassword", 1, 256, Patterns.Password());
        var action = input.OptionalString("MessageAction");
        if (action is not null)
        {
            CheckEnum("messageAction", [action], ["RESEND", "SUPPRESS"]);
        }

        var requested = PoolRules.CheckWritable(pool, input.Attributes("UserAttributes") ?? [], updating: false, admin: true);
        input.StringList("DesiredDeliveryMediums");
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
            user = existing with { Salt = resalt, Verifier = reverifier, ModifiedAt = now };
            users.Update(user);
        }
        else
        {
            var sub = Guid.NewGuid().ToString();
            if (pool.Settings.UsernameAttributes.Contains(UserAttributes.Email, StringComparer.Ordinal))
            {
                if (!PoolRules.IsEmail(username))
                {
                    throw AwsServiceException.InvalidParameter("Username should be an email.");
                }

                requested[UserAttributes.Email] = username;
                username = sub;
            }

            PoolRules.CheckRequired(pool, requested);
            var (salt, verifier) = PasswordVerifier.Enrol(pool.Id, username, password);
            user = new User
            {
                PoolId = pool.Id,
                Sub = sub,
                Username = username,
                Status = UserStatus.ForceChangePassword,
                Attributes = requested.Where(a => a.Value.Length > 0).ToDictionary(StringComparer.Ordinal),
                Salt = salt,
                Verifier = verifier,
                CreatedAt = now,
                ModifiedAt = now,
            };
            if (!users.TryInsert(pool, user))
            {
                throw new AwsServiceException(ErrorCodes.UsernameExists, "User account already exists");
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
        var (pool, user) = FindUser(input);
        var written = PoolRules.CheckWritable(pool, changes, updating: true, admin: true);
        var attributes = new Dictionary<string, string>(user.Attributes);
        foreach (var (name, value) in written)
        {
            if (value.Length == 0)
            {
                attributes.Remove(name);
            }
            else
            {
                attributes[name] = value;
            }
        }

        // A new address is unverified unless the same call says otherwise.
        if (written.TryGetValue(UserAttributes.Email, out var email) && email != user.Email
            && !written.ContainsKey(UserAttributes.EmailVerified))
        {
            attributes[UserAttributes.EmailVerified] = "false";
        }

        PoolRules.CheckRequired(pool, attributes);
        users.Update(user with { Attributes = attributes, ModifiedAt = time.GetUtcNow() });
        return [];
    }

    /// <summary>AdminDisableUser also revokes the user's tokens, as AWS does; AdminEnableUser restores sign-in.</summary>
    private JsonObject SetEnabled(AwsRequest input, bool enabled)
    {
        var (_, user) = FindUser(input);
        users.Update(user with { Enabled = enabled, ModifiedAt = time.GetUtcNow() });
        if (!enabled)
        {
            sessions.RevokeAll(user.PoolId, user.Sub);
        }

        return [];
    }

    private JsonObject ListUsers(AwsRequest input)
    {
        var pool = FindPool(input);
        var only = input.StringList("AttributesToGet", 32);
        var limit = input.OptionalInt("Limit", 0, 60) is { } l and > 0 ? l : 60;
        var filter = UserFilter.Parse(input.OptionalString("Filter", 0, 256));
        var (page, next) = Page(users.List(pool.Id).Where(filter).ToList(), limit, input.OptionalString("PaginationToken", 1, 512));
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

    private UserPool FindPool(AwsRequest input)
    {
        var poolId = input.RequiredString("UserPoolId", 1, 55, Patterns.UserPoolId());
        return pools.Find(poolId) ?? throw AwsServiceException.ResourceNotFound($"User pool {poolId} does not exist.");
    }

    private (UserPool Pool, User User) FindUser(AwsRequest input)
    {
        var pool = FindPool(input);
        var username = input.RequiredString("Username", 1, 128, Patterns.Username());
        return (pool, users.Find(pool, username) ?? throw AwsServiceException.UserNotFound());
    }

    private static (int Value, string Unit) Validity(int? value, string? unit, string member)
    {
        if (unit is not null)
        {
            CheckEnum($"tokenValidityUnits.{member}", [unit], TokenUnits);
        }

        // Without units AWS reads validities as hours; with neither, the default is 60 minutes.
        return (value, unit) switch
        {
            (null, null) => (60, "minutes"),
            (null, "minutes") => (60, "minutes"),
            (null, "seconds") => (3600, "seconds"),
            (null, _) => (1, unit!),
            (_, null) => (value.Value, "hours"),
            _ => (value.Value, unit!),
        };
    }

    /// <summary>AWS's ranges: access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 10 years.</summary>
    private static void CheckLifetime(string member, int value, string unit, TimeSpan min, TimeSpan max)
    {
        var seconds = (long)value * unit switch { "seconds" => 1, "minutes" => 60, "hours" => 3600, _ => 86400 };
        if (seconds < (long)min.TotalSeconds || seconds > (long)max.TotalSeconds)
        {
            throw AwsServiceException.InvalidParameter(
                $"{member} of {value} {unit} is out of range: it must be between {Describe(min)} and {Describe(max)}.");
        }

        static string Describe(TimeSpan span) =>
            span.TotalDays >= 365 ? $"{span.TotalDays / 365:0} years"
            : span.TotalDays >= 1 ? $"{span.TotalDays:0} day"
            : span.TotalHours >= 1 ? $"{span.TotalMinutes:0} minutes"
            : $"{span.TotalMinutes:0} minutes";
    }

    private static void CheckEnum(string member, IEnumerable<string> values, IEnumerable<string> allowed)
    {
        var set = allowed.ToList();
        foreach (var value in values)
        {
            if (!set.Contains(value, StringComparer.Ordinal))
            {
                throw AwsServiceException.InvalidParameter(
                    $"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", set)}]");
            }
        }
    }

    private static int? IntText(string? text, string member) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw AwsServiceException.InvalidParameter($"Attribute constraint {member} must be a non-negative integer.");

    /// <summary>Opaque pagination: the next offset, base64-encoded.</summary>
    private static (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> all, int size, string? token)
    {
        var offset = 0;
        if (token is not null)
        {
            try
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw AwsServiceException.InvalidParameter("Invalid pagination token.");
            }
            catch (OverflowException)
            {
                throw AwsServiceException.InvalidParameter("Invalid pagination token.");
            }

            if (offset < 0)
            {
                throw AwsServiceException.InvalidParameter("Invalid pagination token.");
            }
        }

        var page = all.Skip(offset).Take(size).ToList();
        var next = offset + size < all.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + size).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$")]
    private static partial Regex DomainPattern();
}

/// <summary>ListUsers <c>Filter</c>: <c>attribute = "value"</c> (exact) or <c>attribute ^= "value"</c> (prefix).</summary>
internal static partial class UserFilter
{
    private static readonly string[] Searchable =
    [
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
        "cognito:user_status", "status", "sub",
    ];

    public static Func<User, bool> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return _ => true;
        }

        var match = FilterPattern().Match(filter);
        if (!match.Success || !Searchable.Contains(match.Groups["name"].Value, StringComparer.Ordinal))
        {
            throw AwsServiceException.InvalidParameter("Error while parsing filter.");
        }

        var name = match.Groups["name"].Value;
        var prefix = match.Groups["op"].Value == "^=";
        var expected = match.Groups["value"].Value;
        return user =>
        {
            var actual = name switch
            {
                "username" => user.Username,
                "sub" => user.Sub,
                "cognito:user_status" => user.Status,
                "status" => user.Enabled ? "Enabled" : "Disabled",
                _ => user.Attributes.GetValueOrDefault(name),
            };
            return actual is not null && (prefix
                ? actual.StartsWith(expected, StringComparison.Ordinal)
                : string.Equals(actual, expected, StringComparison.Ordinal));
        };
    }

    [GeneratedRegex("^\\s*(?<name>[\\w:]+)\\s*(?<op>\\^?=)\\s*\"(?<value>[^\"]*)\"\\s*$")]
    private static partial Regex FilterPattern();
}
