using System.Security.Cryptography;
using System.Text;
using CognitoDemo.LocalCognito.Signing;
using CognitoDemo.LocalCognito.Sts;
using Microsoft.Extensions.Time.Testing;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// SigV4 against the official vectors of protocol doc 8.3 (AWS's IAM example and the aws4 test suite),
/// then the verifier's policy on requests tampered after signing.
/// </summary>
public sealed class SigV4VerifierTests
{
    private const string ExampleKeyId = "AKIDEXAMPLE";
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string ExampleDate = "20150830T123600Z";

    private const string ExampleSessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void IamListUsersExampleGivesAwsDocumentedHashKeyAndSignature()
    {
        var request = Request("GET", [new("Action", "ListUsers"), new("Version", "2010-05-08")], "",
            ("content-type", "application/x-www-form-urlencoded; charset=utf-8"), ("host", "iam.amazonaws.com"), ("x-amz-date", ExampleDate));

        var canonical = SigV4.CanonicalRequest(request, ["content-type", "host", "x-amz-date"]);
        var key = SigV4.SigningKey(ExampleSecret, "20150830", "us-east-1", "iam");
        var stringToSign = SigV4.StringToSign(ExampleDate, SigV4.Scope("20150830", "us-east-1", "iam"), canonical);

        Assert.Equal("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", Convert.ToHexStringLower(key));
        Assert.Equal("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", SigV4.Signature(key, stringToSign));
    }

