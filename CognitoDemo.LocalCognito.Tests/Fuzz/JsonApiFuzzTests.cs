using System.Text;
using CognitoDemo.LocalCognito.Tests.Support;
using CsCheck;

namespace CognitoDemo.LocalCognito.Tests.Fuzz;

/// <summary>
/// Every operation in Local Cognito's operation table (user pools and identity pools alike, so a new one is
/// fuzzed without anyone listing it) meets malformed requests: invalid JSON, JSON that is not an object,
/// wrong types, missing and unknown members, huge strings, deep nesting, control characters, lone surrogates,
/// invalid UTF-8, wrong content types and targets, oversized bodies, missing or malformed signatures. Every
/// answer is a 4xx in AWS's error shape; afterwards sign-up and sign-in still work.
/// </summary>
public sealed class JsonApiFuzzTests : IDisposable
{
    /// <summary>Member names the operations read, so wrong values reach real checks rather than being ignored.</summary>
    private static readonly string[] Members =
    [
        "ClientId", "ClientSecret", "Username", "Password", "SecretHash", "UserAttributes", "AuthFlow", "AuthParameters",
        "ChallengeName", "ChallengeResponses", "Session", "AccessToken", "RefreshToken", "Token", "ConfirmationCode",
        "PreviousPassword", "ProposedPassword", "UserPoolId", "PoolName", "MaxResults", "NextToken", "PaginationToken",
        "Filter", "Limit", "Schema", "Policies", "ExplicitAuthFlows", "Domain", "TemporaryPassword", "Permanent",
        "IdentityPoolId", "IdentityPoolName", "IdentityId", "Logins", "Roles", "AllowUnauthenticatedIdentities",
        "CognitoIdentityProviders", "AttributeName", "Code", "AttributesToGet",
    ];

    private readonly LocalCognitoApp _app = new();
    private readonly FuzzRun _run = new("json-api", defaultCases: 2_000);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryOperationAnswersMalformedRequestsWithA4xxInAwsShapeAndKeepsWorking()
    {
        var targets = _app.Services.GetOperationTargets();
        Assert.Contains("AWSCognitoIdentityService.GetId", targets);
        using var client = _app.CreateClient();

        await _run.RunAsync(Requests(targets), async request =>
        {
            var response = await client.SendRawAsync(request.Target, request.Body, request.ContentType, message =>
            {
                if (!request.Signed)
                {
                    SigningHandler.SendUnsigned(message);
                }

                if (request.Authorization is not null)
                {
                    message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
                }
            });
            _run.Count($"{(int)response.Status} {response.Type}");
            Assert.True((int)response.Status is >= 400 and < 500, $"answered {(int)response.Status} {response.Body.ToJsonString()}");
            Assert.Equal("application/x-amz-json-1.1", response.ContentType);
            Assert.False(string.IsNullOrEmpty(response.Type), "no __type");
            Assert.NotNull(response.Message);
            Assert.Equal(response.Type, response.ErrorTypeHeader);
        }, request => request.ToString());

        await _app.SignUpConfirmedAsync("after.fuzz");
        Assert.False(string.IsNullOrEmpty((await _app.TokensAsync("after.fuzz"))["IdToken"].Text()));
    }

