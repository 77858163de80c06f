using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using static CognitoDemo.LocalCognito.Tests.Support.IdentityPoolCalls;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// The identity pool's role mapping over HTTP (developer guide, "Role-based access control"): the role from the ID
/// token, rules over its claims, what happens when neither gives one role, CustomRoleArn, and SetIdentityPoolRoles'
/// refusals. The role chosen is read back as STS GetCallerIdentity names it.
/// </summary>
public sealed class RoleMappingTests : IDisposable
{
    /// <summary>The default identity pool's mapping key for the public client, which the tests sign in with.</summary>
    private const string PublicClientKey = ProviderName + ":" + LocalCognitoApp.PublicClientId;
    private const string WebClientKey = ProviderName + ":" + LocalCognitoApp.WebClientId;
    private const string ReadersRole = "arn:aws:iam::000000000000:role/Readers";
    private const string WritersRole = "arn:aws:iam::000000000000:role/Writers";
    private const string ParisRole = "arn:aws:iam::000000000000:role/Paris";

    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Assumed(string roleName) => $"arn:aws:sts::000000000000:assumed-role/{roleName}/CognitoIdentityCredentials";

    private Task<AwsResponse> SetMappingAsync(object mapping) => _app.IdentityAsync("SetIdentityPoolRoles", new
    {
        IdentityPoolId = DefaultIdentityPoolId,
        Roles = new Dictionary<string, string> { ["authenticated"] = AuthenticatedRoleArn },
        RoleMappings = new Dictionary<string, object> { [PublicClientKey] = mapping },
    });

    private Task<JsonObject> SetRulesAsync(string ambiguousRoleResolution, params object[] rules) =>
        _app.IdentityOkAsync("SetIdentityPoolRoles", new
        {
            IdentityPoolId = DefaultIdentityPoolId,
            Roles = new Dictionary<string, string> { ["authenticated"] = AuthenticatedRoleArn },
            RoleMappings = new Dictionary<string, object>
            {
                [PublicClientKey] = new { Type = "Rules", AmbiguousRoleResolution = ambiguousRoleResolution, RulesConfiguration = new { Rules = rules } },
            },
        });