    [Fact]
    public void Aws4SuitePostFormUrlEncodedGivesTheSuitesSignature()
    {
        var signature = Sign(FormRequest(), ["content-type", "host", "x-amz-date"], ExampleSecret);

        Assert.Equal("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signature);
    }

    [Fact]
    public void Aws4SuitePostStsHeaderBeforeGivesTheSuitesSignature()
    {
        var signature = Sign(TokenRequest(), ["host", "x-amz-date", "x-amz-security-token"], ExampleSecret);

        Assert.Equal("85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", signature);
    }

    [Fact]
    public void VerifierAcceptsTheSuitesFormRequest()
    {
        var request = Authorized(FormRequest(), "content-type;host;x-amz-date",
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");

        var credential = Verifier().Verify(request, "service", LongTermKey);

        Assert.Equal(ExampleKeyId, credential.AccessKeyId);
    }

    [Fact]
    public void VerifierAcceptsTheSuitesSessionTokenRequestWithItsToken()
    {
        var request = Authorized(TokenRequest(), "host;x-amz-date;x-amz-security-token",
            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");

        var credential = Verifier().Verify(request, "service", TemporaryKey(SignedAt.AddHours(1)));

        Assert.Equal(ExampleKeyId, credential.AccessKeyId);
    }

    [Fact]
    public void ChangedBodyDoesNotMatchTheSignature()
    {
        var request = SignedForm() with { Body = Encoding.UTF8.GetBytes("Param1=value2") };

        AssertRefused(request, LongTermKey, "SignatureDoesNotMatch");
    }

    [Fact]
    public void ChangedSignedHeaderDoesNotMatchTheSignature()
    {
        var request = WithHeader(SignedForm(), "host", "other.amazonaws.com");

        AssertRefused(request, LongTermKey, "SignatureDoesNotMatch");
    }

    [Fact]
    public void WrongSecretDoesNotMatchTheSignature()
    {
        AssertRefused(SignedForm(), _ => new SigningCredential(ExampleKeyId, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", null, null),
            "SignatureDoesNotMatch");
    }

    [Fact]
    public void ExpiredSessionIsExpiredTokenEvenWithAGoodSignature()
    {
        var request = Authorized(TokenRequest(), "host;x-amz-date;x-amz-security-token",
            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");

        var error = AssertRefused(request, TemporaryKey(SignedAt), "ExpiredToken");

        Assert.Equal("The security token included in the request is expired", error.Message);
    }

    [Fact]
    public void WrongSessionTokenIsInvalidClientTokenId()
    {
        var request = WithHeader(Authorized(TokenRequest(), "host;x-amz-date;x-amz-security-token",
            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"), "x-amz-security-token", "AQoDYXdzEXAMPLE");

        AssertRefused(request, TemporaryKey(SignedAt.AddHours(1)), "InvalidClientTokenId");
    }

    [Fact]
    public void MissingSessionTokenForTemporaryCredentialsIsInvalidClientTokenId()
    {
        AssertRefused(SignedForm(), TemporaryKey(SignedAt.AddHours(1)), "InvalidClientTokenId");
    }

    [Fact]
    public void UnknownAccessKeyIsInvalidClientTokenId()
    {
        AssertRefused(SignedForm(), _ => null, "InvalidClientTokenId");
    }

    [Fact]
    public void DateOtherThanTheCredentialScopesDoesNotMatch()
    {
        var request = WithHeader(SignedForm(), "x-amz-date", "20150831T123600Z");

        var error = AssertRefused(request, LongTermKey, "SignatureDoesNotMatch", SignedAt.AddDays(1));

        Assert.StartsWith("Date in Credential scope does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestSignedMoreThanFifteenMinutesAgoHasAnExpiredSignature()
    {
        var error = AssertRefused(SignedForm(), LongTermKey, "SignatureDoesNotMatch", SignedAt.AddMinutes(16));

        Assert.StartsWith("Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestSignedMoreThanFifteenMinutesAheadIsNotYetCurrent()
    {
        var error = AssertRefused(SignedForm(), LongTermKey, "SignatureDoesNotMatch", SignedAt.AddMinutes(-16));

        Assert.StartsWith("Signature not yet current", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestWithinFifteenMinutesIsAccepted()
    {
        var verifier = new SigV4Verifier(new FakeTimeProvider(SignedAt.AddMinutes(14)));

        Assert.Equal(ExampleKeyId, verifier.Verify(SignedForm(), "service", LongTermKey).AccessKeyId);
    }

    [Fact]
    public void SignatureForAnotherServiceIsRefused()
    {
        AssertRefused(SignedForm(), LongTermKey, "SignatureDoesNotMatch", service: "sts");
    }

    [Fact]
    public void UnsignedRequestIsMissingAuthenticationToken()
    {
        AssertRefused(FormRequest(), LongTermKey, "MissingAuthenticationToken");
    }

    [Fact]
    public void AuthorizationWithoutSignatureIsIncomplete()
    {
        var request = WithHeader(FormRequest(), "authorization",
            $"AWS4-HMAC-SHA256 Credential={ExampleKeyId}/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date");

        var error = AssertRefused(request, LongTermKey, "IncompleteSignature");

        Assert.Equal("Authorization header requires 'Signature' parameter.", error.Message);
    }

    [Fact]
    public void SignatureThatLeavesOutHostIsIncomplete()
    {
        AssertRefused(Authorized(FormRequest(), "content-type;x-amz-date", new string('0', 64)), LongTermKey, "IncompleteSignature");
    }

    private static SigningCredential? LongTermKey(string accessKeyId) =>
        accessKeyId == ExampleKeyId ? new SigningCredential(ExampleKeyId, ExampleSecret, null, null) : null;

    private static Func<string, SigningCredential?> TemporaryKey(DateTimeOffset expiration) => accessKeyId =>
        accessKeyId == ExampleKeyId
            ? new SigningCredential(ExampleKeyId, ExampleSecret,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ExampleSessionToken))), expiration)
            : null;

    private static SigV4Verifier Verifier(DateTimeOffset? now = null) => new(new FakeTimeProvider(now ?? SignedAt));

    private static StsException AssertRefused(SignedRequest request, Func<string, SigningCredential?> keys, string code,
        DateTimeOffset? now = null, string service = "service")
    {
        // Named as STS names them; the AWS JSON endpoint's names are checked in SigningTests.
        var error = StsException.From(Assert.Throws<SignatureException>(() => Verifier(now).Verify(request, service, keys)));
        Assert.Equal(code, error.Code);
        return error;
    }

    private static SignedRequest FormRequest() => Request("POST", [], "Param1=value1",
        ("content-type", "application/x-www-form-urlencoded"), ("host", "example.amazonaws.com"), ("x-amz-date", ExampleDate));

    private static SignedRequest TokenRequest() => Request("POST", [], "",
        ("host", "example.amazonaws.com"), ("x-amz-date", ExampleDate), ("x-amz-security-token", ExampleSessionToken));

    private static SignedRequest SignedForm() =>
        Authorized(FormRequest(), "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");

    private static SignedRequest Authorized(SignedRequest request, string signedHeaders, string signature) =>
        WithHeader(request, "authorization",
            $"AWS4-HMAC-SHA256 Credential={ExampleKeyId}/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}");

    private static string Sign(SignedRequest request, string[] signedHeaders, string secret) =>
        SigV4.Signature(SigV4.SigningKey(secret, "20150830", "us-east-1", "service"),
            SigV4.StringToSign(ExampleDate, SigV4.Scope("20150830", "us-east-1", "service"), SigV4.CanonicalRequest(request, signedHeaders)));

    private static SignedRequest WithHeader(SignedRequest request, string name, string value)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(request.Headers, StringComparer.OrdinalIgnoreCase) { [name] = [value] };
        return request with { Headers = headers };
    }

    private static SignedRequest Request(string method, KeyValuePair<string, string>[] query, string body,
        params (string Name, string Value)[] headers) =>
        new(method, "/", query,
            headers.ToDictionary(h => h.Name, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetBytes(body));
}
