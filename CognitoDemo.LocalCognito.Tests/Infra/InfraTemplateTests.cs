using System.Diagnostics;
using CognitoDemo.LocalCognito.Management;
using YamlDotNet.RepresentationModel;

namespace CognitoDemo.LocalCognito.Tests.Infra;

/// <summary>
/// infra/cognito-demo.yaml is what the seed's console steps create on AWS; Local Cognito's default pool
/// is what they create locally. These tests keep the two in step (change one without the other and they
/// fail) and check the template against CloudFormation's own resource schemas with cfn-lint.
/// </summary>
public sealed class InfraTemplateTests
{
    private static readonly string TemplatePath = Path.Combine(RepositoryRoot(), "infra", "cognito-demo.yaml");
    private static readonly YamlMappingNode Resources = (YamlMappingNode)Load()["Resources"];
    private static readonly YamlMappingNode PoolProperties = Properties("UserPool");
    private static readonly YamlMappingNode ClientProperties = Properties("UserPoolClient");
    private static readonly DefaultPoolOptions Defaults = new();
    private static readonly UserPools.UserPool LocalPool = DefaultPool.Pool(Defaults, DateTimeOffset.UnixEpoch);
    private static readonly UserPools.AppClient LocalClient = DefaultPool.WebClient(Defaults, DateTimeOffset.UnixEpoch);

