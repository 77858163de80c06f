using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using CognitoDemo.LocalCognito.Signing;
using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>STS's Query protocol on Local Cognito's <c>/</c>: routing by <c>Action</c>, the XML answers and error envelope.</summary>
public sealed class StsTests : IDisposable
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UnsignedFormPostIsMissingAuthenticationTokenInStsErrorEnvelope()
    {
        var response = await SendAsync(HttpMethod.Post, "/", "Action=GetCallerIdentity&Version=2011-06-15");

        response.AssertError("MissingAuthenticationToken", "Request is missing Authentication Token", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnsignedGetWithActionInTheQueryIsRoutedToSts()
    {
        var response = await SendAsync(HttpMethod.Get, "/?Action=GetCallerIdentity&Version=2011-06-15", null);

        response.AssertError("MissingAuthenticationToken", "Request is missing Authentication Token", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AuthorizationWithoutCredentialIsIncompleteSignature()
    {
        var response = await SendAsync(HttpMethod.Post, "/", "Action=GetCallerIdentity&Version=2011-06-15",
            ("Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=0000"), ("X-Amz-Date", "20260105T090307Z"));

        response.AssertError("IncompleteSignature", "Authorization header requires 'Credential' parameter.", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignedGetWithIssuedCredentialsNamesTheAssumedRole()
    {
        var credentials = await _app.CredentialsAsync("ada");
        var query = "Action=GetCallerIdentity&Version=2011-06-15";

        var response = await SignedAsync(HttpMethod.Get, query, null, credentials["AccessKeyId"].Text(),
            credentials["SecretKey"].Text(), credentials["SessionToken"].Text());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/xml", response.ContentType);
        var result = response.Xml.Root!.Element(Ns + "GetCallerIdentityResult")!;
        Assert.Equal(IdentityPoolCalls.AssumedRoleArn, result.Element(Ns + "Arn")!.Value);
        Assert.Equal("000000000000", result.Element(Ns + "Account")!.Value);
        Assert.EndsWith(":CognitoIdentityCredentials", result.Element(Ns + "UserId")!.Value, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(response.Xml.Root.Element(Ns + "ResponseMetadata")!.Element(Ns + "RequestId")!.Value));
    }

    [Fact]
    public async Task SignedPostWhoseBodyChangedAfterSigningDoesNotMatch()
    {
        var credentials = await _app.CredentialsAsync("ada");

        var response = await SignedAsync(HttpMethod.Post, "", "Action=GetCallerIdentity&Version=2011-06-15",
            credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text(),
            sentBody: "Action=GetCallerIdentity&Version=2011-06-15&Extra=1");

        response.AssertError("SignatureDoesNotMatch", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CredentialsOfADeletedIdentityPoolAreNoLongerRecognized()
    {
        var created = await _app.IdentityOkAsync("CreateIdentityPool", new
        {
            IdentityPoolName = "Short lived",
            AllowUnauthenticatedIdentities = true,
        });
        var poolId = created["IdentityPoolId"].Text();
        await _app.IdentityOkAsync("SetIdentityPoolRoles", new
        {
            IdentityPoolId = poolId,
            Roles = new Dictionary<string, string> { ["unauthenticated"] = "arn:aws:iam::000000000000:role/Guest" },
        });
        var identityId = (await _app.IdentityOkAsync("GetId", new { IdentityPoolId = poolId }))["IdentityId"].Text();
        var credentials = (await _app.IdentityOkAsync("GetCredentialsForIdentity", new { IdentityId = identityId }))["Credentials"]!;
        await _app.IdentityOkAsync("DeleteIdentityPool", new { IdentityPoolId = poolId });

        var response = await SignedAsync(HttpMethod.Get, "Action=GetCallerIdentity&Version=2011-06-15", null,
            credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text());

        response.AssertError("InvalidClientTokenId", "The security token included in the request is invalid.", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SignedRequestForAnUnknownActionIsInvalidAction()
    {
        var credentials = await _app.CredentialsAsync("ada");

        var response = await SignedAsync(HttpMethod.Get, "Action=AssumeRole&Version=2011-06-15", null,
            credentials["AccessKeyId"].Text(), credentials["SecretKey"].Text(), credentials["SessionToken"].Text());

        response.AssertError("InvalidAction", "Could not find operation AssumeRole for version 2011-06-15", HttpStatusCode.BadRequest);
    }

    /// <summary>Signed with the emulator's own SigV4 primitives (checked against AWS's vectors); the SDK tests sign independently.</summary>
    private async Task<StsResponse> SignedAsync(HttpMethod method, string query, string? body, string accessKeyId, string secret,
        string sessionToken, string? sentBody = null)
    {
        var amzDate = _app.Time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = ["localhost"],
            ["x-amz-date"] = [amzDate],
            ["x-amz-security-token"] = [sessionToken],
        };
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], p[1])).ToList();
        var request = new SignedRequest(method.Method, "/", pairs, headers, Encoding.UTF8.GetBytes(body ?? ""));
        string[] signed = ["host", "x-amz-date", "x-amz-security-token"];
        var signature = SigV4.Signature(SigV4.SigningKey(secret, date, "us-east-1", "sts"),
            SigV4.StringToSign(amzDate, SigV4.Scope(date, "us-east-1", "sts"), SigV4.CanonicalRequest(request, signed)));
        return await SendAsync(method, query.Length == 0 ? "/" : "/?" + query, sentBody ?? body,
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{date}/us-east-1/sts/aws4_request, SignedHeaders={string.Join(';', signed)}, Signature={signature}"),
            ("X-Amz-Date", amzDate), ("X-Amz-Security-Token", sessionToken));
    }

    private async Task<StsResponse> SendAsync(HttpMethod method, string uri, string? form, params (string Name, string Value)[] headers)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new StsResponse(response.StatusCode, XDocument.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private sealed record StsResponse(HttpStatusCode Status, XDocument Xml, string? ContentType)
    {
        public void AssertError(string code, string? message, HttpStatusCode status)
        {
            var root = Xml.Root!;
            Assert.Equal(Ns + "ErrorResponse", root.Name);
            var error = root.Element(Ns + "Error")!;
            Assert.Equal("Sender", error.Element(Ns + "Type")!.Value);
            Assert.Equal(code, error.Element(Ns + "Code")!.Value);
            if (message is not null)
            {
                Assert.Equal(message, error.Element(Ns + "Message")!.Value);
            }

            Assert.False(string.IsNullOrEmpty(root.Element(Ns + "RequestId")!.Value));
            Assert.Equal(status, Status);
            Assert.Equal("text/xml", ContentType);
        }
    }
}
