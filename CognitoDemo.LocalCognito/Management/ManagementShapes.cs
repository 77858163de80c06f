using System.Globalization;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>The management API's output shapes (UserPoolType, UserPoolClientType, UserType) from stored records.</summary>
internal static class ManagementShapes
{
    /// <summary>UserPoolType; the ARN names the configured account (<c>LocalCognito:AccountId</c>).</summary>
    public static JsonObject Pool(UserPool pool, int estimatedUsers, string accountId)
    {
        var s = pool.Settings;
        var shape = new JsonObject
        {
            ["Id"] = pool.Id,
            ["Name"] = pool.Name,
            ["Arn"] = $"arn:aws:cognito-idp:{pool.Region}:{accountId}:userpool/{pool.Id}",
            ["Policies"] = new JsonObject
            {
                ["PasswordPolicy"] = new JsonObject
                {
                    ["MinimumLength"] = s.PasswordPolicy.MinimumLength,
                    ["RequireUppercase"] = s.PasswordPolicy.RequireUppercase,
                    ["RequireLowercase"] = s.PasswordPolicy.RequireLowercase,
                    ["RequireNumbers"] = s.PasswordPolicy.RequireNumbers,
                    ["RequireSymbols"] = s.PasswordPolicy.RequireSymbols,
                    ["TemporaryPasswordValidityDays"] = s.PasswordPolicy.TemporaryPasswordValidityDays,
                },
            },
            ["DeletionProtection"] = s.DeletionProtection,
            ["LambdaConfig"] = Lambda(s),
            ["LastModifiedDate"] = Epoch(pool.ModifiedAt),
            ["CreationDate"] = Epoch(pool.CreatedAt),
            ["SchemaAttributes"] = new JsonArray([.. s.Schema.Select(a => (JsonNode)SchemaAttribute(a))]),
            ["AutoVerifiedAttributes"] = Strings(s.AutoVerifiedAttributes),
            ["VerificationMessageTemplate"] = VerificationTemplate(s.Verification),
            ["MfaConfiguration"] = s.MfaConfiguration,
            ["EstimatedNumberOfUsers"] = estimatedUsers,
            ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = s.UsernameCaseSensitive },
            ["AdminCreateUserConfig"] = new JsonObject
            {
                ["AllowAdminCreateUserOnly"] = s.AllowAdminCreateUserOnly,
                ["UnusedAccountValidityDays"] = s.PasswordPolicy.TemporaryPasswordValidityDays,
            },
            ["UserPoolTier"] = "ESSENTIALS",
        };
        if (s.UsernameAttributes.Count > 0)
        {
            shape["UsernameAttributes"] = Strings(s.UsernameAttributes);
        }

        if (s.AliasAttributes.Count > 0)
        {
            shape["AliasAttributes"] = Strings(s.AliasAttributes);
        }

        if (s.Domain is not null)
        {
            shape[s.CustomDomain is null ? "Domain" : "CustomDomain"] = s.Domain;
        }

        // The legacy members mirror the template (UserPoolType: "no longer used. See VerificationMessageTemplateType").
        AddText(shape, "SmsVerificationMessage", s.Verification.SmsMessage);
        AddText(shape, "EmailVerificationMessage", s.Verification.EmailMessage);
        AddText(shape, "EmailVerificationSubject", s.Verification.EmailSubject);

        if (s.RecoveryMechanisms.Count > 0)
        {
            shape["AccountRecoverySetting"] = new JsonObject
            {
                ["RecoveryMechanisms"] = new JsonArray([.. s.RecoveryMechanisms.Select(m =>
                    (JsonNode)new JsonObject { ["Priority"] = m.Priority, ["Name"] = m.Name })]),
            };
        }