    [Fact]
    public async Task DefaultIdentityPoolChoosesTheRoleFromTheTokenForBothClients()
    {
        var roles = await _app.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = DefaultIdentityPoolId });

        var mappings = roles["RoleMappings"]!.AsObject();
        Assert.Equal([PublicClientKey, WebClientKey], mappings.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.All(mappings, m =>
        {
            Assert.Equal("Token", m.Value!["Type"].Text());
            Assert.Equal("AuthenticatedRole", m.Value!["AmbiguousRoleResolution"].Text());
        });
    }

    [Fact]
    public async Task AdminsMemberGetsTheGroupsRoleFromTheToken()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.JoinGroupAsync("ada", "admins");

        var credentials = (await _app.GetCredentialsAsync("ada")).Credentials();

        Assert.Equal(Assumed("CognitoDemoAdminsRole"), await _app.CallerArnAsync(credentials));
    }

    [Fact]
    public async Task UserInNoGroupGetsTheAuthenticatedRoleAsBefore()
    {
        await _app.SignUpConfirmedAsync("ada");

        var credentials = (await _app.GetCredentialsAsync("ada")).Credentials();

        Assert.Equal(AssumedRoleArn, await _app.CallerArnAsync(credentials));
    }

    [Fact]
    public async Task TiedGroupsWithoutAPreferredRoleFallBackToTheAuthenticatedRole()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.CreateGroupAsync("readers", 5, ReadersRole);
        await _app.CreateGroupAsync("writers", 5, WritersRole);
        await _app.JoinGroupAsync("ada", "readers");
        await _app.JoinGroupAsync("ada", "writers");

        var credentials = (await _app.GetCredentialsAsync("ada")).Credentials();

        Assert.Equal(AssumedRoleArn, await _app.CallerArnAsync(credentials));
    }

    [Fact]
    public async Task TiedGroupsAreDeniedWhenTheMappingSaysDeny()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SetMappingAsync(new { Type = "Token", AmbiguousRoleResolution = "Deny" })).Status);
        await _app.SignUpConfirmedAsync("ada");
        await _app.CreateGroupAsync("readers", 5, ReadersRole);
        await _app.CreateGroupAsync("writers", 5, WritersRole);
        await _app.JoinGroupAsync("ada", "readers");
        await _app.JoinGroupAsync("ada", "writers");
        await _app.SignUpConfirmedAsync("bob");

        var tied = await _app.GetCredentialsAsync("ada");
        var noGroup = await _app.GetCredentialsAsync("bob");

        tied.AssertError("NotAuthorizedException", $"The ambiguous role mapping rules for: {PublicClientKey} denied this request.");
        noGroup.AssertError("NotAuthorizedException", $"The ambiguous role mapping rules for: {PublicClientKey} denied this request.");
    }

    [Fact]
    public async Task CustomRoleArnAmongTheTokensRolesIsAssumedInsteadOfThePreferredOne()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.CreateGroupAsync("readers", 5, ReadersRole);
        await _app.JoinGroupAsync("ada", "admins");
        await _app.JoinGroupAsync("ada", "readers");

        var preferred = (await _app.GetCredentialsAsync("ada")).Credentials();
        var custom = (await _app.GetCredentialsAsync("ada", customRoleArn: ReadersRole)).Credentials();

        Assert.Equal(Assumed("CognitoDemoAdminsRole"), await _app.CallerArnAsync(preferred));
        Assert.Equal(Assumed("Readers"), await _app.CallerArnAsync(custom));
    }

    [Fact]
    public async Task CustomRoleArnNotAmongTheTokensRolesIsRefused()
    {
        await _app.SignUpConfirmedAsync("ada");
        await _app.JoinGroupAsync("ada", "admins");

        var response = await _app.GetCredentialsAsync("ada", customRoleArn: WritersRole);

        response.AssertError("NotAuthorizedException", $"The role mapping for: {PublicClientKey} does not allow the CustomRoleArn {WritersRole}.");
    }

    /// <summary>ada's custom:location is Paris; rules over it either give the Paris role or, with Deny, refuse.</summary>
    [Theory]
    [InlineData("Equals", "Paris", true)]
    [InlineData("Equals", "paris", false)]
    [InlineData("Contains", "ari", true)]
    [InlineData("Contains", "Lyon", false)]
    [InlineData("StartsWith", "Pa", true)]
    [InlineData("StartsWith", "ris", false)]
    [InlineData("NotEqual", "Lyon", true)]
    [InlineData("NotEqual", "Paris", false)]
    public async Task RulesMatchTheClaimByTheirMatchType(string matchType, string value, bool matches)
    {
        await SetRulesAsync("Deny", new { Claim = "custom:location", MatchType = matchType, Value = value, RoleARN = ParisRole });
        await _app.SignUpConfirmedAsync("ada");

        var response = await _app.GetCredentialsAsync("ada");

        if (matches)
        {
            Assert.Equal(Assumed("Paris"), await _app.CallerArnAsync(response.Credentials()));
        }
        else
        {
            response.AssertError("NotAuthorizedException", $"The ambiguous role mapping rules for: {PublicClientKey} denied this request.");
        }
    }

    [Fact]
    public async Task FirstMatchingRuleWinsAndNoMatchFallsBackToTheAuthenticatedRole()
    {
        await SetRulesAsync("AuthenticatedRole",
            new { Claim = "missing:claim", MatchType = "NotEqual", Value = "x", RoleARN = WritersRole },
            new { Claim = "custom:location", MatchType = "StartsWith", Value = "P", RoleARN = ParisRole },
            new { Claim = "custom:location", MatchType = "Equals", Value = "Paris", RoleARN = ReadersRole });
        await _app.SignUpConfirmedAsync("ada");
        await _app.SignUpAsync("bob", location: "Lyon");
        await _app.OkAsync("ConfirmSignUp", new
        {
            ClientId = LocalCognitoApp.PublicClientId, Username = "bob", ConfirmationCode = await _app.LatestCodeAsync("bob@example.com"),
        });

        var ada = (await _app.GetCredentialsAsync("ada")).Credentials();
        var bob = (await _app.GetCredentialsAsync("bob")).Credentials();

        Assert.Equal(Assumed("Paris"), await _app.CallerArnAsync(ada));
        Assert.Equal(AssumedRoleArn, await _app.CallerArnAsync(bob));
    }

    [Fact]
    public async Task SetAndGetIdentityPoolRolesRoundTripARulesMapping()
    {
        var mapping = new
        {
            Type = "Rules",
            AmbiguousRoleResolution = "Deny",
            RulesConfiguration = new { Rules = new[] { new { Claim = "cognito:groups", MatchType = "Contains", Value = "admins", RoleARN = ReadersRole } } },
        };
        await SetMappingAsync(mapping);

        var roles = await _app.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = DefaultIdentityPoolId });

        Assert.Equal(
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { [PublicClientKey] = mapping }))!.ToJsonString(),
            roles["RoleMappings"]!.ToJsonString());
    }

    public static TheoryData<string, object, string> RefusedMappings => new()
    {
        {
            "a provider the pool does not have", new Dictionary<string, object> { ["accounts.google.com"] = new { Type = "Token", AmbiguousRoleResolution = "Deny" } },
            "accounts.google.com is not a valid RoleMapping ProviderName or is not a configured provider."
        },
        {
            "the user pool without its client", new Dictionary<string, object> { [ProviderName] = new { Type = "Token", AmbiguousRoleResolution = "Deny" } },
            $"{ProviderName} is not a valid RoleMapping ProviderName or is not a configured provider."
        },
        {
            "rules without rules", new Dictionary<string, object> { [PublicClientKey] = new { Type = "Rules", AmbiguousRoleResolution = "Deny" } },
            "RulesConfiguration must be specified for the role mapping type Rules."
        },
        {
            "no ambiguous role resolution", new Dictionary<string, object> { [PublicClientKey] = new { Type = "Token" } },
            "AmbiguousRoleResolution must be specified for the role mapping type Token."
        },
        {
            "an unknown type", new Dictionary<string, object> { [PublicClientKey] = new { Type = "Groups", AmbiguousRoleResolution = "Deny" } },
            $"1 validation error detected: Value at 'roleMappings.{PublicClientKey}.member.type' failed to satisfy constraint: Member must satisfy enum value set: [Token, Rules]"
        },
        {
            "an unknown match type", new Dictionary<string, object>
            {
                [PublicClientKey] = new
                {
                    Type = "Rules", AmbiguousRoleResolution = "Deny",
                    RulesConfiguration = new { Rules = new[] { new { Claim = "email", MatchType = "Matches", Value = "x", RoleARN = ReadersRole } } },
                },
            },
            $"1 validation error detected: Value at 'roleMappings.{PublicClientKey}.member.rulesConfiguration.rules.1.member.matchType' failed to satisfy constraint: Member must satisfy enum value set: [Equals, Contains, StartsWith, NotEqual]"
        },
        {
            "an empty list of rules", new Dictionary<string, object>
            {
                [PublicClientKey] = new { Type = "Rules", AmbiguousRoleResolution = "Deny", RulesConfiguration = new { Rules = Array.Empty<object>() } },
            },
            $"1 validation error detected: Value at 'roleMappings.{PublicClientKey}.member.rulesConfiguration.rules' failed to satisfy constraint: Member must have length greater than or equal to 1"
        },
        {
            "26 rules", new Dictionary<string, object>
            {
                [PublicClientKey] = new
                {
                    Type = "Rules", AmbiguousRoleResolution = "Deny",
                    RulesConfiguration = new { Rules = Enumerable.Repeat(new { Claim = "email", MatchType = "Equals", Value = "x", RoleARN = ReadersRole }, 26) },
                },
            },
            "A role mapping can have at most 25 rules, but this one has 26."
        },
    };

    [Theory]
    [MemberData(nameof(RefusedMappings))]
    public async Task SetIdentityPoolRolesRefusesAnInvalidMappingAndKeepsTheOldOne(string why, object mappings, string message)
    {
        Assert.NotEmpty(why);
        var before = await _app.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = DefaultIdentityPoolId });

        var response = await _app.IdentityAsync("SetIdentityPoolRoles", new
        {
            IdentityPoolId = DefaultIdentityPoolId,
            Roles = new Dictionary<string, string> { ["authenticated"] = ReadersRole },
            RoleMappings = mappings,
        });

        response.AssertError("InvalidParameterException", message);
        var after = await _app.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = DefaultIdentityPoolId });
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }
}
