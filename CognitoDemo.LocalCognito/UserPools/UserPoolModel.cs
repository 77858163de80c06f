namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>A user pool as stored.</summary>
internal sealed record UserPool(string Id, string Name, UserPoolSettings Settings, DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt)
{
    public string Region => Id[..Id.IndexOf('_', StringComparison.Ordinal)];

    public SchemaAttribute? Attribute(string name) =>
        Settings.Schema.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}

internal sealed record UserPoolSettings
{
    public PasswordPolicy PasswordPolicy { get; init; } = new();

    /// <summary>Standard attributes followed by custom ones (with their <c>custom:</c> prefix).</summary>
    public IReadOnlyList<SchemaAttribute> Schema { get; init; } = [];

    public IReadOnlyList<string> AutoVerifiedAttributes { get; init; } = [];

    public IReadOnlyList<string> UsernameAttributes { get; init; } = [];

    public IReadOnlyList<string> AliasAttributes { get; init; } = [];

    public bool UsernameCaseSensitive { get; init; }

    public bool AllowAdminCreateUserOnly { get; init; }

    public string MfaConfiguration { get; init; } = "OFF";

    public string DeletionProtection { get; init; } = "INACTIVE";

    /// <summary>The domain: a prefix, or a custom domain's host name when <see cref="CustomDomain"/> is set.</summary>
    public string? Domain { get; init; }

    public CustomDomain? CustomDomain { get; init; }

    /// <summary>LambdaConfigType as given: stored and returned; Local Cognito invokes no trigger.</summary>
    public System.Text.Json.Nodes.JsonObject? LambdaConfig { get; init; }

    public VerificationMessages Verification { get; init; } = new();

    /// <summary>AccountRecoverySetting.RecoveryMechanisms; empty when the pool was created without one.</summary>
    public IReadOnlyList<RecoveryOption> RecoveryMechanisms { get; init; } = [];

    /// <summary>Only an administrator may reset passwords: ForgotPassword is refused.</summary>
    public bool AdminOnlyRecovery => RecoveryMechanisms.Any(m => m.Name == RecoveryOption.AdminOnly);
}

/// <summary>RecoveryOptionType: a recovery mechanism and its priority (1 first).</summary>
internal sealed record RecoveryOption(int Priority, string Name)
{
    public const string AdminOnly = "admin_only";
    public static readonly string[] Names = ["verified_email", "verified_phone_number", AdminOnly];
}

internal sealed record PasswordPolicy
{
    public int MinimumLength { get; init; } = 8;
    public bool RequireUppercase { get; init; } = true;
    public bool RequireLowercase { get; init; } = true;
    public bool RequireNumbers { get; init; } = true;
    public bool RequireSymbols { get; init; } = true;
    public int TemporaryPasswordValidityDays { get; init; } = 7;
}