        return shape;
    }

    public static JsonObject Client(AppClient client)
    {
        var s = client.Settings;
        var shape = new JsonObject
        {
            ["UserPoolId"] = client.PoolId,
            ["ClientName"] = client.Name,
            ["ClientId"] = client.Id,
            ["LastModifiedDate"] = Epoch(client.ModifiedAt),
            ["CreationDate"] = Epoch(client.CreatedAt),
            ["RefreshTokenValidity"] = s.RefreshTokenValidity,
            ["AccessTokenValidity"] = s.AccessTokenValidity,
            ["IdTokenValidity"] = s.IdTokenValidity,
            ["TokenValidityUnits"] = new JsonObject
            {
                ["AccessToken"] = s.AccessTokenUnit,
                ["IdToken"] = s.IdTokenUnit,
                ["RefreshToken"] = s.RefreshTokenUnit,
            },
            ["ExplicitAuthFlows"] = Strings(s.ExplicitAuthFlows),
            ["AllowedOAuthFlowsUserPoolClient"] = s.AllowedOAuthFlowsUserPoolClient,
            ["PreventUserExistenceErrors"] = s.PreventUserExistenceErrors,
            ["EnableTokenRevocation"] = s.EnableTokenRevocation,
            ["EnablePropagateAdditionalUserContextData"] = false,
            ["AuthSessionValidity"] = s.AuthSessionValidity,
        };
        if (client.Secret is not null)
        {
            shape["ClientSecret"] = client.Secret;
        }

        AddList(shape, "ReadAttributes", s.ReadAttributes);
        AddList(shape, "WriteAttributes", s.WriteAttributes);
        AddList(shape, "SupportedIdentityProviders", s.SupportedIdentityProviders);
        AddList(shape, "CallbackURLs", s.CallbackUrls);
        AddList(shape, "LogoutURLs", s.LogoutUrls);
        AddList(shape, "AllowedOAuthFlows", s.AllowedOAuthFlows);
        AddList(shape, "AllowedOAuthScopes", s.AllowedOAuthScopes);
        if (s.DefaultRedirectUri is not null)
        {
            shape["DefaultRedirectURI"] = s.DefaultRedirectUri;
        }

        return shape;
    }

    /// <summary>UserType; AdminGetUser names the list <c>UserAttributes</c>, ListUsers <c>Attributes</c>.</summary>
    public static JsonObject User(User user, string attributesMember, IReadOnlyCollection<string>? only = null)
    {
        var attributes = only is null ? user.AllAttributes : user.AllAttributes.Where(a => only.Contains(a.Key));
        return new JsonObject
        {
            ["Username"] = user.Username,
            [attributesMember] = UserAttributes.List(attributes),
            ["UserCreateDate"] = Epoch(user.CreatedAt),
            ["UserLastModifiedDate"] = Epoch(user.ModifiedAt),
            ["Enabled"] = user.Enabled,
            ["UserStatus"] = user.Status,
        };
    }

    /// <summary>LambdaConfigType as stored; an empty object when the pool has no triggers, as AWS answers.</summary>
    public static JsonObject Lambda(UserPoolSettings settings) => (JsonObject?)settings.LambdaConfig?.DeepClone() ?? [];

    private static JsonObject VerificationTemplate(VerificationMessages messages)
    {
        var template = new JsonObject();
        AddText(template, "SmsMessage", messages.SmsMessage);
        AddText(template, "EmailMessage", messages.EmailMessage);
        AddText(template, "EmailSubject", messages.EmailSubject);
        AddText(template, "EmailMessageByLink", messages.EmailMessageByLink);
        AddText(template, "EmailSubjectByLink", messages.EmailSubjectByLink);
        template["DefaultEmailOption"] = messages.DefaultEmailOption;
        return template;
    }

    private static void AddText(JsonObject shape, string member, string? value)
    {
        if (value is not null)
        {
            shape[member] = value;
        }
    }

    /// <summary>JSON 1.1 timestamps are epoch seconds, possibly fractional (protocol doc 1.2).</summary>
    public static double Epoch(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;

    private static JsonObject SchemaAttribute(SchemaAttribute a)
    {
        var shape = new JsonObject
        {
            ["Name"] = a.Name,
            ["AttributeDataType"] = a.AttributeDataType,
            ["DeveloperOnlyAttribute"] = a.DeveloperOnlyAttribute,
            ["Mutable"] = a.Mutable,
            ["Required"] = a.Required,
        };
        if (a.AttributeDataType == "String")
        {
            shape["StringAttributeConstraints"] = new JsonObject
            {
                ["MinLength"] = (a.MinLength ?? 0).ToString(CultureInfo.InvariantCulture),
                ["MaxLength"] = (a.MaxLength ?? 2048).ToString(CultureInfo.InvariantCulture),
            };
        }
        else if (a.AttributeDataType == "Number" && (a.MinValue is not null || a.MaxValue is not null))
        {
            var constraints = new JsonObject();
            if (a.MinValue is { } min)
            {
                constraints["MinValue"] = min.ToString(CultureInfo.InvariantCulture);
            }

            if (a.MaxValue is { } max)
            {
                constraints["MaxValue"] = max.ToString(CultureInfo.InvariantCulture);
            }

            shape["NumberAttributeConstraints"] = constraints;
        }

        return shape;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    private static void AddList(JsonObject shape, string member, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            shape[member] = Strings(values);
        }
    }
}
