using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>User pool groups over HTTP: the nine operations, pagination, and the group claims in the tokens.</summary>
public sealed class GroupTests : IDisposable
{
    private const string Pool = LocalCognitoApp.PoolId;
    private const string EditorRole = "arn:aws:iam::123456789012:role/editors";
    private const string ReaderRole = "arn:aws:iam::123456789012:role/readers";

    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<JsonObject> CreateAsync(string name, int? precedence = null, string? role = null, string? description = null) =>
        _app.OkAsync("CreateGroup", new Dictionary<string, object?>
        {
            ["UserPoolId"] = Pool, ["GroupName"] = name, ["Precedence"] = precedence, ["RoleArn"] = role, ["Description"] = description,
        }.Where(p => p.Value is not null).ToDictionary());

    private Task<JsonObject> AddAsync(string username, string group) =>
        _app.OkAsync("AdminAddUserToGroup", new { UserPoolId = Pool, Username = username, GroupName = group });

    private static JsonNode Payload(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!;

    private static string[] Names(JsonNode? array, string member) => [.. array!.AsArray().Select(n => n![member].Text())];

    [Fact]
    public async Task GroupIsCreatedReadUpdatedAndDeleted()
    {
        var created = (await CreateAsync("editors", 1, EditorRole, "The editors"))["Group"]!;
        Assert.Equal("editors", created["GroupName"].Text());
        Assert.Equal(Pool, created["UserPoolId"].Text());
        Assert.Equal(1, created["Precedence"]!.GetValue<int>());
        Assert.Equal(EditorRole, created["RoleArn"].Text());
        Assert.NotNull(created["CreationDate"]);

        var updated = (await _app.OkAsync("UpdateGroup", new { UserPoolId = Pool, GroupName = "editors", Precedence = 4 }))["Group"]!;
        Assert.Equal(4, updated["Precedence"]!.GetValue<int>());
        Assert.Equal("The editors", updated["Description"].Text());
        var read = (await _app.OkAsync("GetGroup", new { UserPoolId = Pool, GroupName = "editors" }))["Group"]!;
        Assert.Equal(4, read["Precedence"]!.GetValue<int>());
        Assert.Equal(EditorRole, read["RoleArn"].Text());

        await _app.OkAsync("DeleteGroup", new { UserPoolId = Pool, GroupName = "editors" });
        (await _app.CallAsync("GetGroup", new { UserPoolId = Pool, GroupName = "editors" }))
            .AssertError("ResourceNotFoundException", "Group not found.");
    }

    [Fact]
    public async Task ASecondGroupOfTheSameNameIsRefused()
    {
        await CreateAsync("editors");

        (await _app.CallAsync("CreateGroup", new { UserPoolId = Pool, GroupName = "editors" }))
            .AssertError("GroupExistsException", "A group with the name editors already exists.");
    }

    [Fact]
    public async Task InvalidMembersAreRefusedAndNothingIsStored()
    {
        (await _app.CallAsync("CreateGroup", new { UserPoolId = Pool, GroupName = "bad", Precedence = -1 })).AssertError("InvalidParameterException");
        (await _app.CallAsync("CreateGroup", new { UserPoolId = Pool, GroupName = "bad", RoleArn = "not an arn at all, really" })).AssertError("InvalidParameterException");
        (await _app.CallAsync("CreateGroup", new { UserPoolId = Pool, GroupName = "" })).AssertError("InvalidParameterException");
        (await _app.CallAsync("CreateGroup", new { UserPoolId = Pool, GroupName = new string('g', 129) })).AssertError("InvalidParameterException");
        (await _app.CallAsync("ListGroups", new { UserPoolId = Pool, Limit = 61 })).AssertError("InvalidParameterException");

        // Only the default pool's own group (admins) is there.
        Assert.Equal(["admins"], Names((await _app.OkAsync("ListGroups", new { UserPoolId = Pool }))["Groups"], "GroupName"));
    }

    [Fact]
    public async Task UnknownPoolsGroupsAndUsersAreNotFound()
    {
        await _app.SignUpConfirmedAsync("ada");
        await CreateAsync("editors");

        (await _app.CallAsync("ListGroups", new { UserPoolId = "us-west-2_Nowhere" })).AssertError("ResourceNotFoundException");
        (await _app.CallAsync("AdminAddUserToGroup", new { UserPoolId = Pool, Username = "ada", GroupName = "nobody" }))
            .AssertError("ResourceNotFoundException", "Group not found.");
        (await _app.CallAsync("AdminAddUserToGroup", new { UserPoolId = Pool, Username = "nobody", GroupName = "editors" }))
            .AssertError("UserNotFoundException", "User does not exist.");
        (await _app.CallAsync("ListUsersInGroup", new { UserPoolId = Pool, GroupName = "nobody" })).AssertError("ResourceNotFoundException");
        (await _app.CallAsync("AdminListGroupsForUser", new { UserPoolId = Pool, Username = "nobody" })).AssertError("UserNotFoundException");
        (await _app.CallAsync("UpdateGroup", new { UserPoolId = Pool, GroupName = "nobody" })).AssertError("ResourceNotFoundException");
        (await _app.CallAsync("DeleteGroup", new { UserPoolId = Pool, GroupName = "nobody" })).AssertError("ResourceNotFoundException");
    }

    [Fact]
    public async Task MembershipIsListedBothWaysAndEndsWithRemovalOrDeletion()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.SignUpConfirmedAsync("bob");
        await CreateAsync("readers", 5);
        await CreateAsync("editors", 1);
        await AddAsync("ada", "readers");
        await AddAsync("ada", "editors");
        await AddAsync("ada", "editors");
        await AddAsync("bob", "readers");

        Assert.Equal(["editors", "readers"],
            Names((await _app.OkAsync("AdminListGroupsForUser", new { UserPoolId = Pool, Username = "ada" }))["Groups"], "GroupName"));
        Assert.Equal(["ada", "bob"],
            Names((await _app.OkAsync("ListUsersInGroup", new { UserPoolId = Pool, GroupName = "readers" }))["Users"], "Username"));

        await _app.OkAsync("AdminRemoveUserFromGroup", new { UserPoolId = Pool, Username = "ada", GroupName = "readers" });
        await _app.OkAsync("DeleteGroup", new { UserPoolId = Pool, GroupName = "editors" });
        Assert.Empty((await _app.OkAsync("AdminListGroupsForUser", new { UserPoolId = Pool, Username = "ada" }))["Groups"]!.AsArray());
        await _app.OkAsync("AdminDeleteUser", new { UserPoolId = Pool, Username = "bob" });
        Assert.Empty((await _app.OkAsync("ListUsersInGroup", new { UserPoolId = Pool, GroupName = "readers" }))["Users"]!.AsArray());
    }

