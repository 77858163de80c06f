using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>A user pool group (GroupType): a name, an optional IAM role and the precedence that picks the preferred role.</summary>
internal sealed record UserGroup(string PoolId, string Name, string? Description, string? RoleArn, int? Precedence,
    DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt);

/// <summary>Groups and their members. A member row goes with its group or its user (foreign keys, ON DELETE CASCADE).</summary>
internal sealed class GroupStore(Database database)
{
    private const string Select =
        "SELECT g.pool_id, g.name, g.description, g.role_arn, g.precedence, g.created_at, g.modified_at FROM user_groups g";

    /// <summary>False when the pool already has a group of this name.</summary>
    public bool TryInsert(UserGroup group) => database.Write(c => c.Execute(
        """
        INSERT INTO user_groups (pool_id, name, description, role_arn, precedence, created_at, modified_at)
        VALUES ($pool, $name, $description, $role, $precedence, $created, $modified)
        ON CONFLICT (pool_id, name) DO NOTHING
        """, Parameters(group)) > 0);

    /// <summary>
    /// Creates the group, or brings its description, role and precedence in line (members kept, modification date
    /// touched only when something changed): for groups defined by configuration.
    /// </summary>
    public static void Ensure(SqliteConnection c, UserGroup group) => c.Execute(
        """
        INSERT INTO user_groups (pool_id, name, description, role_arn, precedence, created_at, modified_at)
        VALUES ($pool, $name, $description, $role, $precedence, $created, $modified)
        ON CONFLICT (pool_id, name) DO UPDATE SET
            description = excluded.description, role_arn = excluded.role_arn, precedence = excluded.precedence,
            modified_at = excluded.modified_at
        WHERE description IS NOT excluded.description OR role_arn IS NOT excluded.role_arn OR precedence IS NOT excluded.precedence
        """, Parameters(group));

    public void Update(UserGroup group) => database.Write(c => c.Execute(
        """
        UPDATE user_groups SET description = $description, role_arn = $role, precedence = $precedence, modified_at = $modified
        WHERE pool_id = $pool AND name = $name
        """, Parameters(group)));

    public UserGroup? Find(string poolId, string name) => database.Read(c =>
        c.QuerySingle($"{Select} WHERE g.pool_id = $pool AND g.name = $name", Read, ("$pool", poolId), ("$name", name)));

    public IReadOnlyList<UserGroup> List(string poolId) => database.Read(c =>
        c.Query($"{Select} WHERE g.pool_id = $pool ORDER BY g.name", Read, ("$pool", poolId)));

    public bool Delete(string poolId, string name) => database.Write(c =>
        c.Execute("DELETE FROM user_groups WHERE pool_id = $pool AND name = $name", ("$pool", poolId), ("$name", name)) > 0);

    /// <summary>Adding a member twice is not an error (AdminAddUserToGroup is idempotent on AWS).</summary>
    public void AddMember(UserGroup group, User user) => database.Write(c => c.Execute(
        "INSERT INTO group_members (pool_id, group_name, sub) VALUES ($pool, $name, $sub) ON CONFLICT DO NOTHING",
        ("$pool", group.PoolId), ("$name", group.Name), ("$sub", user.Sub)));

    public void RemoveMember(UserGroup group, User user) => database.Write(c => c.Execute(
        "DELETE FROM group_members WHERE pool_id = $pool AND group_name = $name AND sub = $sub",
        ("$pool", group.PoolId), ("$name", group.Name), ("$sub", user.Sub)));

    /// <summary>The user's groups, highest priority first (lowest precedence; groups without one last), then by name.</summary>
    public IReadOnlyList<UserGroup> GroupsOf(User user) => database.Read(c => c.Query(
        $"""
        {Select} JOIN group_members m ON m.pool_id = g.pool_id AND m.group_name = g.name
        WHERE m.pool_id = $pool AND m.sub = $sub
        ORDER BY g.precedence IS NULL, g.precedence, g.name
        """, Read, ("$pool", user.PoolId), ("$sub", user.Sub)));

    /// <summary>The subs of a group's members, in the order they were added.</summary>
    public IReadOnlyList<string> MemberSubs(UserGroup group) => database.Read(c => c.Query(
        "SELECT sub FROM group_members WHERE pool_id = $pool AND group_name = $name ORDER BY rowid",
        r => r.GetString(0), ("$pool", group.PoolId), ("$name", group.Name)));

    private static (string, object?)[] Parameters(UserGroup group) =>
    [
        ("$pool", group.PoolId), ("$name", group.Name), ("$description", group.Description), ("$role", group.RoleArn),
        ("$precedence", group.Precedence), ("$created", group.CreatedAt.ToUnixTimeMilliseconds()),
        ("$modified", group.ModifiedAt.ToUnixTimeMilliseconds()),
    ];

    private static UserGroup Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3),
        r.NullableInt64(4) is { } precedence ? (int)precedence : null,
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));
}