    private static Gen<FuzzRequest> Requests(IReadOnlyList<string> targets)
    {
        var target = Gen.Frequency(
            (8, Gen.OneOf([.. targets]).Select(t => (string?)t)),
            (1, Gen.OneOf<string?>(null, "", "AWSCognitoIdentityProviderService.", "AWSCognitoIdentityProviderService.NoSuchOperation",
                "AWSCognitoIdentityService.SignUp", "SignUp", "awscognitoidentityproviderservice.signup", "AWSCognitoIdentityProviderService.SignUp.Extra")),
            (1, Gen.String[Gen.Char['!', '~'], 1, 300].Select(t => (string?)t)));
        var contentType = Gen.Frequency(
            (6, Gen.Const("application/x-amz-json-1.1")),
            (1, Gen.OneOf("application/json", "text/plain", "application/x-amz-json-1.0", "application/octet-stream",
                "multipart/form-data; boundary=x", "application/x-amz-json-1.1; charset=latin1")));
        var authorization = Gen.Frequency(
            (6, Gen.Const((string?)null)),
            (1, Gen.OneOf<string?>("Bearer x", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
                "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0",
                "AWS4-HMAC-SHA256 Credential=AKID/20260105/not a region/cognito-idp/aws4_request, SignedHeaders=host, Signature=0",
                "AWS4-HMAC-SHA256 Credential=AKID/20260105/us-west-2/cognito-idp/aws4_request, SignedHeaders=x-amz-date, Signature=0")),
            (1, Gen.String[Gen.Char[' ', '~'], 0, 200].Select(s => (string?)s)));
        return Gen.Select(target, Body, contentType, Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false))), authorization,
            // A form without X-Amz-Target is an STS (Query protocol) request, which StsFuzzTests covers.
            (t, body, type, signed, auth) => new FuzzRequest(t, body.Bytes, body.Kind,
                string.IsNullOrEmpty(t) && type.StartsWith("multipart/", StringComparison.Ordinal) ? "application/json" : type, signed, auth));
    }

    /// <summary>A request body that is wrong in at least one way every operation checks.</summary>
    private static readonly Gen<(string Kind, byte[] Bytes)> Body = Gen.OneOf(
        Text("invalid JSON", Gen.OneOf(
            Gen.OneOf("{", "}", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}",
                "{\"a\":\"x\"} trailing", "/*c*/{}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "[", "\"unterminated", "{\"a\":tru}"),
            Gen.String[Gen.Char, 1, 200].Where(s => !s.TrimStart().StartsWith('{')))),
        Text("not an object", Gen.OneOf("null", "true", "0", "-1.5e308", "\"text\"", "[]", "[{}]", "[1,2,3]")),
        Text("deep nesting", Gen.Int[33, 5_000].Select(depth => "{\"a\":" + new string('[', depth) + new string(']', depth) + "}")),
        Text("lone surrogate", Gen.OneOf("\\ud800", "\\udfff", "\\ud800\\ud800", "x\\udc00").SelectMany(escape =>
            Gen.OneOf(Members).SelectMany(member => Gen.Bool.Select(inName => inName
                ? $"{{\"{escape}\":\"v\",\"{member}\":\"v\"}}"
                : $"{{\"{member}\":\"{escape}\"}}")))),
        Gen.OneOf(Members).SelectMany(member => Gen.Byte.Array[1, 8].Where(b => b.Any(x => x >= 0x80)).Select(bad => (
            "invalid UTF-8",
            (byte[])[.. Encoding.UTF8.GetBytes($"{{\"{member}\":\""), .. bad.Select(x => (byte)(x | 0x80)), .. "\"}"u8]))),
        Text("raw control character", Gen.Char['\0', '\x1f'].SelectMany(c => Gen.OneOf(Members).Select(member =>
            $"{{\"{member}\":\"a{c}b\"}}"))),
        Text("wrong types", Gen.OneOf(Members).Array[1, 12].SelectMany(members => Gen.Int[0, 1_000].Array[members.Length].Select(picks =>
            "{" + string.Join(',', members.Distinct().Select((m, i) => $"\"{m}\":{WrongValue(m, picks[i])}")) + "}"))),
        Text("missing members with unknown ones", Gen.String[Gen.Char['a', 'z'], 1, 20].Array[0, 8].Select(names =>
            "{" + string.Join(',', names.Distinct().Select(n => $"\"x{n}\":\"v\"")) + "}")),
        Text("huge strings", Gen.Int[2_049, 120_000].SelectMany(length => Gen.OneOf(Members).Array[1, 2].Select(members =>
            "{" + string.Join(',', members.Distinct().Select(m => $"\"{m}\":\"{new string('x', length)}\"")) + "}"))),
        Gen.Int[256 * 1024 + 1, 400 * 1024].Select(size => ("oversized", (byte[])[.. "{\"Username\":\""u8, .. new byte[size].Select(_ => (byte)'x'), .. "\"}"u8])));

    private static readonly string[] Integers = ["MaxResults", "Limit"];
    private static readonly string[] Booleans = ["Permanent", "AllowUnauthenticatedIdentities"];
    private static readonly string[] Structures =
    [
        "UserAttributes", "AuthParameters", "ChallengeResponses", "Schema", "Policies", "ExplicitAuthFlows", "Logins", "Roles",
        "CognitoIdentityProviders", "AttributesToGet",
    ];

    /// <summary>A JSON value of a type the member never has in the model.</summary>
    private static string WrongValue(string member, int pick)
    {
        string[] values = Integers.Contains(member) ? ["\"5\"", "true", "[]", "{}", "1.5", "1e400", "-1e400"]
            : Booleans.Contains(member) ? ["1", "\"true\"", "[]", "{}"]
            : Structures.Contains(member) ? ["1", "true", "\"s\"", "[1]", "[[\"a\"]]", "[{\"Name\":1}]", "{\"a\":1}"]
            : ["1", "-1", "true", "[]", "[1]", "{}", "{\"x\":1}", "[[\"a\"]]"];
        return values[pick % values.Length];
    }

    private static Gen<(string Kind, byte[] Bytes)> Text(string kind, Gen<string> text) =>
        text.Select(t => (kind, Encoding.UTF8.GetBytes(t)));

    private sealed record FuzzRequest(string? Target, byte[] Body, string Kind, string ContentType, bool Signed, string? Authorization)
    {
        public override string ToString() =>
            $"{Kind}: target '{Target}', {ContentType}, {(Signed ? "signed" : "unsigned")}, Authorization '{Authorization}', " +
            $"body ({Body.Length} bytes) {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
    }
}
