using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.LocalCognito.Iam;
using CognitoDemo.LocalCognito.Signing;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// <c>POST /</c>: AWS JSON 1.1 dispatch on <c>X-Amz-Target</c> (protocol doc 1.2–1.3), for user pools and
/// identity pools alike, and the one place where refusals become AWS error bodies <c>{"__type","message"}</c>.
/// Operations AWS signs need a SigV4 signature here too (<see cref="ApiSignatures"/>).
/// </summary>
internal sealed partial class AwsJsonEndpoint
{
    private readonly OperationTable _operations = new();
    private readonly ApiSignatures _signatures;
    private readonly IamAuthorizer _iam;
    private readonly LocalCognitoOptions _options;
    private readonly ILogger<AwsJsonEndpoint> _logger;

    public AwsJsonEndpoint(IEnumerable<IOperationGroup> groups, ApiSignatures signatures, IamAuthorizer iam,
        IOptions<LocalCognitoOptions> options, ILogger<AwsJsonEndpoint> logger)
    {
        _signatures = signatures;
        _iam = iam;
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
        http.Response.Headers[AwsJson.RequestIdHeader] = requestId;
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
        catch (SignatureException e)
        {
            var refusal = ApiSignatures.ToAwsError(e);
            status = refusal.Status;
            result = Error(http, refusal.Code, refusal.Message);
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
        http.Response.ContentType = AwsJson.ContentType;
        await http.Response.WriteAsync(JsonOutput.Write(result), http.RequestAborted).ConfigureAwait(false);
    }

    private async Task<JsonObject> DispatchAsync(HttpContext http)
    {
        var target = http.Request.Headers[AwsJson.TargetHeader].ToString();
        if (!_operations.TryGet(target, out var handler))
        {
            throw new AwsServiceException(ErrorCodes.UnknownOperation,
                target.Length == 0 ? "Missing X-Amz-Target header." : "The operation is not supported.");
        }

        var bytes = await RequestBody.ReadAsync(http, _options.MaxRequestBodyBytes).ConfigureAwait(false)
                    ?? throw TooLarge(_options.MaxRequestBodyBytes);
        // AWS authenticates before it reads the input.
        var caller = _signatures.Authenticate(http.Request, bytes, target);
        var region = caller?.Region ?? _options.Region;
        var body = ParseBody(bytes);
        if (caller?.Issued is { } issued)
        {
            // IAM decides on what the request names (the pool), so after the body is read.
            _iam.Authorize(issued, target, body, region);
        }

        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
        return await handler(new OperationContext(new AwsRequest(body), baseUrl, region, http.RequestAborted)).ConfigureAwait(false);
    }

    private static JsonObject ParseBody(byte[] bytes)
    {
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
        http.Response.Headers[AwsJson.ErrorTypeHeader] = code;
        return new JsonObject { ["__type"] = code, ["message"] = message };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string requestId, Exception exception);
}
