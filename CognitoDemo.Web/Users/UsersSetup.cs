using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Web.Calls;

namespace CognitoDemo.Web.Users;

/// <summary>The Users page's pieces: the <c>admins</c> policy and the signed, recorded ListUsers client.</summary>
public static class UsersSetup
{
    /// <summary>Members of the user pool group <see cref="AdminsGroup"/>, read from the ID token's <c>cognito:groups</c>.</summary>
    public const string AdminsPolicy = "Admins";

    /// <summary>The group the default pool and the template create, whose role may list the pool's users.</summary>
    public const string AdminsGroup = "admins";

    /// <summary>The groups claim of Cognito's ID and access tokens (Cognito Developer Guide, "Understanding the ID token").</summary>
    public const string GroupsClaim = "cognito:groups";

    /// <summary>The role of the user's group with the lowest precedence value, in the ID token only.</summary>
    public const string PreferredRoleClaim = "cognito:preferred_role";

    public static WebApplicationBuilder AddUsersPage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminsPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(GroupsClaim, AdminsGroup));
        // ListUsers only reads: retrying it is safe. The recorder sits inside the retries, so each attempt shows.
        builder.Services.AddHttpClient(PoolUsers.ClientName).AddCognitoResilience().AddHttpMessageHandler<CallRecordingHandler>();
        builder.Services.AddScoped<PoolUsers>();
        return builder;
    }
}