    [Fact]
    public async Task ListsArePagedWithLimitAndNextToken()
    {
        foreach (var name in (string[])["b", "c", "d"])
        {
            await CreateAsync(name);
        }

        var first = await _app.OkAsync("ListGroups", new { UserPoolId = Pool, Limit = 2 });
        // The default pool's own group comes first by name.
        Assert.Equal(["admins", "b"], Names(first["Groups"], "GroupName"));
        var second = await _app.OkAsync("ListGroups", new { UserPoolId = Pool, Limit = 2, NextToken = first["NextToken"].Text() });
        Assert.Equal(["c", "d"], Names(second["Groups"], "GroupName"));
        Assert.Null(second["NextToken"]);

        await _app.SignUpConfirmedAsync("ada");
        await _app.SignUpConfirmedAsync("bob");
        await AddAsync("ada", "c");
        await AddAsync("bob", "c");
        await AddAsync("ada", "d");
        var users = await _app.OkAsync("ListUsersInGroup", new { UserPoolId = Pool, GroupName = "c", Limit = 1 });
        Assert.Equal(["ada"], Names(users["Users"], "Username"));
        var moreUsers = await _app.OkAsync("ListUsersInGroup", new { UserPoolId = Pool, GroupName = "c", Limit = 1, NextToken = users["NextToken"].Text() });
        Assert.Equal(["bob"], Names(moreUsers["Users"], "Username"));
        var groups = await _app.OkAsync("AdminListGroupsForUser", new { UserPoolId = Pool, Username = "ada", Limit = 1 });
        Assert.Single(groups["Groups"]!.AsArray());
        Assert.NotNull(groups["NextToken"]);
    }

    [Fact]
    public async Task TokensCarryGroupsRolesAndThePreferredRoleOfTheLowestPrecedence()
    {
        await _app.SignUpConfirmedAsync("ada");
        await CreateAsync("readers", 5, ReaderRole);
        await CreateAsync("editors", 1, EditorRole);
        await CreateAsync("plain");
        await AddAsync("ada", "readers");
        await AddAsync("ada", "editors");
        await AddAsync("ada", "plain");

        var tokens = await _app.TokensAsync("ada");

        var id = Payload(tokens["IdToken"].Text());
        var access = Payload(tokens["AccessToken"].Text());
        Assert.Equal(["editors", "readers", "plain"], id["cognito:groups"]!.AsArray().Select(g => g.Text()));
        Assert.Equal(["editors", "readers", "plain"], access["cognito:groups"]!.AsArray().Select(g => g.Text()));
        Assert.Equal([EditorRole, ReaderRole], id["cognito:roles"]!.AsArray().Select(g => g.Text()));
        Assert.Equal(EditorRole, id["cognito:preferred_role"].Text());
        Assert.Null(access["cognito:roles"]);
        Assert.Null(access["cognito:preferred_role"]);
    }

    [Fact]
    public async Task GroupsTiedAtTheLowestPrecedenceWithDifferentRolesLeaveNoPreferredRole()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.SignUpConfirmedAsync("bob");
        await CreateAsync("readers", 1, ReaderRole);
        await CreateAsync("editors", 1, EditorRole);
        await AddAsync("ada", "readers");
        await AddAsync("ada", "editors");

        var id = Payload((await _app.TokensAsync("ada"))["IdToken"].Text());
        Assert.Null(id["cognito:preferred_role"]);
        Assert.Equal(2, id["cognito:roles"]!.AsArray().Count);

        var outsider = Payload((await _app.TokensAsync("bob"))["IdToken"].Text());
        Assert.Null(outsider["cognito:groups"]);
    }
}