internal sealed record SchemaAttribute
{
    public required string Name { get; init; }
    public string AttributeDataType { get; init; } = "String";
    public bool Mutable { get; init; } = true;
    public bool Required { get; init; }
    public bool DeveloperOnlyAttribute { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public int? MinValue { get; init; }
    public int? MaxValue { get; init; }

    public bool IsCustom => Name.StartsWith(UserAttributes.CustomPrefix, StringComparison.Ordinal);
}

/// <summary>An app client as stored.</summary>
internal sealed record AppClient(string Id, string PoolId, string Name, string? Secret, AppClientSettings Settings,
    DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    /// <summary>Whether the client's ExplicitAuthFlows admit a flow (an <c>ALLOW_</c> value), legacy values read as AWS reads them.</summary>
    public bool Allows(string explicitFlow) => ExplicitAuthFlow.Allows(Settings.ExplicitAuthFlows, explicitFlow);

    /// <summary>
    /// Whether reads through this client (tokens, userInfo, GetUser) show the attribute: <c>sub</c> always; the ones
    /// its ReadAttributes list; without ReadAttributes, the standard attributes only ("When you don't specify the
    /// ReadAttributes for your app client, your app can read the values of email_verified, phone_number_verified, and
    /// the standard attributes of your user pool", CreateUserPoolClient API reference), so no custom attribute.
    /// </summary>
    public bool CanRead(string attribute) =>
        attribute == UserAttributes.Sub
        || (Settings.ReadAttributes is { Count: > 0 } readable
            ? readable.Contains(attribute, StringComparer.Ordinal)
            : !attribute.StartsWith(UserAttributes.CustomPrefix, StringComparison.Ordinal)
              && !attribute.StartsWith(UserAttributes.DeveloperPrefix, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="presented"/> is this client's secret, compared in constant time; false for a client without one.</summary>
    public bool SecretMatches(string? presented) =>
        HasSecret && presented is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(Secret!));

    public TimeSpan AccessTokenLifetime => Lifetime(Settings.AccessTokenValidity, Settings.AccessTokenUnit);

    public TimeSpan IdTokenLifetime => Lifetime(Settings.IdTokenValidity, Settings.IdTokenUnit);

    public TimeSpan RefreshTokenLifetime => Lifetime(Settings.RefreshTokenValidity, Settings.RefreshTokenUnit);

    public TimeSpan AuthSessionLifetime => TimeSpan.FromMinutes(Settings.AuthSessionValidity);

    private static TimeSpan Lifetime(int value, string unit) => unit switch
    {
        "seconds" => TimeSpan.FromSeconds(value),
        "minutes" => TimeSpan.FromMinutes(value),
        "hours" => TimeSpan.FromHours(value),
        _ => TimeSpan.FromDays(value),
    };
}

internal sealed record AppClientSettings
{
    /// <summary>Default when none are given: SRP, custom and refresh (CreateUserPoolClient docs).</summary>
    public IReadOnlyList<string> ExplicitAuthFlows { get; init; } =
        [ExplicitAuthFlow.UserSrp, ExplicitAuthFlow.Custom, ExplicitAuthFlow.RefreshToken];

    public int AccessTokenValidity { get; init; } = 60;
    public string AccessTokenUnit { get; init; } = "minutes";
    public int IdTokenValidity { get; init; } = 60;
    public string IdTokenUnit { get; init; } = "minutes";
    public int RefreshTokenValidity { get; init; } = 30;
    public string RefreshTokenUnit { get; init; } = "days";
    public int AuthSessionValidity { get; init; } = 3;
    public IReadOnlyList<string> CallbackUrls { get; init; } = [];
    public IReadOnlyList<string> LogoutUrls { get; init; } = [];
    public string? DefaultRedirectUri { get; init; }
    public IReadOnlyList<string> AllowedOAuthFlows { get; init; } = [];
    public IReadOnlyList<string> AllowedOAuthScopes { get; init; } = [];
    public bool AllowedOAuthFlowsUserPoolClient { get; init; }
    public IReadOnlyList<string> SupportedIdentityProviders { get; init; } = [];
    public IReadOnlyList<string>? ReadAttributes { get; init; }
    public IReadOnlyList<string>? WriteAttributes { get; init; }

    /// <summary>ENABLED (the default for new clients) or LEGACY.</summary>
    public string PreventUserExistenceErrors { get; init; } = "ENABLED";

    public bool EnableTokenRevocation { get; init; } = true;

    public bool PreventsUserExistenceErrors => PreventUserExistenceErrors == "ENABLED";
}

/// <summary>Values of <c>ExplicitAuthFlowsType</c>.</summary>
internal static class ExplicitAuthFlow
{
    public const string UserSrp = "ALLOW_USER_SRP_AUTH";
    public const string UserPassword = "ALLOW_USER_PASSWORD_AUTH";
    public const string RefreshToken = "ALLOW_REFRESH_TOKEN_AUTH";
    public const string Custom = "ALLOW_CUSTOM_AUTH";
    public const string AdminUserPassword = "ALLOW_ADMIN_USER_PASSWORD_AUTH";
    public const string UserAuth = "ALLOW_USER_AUTH";

    public const string LegacyAdminNoSrp = "ADMIN_NO_SRP_AUTH";
    public const string LegacyCustomOnly = "CUSTOM_AUTH_FLOW_ONLY";
    public const string LegacyUserPassword = "USER_PASSWORD_AUTH";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        UserSrp, UserPassword, RefreshToken, Custom, AdminUserPassword, UserAuth,
        LegacyAdminNoSrp, LegacyCustomOnly, LegacyUserPassword,
    };

    /// <summary>The legacy value standing for each <c>ALLOW_</c> value it enables.</summary>
    private static readonly Dictionary<string, string> LegacyFor = new(StringComparer.Ordinal)
    {
        [AdminUserPassword] = LegacyAdminNoSrp,
        [Custom] = LegacyCustomOnly,
        [UserPassword] = LegacyUserPassword,
    };

    public static bool IsLegacy(string value) => !value.StartsWith("ALLOW_", StringComparison.Ordinal);

    /// <summary>
    /// A list of legacy values keeps SRP and refresh allowed and enables what each names; "You can't assign these legacy
    /// ExplicitAuthFlows values to user pool clients at the same time as values that begin with ALLOW_"
    /// (CreateUserPoolClient API reference, ExplicitAuthFlows), so a list is one kind or the other.
    /// </summary>
    public static bool Allows(IReadOnlyList<string> flows, string flow)
    {
        if (flows.Contains(flow, StringComparer.Ordinal))
        {
            return true;
        }

        if (flows.Count == 0 || !flows.All(IsLegacy))
        {
            return false;
        }

        return flow is UserSrp or RefreshToken
            || (LegacyFor.TryGetValue(flow, out var legacy) && flows.Contains(legacy, StringComparer.Ordinal));
    }
}

/// <summary>Values of <c>UserStatusType</c>.</summary>
internal static class UserStatus
{
    public const string Unconfirmed = "UNCONFIRMED";
    public const string Confirmed = "CONFIRMED";
    public const string ForceChangePassword = "FORCE_CHANGE_PASSWORD";
    public const string ResetRequired = "RESET_REQUIRED";
}

/// <summary>A user as stored: attributes and the SRP salt and verifier, never the password.</summary>
internal sealed record User
{
    public required string PoolId { get; init; }
    public required string Sub { get; init; }
    public required string Username { get; init; }
    public required string Status { get; init; }
    public bool Enabled { get; init; } = true;
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }
    public string? Salt { get; init; }
    public string? Verifier { get; init; }
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>When a temporary password (FORCE_CHANGE_PASSWORD) stops working; null for chosen passwords.</summary>
    public DateTimeOffset? TemporaryPasswordExpiresAt { get; init; }

    public string? Email => Attributes.GetValueOrDefault(UserAttributes.Email);

    /// <summary>All attributes including <c>sub</c>, as GetUser and AdminGetUser list them.</summary>
    public IEnumerable<KeyValuePair<string, string>> AllAttributes =>
        new[] { KeyValuePair.Create(UserAttributes.Sub, Sub) }.Concat(Attributes);

    /// <summary>
    /// A new user (SignUp, AdminCreateUser): the password enrolled as an SRP salt and verifier, never kept itself,
    /// and only the attributes that have a value.
    /// </summary>
    public static User Enrolled(string poolId, string sub, string username, string password, string status,
        IEnumerable<KeyValuePair<string, string>> attributes, DateTimeOffset now)
    {
        var (salt, verifier) = PasswordVerifier.Enrol(poolId, username, password);
        return new User
        {
            PoolId = poolId,
            Sub = sub,
            Username = username,
            Status = status,
            Attributes = attributes.Where(a => a.Value.Length > 0).ToDictionary(StringComparer.Ordinal),
            Salt = salt,
            Verifier = verifier,
            CreatedAt = now,
            ModifiedAt = now,
        };
    }
}
