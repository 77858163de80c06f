using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CognitoDemo.LocalCognito.Signing;
using CognitoDemo.LocalCognito.Tests.Support;
using CsCheck;

namespace CognitoDemo.LocalCognito.Tests.Fuzz;

/// <summary>
/// STS (Query protocol on <c>/</c>) meets malformed requests from a fixed seed: <c>Authorization</c> headers
/// broken in every part, dates in other formats or out of the window, session tokens missing, wrong or huge,
/// keys unknown, signatures of other bodies, bodies and query strings that are not form encoding, unknown
/// actions. Every answer is a 4xx in STS's XML error envelope; afterwards issued credentials still verify.
/// </summary>
public sealed class StsFuzzTests : IDisposable
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly LocalCognitoApp _app = new();
    private readonly FuzzRun _run = new("sts", defaultCases: 2_000);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryMalformedStsRequestIsA4xxInStsErrorEnvelope()
    {
        var credentials = await _app.CredentialsAsync("sts.fuzz");
        var key = credentials["AccessKeyId"].Text();
        var secret = credentials["SecretKey"].Text();
        var token = credentials["SessionToken"].Text();
        using var client = _app.CreateClient();

        await _run.RunAsync(Requests(key, token), async request =>
        {
            using var message = Build(request, secret);
            using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var code = XDocument.Parse(text).Root?.Element(Ns + "Error")?.Element(Ns + "Code")?.Value;
            _run.Count($"{(int)response.StatusCode} {code}");
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            if ((int)response.StatusCode == 200)
            {
                // Only a request signed with the issued key, now, with its session token, is ever answered.
                Assert.True(request.AuthenticGetCallerIdentity, $"accepted: {text}");
                return;
            }

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode} {text}");
            Assert.False(string.IsNullOrEmpty(code), text);
        }, request => request.ToString());

        using var valid = Build(new StsRequest("POST", "", "Action=GetCallerIdentity&Version=2011-06-15", "sign", key, "now", token, false), secret);
        using var answer = await client.SendAsync(valid, TestContext.Current.CancellationToken);
        Assert.Contains(IdentityPoolCalls.AssumedRoleArn, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Gen<StsRequest> Requests(string key, string token)
    {
        var junk = Gen.String[Gen.Char[' ', '~'], 0, 200];
        var encoded = Gen.OneOf(
            Gen.OneOf("Action=GetCallerIdentity&Version=2011-06-15", "Action=AssumeRole&Version=2011-06-15", "Action=", "Action",
                "Action=GetCallerIdentity&Action=GetCallerIdentity", "%ZZ=%", "Action=%ED%A0%80", "a=%00%01", "&&&==&", "Action=GetCallerIdentity%"),
            junk,
            Gen.Int[1, 300_000].Select(n => "Action=GetCallerIdentity&Pad=" + new string('x', n)));
        var authorization = Gen.OneOf(
            Gen.OneOf("sign", "sign", "sign", "none", "other-body", "unknown-key", "wrong-secret", "wrong-service"),
            Gen.OneOf("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1 Credential=a", "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=0",
                "AWS4-HMAC-SHA256 Credential=" + key + "/20260105/us-east-1/sts/aws4_request, SignedHeaders=x-amz-date, Signature=00",
                "AWS4-HMAC-SHA256 Credential=" + key + "//us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00",
                "AWS4-HMAC-SHA256 Credential=" + key + "/20260105/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=",
                "AWS4-HMAC-SHA256 ,,,,,", "AWS4-HMAC-SHA256 Credential==, SignedHeaders==, Signature=="),
            junk.Select(j => "AWS4-HMAC-SHA256 " + j));
        var date = Gen.OneOf(Gen.OneOf("now", "now", "none", "2026-01-05T09:03:07Z", "20260105T090307", "99999999T999999Z", "", "-16min", "+16min", "+1day"), junk);
        var sessionToken = Gen.OneOf(Gen.OneOf<string?>(token, token, null, "", token + "x", token[..^1]),
            Gen.Int[0, 100_000].Select(n => (string?)new string('t', n)), junk.Select(j => (string?)j));
        return Gen.Select(Gen.OneOf("POST", "GET"), encoded, authorization, date, sessionToken, Gen.Bool,
            (method, body, auth, when, st, query) => new StsRequest(method, query ? body : "", query ? "" : body, auth, key, when, st,
                body.StartsWith("Action=GetCallerIdentity&", StringComparison.Ordinal) && auth == "sign" && when == "now" && st == token));
    }

    private HttpRequestMessage Build(StsRequest request, string secret)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), "/?" + request.Query);
        var form = request.Method == "POST" || request.Form.Length > 0;
        if (form)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Form));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        }
        else if (request.Query.Length == 0)
        {
            message.RequestUri = new Uri("/?Action=", UriKind.Relative);
        }

        var now = _app.Time.GetUtcNow();
        var amzDate = request.Date switch
        {
            "now" => now.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture),
            "-16min" => now.AddMinutes(-16).ToString(SigV4.DateFormat, CultureInfo.InvariantCulture),
            "+16min" => now.AddMinutes(16).ToString(SigV4.DateFormat, CultureInfo.InvariantCulture),
            "+1day" => now.AddDays(1).ToString(SigV4.DateFormat, CultureInfo.InvariantCulture),
            "none" => null,
            _ => request.Date,
        };
        if (amzDate is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        }

        if (request.SessionToken is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", request.SessionToken);
        }

        var authorization = request.Authorization switch
        {
            "none" => null,
            "sign" => Sign(message, request, request.AccessKeyId, secret, "sts", amzDate, request.Form),
            "other-body" => Sign(message, request, request.AccessKeyId, secret, "sts", amzDate, request.Form + "&x=1"),
            "unknown-key" => Sign(message, request, "ASIAUNKNOWNKEY000000", secret, "sts", amzDate, request.Form),
            "wrong-secret" => Sign(message, request, request.AccessKeyId, secret + "x", "sts", amzDate, request.Form),
            "wrong-service" => Sign(message, request, request.AccessKeyId, secret, "cognito-idp", amzDate, request.Form),
            _ => request.Authorization,
        };
        if (authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return message;
    }

    private static string Sign(HttpRequestMessage message, StsRequest request, string key, string secret, string service, string? amzDate, string body)
    {
        var date = amzDate is { Length: >= 8 } ? amzDate : "20260105T090307Z";
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = ["localhost"],
            ["x-amz-date"] = [date],
        };
        var query = message.RequestUri!.OriginalString.Split('?', 2) is [_, var q]
            ? q.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), p.Length == 2 ? Uri.UnescapeDataString(p[1]) : "")).ToList()
            : [];
        var signed = new SignedRequest(request.Method, "/", query, headers, Encoding.UTF8.GetBytes(body));
        return SigV4Signer.Authorization(signed, ["host", "x-amz-date"], date, key, secret, "us-east-1", service);
    }

    private sealed record StsRequest(string Method, string Query, string Form, string Authorization, string AccessKeyId, string Date,
        string? SessionToken, bool AuthenticGetCallerIdentity)
    {
        public override string ToString() =>
            $"{Method} ?{Query[..Math.Min(Query.Length, 200)]} form '{Form[..Math.Min(Form.Length, 200)]}' ({Form.Length} chars), " +
            $"Authorization {Authorization}, date {Date}, session token {(SessionToken is null ? "none" : SessionToken.Length + " chars")}";
    }
}
