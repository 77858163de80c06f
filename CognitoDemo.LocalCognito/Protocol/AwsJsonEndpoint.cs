using System.Net;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// <c>POST /</c>: AWS JSON 1.1 dispatch on <c>X-Amz-Target</c> (protocol doc 1.2–1.3), for user pools and
/// identity pools alike, and the one place where refusals become AWS error bodies <c>{"__type","message"}</c>.
/// Signed and unsigned requests are both accepted; a present but malformed SigV4 header is refused as AWS would.
/// </summary>
internal sealed partial class AwsJsonEndpoint
{
    private readonly OperationTable _operations = new();
    private readonly LocalCognitoOptions _options;
    private readonly ILogger<AwsJsonEndpoint> _logger;

    public AwsJsonEndpoint(IEnumerable<IOperationGroup> groups, IOptions<LocalCognitoOptions> options,
        ILogger<AwsJsonEndpoint> logger)
    {
        foreach (var group in groups)
        {
            group.Register(_operations);
        }

        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Every <c>X-Amz-Target</c> answered here.</summary>
    public IReadOnlyCollection<string> Targets => _operations.Names;

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers[CognitoIdp.RequestIdHeader] = requestId;
        JsonObject result;
        var status = HttpStatusCode.OK;
        try
        {
            result = await DispatchAsync(http).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            status = e.Status;
            result = Error(http, e.Code, e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // The one mapping point: whatever else fails is the service's fault, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(_logger, requestId, e);
            status = HttpStatusCode.InternalServerError;
            result = Error(http, ErrorCodes.InternalError, "An internal error occurred.");
        }

        http.Response.StatusCode = (int)status;
        http.Response.ContentType = CognitoIdp.ContentType;
        await http.Response.WriteAsync(JsonOutput.Write(result), http.RequestAborted).ConfigureAwait(false);
    }

    private async Task<JsonObject> DispatchAsync(HttpContext http)
    {
        var target = http.Request.Headers[CognitoIdp.TargetHeader].ToString();
        if (!_operations.TryGet(target, out var handler))
        {
            throw new AwsServiceException(ErrorCodes.UnknownOperation,
                target.Length == 0 ? "Missing X-Amz-Target header." : "The operation is not supported.");
        }

        var region = SigV4Header.Region(http.Request.Headers.Authorization.ToString()) ?? _options.Region;
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
        return await handler(new OperationContext(new AwsRequest(body), baseUrl, region, http.RequestAborted)).ConfigureAwait(false);
    }

    private async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        var limit = _options.MaxRequestBodyBytes;
        var bytes = await RequestBody.ReadAsync(http, limit).ConfigureAwait(false) ?? throw TooLarge(limit);

        // An empty body means no members (protocol doc 1.2).
        if (bytes.Length == 0)
        {
            return [];
        }

        // RFC 8259 section 8.1: JSON text exchanged between systems is UTF-8. The reader does not check the
        // bytes inside strings, so they are checked here, before anything is decoded.
        if (!Utf8.IsValid(bytes))
        {
            throw new AwsServiceException(ErrorCodes.SerializationException, "The request body is not valid UTF-8.");
        }

        JsonObject body;
        try
        {
            // Duplicate members are refused while parsing; JsonObject would otherwise throw later, on first use.
            var node = JsonNode.Parse(bytes,
                documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            body = node as JsonObject
                   ?? throw new AwsServiceException(ErrorCodes.SerializationException, "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new AwsServiceException(ErrorCodes.SerializationException, "The request body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check decodes property names, and refuses a lone surrogate among them.
            throw UnpairedSurrogate();
        }

        // Decoded once here, so no operation meets text that cannot become a string halfway through.
        return DecodesToStrings(body) ? body : throw UnpairedSurrogate();
    }

    private static AwsServiceException UnpairedSurrogate() =>
        new(ErrorCodes.SerializationException, "The request body contains a string that is not valid Unicode (an unpaired surrogate).");

    /// <summary>
    /// Valid JSON may still escape a lone surrogate (<c>"\ud800"</c>, RFC 8259 section 8.2), which no .NET
    /// string can hold: every property name and string value is decoded once, nesting being bounded by MaxDepth.
    /// </summary>
    private static bool DecodesToStrings(JsonNode? node)
    {
        try
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        if (!IsWellFormed(name) || !DecodesToStrings(value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonArray array:
                    return array.All(DecodesToStrings);
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    return IsWellFormed(value.GetValue<string>());
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate into a string.
            return false;
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static AwsServiceException TooLarge(long limit) =>
        new(ErrorCodes.RequestEntityTooLarge, $"The request body is larger than {limit} bytes.",
            HttpStatusCode.RequestEntityTooLarge);

    /// <summary>The code travels in <c>__type</c> and in <c>X-Amzn-ErrorType</c>, which some SDKs read first.</summary>
    private static JsonObject Error(HttpContext http, string code, string message)
    {
        http.Response.Headers[CognitoIdp.ErrorTypeHeader] = code;
        return new JsonObject { ["__type"] = code, ["message"] = message };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string requestId, Exception exception);
}

/// <summary>
/// The SigV4 <c>Authorization</c> header is optional here (management operations are signed on AWS; the
/// emulator accepts any credentials), but when present it must be well formed (protocol doc 8.2 step 1).
/// </summary>
internal static partial class SigV4Header
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The region of the credential scope, or null when the request is unsigned.</summary>
    /// <exception cref="AwsServiceException">IncompleteSignatureException: the header is malformed.</exception>
    public static string? Region(string authorization)
    {
        if (authorization.Length == 0)
        {
            return null;
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal)
            || !authorization.Contains("Credential=", StringComparison.Ordinal)
            || !authorization.Contains("SignedHeaders=", StringComparison.Ordinal)
            || !authorization.Contains("Signature=", StringComparison.Ordinal))
        {
            throw new AwsServiceException(ErrorCodes.IncompleteSignature,
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with the AWS4-HMAC-SHA256 algorithm.");
        }

        // Credential={key}/{yyyyMMdd}/{region}/{service}/aws4_request
        var credential = authorization[(authorization.IndexOf("Credential=", StringComparison.Ordinal) + "Credential=".Length)..];
        var scope = credential.Split([',', ' '], 2)[0].Split('/');
        return scope.Length == 5 && scope[4] == "aws4_request" && RegionPattern().IsMatch(scope[2])
            ? scope[2]
            : throw new AwsServiceException(ErrorCodes.IncompleteSignature,
                "Credential should be scoped to a valid region, e.g. AKID/20260101/us-west-2/cognito-idp/aws4_request.");
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
