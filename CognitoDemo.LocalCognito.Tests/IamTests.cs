using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// IAM deciding, in Local Cognito, what a request signed with issued credentials may do: the assumed role's
/// permissions policies (built in, or from <c>LocalCognito:Iam:Roles</c>), explicit Deny first, default deny, and
/// AWS's AccessDeniedException words.
/// </summary>
public sealed class IamTests : IDisposable
{
    private const string PoolArn = "arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_LocalPool";
    private const string AuditorsRole = "arn:aws:iam::000000000000:role/Auditors";
    private const string ListersRole = "arn:aws:iam::000000000000:role/Listers";
    private const string NotAdminRole = "arn:aws:iam::000000000000:role/NotAdmin";

    /// <summary>
    /// Roles from configuration, written as IAM JSON would be in appsettings.json: Auditors may do anything in
    /// cognito-idp but ListUsers; Listers may call list* (any case) on the default region's pools; NotAdmin may call
    /// anything but Admin* on any resource.
    /// </summary>
    private static readonly Dictionary<string, string?> Roles = new()
    {
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyName"] = "AllButListUsers",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Version"] = "2012-10-17",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Statement:0:Effect"] = "Allow",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Statement:0:Action"] = "cognito-idp:*",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Statement:0:Resource"] = "*",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Statement:1:Effect"] = "Deny",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Statement:1:Action:0"] = "cognito-idp:ListUsers",
        ["LocalCognito:Iam:Roles:Auditors:Policies:0:PolicyDocument:Statement:1:Resource"] = PoolArn,
        ["LocalCognito:Iam:Roles:Listers:Policies:0:PolicyName"] = "ListInTheRegion",
        ["LocalCognito:Iam:Roles:Listers:Policies:0:PolicyDocument:Statement:Effect"] = "Allow",
        ["LocalCognito:Iam:Roles:Listers:Policies:0:PolicyDocument:Statement:Action"] = "COGNITO-IDP:list?sers",
        ["LocalCognito:Iam:Roles:Listers:Policies:0:PolicyDocument:Statement:Resource"] = "arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_*",
        ["LocalCognito:Iam:Roles:NotAdmin:Policies:0:PolicyName"] = "NoAdmin",
        ["LocalCognito:Iam:Roles:NotAdmin:Policies:0:PolicyDocument:Statement:0:Effect"] = "Allow",
        ["LocalCognito:Iam:Roles:NotAdmin:Policies:0:PolicyDocument:Statement:0:NotAction"] = "cognito-idp:Admin*",
        ["LocalCognito:Iam:Roles:NotAdmin:Policies:0:PolicyDocument:Statement:0:Resource"] = "*",
    };

    private readonly LocalCognitoApp _app = new(settings: Roles);

    public void Dispose() => _app.Dispose();

    private static string Denied(string role, string action, string resource = PoolArn) =>
        $"User: arn:aws:sts::000000000000:assumed-role/{role}/CognitoIdentityCredentials is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action";

    private async Task<JsonObject> MemberCredentialsAsync(string username, string? group = null, string? roleArn = null)
    {
        await _app.SignUpConfirmedAsync(username);
        if (group is not null)
        {
            if (roleArn is not null)
            {
                await _app.CreateGroupAsync(group, 0, roleArn);
            }

            await _app.JoinGroupAsync(username, group);
        }

        return (await _app.GetCredentialsAsync(username)).Credentials();
    }

    [Fact]
    public async Task AdminsRoleMayListAndReadUsersOfThePoolButNothingElse()
    {
        var credentials = await MemberCredentialsAsync("ada", "admins");

        var list = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });
        var read = await _app.SignedWithAsync(credentials, "AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });
        var delete = await _app.SignedWithAsync(credentials, "AdminDeleteUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });

        Assert.Equal(["ada"], list.Body["Users"]!.AsArray().Select(u => u!["Username"].Text()));
        Assert.Equal("ada", read.Body["Username"].Text());
        delete.AssertError("AccessDeniedException", Denied("CognitoDemoAdminsRole", "cognito-idp:AdminDeleteUser"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _app.CallAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" })).Status);
    }

    [Fact]
    public async Task AuthenticatedRoleIsDeniedListUsersInAwsWords()
    {
        var credentials = await MemberCredentialsAsync("bob");

        var response = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });

        response.AssertError("AccessDeniedException", Denied("CognitoDemoAuthenticatedRole", "cognito-idp:ListUsers"));
    }

    [Fact]
    public async Task ExplicitDenyWinsOverAWildcardAllow()
    {
        var credentials = await MemberCredentialsAsync("ada", "auditors", AuditorsRole);

        var list = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });
        var groups = await _app.SignedWithAsync(credentials, "ListGroups", new { UserPoolId = LocalCognitoApp.PoolId });

        list.AssertError("AccessDeniedException",
            $"User: arn:aws:sts::000000000000:assumed-role/Auditors/CognitoIdentityCredentials is not authorized to perform: cognito-idp:ListUsers on resource: {PoolArn} with an explicit deny in an identity-based policy");
        Assert.Contains("auditors", groups.Body["Groups"]!.AsArray().Select(g => g!["GroupName"].Text()));
    }

    [Fact]
    public async Task ActionsMatchWildcardsInAnyCaseAndResourcesMatchWildcards()
    {
        var credentials = await MemberCredentialsAsync("ada", "listers", ListersRole);

        var list = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });
        var otherRegion = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = "eu-west-1_Elsewhere" });
        var read = await _app.SignedWithAsync(credentials, "AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });

        Assert.Equal(System.Net.HttpStatusCode.OK, list.Status);
        otherRegion.AssertError("AccessDeniedException",
            Denied("Listers", "cognito-idp:ListUsers", "arn:aws:cognito-idp:eu-west-1:000000000000:userpool/eu-west-1_Elsewhere"));
        read.AssertError("AccessDeniedException", Denied("Listers", "cognito-idp:AdminGetUser"));
    }

    [Fact]
    public async Task NotActionAllowsEverythingButTheActionsItNames()
    {
        var credentials = await MemberCredentialsAsync("ada", "operators", NotAdminRole);

        var list = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });
        var read = await _app.SignedWithAsync(credentials, "AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });

        Assert.Equal(System.Net.HttpStatusCode.OK, list.Status);
        read.AssertError("AccessDeniedException", Denied("NotAdmin", "cognito-idp:AdminGetUser"));
    }

    [Fact]
    public async Task ExpiredIssuedCredentialsAreRefusedAsExpiredToken()
    {
        var credentials = await MemberCredentialsAsync("ada", "admins");
        _app.Time.Advance(TimeSpan.FromMinutes(61));

        var response = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });

        response.AssertError("ExpiredTokenException", "The security token included in the request is expired");
    }

    [Fact]
    public async Task IssuedCredentialsWithAnotherSecretDoNotVerify()
    {
        var credentials = await MemberCredentialsAsync("ada", "admins");
        var secret = credentials["SecretKey"].Text();
        credentials["SecretKey"] = (secret[0] == 'A' ? "B" : "A") + secret[1..];

        var response = await _app.SignedWithAsync(credentials, "ListUsers", new { UserPoolId = LocalCognitoApp.PoolId });

        response.AssertError("InvalidSignatureException");
    }

    [Fact]
    public async Task APolicyThatIsNotValidStopsTheStartWithEveryProblem()
    {
        // In process, as a host app starts it (the executable prints the same list and exits with code 2).
        await using var app = LocalCognitoHost.Create(
        [
            "--LocalCognito:Url", "http://127.0.0.1:0", "--LocalCognito:DataPath", LocalCognitoApp.NewDataPath(),
            "--LocalCognito:Iam:Roles:Broken:Policies:0:PolicyName", "Broken",
            "--LocalCognito:Iam:Roles:Broken:Policies:0:PolicyDocument:Statement:0:Effect", "Permit",
            "--LocalCognito:Iam:Roles:Broken:Policies:0:PolicyDocument:Statement:0:Resource", "*",
        ]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("LocalCognito:Iam:Roles:Broken:Policies:0:PolicyDocument:Statement:0:Effect must be Allow or Deny, but was \"Permit\".", error.Failures);
        Assert.Contains("LocalCognito:Iam:Roles:Broken:Policies:0:PolicyDocument:Statement:0 must have exactly one of Action and NotAction.", error.Failures);
    }
}
