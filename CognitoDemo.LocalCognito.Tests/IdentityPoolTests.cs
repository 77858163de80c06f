using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using static CognitoDemo.LocalCognito.Tests.Support.IdentityPoolCalls;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>Cognito Identity over HTTP: the exchange of an ID token for an identity and AWS credentials (protocol doc 7).</summary>
public sealed class IdentityPoolTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DefaultIdentityPoolTrustsTheDefaultUserPoolsWebClientWithAnAuthenticatedRoleAndNoGuests()
    {
        var pool = await _app.IdentityOkAsync("DescribeIdentityPool", new { IdentityPoolId = DefaultIdentityPoolId });
        var roles = await _app.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = DefaultIdentityPoolId });

        Assert.False(pool["AllowUnauthenticatedIdentities"]!.GetValue<bool>());
        var providers = pool["CognitoIdentityProviders"]!.AsArray();
        Assert.All(providers, p => Assert.Equal(ProviderName, p!["ProviderName"].Text()));
        Assert.Contains(providers, p => p!["ClientId"].Text() == LocalCognitoApp.WebClientId);
        Assert.Equal(AuthenticatedRoleArn, roles["Roles"]!["authenticated"].Text());
        Assert.Null(roles["Roles"]!["unauthenticated"]);
    }

    [Fact]
    public async Task GetIdWithAnIdTokenGivesAnIdentityInThePoolsRegion()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");

        var identityId = await _app.IdentityIdAsync(idToken);

        Assert.Matches("^us-west-2:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", identityId);
    }

    [Fact]
    public async Task ChinaRegionPoolIsKnownByTheProviderNameTheClientLibrarySends()
    {
        // AWS China's DNS suffix is amazonaws.com.cn, so is the pool's provider name; the client library builds it so.
        using var app = new LocalCognitoApp(settings: new Dictionary<string, string?>
        {
            ["LocalCognito:DefaultPool:UserPoolId"] = "cn-north-1_LocalPool",
            ["LocalCognito:DefaultIdentityPool:IdentityPoolId"] = "cn-north-1:00000000-0000-4000-8000-000000000001",
        });
        var providerName = Cognito.IdentityPools.IdentityProviderNames.UserPool("cn-north-1", "cn-north-1_LocalPool");
        var idToken = await app.SignedInIdTokenAsync("ada");

        var described = await app.IdentityOkAsync("DescribeIdentityPool",
            new { IdentityPoolId = "cn-north-1:00000000-0000-4000-8000-000000000001" });
        var answer = await app.IdentityOkAsync("GetId", new
        {
            IdentityPoolId = "cn-north-1:00000000-0000-4000-8000-000000000001",
            Logins = new Dictionary<string, string> { [providerName] = idToken },
        });

        Assert.Equal("cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_LocalPool",
            described["CognitoIdentityProviders"]![0]!["ProviderName"].Text());
        Assert.StartsWith("cn-north-1:", answer["IdentityId"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameUserGetsTheSameIdentityIdAcrossSignInsAndRestarts()
    {
        var dataPath = LocalCognitoApp.NewDataPath();
        try
        {
            string first;
            string second;
            using (var app = new LocalCognitoApp(dataPath))
            {
                first = await app.IdentityIdAsync(await app.SignedInIdTokenAsync("ada"));
                second = await app.IdentityIdAsync((await app.TokensAsync("ada"))["IdToken"].Text());
            }

            using var restarted = new LocalCognitoApp(dataPath);
            var third = await restarted.IdentityIdAsync((await restarted.TokensAsync("ada"))["IdToken"].Text());

            Assert.Equal(first, second);
            Assert.Equal(first, third);
        }
        finally
        {
            LocalCognitoApp.DeleteData(dataPath);
        }
    }

    [Fact]
    public async Task DifferentUsersGetDifferentIdentities()
    {
        var ada = await _app.IdentityIdAsync(await _app.SignedInIdTokenAsync("ada"));
        var grace = await _app.IdentityIdAsync(await _app.SignedInIdTokenAsync("grace"));

        Assert.NotEqual(ada, grace);
    }

    [Fact]
    public async Task GetIdWithoutLoginsOnAPoolWithoutGuestsIsNotAuthorized()
    {
        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = DefaultIdentityPoolId });

        response.AssertError("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
    }

    [Fact]
    public async Task GetIdWithAnAccessTokenMissesTheAudienceClaim()
    {
        await _app.SignUpConfirmedAsync("ada");
        var accessToken = (await _app.TokensAsync("ada"))["AccessToken"].Text();

        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = DefaultIdentityPoolId, Logins = Logins(accessToken) });

        response.AssertError("NotAuthorizedException", "Invalid login token. Missing a required claim: aud");
    }

    [Fact]
    public async Task GetIdWithATamperedIdTokenCannotBeVerified()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");
        var parts = idToken.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])))!;
        payload["sub"] = Guid.NewGuid().ToString();
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = DefaultIdentityPoolId, Logins = Logins(forged) });

        response.AssertError("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.");
    }

    [Fact]
    public async Task GetIdWithAnExpiredIdTokenSaysTokenExpired()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");
        _app.Time.Advance(TimeSpan.FromHours(1));

        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = DefaultIdentityPoolId, Logins = Logins(idToken) });

        var exp = new JsonWebToken(idToken).GetPayloadValue<long>("exp");
        response.AssertError("NotAuthorizedException", $"Invalid login token. Token expired: {_app.Time.GetUtcNow().ToUnixTimeSeconds()} >= {exp}");
    }

    [Fact]
    public async Task GetIdWithATokenIssuedUnderAnotherIssuerDoesNotMatchTheProvider()
    {
        // A token of the same pool and keys, issued by a Local Cognito known by another public URL.
        using var elsewhere = new LocalCognitoApp(_app.DataPath, _app.Time,
            new Dictionary<string, string?> { ["LocalCognito:PublicUrl"] = "http://cognito.elsewhere.test" });
        var idToken = await elsewhere.SignedInIdTokenAsync("ada");

        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = DefaultIdentityPoolId, Logins = Logins(idToken) });

        response.AssertError("NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName");
    }

    [Fact]
    public async Task GetIdWithATokenForAClientThePoolDoesNotTrustHasTheWrongAudience()
    {
        var poolId = await CreatePoolAsync(allowGuests: false, clientIds: [LocalCognitoApp.WebClientId]);
        var publicClientToken = await _app.SignedInIdTokenAsync("ada");

        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = poolId, Logins = Logins(publicClientToken) });

        response.AssertError("NotAuthorizedException", "Invalid login token. Incorrect token audience.");
    }

    [Fact]
    public async Task GetIdWithALoginsKeyThatIsNotAProviderOfThePoolIsRefused()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");

        var response = await _app.IdentityAsync("GetId", new
        {
            IdentityPoolId = DefaultIdentityPoolId,
            Logins = new Dictionary<string, string> { ["cognito-idp.us-west-2.amazonaws.com/us-west-2_OtherPool"] = idToken },
        });

        response.AssertError("NotAuthorizedException", "Token is not from a supported provider of this identity pool.");
    }

    [Fact]
    public async Task GetIdForAnUnknownPoolIsResourceNotFound()
    {
        var response = await _app.IdentityAsync("GetId", new { IdentityPoolId = "us-west-2:00000000-0000-4000-8000-00000000dead" });

        response.AssertError("ResourceNotFoundException", "IdentityPool 'us-west-2:00000000-0000-4000-8000-00000000dead' not found.");
    }

    [Fact]
    public async Task GetCredentialsForIdentityGivesAnAsiaKeyAFortyCharacterSecretAndOneHour()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");
        var identityId = await _app.IdentityIdAsync(idToken);

        var answer = await _app.IdentityOkAsync("GetCredentialsForIdentity", new { IdentityId = identityId, Logins = Logins(idToken) });

        var credentials = answer["Credentials"]!;
        Assert.Equal(identityId, answer["IdentityId"].Text());
        Assert.Matches("^ASIA[A-Z0-9]{16}$", credentials["AccessKeyId"].Text());
        Assert.Equal(40, credentials["SecretKey"].Text().Length);
        Assert.False(string.IsNullOrEmpty(credentials["SessionToken"].Text()));
        Assert.Equal(_app.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), credentials["Expiration"]!.GetValue<long>());
    }

    [Fact]
    public async Task EachCallGivesNewCredentials()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");
        var identityId = await _app.IdentityIdAsync(idToken);

        var first = await _app.IdentityOkAsync("GetCredentialsForIdentity", new { IdentityId = identityId, Logins = Logins(idToken) });
        var second = await _app.IdentityOkAsync("GetCredentialsForIdentity", new { IdentityId = identityId, Logins = Logins(idToken) });

        Assert.NotEqual(first["Credentials"]!["AccessKeyId"].Text(), second["Credentials"]!["AccessKeyId"].Text());
    }

    [Fact]
    public async Task GetCredentialsWithAnotherUsersLoginIsRefused()
    {
        var adaIdentity = await _app.IdentityIdAsync(await _app.SignedInIdTokenAsync("ada"));
        var graceToken = await _app.SignedInIdTokenAsync("grace");

        var response = await _app.IdentityAsync("GetCredentialsForIdentity", new { IdentityId = adaIdentity, Logins = Logins(graceToken) });

        response.AssertError("NotAuthorizedException",
            "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }

    [Fact]
    public async Task GetCredentialsWithoutLoginsForASignedInIdentityIsRefused()
    {
        var identityId = await _app.IdentityIdAsync(await _app.SignedInIdTokenAsync("ada"));

        var response = await _app.IdentityAsync("GetCredentialsForIdentity", new { IdentityId = identityId });

        response.AssertError("NotAuthorizedException",
            "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }

    [Fact]
    public async Task GetCredentialsForAnUnknownIdentityIsResourceNotFound()
    {
        var response = await _app.IdentityAsync("GetCredentialsForIdentity", new { IdentityId = "us-west-2:00000000-0000-4000-8000-0000000000ff" });

        response.AssertError("ResourceNotFoundException", "Identity 'us-west-2:00000000-0000-4000-8000-0000000000ff' not found.");
    }

    [Fact]
    public async Task GetCredentialsOnAPoolWithoutRolesIsAnInvalidConfiguration()
    {
        var poolId = await CreatePoolAsync(allowGuests: false, clientIds: [LocalCognitoApp.PublicClientId]);
        var idToken = await _app.SignedInIdTokenAsync("ada");
        var identityId = (await _app.IdentityOkAsync("GetId", new { IdentityPoolId = poolId, Logins = Logins(idToken) }))["IdentityId"].Text();

        var response = await _app.IdentityAsync("GetCredentialsForIdentity", new { IdentityId = identityId, Logins = Logins(idToken) });

        response.AssertError("InvalidIdentityPoolConfigurationException",
            "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    [Fact]
    public async Task GuestPoolGivesGuestsTheUnauthenticatedRolesCredentials()
    {
        var poolId = await CreatePoolAsync(allowGuests: true, clientIds: [LocalCognitoApp.PublicClientId]);
        await _app.IdentityOkAsync("SetIdentityPoolRoles", new
        {
            IdentityPoolId = poolId,
            Roles = new Dictionary<string, string> { ["unauthenticated"] = "arn:aws:iam::000000000000:role/Guest" },
        });

        var identityId = (await _app.IdentityOkAsync("GetId", new { IdentityPoolId = poolId }))["IdentityId"].Text();
        var answer = await _app.IdentityOkAsync("GetCredentialsForIdentity", new { IdentityId = identityId });

        Assert.Matches("^ASIA", answer["Credentials"]!["AccessKeyId"].Text());
    }

    [Fact]
    public async Task GetOpenIdTokenNamesTheIdentityAndThePoolForTenMinutes()
    {
        var idToken = await _app.SignedInIdTokenAsync("ada");
        var identityId = await _app.IdentityIdAsync(idToken);

        var answer = await _app.IdentityOkAsync("GetOpenIdToken", new { IdentityId = identityId, Logins = Logins(idToken) });

        var token = new JsonWebToken(answer["Token"].Text());
        Assert.Equal(identityId, answer["IdentityId"].Text());
        Assert.Equal(identityId, token.Subject);
        Assert.Equal(DefaultIdentityPoolId, token.Audiences.Single());
        Assert.Equal("https://cognito-identity.amazonaws.com", token.Issuer);
        Assert.Equal(600, token.GetPayloadValue<long>("exp") - token.GetPayloadValue<long>("iat"));
    }

    [Fact]
    public async Task GetOpenIdTokenWithAnotherUsersLoginIsRefused()
    {
        var adaIdentity = await _app.IdentityIdAsync(await _app.SignedInIdTokenAsync("ada"));
        var graceToken = await _app.SignedInIdTokenAsync("grace");

        var response = await _app.IdentityAsync("GetOpenIdToken", new { IdentityId = adaIdentity, Logins = Logins(graceToken) });

        response.AssertError("NotAuthorizedException",
            "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }

    [Fact]
    public async Task CreatedPoolIsDescribedListedAndGoneAfterDelete()
    {
        var created = await _app.IdentityOkAsync("CreateIdentityPool", new
        {
            IdentityPoolName = "Second pool",
            AllowUnauthenticatedIdentities = false,
            CognitoIdentityProviders = new[] { new { ProviderName, ClientId = LocalCognitoApp.WebClientId, ServerSideTokenCheck = false } },
        });
        var poolId = created["IdentityPoolId"].Text();

        var described = await _app.IdentityOkAsync("DescribeIdentityPool", new { IdentityPoolId = poolId });
        var listed = await _app.IdentityOkAsync("ListIdentityPools", new { MaxResults = 60 });
        await _app.IdentityOkAsync("DeleteIdentityPool", new { IdentityPoolId = poolId });
        var afterDelete = await _app.IdentityAsync("DescribeIdentityPool", new { IdentityPoolId = poolId });

        Assert.Matches("^us-west-2:[0-9a-f-]{36}$", poolId);
        Assert.Equal("Second pool", described["IdentityPoolName"].Text());
        Assert.Equal(LocalCognitoApp.WebClientId, described["CognitoIdentityProviders"]![0]!["ClientId"].Text());
        Assert.Contains(listed["IdentityPools"]!.AsArray(), p => p!["IdentityPoolId"].Text() == poolId);
        Assert.Contains(listed["IdentityPools"]!.AsArray(), p => p!["IdentityPoolId"].Text() == DefaultIdentityPoolId);
        afterDelete.AssertError("ResourceNotFoundException", $"IdentityPool '{poolId}' not found.");
    }

    [Fact]
    public async Task ListIdentityPoolsPagesWithNextToken()
    {
        await CreatePoolAsync(allowGuests: false, clientIds: [LocalCognitoApp.WebClientId]);

        var first = await _app.IdentityOkAsync("ListIdentityPools", new { MaxResults = 1 });
        var second = await _app.IdentityOkAsync("ListIdentityPools", new { MaxResults = 1, NextToken = first["NextToken"].Text() });

        Assert.Single(first["IdentityPools"]!.AsArray());
        Assert.Single(second["IdentityPools"]!.AsArray());
        Assert.Null(second["NextToken"]);
        Assert.NotEqual(first["IdentityPools"]![0]!["IdentityPoolId"].Text(), second["IdentityPools"]![0]!["IdentityPoolId"].Text());
    }

    [Fact]
    public async Task CreateIdentityPoolWithoutTheGuestSettingIsAnInvalidParameter()
    {
        var response = await _app.IdentityAsync("CreateIdentityPool", new { IdentityPoolName = "No setting" });

        response.AssertError("InvalidParameterException",
            "1 validation error detected: Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task SetIdentityPoolRolesReplacesTheRolesGetIdentityPoolRolesReturns()
    {
        var poolId = await CreatePoolAsync(allowGuests: true, clientIds: [LocalCognitoApp.WebClientId]);
        var roles = new Dictionary<string, string>
        {
            ["authenticated"] = "arn:aws:iam::123456789012:role/Signed",
            ["unauthenticated"] = "arn:aws:iam::123456789012:role/Guest",
        };

        await _app.IdentityOkAsync("SetIdentityPoolRoles", new { IdentityPoolId = poolId, Roles = roles });
        var answer = await _app.IdentityOkAsync("GetIdentityPoolRoles", new { IdentityPoolId = poolId });

        Assert.Equal(poolId, answer["IdentityPoolId"].Text());
        Assert.Equal("arn:aws:iam::123456789012:role/Signed", answer["Roles"]!["authenticated"].Text());
        Assert.Equal("arn:aws:iam::123456789012:role/Guest", answer["Roles"]!["unauthenticated"].Text());
    }

    [Fact]
    public async Task SetIdentityPoolRolesWithAnUnknownRoleKeyIsAnInvalidParameter()
    {
        var response = await _app.IdentityAsync("SetIdentityPoolRoles", new
        {
            IdentityPoolId = DefaultIdentityPoolId,
            Roles = new Dictionary<string, string> { ["admin"] = "arn:aws:iam::000000000000:role/Admin" },
        });

        Assert.Equal("InvalidParameterException", response.Type);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task IssuedSecretAndSessionTokenAreNeverStoredInClear()
    {
        var credentials = await _app.CredentialsAsync("ada");

        var stored = StoredBytes();

        // The access key id is stored in clear, which proves the search would find a clear secret too.
        Assert.True(Contains(stored, credentials["AccessKeyId"].Text()));
        Assert.False(Contains(stored, credentials["SecretKey"].Text()));
        Assert.False(Contains(stored, credentials["SessionToken"].Text()));
    }

    private byte[] StoredBytes()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return [.. ((string[])[_app.DataPath, _app.DataPath + "-wal"]).Where(File.Exists).SelectMany(ReadShared)];
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    private async Task<string> CreatePoolAsync(bool allowGuests, string[] clientIds)
    {
        var created = await _app.IdentityOkAsync("CreateIdentityPool", new
        {
            IdentityPoolName = "Test pool",
            AllowUnauthenticatedIdentities = allowGuests,
            CognitoIdentityProviders = clientIds.Select(id => new { ProviderName, ClientId = id }).ToArray(),
        });
        return created["IdentityPoolId"].Text();
    }
}
