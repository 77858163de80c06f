using CognitoDemo.Web.Users;

namespace CognitoDemo.Web.Tests;

/// <summary>The words of the Users feature that do not need a server: IAM's refusal read into parts, and the CLI command.</summary>
public sealed class UsersWordsTests
{
    [Fact]
    public void AnIdentityBasedDenialIsReadIntoRoleActionResourceAndReason()
    {
        var denial = AccessDenial.Parse(
            "User: arn:aws:sts::123456789012:assumed-role/Cognito_DemoAuth_Role/CognitoIdentityCredentials is not authorized to perform: "
            + "cognito-idp:ListUsers on resource: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123 "
            + "because no identity-based policy allows the cognito-idp:ListUsers action");

        Assert.NotNull(denial);
        Assert.Equal("Cognito_DemoAuth_Role", denial.Role);
        Assert.Equal("cognito-idp:ListUsers", denial.Action);
        Assert.Equal("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123", denial.Resource);
        Assert.Equal("no identity-based policy allows the cognito-idp:ListUsers action", denial.Reason);
    }

    [Fact]
    public void ADenialWithoutAReasonAndAMessageOfAnotherFormAreToldApart()
    {
        var bare = AccessDenial.Parse("User: arn:aws:iam::123456789012:user/ada is not authorized to perform: cognito-idp:ListUsers on resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x");

        Assert.NotNull(bare);
        Assert.Null(bare.Role);
        Assert.Equal("arn:aws:iam::123456789012:user/ada", bare.Principal);
        Assert.Null(bare.Reason);
        Assert.Null(AccessDenial.Parse("Access denied"));
    }

    [Fact]
    public void TheCommandQuotesAUsernameTheShellWouldOtherwiseSplitOrExpand()
    {
        var command = AdminsCommand.For(new Uri("http://localhost:9229/"), "us-west-2", "us-west-2_LocalPool", "o'neil $HOME");

        Assert.EndsWith("--username 'o'\\''neil $HOME' --group-name admins", command, StringComparison.Ordinal);
        Assert.Contains("--endpoint-url http://localhost:9229 --region us-west-2", command, StringComparison.Ordinal);
    }
}
