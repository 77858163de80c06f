using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// The pool's own settings over the management API (issue 15: AddCustomAttributes, UpdateUserPool, UpdateUserPoolDomain
/// and differences 6, 7 and 10): stored, returned and validated as botocore's cognito-idp model and the API reference say.
/// </summary>
public sealed class PoolSettingsTests : IDisposable
{
    private const string Certificate = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    private const string OtherCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";
    private const string PreSignUp = "arn:aws:lambda:us-west-2:123456789012:function:pre-sign-up";
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> PoolAsync(Dictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["PoolName"] = "settings" };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        return (await _app.OkAsync("CreateUserPool", body))["UserPool"]!["Id"].Text();
    }

    private async Task<JsonObject> DescribeAsync(string poolId) =>
        (await _app.OkAsync("DescribeUserPool", new { UserPoolId = poolId }))["UserPool"]!.AsObject();

    private static JsonNode? SchemaAttribute(JsonObject pool, string name) =>
        pool["SchemaAttributes"]!.AsArray().SingleOrDefault(a => a!["Name"].Text() == name);

    [Fact]
    public async Task AddCustomAttributesAddsToTheSchemaAndUsersCanHoldThem()
    {
        var poolId = await PoolAsync();

        await _app.OkAsync("AddCustomAttributes", new
        {
            UserPoolId = poolId,
            CustomAttributes = new object[]
            {
                new { Name = "tier", AttributeDataType = "String", StringAttributeConstraints = new { MinLength = "1", MaxLength = "10" } },
                new { Name = "score", AttributeDataType = "Number", Mutable = false },
            },
        });

        var pool = await DescribeAsync(poolId);
        var tier = SchemaAttribute(pool, "custom:tier")!;
        Assert.Equal("10", tier["StringAttributeConstraints"]!["MaxLength"].Text());
        Assert.True(tier["Mutable"]!.GetValue<bool>());
        Assert.False(SchemaAttribute(pool, "custom:score")!["Mutable"]!.GetValue<bool>());
        await _app.OkAsync("AdminCreateUser", new
        {
            UserPoolId = poolId, Username = "ada", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "custom:tier", Value = "gold" } },
        });
        (await _app.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = poolId, Username = "ada", UserAttributes = new object[] { new { Name = "custom:tier", Value = "platinum-plus" } },
        })).AssertError("InvalidParameterException", "Attributes did not conform to the schema: custom:tier: String must be no longer than 10 characters");
    }

    [Fact]
    public async Task AddCustomAttributesRefusesAnAttributeThePoolHasAndAddsNothing()
    {
        var poolId = await PoolAsync(new()
        {
            ["Schema"] = new object[] { new { Name = "banana", AttributeDataType = "String", DeveloperOnlyAttribute = true } },
        });
        await _app.OkAsync("AddCustomAttributes", new { UserPoolId = poolId, CustomAttributes = new object[] { new { Name = "tier", AttributeDataType = "String" } } });

        // "custom:{name}: Existing attribute already has name {full name}." as AWS answered in
        // jmaleonard/serverless-cognito-add-custom-attributes issue 3 (2019).
        (await _app.CallAsync("AddCustomAttributes", new
        {
            UserPoolId = poolId, CustomAttributes = new object[] { new { Name = "fresh", AttributeDataType = "String" }, new { Name = "tier", AttributeDataType = "String" } },
        })).AssertError("InvalidParameterException", "custom:tier: Existing attribute already has name custom:tier.");
        (await _app.CallAsync("AddCustomAttributes", new
        {
            UserPoolId = poolId, CustomAttributes = new object[] { new { Name = "banana", AttributeDataType = "String", DeveloperOnlyAttribute = true } },
        })).AssertError("InvalidParameterException", "custom:banana: Existing attribute already has name dev:custom:banana.");

        Assert.Null(SchemaAttribute(await DescribeAsync(poolId), "custom:fresh"));
    }

    [Fact]
    public async Task AddCustomAttributesValidatesItsInput()
    {
        var poolId = await PoolAsync();

        (await _app.CallAsync("AddCustomAttributes", new { UserPoolId = poolId, CustomAttributes = Array.Empty<object>() }))
            .AssertError("InvalidParameterException",
                "1 validation error detected: Value '[]' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1");
        (await _app.CallAsync("AddCustomAttributes", new
        {
            UserPoolId = poolId, CustomAttributes = new object[] { new { Name = "averyveryverylongname", AttributeDataType = "String" } },
        })).AssertError("InvalidParameterException",
            "1 validation error detected: Value 'averyveryverylongname' at 'customAttributes.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 20");
        (await _app.CallAsync("AddCustomAttributes", new
        {
            UserPoolId = poolId, CustomAttributes = new object[] { new { Name = "tier", AttributeDataType = "String", Required = true } },
        })).AssertError("InvalidParameterException", "Required custom attributes are not supported currently.");
        (await _app.CallAsync("AddCustomAttributes", new
        {
            UserPoolId = "us-west-2_Nowhere", CustomAttributes = new object[] { new { Name = "tier", AttributeDataType = "String" } },
        })).AssertError("ResourceNotFoundException", "User pool us-west-2_Nowhere does not exist.");
    }

    [Fact]
    public async Task APoolHoldsAtMostFiftyCustomAttributes()
    {
        var poolId = await PoolAsync();
        object[] Batch(int from) => [.. Enumerable.Range(from, 25).Select(i => new { Name = $"a{i}", AttributeDataType = "String" })];
        await _app.OkAsync("AddCustomAttributes", new { UserPoolId = poolId, CustomAttributes = Batch(0) });
        await _app.OkAsync("AddCustomAttributes", new { UserPoolId = poolId, CustomAttributes = Batch(25) });

        var response = await _app.CallAsync("AddCustomAttributes", new { UserPoolId = poolId, CustomAttributes = Batch(50).Take(1).ToArray() });

        // AddCustomAttributes declares no LimitExceededException (botocore model): the quota (50, "Quotas in Amazon Cognito") is an InvalidParameterException.
        response.AssertError("InvalidParameterException");
        Assert.Null(SchemaAttribute(await DescribeAsync(poolId), "custom:a50"));
    }

    [Fact]
    public async Task UpdateUserPoolStoresWhatItIsGivenAndResetsWhatItIsNot()
    {
        var poolId = await PoolAsync(new()
        {
            ["UsernameAttributes"] = new[] { "email" },
            ["Schema"] = new object[] { new { Name = "tier", AttributeDataType = "String" } },
        });

        await _app.OkAsync("UpdateUserPool", new
        {
            UserPoolId = poolId,
            Policies = new { PasswordPolicy = new { MinimumLength = 12, RequireSymbols = false } },
            AutoVerifiedAttributes = new[] { "email" },
            LambdaConfig = new { PreSignUp },
            DeletionProtection = "ACTIVE",
            AccountRecoverySetting = new { RecoveryMechanisms = new object[] { new { Priority = 1, Name = "admin_only" } } },
        });
        var updated = await DescribeAsync(poolId);
        Assert.Equal(12, updated["Policies"]!["PasswordPolicy"]!["MinimumLength"]!.GetValue<int>());
        Assert.False(updated["Policies"]!["PasswordPolicy"]!["RequireSymbols"]!.GetValue<bool>());
        Assert.Equal(PreSignUp, updated["LambdaConfig"]!["PreSignUp"].Text());
        Assert.Equal("email", updated["AutoVerifiedAttributes"]![0].Text());
        Assert.Equal("ACTIVE", updated["DeletionProtection"].Text());
        Assert.Equal("admin_only", updated["AccountRecoverySetting"]!["RecoveryMechanisms"]![0]!["Name"].Text());

        // "If you don't provide a value for an attribute, Amazon Cognito sets it to its default value" (UpdateUserPool API reference).
        await _app.OkAsync("UpdateUserPool", new { UserPoolId = poolId });
        var reset = await DescribeAsync(poolId);
        Assert.Equal(8, reset["Policies"]!["PasswordPolicy"]!["MinimumLength"]!.GetValue<int>());
        Assert.True(reset["Policies"]!["PasswordPolicy"]!["RequireSymbols"]!.GetValue<bool>());
        Assert.Empty(reset["LambdaConfig"]!.AsObject());
        Assert.Empty(reset["AutoVerifiedAttributes"]!.AsArray());
        Assert.Equal("INACTIVE", reset["DeletionProtection"].Text());
        Assert.Null(reset["AccountRecoverySetting"]);
        // What UpdateUserPool cannot change stays: the schema and the sign-in attributes.
        Assert.NotNull(SchemaAttribute(reset, "custom:tier"));
        Assert.Equal("email", reset["UsernameAttributes"]![0].Text());
    }

    [Fact]
    public async Task UpdateUserPoolValidatesAndNamesAnUnknownPool()
    {
        var poolId = await PoolAsync();

        (await _app.CallAsync("UpdateUserPool", new { UserPoolId = poolId, MfaConfiguration = "Banana" })).AssertError("InvalidParameterException",
            "1 validation error detected: Value 'Banana' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]");
        (await _app.CallAsync("UpdateUserPool", new { UserPoolId = poolId, LambdaConfig = new { PreSignUp = "not-an-arn-at-all-really" } }))
            .AssertError("InvalidParameterException",
                @"1 validation error detected: Value 'not-an-arn-at-all-really' at 'lambdaConfig.preSignUp' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?");
        (await _app.CallAsync("UpdateUserPool", new { UserPoolId = "us-west-2_Nowhere" }))
            .AssertError("ResourceNotFoundException", "User pool us-west-2_Nowhere does not exist.");
        Assert.Equal("OFF", (await DescribeAsync(poolId))["MfaConfiguration"].Text());
    }

    [Fact]
    public async Task ManagementOperationsOfThePoolRefuseAnUnsignedCall()
    {
        foreach (var operation in (string[])["AddCustomAttributes", "UpdateUserPool", "UpdateUserPoolDomain"])
        {
            (await _app.SendAsync(operation, $$"""{"UserPoolId":"{{LocalCognitoApp.PoolId}}"}""", SigningHandler.SendUnsigned))
                .AssertError("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
    }

    [Fact]
    public async Task LambdaConfigIsStoredAndReturnedByDescribeAndList()
    {
        var poolId = await PoolAsync(new() { ["LambdaConfig"] = new { PreSignUp } });

        Assert.Equal(PreSignUp, (await DescribeAsync(poolId))["LambdaConfig"]!["PreSignUp"].Text());
        var listed = (await _app.OkAsync("ListUserPools", new { MaxResults = 60 }))["UserPools"]!.AsArray()
            .Single(p => p!["Id"].Text() == poolId)!;
        Assert.Equal(PreSignUp, listed["LambdaConfig"]!["PreSignUp"].Text());
    }

    [Fact]
    public async Task VerificationMessageTemplateIsMirroredAndShapesTheMailedCode()
    {
        var poolId = await PoolAsync(new()
        {
            ["AutoVerifiedAttributes"] = new[] { "email" },
            ["VerificationMessageTemplate"] = new
            {
                EmailMessage = "Welcome to Acme! Your code is {####}.", EmailSubject = "Your Acme code", SmsMessage = "Acme code {####}",
            },
        });

        var pool = await DescribeAsync(poolId);
        var template = pool["VerificationMessageTemplate"]!;
        Assert.Equal("Welcome to Acme! Your code is {####}.", template["EmailMessage"].Text());
        Assert.Equal("Your Acme code", template["EmailSubject"].Text());
        Assert.Equal("CONFIRM_WITH_CODE", template["DefaultEmailOption"].Text());
        Assert.Equal("Welcome to Acme! Your code is {####}.", pool["EmailVerificationMessage"].Text());
        Assert.Equal("Your Acme code", pool["EmailVerificationSubject"].Text());
        Assert.Equal("Acme code {####}", pool["SmsVerificationMessage"].Text());

        var clientId = (await _app.OkAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = "app" }))["UserPoolClient"]!["ClientId"].Text();
        await _app.OkAsync("SignUp", new
        {
            ClientId = clientId, Username = "ada", Password = "Passw0rd!",
            UserAttributes = new object[] { new { Name = "email", Value = "ada@example.com" } },
        });
        var message = ((JsonArray)await _app.GetJsonAsync("/mailbox/messages?to=ada%40example.com"))[0]!;
        Assert.Equal("Your Acme code", message["subject"].Text());
        Assert.Equal($"Welcome to Acme! Your code is {message["code"].Text()}.", message["body"].Text());
    }

    [Fact]
    public async Task LegacyVerificationTextsFillTheTemplate()
    {
        var poolId = await PoolAsync(new()
        {
            ["EmailVerificationMessage"] = "Code: {####}", ["EmailVerificationSubject"] = "Old-style subject",
        });

        var template = (await DescribeAsync(poolId))["VerificationMessageTemplate"]!;

        Assert.Equal("Code: {####}", template["EmailMessage"].Text());
        Assert.Equal("Old-style subject", template["EmailSubject"].Text());
        (await _app.CallAsync("CreateUserPool", new { PoolName = "bad", VerificationMessageTemplate = new { EmailMessage = "No placeholder here" } }))
            .AssertError("InvalidParameterException",
                @"1 validation error detected: Value 'No placeholder here' at 'verificationMessageTemplate.emailMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*");
    }

    [Theory]
    [InlineData("email", "Number", false)]
    [InlineData("email", "String", true)]
    [InlineData("updated_at", "String", false)]
    public async Task AStandardAttributeKeepsItsTypeAndIsNeverDeveloperOnly(string name, string type, bool developerOnly)
    {
        var response = await _app.CallAsync("CreateUserPool", new
        {
            PoolName = "bad", Schema = new object[] { new { Name = name, AttributeDataType = type, DeveloperOnlyAttribute = developerOnly } },
        });

        // Message as moto reproduces AWS's (getmoto/moto pull request 4493, tests of create_user_pool).
        response.AssertError("InvalidParameterException",
            $"You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute {name}");
    }

    [Theory]
    [InlineData("String", "{\"MinLength\":\"abc\"}", null, "Invalid StringAttributeConstraints for schema attribute custom:x")]
    [InlineData("String", "{\"MaxLength\":\"4096\"}", null, "user.custom:x: String attributes cannot have a length of more than 2048")]
    [InlineData("String", "{\"MinLength\":\"10\",\"MaxLength\":\"5\"}", null, "user.custom:x: Max length cannot be less than min length.")]
    [InlineData("Number", null, "{\"MinValue\":\"ten\"}", "Invalid NumberAttributeConstraints for schema attribute custom:x")]
    [InlineData("Number", null, "{\"MinValue\":\"10\",\"MaxValue\":\"5\"}", "user.custom:x: Max value cannot be less than min value.")]
    public async Task AttributeConstraintsAreValidated(string type, string? strings, string? numbers, string message)
    {
        var attribute = new JsonObject { ["Name"] = "x", ["AttributeDataType"] = type };
        if (strings is not null)
        {
            attribute["StringAttributeConstraints"] = JsonNode.Parse(strings);
        }

        if (numbers is not null)
        {
            attribute["NumberAttributeConstraints"] = JsonNode.Parse(numbers);
        }

        var body = new JsonObject { ["PoolName"] = "bad", ["Schema"] = new JsonArray(attribute) };
        (await _app.SendAsync("CreateUserPool", body.ToJsonString())).AssertError("InvalidParameterException", message);
        var poolId = await PoolAsync();
        (await _app.SendAsync("AddCustomAttributes", new JsonObject { ["UserPoolId"] = poolId, ["CustomAttributes"] = new JsonArray(attribute.DeepClone()) }.ToJsonString()))
            .AssertError("InvalidParameterException", message);
    }

    [Fact]
    public async Task ConstraintsOnAStandardAttributeAreKeptAndEnforced()
    {
        var poolId = await PoolAsync(new()
        {
            ["Schema"] = new object[]
            {
                new { Name = "given_name", AttributeDataType = "String", StringAttributeConstraints = new { MinLength = "2", MaxLength = "5" } },
            },
        });

        var givenName = SchemaAttribute(await DescribeAsync(poolId), "given_name")!;
        Assert.Equal("2", givenName["StringAttributeConstraints"]!["MinLength"].Text());
        Assert.Equal("5", givenName["StringAttributeConstraints"]!["MaxLength"].Text());
        (await _app.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId, Username = "ada", MessageAction = "SUPPRESS",
            UserAttributes = new object[] { new { Name = "given_name", Value = "Augusta" } },
        })).AssertError("InvalidParameterException", "Attributes did not conform to the schema: given_name: String must be no longer than 5 characters");
    }

    [Fact]
    public async Task ACustomDomainIsAcceptedAndServedThroughCloudFront()
    {
        var poolId = await PoolAsync();

        var created = await _app.OkAsync("CreateUserPoolDomain", new
        {
            UserPoolId = poolId, Domain = "auth.example.com", CustomDomainConfig = new { CertificateArn = Certificate },
        });

        var cloudFront = created["CloudFrontDomain"].Text();
        Assert.Matches(@"^d[a-z0-9]{13}\.cloudfront\.net$", cloudFront);
        var description = (await _app.OkAsync("DescribeUserPoolDomain", new { Domain = "auth.example.com" }))["DomainDescription"]!;
        Assert.Equal(poolId, description["UserPoolId"].Text());
        Assert.Equal(cloudFront, description["CloudFrontDistribution"].Text());
        Assert.Equal(Certificate, description["CustomDomainConfig"]!["CertificateArn"].Text());
        Assert.Equal("auth.example.com", (await DescribeAsync(poolId))["CustomDomain"].Text());
        // Without a certificate a dotted name is no prefix domain.
        (await _app.CallAsync("CreateUserPoolDomain", new { UserPoolId = await PoolAsync(), Domain = "login.example.com" }))
            .AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task UpdateUserPoolDomainChangesTheCertificateOfACustomDomain()
    {
        var poolId = await PoolAsync();
        var cloudFront = (await _app.OkAsync("CreateUserPoolDomain", new
        {
            UserPoolId = poolId, Domain = "auth.example.com", CustomDomainConfig = new { CertificateArn = Certificate },
        }))["CloudFrontDomain"].Text();

        var updated = await _app.OkAsync("UpdateUserPoolDomain", new
        {
            UserPoolId = poolId, Domain = "auth.example.com", CustomDomainConfig = new { CertificateArn = OtherCertificate },
        });

        Assert.Equal(cloudFront, updated["CloudFrontDomain"].Text());
        var description = (await _app.OkAsync("DescribeUserPoolDomain", new { Domain = "auth.example.com" }))["DomainDescription"]!;
        Assert.Equal(OtherCertificate, description["CustomDomainConfig"]!["CertificateArn"].Text());
    }

    [Fact]
    public async Task UpdateUserPoolDomainValidatesAndNamesWhatIsMissing()
    {
        var poolId = await PoolAsync();
        await _app.OkAsync("CreateUserPoolDomain", new { UserPoolId = poolId, Domain = "my-prefix" });

        (await _app.CallAsync("UpdateUserPoolDomain", new { UserPoolId = poolId, Domain = "my-prefix" }))
            .AssertError("InvalidParameterException",
                "1 validation error detected: Value null at 'customDomainConfig' failed to satisfy constraint: Member must not be null");
        (await _app.CallAsync("UpdateUserPoolDomain", new { UserPoolId = poolId, Domain = "my-prefix", CustomDomainConfig = new { CertificateArn = Certificate } }))
            .AssertError("InvalidParameterException");
        (await _app.CallAsync("UpdateUserPoolDomain", new { UserPoolId = poolId, Domain = "auth.example.com", CustomDomainConfig = new { CertificateArn = Certificate } }))
            .AssertError("InvalidParameterException", "No such domain or user pool exists.");
        (await _app.CallAsync("UpdateUserPoolDomain", new { UserPoolId = "us-west-2_Nowhere", Domain = "my-prefix", CustomDomainConfig = new { CertificateArn = Certificate } }))
            .AssertError("ResourceNotFoundException", "User pool us-west-2_Nowhere does not exist.");
    }

    [Fact]
    public async Task EveryViolationOfTheModelIsCountedAndNamedWithItsIndex()
    {
        var response = await _app.CallAsync("CreateUserPool", new
        {
            PoolName = "counted",
            MfaConfiguration = "Sometimes",
            Schema = new object[]
            {
                new { Name = "fine", AttributeDataType = "String" },
                new { Name = "fruit", AttributeDataType = "Banana" },
                new { Name = "averyveryverylongname", AttributeDataType = "String" },
            },
        });

        response.AssertError("InvalidParameterException");
        const string Prefix = "3 validation errors detected: ";
        Assert.StartsWith(Prefix, response.Message);
        Assert.Equal(
        [
            "Value 'Banana' at 'schema.2.member.attributeDataType' failed to satisfy constraint: Member must satisfy enum value set: [Boolean, Number, String, DateTime]",
            "Value 'Sometimes' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
            "Value 'averyveryverylongname' at 'schema.3.member.name' failed to satisfy constraint: Member must have length less than or equal to 20",
        ], response.Message![Prefix.Length..].Split("; ").Order(StringComparer.Ordinal));
        Assert.DoesNotContain((await _app.OkAsync("ListUserPools", new { MaxResults = 60 }))["UserPools"]!.AsArray(), p => p!["Name"].Text() == "counted");
    }

    [Fact]
    public async Task AValueOfTheWrongTypeIsASerializationErrorEvenAfterCountedViolations()
    {
        var response = await _app.SendAsync("CreateUserPool",
            $$"""{"PoolName":"{{new string('p', 129)}}","Schema":"not a list"}""");

        response.AssertError("SerializationException");
    }

    /// <summary>
    /// Parsed pool and client settings are kept by their stored text (<c>ParsedJsonCache</c>), so a second instance
    /// sharing the database never answers with settings the first one has since changed, and the LambdaConfig
    /// returned from a shared parse stays intact however often it is described.
    /// </summary>
    [Fact]
    public async Task SettingsChangedThroughASecondInstanceOnTheSameDatabaseAreSeenAtOnce()
    {
        var poolId = await PoolAsync(new() { ["LambdaConfig"] = new { PreSignUp } });
        var clientId = (await _app.OkAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = "first" }))["UserPoolClient"]!["ClientId"].Text();
        // Read both through this instance first, so that their parses are held.
        Assert.Equal(8, (await DescribeAsync(poolId))["Policies"]!["PasswordPolicy"]!["MinimumLength"]!.GetValue<int>());
        Assert.Null((await _app.OkAsync("DescribeUserPoolClient", new { UserPoolId = poolId, ClientId = clientId }))["UserPoolClient"]!["ReadAttributes"]);

        using var second = new LocalCognitoApp(_app.DataPath, _app.Time);
        await second.OkAsync("UpdateUserPool", new
        {
            UserPoolId = poolId,
            Policies = new { PasswordPolicy = new { MinimumLength = 14 } },
            LambdaConfig = new { PreSignUp },
        });
        await second.OkAsync("UpdateUserPoolClient", new { UserPoolId = poolId, ClientId = clientId, ReadAttributes = new[] { "email" } });

        for (var i = 0; i < 2; i++)
        {
            var pool = await DescribeAsync(poolId);
            Assert.Equal(14, pool["Policies"]!["PasswordPolicy"]!["MinimumLength"]!.GetValue<int>());
            Assert.Equal(PreSignUp, pool["LambdaConfig"]!["PreSignUp"].Text());
        }

        var client = (await _app.OkAsync("DescribeUserPoolClient", new { UserPoolId = poolId, ClientId = clientId }))["UserPoolClient"]!;
        Assert.Equal("email", Assert.Single(client["ReadAttributes"]!.AsArray())!.GetValue<string>());
    }
}
