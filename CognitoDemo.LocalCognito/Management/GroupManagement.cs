using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>
/// User pool groups and their members (IAM-authorized on AWS). Shapes, limits and errors follow the botocore
/// cognito-idp 2016-04-18 model: GroupNameType 1–128, DescriptionType ≤ 2048, ArnType 20–2048, PrecedenceType ≥ 0,
/// QueryLimitType 0–60 (ListGroups, AdminListGroupsForUser, ListUsersInGroup).
/// </summary>
internal sealed partial class GroupManagement(PoolStore pools, UserStore users, GroupStore groups, TimeProvider time) : IOperationGroup
{
    private const int MaxPage = 60;

    public void Register(OperationTable table)
    {
        table.Add(Operations.CreateGroup, c => Task.FromResult(CreateGroup(c.Input)));
        table.Add(Operations.GetGroup, c => Task.FromResult(GetGroup(c.Input)));
        table.Add(Operations.ListGroups, c => Task.FromResult(ListGroups(c.Input)));
        table.Add(Operations.UpdateGroup, c => Task.FromResult(UpdateGroup(c.Input)));
        table.Add(Operations.DeleteGroup, c => Task.FromResult(DeleteGroup(c.Input)));
        table.Add(Operations.AdminAddUserToGroup, c => Task.FromResult(AdminAddUserToGroup(c.Input)));
        table.Add(Operations.AdminRemoveUserFromGroup, c => Task.FromResult(AdminRemoveUserFromGroup(c.Input)));
        table.Add(Operations.AdminListGroupsForUser, c => Task.FromResult(AdminListGroupsForUser(c.Input)));
        table.Add(Operations.ListUsersInGroup, c => Task.FromResult(ListUsersInGroup(c.Input)));
    }

    private JsonObject CreateGroup(AwsRequest input)
    {
        var name = GroupName(input);
        var pool = ManagementInput.FindPool(pools, input);
        var now = time.GetUtcNow();
        var group = new UserGroup(pool.Id, name, Description(input), RoleArn(input), Precedence(input), now, now);
        if (!groups.TryInsert(group))
        {
            throw new AwsServiceException(ErrorCodes.GroupExists, $"A group with the name {name} already exists.");
        }

        return new JsonObject { ["Group"] = Shape(group) };
    }

    private JsonObject GetGroup(AwsRequest input) => new() { ["Group"] = Shape(FindGroup(input)) };

    /// <summary>UpdateGroup changes the members it is given and leaves the others as they were.</summary>
    private JsonObject UpdateGroup(AwsRequest input)
    {
        var description = Description(input);
        var roleArn = RoleArn(input);
        var precedence = Precedence(input);
        var group = FindGroup(input);
        var updated = group with
        {
            Description = description ?? group.Description,
            RoleArn = roleArn ?? group.RoleArn,
            Precedence = precedence ?? group.Precedence,
            ModifiedAt = time.GetUtcNow(),
        };
        groups.Update(updated);
        return new JsonObject { ["Group"] = Shape(updated) };
    }

    private JsonObject DeleteGroup(AwsRequest input)
    {
        var group = FindGroup(input);
        groups.Delete(group.PoolId, group.Name);
        return [];
    }

    private JsonObject ListGroups(AwsRequest input)
    {
        var pool = ManagementInput.FindPool(pools, input);
        return Page(groups.List(pool.Id), input, "Groups", Shape);
    }

    private JsonObject AdminAddUserToGroup(AwsRequest input)
    {
        var (group, user) = FindGroupAndUser(input);
        groups.AddMember(group, user);
        return [];
    }

    private JsonObject AdminRemoveUserFromGroup(AwsRequest input)
    {
        var (group, user) = FindGroupAndUser(input);
        groups.RemoveMember(group, user);
        return [];
    }

    private JsonObject AdminListGroupsForUser(AwsRequest input)
    {
        var (_, user) = ManagementInput.FindUser(pools, users, input);
        return Page(groups.GroupsOf(user), input, "Groups", Shape);
    }

    private JsonObject ListUsersInGroup(AwsRequest input)
    {
        var group = FindGroup(input);
        var members = groups.MemberSubs(group).Select(sub => users.FindBySub(group.PoolId, sub)).OfType<UserPools.User>().ToList();
        return Page(members, input, "Users", u => ManagementShapes.User(u, "Attributes"));
    }

    /// <summary>Limit (QueryLimitType, 0 meaning the maximum) and NextToken, answered with NextToken while more remain.</summary>
    private static JsonObject Page<T>(IReadOnlyList<T> all, AwsRequest input, string member, Func<T, JsonObject> shape)
    {
        var limit = input.OptionalInt("Limit", 0, MaxPage) is { } l and > 0 ? l : MaxPage;
        var (page, next) = ManagementInput.Page(all, limit, input.OptionalString("NextToken", 1, 131072, PaginationKeyPattern()));
        var result = new JsonObject { [member] = new JsonArray([.. page.Select(item => (JsonNode)shape(item))]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    private (UserGroup Group, UserPools.User User) FindGroupAndUser(AwsRequest input)
    {
        var name = GroupName(input);
        var (pool, user) = ManagementInput.FindUser(pools, users, input);
        var group = groups.Find(pool.Id, name) ?? throw AwsServiceException.ResourceNotFound("Group not found.");
        return (group, user);
    }

    private UserGroup FindGroup(AwsRequest input)
    {
        var name = GroupName(input);
        var pool = ManagementInput.FindPool(pools, input);
        return groups.Find(pool.Id, name) ?? throw AwsServiceException.ResourceNotFound("Group not found.");
    }

    private static string GroupName(AwsRequest input) => input.RequiredString("GroupName", 1, 128, GroupNamePattern());

    private static string? Description(AwsRequest input) => input.OptionalString("Description", 0, 2048);

    private static string? RoleArn(AwsRequest input) => input.OptionalString("RoleArn", 20, 2048, Patterns.Arn());

    private static int? Precedence(AwsRequest input) => input.OptionalInt("Precedence", 0, int.MaxValue);

    /// <summary>GroupType; members without a value are left out, as AWS leaves them out.</summary>
    private static JsonObject Shape(UserGroup group)
    {
        var shape = new JsonObject { ["GroupName"] = group.Name, ["UserPoolId"] = group.PoolId };
        if (group.Description is not null)
        {
            shape["Description"] = group.Description;
        }

        if (group.RoleArn is not null)
        {
            shape["RoleArn"] = group.RoleArn;
        }

        if (group.Precedence is { } precedence)
        {
            shape["Precedence"] = precedence;
        }

        shape["LastModifiedDate"] = ManagementShapes.Epoch(group.ModifiedAt);
        shape["CreationDate"] = ManagementShapes.Epoch(group.CreatedAt);
        return shape;
    }

    /// <summary>GroupNameType: the same characters as a user name.</summary>
    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$")]
    private static partial Regex GroupNamePattern();

    /// <summary>PaginationKey.</summary>
    [GeneratedRegex(@"^[\S]+$")]
    private static partial Regex PaginationKeyPattern();
}
