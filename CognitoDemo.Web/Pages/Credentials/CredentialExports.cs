using CognitoDemo.Web.Credentials;

namespace CognitoDemo.Web.Pages.Credentials;

/// <summary>One way to use the credentials elsewhere: a title and the text to copy.</summary>
public sealed record CredentialExport(string Id, string Title, string CopyLabel, string Text);

/// <summary>
/// The temporary credentials as a developer pastes them: shell, PowerShell, the AWS CLI's credentials
/// file and the AWS SDK for .NET. The variable and key names are the ones the AWS CLI and SDKs read
/// (AWS SDKs and Tools Reference Guide, "AWS access keys" settings: aws_access_key_id,
/// aws_secret_access_key, aws_session_token and their AWS_* environment variables).
/// </summary>
public static class CredentialExports
{
    public const string ProfileName = "cognito-demo";

    public static IReadOnlyList<CredentialExport> For(TemporaryCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (id, secret, token) = (credentials.AccessKeyId, credentials.SecretKey, credentials.SessionToken);
        return
        [
            new("export-shell", "Shell (bash, zsh)", "Copy shell lines",
                $"export AWS_ACCESS_KEY_ID={id}\nexport AWS_SECRET_ACCESS_KEY={secret}\nexport AWS_SESSION_TOKEN={token}"),
            new("export-powershell", "PowerShell", "Copy PowerShell lines",
                $"$env:AWS_ACCESS_KEY_ID=\"{id}\"\n$env:AWS_SECRET_ACCESS_KEY=\"{secret}\"\n$env:AWS_SESSION_TOKEN=\"{token}\""),
            new("export-profile", "~/.aws/credentials (then --profile " + ProfileName + ")", "Copy profile",
                $"[{ProfileName}]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\naws_session_token = {token}"),
            new("export-csharp", "C# (AWS SDK for .NET)", "Copy C# snippet",
                $"var credentials = new Amazon.Runtime.SessionAWSCredentials(\n    \"{id}\",\n    \"{secret}\",\n    \"{token}\");"),
        ];
    }

    /// <summary>The role's name in an assumed-role ARN (<c>arn:aws:sts::{account}:assumed-role/{role}/{session}</c>), or null.</summary>
    public static string? RoleName(string? assumedRoleArn) =>
        assumedRoleArn?.Split(':') is [.., var resource] && resource.Split('/') is ["assumed-role", var role, ..] ? role : null;

    /// <summary>The role's name in a role ARN (<c>arn:aws:iam::{account}:role/{path/}{name}</c>), or null.</summary>
    public static string? RoleNameOfRoleArn(string? roleArn) =>
        roleArn?.Split(':') is [_, _, "iam", _, _, var resource] && resource.StartsWith("role/", StringComparison.Ordinal)
            ? resource[(resource.LastIndexOf('/') + 1)..]
            : null;

    /// <summary>The trust policy of the template's AuthenticatedRole (infra/cognito-demo.yaml); a test keeps it equal to the file.</summary>
    public const string TrustPolicyExcerpt = """
        Principal:
          Federated: cognito-identity.amazonaws.com
        Action: sts:AssumeRoleWithWebIdentity
        Condition:
          StringEquals:
            cognito-identity.amazonaws.com:aud: !Ref IdentityPool
          ForAnyValue:StringLike:
            cognito-identity.amazonaws.com:amr: authenticated
        """;
}