    [Fact]
    public void TemplatePassesCfnLintAgainstCloudFormationsResourceSchemas()
    {
        var start = new ProcessStartInfo("cfn-lint", ["--format", "parseable", TemplatePath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("cfn-lint is not installed; install it with 'pip install cfn-lint'.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output);
            Assert.Equal("", output.Trim());
        }
    }

    [Fact]
    public void PasswordPolicyIsTheSameInBoth()
    {
        var policy = Map(Map(PoolProperties, "Policies"), "PasswordPolicy");
        var local = LocalPool.Settings.PasswordPolicy;

        Assert.Equal(local.MinimumLength, int.Parse(Scalar(policy, "MinimumLength"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(local.RequireLowercase, bool.Parse(Scalar(policy, "RequireLowercase")));
        Assert.Equal(local.RequireUppercase, bool.Parse(Scalar(policy, "RequireUppercase")));
        Assert.Equal(local.RequireNumbers, bool.Parse(Scalar(policy, "RequireNumbers")));
        Assert.Equal(local.RequireSymbols, bool.Parse(Scalar(policy, "RequireSymbols")));
    }

    [Fact]
    public void AttributesSignInAndVerificationAreTheSameInBoth()
    {
        var schema = ((YamlSequenceNode)PoolProperties["Schema"]).Cast<YamlMappingNode>().ToDictionary(a => Scalar(a, "Name"));
        var location = schema["location"];
        var localLocation = LocalPool.Settings.Schema.Single(a => a.Name == "custom:location");
        Assert.Equal(localLocation.AttributeDataType, Scalar(location, "AttributeDataType"));
        Assert.Equal(localLocation.Mutable, bool.Parse(Scalar(location, "Mutable")));
        Assert.Equal(localLocation.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Scalar(Map(location, "StringAttributeConstraints"), "MaxLength"));
        Assert.True(bool.Parse(Scalar(schema["email"], "Required")));
        Assert.True(LocalPool.Settings.Schema.Single(a => a.Name == "email").Required);

        Assert.Equal(LocalPool.Settings.AutoVerifiedAttributes, Sequence(PoolProperties, "AutoVerifiedAttributes"));
        Assert.Equal(LocalPool.Settings.UsernameCaseSensitive, bool.Parse(Scalar(Map(PoolProperties, "UsernameConfiguration"), "CaseSensitive")));
        Assert.Empty(LocalPool.Settings.UsernameAttributes);
        Assert.False(PoolProperties.Children.ContainsKey("UsernameAttributes"), "the seed signs in with a user name, not an e-mail");
        Assert.Equal(LocalPool.Settings.MfaConfiguration, Scalar(PoolProperties, "MfaConfiguration"));
        Assert.False(PoolProperties.Children.ContainsKey("DeviceConfiguration"), "the seed does not track devices");
    }

    [Fact]
    public void AppClientFlowsScopesAndSecretAreTheSameInBoth()
    {
        Assert.Equal(LocalClient.Name, Scalar(ClientProperties, "ClientName"));
        Assert.Equal(LocalClient.HasSecret, bool.Parse(Scalar(ClientProperties, "GenerateSecret")));
        Assert.Equal(LocalClient.Settings.ExplicitAuthFlows.Order(), Sequence(ClientProperties, "ExplicitAuthFlows").Order());
        Assert.Equal(LocalClient.Settings.AllowedOAuthFlows, Sequence(ClientProperties, "AllowedOAuthFlows"));
        Assert.Equal(LocalClient.Settings.AllowedOAuthScopes.Order(), Sequence(ClientProperties, "AllowedOAuthScopes").Order());
        Assert.Equal(LocalClient.Settings.SupportedIdentityProviders, Sequence(ClientProperties, "SupportedIdentityProviders"));
        Assert.Equal(LocalClient.Settings.ReadAttributes!.Order(), Sequence(ClientProperties, "ReadAttributes").Order());
        Assert.Equal(LocalClient.Settings.PreventUserExistenceErrors, Scalar(ClientProperties, "PreventUserExistenceErrors"));
        Assert.Equal(LocalClient.Settings.AccessTokenValidity.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(ClientProperties, "AccessTokenValidity"));
        Assert.Equal(LocalClient.Settings.IdTokenValidity.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(ClientProperties, "IdTokenValidity"));
        Assert.Equal(LocalClient.Settings.RefreshTokenValidity.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(ClientProperties, "RefreshTokenValidity"));
    }

    [Fact]
    public void CallbackAndLogoutUrlDefaultsAreTheSameInBoth()
    {
        var parameters = (YamlMappingNode)Load()["Parameters"];

        Assert.Equal(Defaults.EffectiveCallbackUrls, Scalar(Map(parameters, "CallbackUrls"), "Default").Split(','));
        Assert.Equal(Defaults.EffectiveLogoutUrls, Scalar(Map(parameters, "LogoutUrls"), "Default").Split(','));
        Assert.Equal(Defaults.EffectiveCallbackUrls, LocalClient.Settings.CallbackUrls);
    }

    [Fact]
    public void IdentityPoolRoleIsTrustedOnlyByThisPoolForSignedInUsers()
    {
        var identityPool = Properties("IdentityPool");
        Assert.False(bool.Parse(Scalar(identityPool, "AllowUnauthenticatedIdentities")));

        var statement = (YamlMappingNode)((YamlSequenceNode)Map(Properties("AuthenticatedRole"), "AssumeRolePolicyDocument")["Statement"])[0];
        Assert.Equal("cognito-identity.amazonaws.com", Scalar(Map(statement, "Principal"), "Federated"));
        Assert.Equal("sts:AssumeRoleWithWebIdentity", Scalar(statement, "Action"));
        var condition = Map(statement, "Condition");
        Assert.Equal("!Ref", Map(condition, "StringEquals")["cognito-identity.amazonaws.com:aud"].Tag.Value);
        Assert.Equal("authenticated", Scalar(Map(condition, "ForAnyValue:StringLike"), "cognito-identity.amazonaws.com:amr"));
        Assert.True(Map(Properties("IdentityPoolRoles"), "Roles").Children.ContainsKey("authenticated"));
    }

    [Fact]
    public void AdminsGroupAndItsRoleArePermittedTheSameInBoth()
    {
        var local = new LocalCognitoOptions();
        var localGroup = DefaultPool.AdminsGroup(local, DateTimeOffset.UnixEpoch)!;
        var group = Properties("AdminsGroup");
        Assert.Equal("AWS::Cognito::UserPoolGroup", Scalar(Map(Resources, "AdminsGroup"), "Type"));
        Assert.Equal(localGroup.Name, Scalar(group, "GroupName"));
        Assert.Equal(localGroup.Precedence, int.Parse(Scalar(group, "Precedence"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(localGroup.Description, Scalar(group, "Description"));
        Assert.Equal("!GetAtt", group["RoleArn"].Tag.Value);
        Assert.Equal("AdminsRole.Arn", Scalar(group, "RoleArn"));
        Assert.EndsWith(":role/" + local.DefaultPool.AdminsRoleName, localGroup.RoleArn, StringComparison.Ordinal);

        var (policyName, document) = Assert.Single(Iam.IamRoles.BuiltIn(local)[local.DefaultPool.AdminsRoleName]);
        var policy = (YamlMappingNode)Assert.Single((YamlSequenceNode)Properties("AdminsRole")["Policies"]);
        Assert.Equal(policyName, Scalar(policy, "PolicyName"));
        var statement = (YamlMappingNode)Assert.Single((YamlSequenceNode)Map(policy, "PolicyDocument")["Statement"]);
        var localStatement = document["Statement"]![0]!;
        Assert.Equal(localStatement["Effect"]!.GetValue<string>(), Scalar(statement, "Effect"));
        Assert.Equal(localStatement["Action"]!.AsArray().Select(a => a!.GetValue<string>()).Order(), Sequence(statement, "Action").Order());
        // The template's resource is its own pool's ARN; Local Cognito's is its default pool's.
        Assert.Equal("UserPool.Arn", Scalar(statement, "Resource"));
        Assert.Equal(Iam.IamRoles.UserPoolArn(local, Defaults.UserPoolId), localStatement["Resource"]!.GetValue<string>());

        // Trusted as the authenticated role is, and that role is permitted nothing in either.
        Assert.Equal(Map(Properties("AuthenticatedRole"), "AssumeRolePolicyDocument").ToString(),
            Map(Properties("AdminsRole"), "AssumeRolePolicyDocument").ToString());
        Assert.False(Properties("AuthenticatedRole").Children.ContainsKey("Policies"));
        Assert.Empty(Iam.IamRoles.BuiltIn(local)[local.DefaultIdentityPool.AuthenticatedRoleName]);
    }

    [Fact]
    public void IdentityPoolChoosesTheRoleFromTheTokenInBoth()
    {
        var local = IdentityPools.DefaultIdentityPool.RoleFromToken;
        var mapping = (YamlMappingNode)Assert.Single(Map(Properties("IdentityPoolRoles"), "RoleMappings").Children).Value;

        Assert.Equal(local.Type, Scalar(mapping, "Type"));
        Assert.Equal(local.AmbiguousRoleResolution, Scalar(mapping, "AmbiguousRoleResolution"));
        // IdentityProvider is "{ProviderName}:{ClientId}", the key Local Cognito's mappings use.
        var provider = (YamlSequenceNode)mapping["IdentityProvider"];
        Assert.Equal("!Join", provider.Tag.Value);
        Assert.Equal(":", ((YamlScalarNode)provider[0]).Value);
        var parts = (YamlSequenceNode)provider[1];
        Assert.Equal(("!GetAtt", "UserPool.ProviderName"), (parts[0].Tag.Value, ((YamlScalarNode)parts[0]).Value));
        Assert.Equal(("!Ref", "UserPoolClient"), (parts[1].Tag.Value, ((YamlScalarNode)parts[1]).Value));
        var localPool = IdentityPools.DefaultIdentityPool.Pool(new LocalCognitoOptions(), DateTimeOffset.UnixEpoch);
        Assert.Contains(IdentityPools.RoleMappings.Key(CognitoDemo.Cognito.IdentityPools.IdentityProviderNames.UserPool(Defaults.UserPoolId), Defaults.WebClientId),
            localPool.Settings.RoleMappings!.Keys);
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(TemplatePath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Properties(string resource) => Map(Map(Resources, resource), "Properties");

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node[key]).Select(n => ((YamlScalarNode)n).Value!)];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CognitoDemo.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CognitoDemo.sln not found above the test binaries.");
    }
}
