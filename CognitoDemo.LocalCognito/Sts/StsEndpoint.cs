using System.Net;
using System.Text;
using System.Xml.Linq;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.LocalCognito.IdentityPools;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Signing;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Sts;

/// <summary>
/// STS on the same <c>/</c> as the JSON APIs (AWS Query protocol, protocol doc 8.1): requests carry
/// <c>Action</c> in a form body or the query string instead of <c>X-Amz-Target</c>. Every request is
/// SigV4-verified against the credentials Local Cognito issued; the one place where refusals become STS's
/// XML error envelope.
/// </summary>
internal sealed partial class StsEndpoint(
    SigV4Verifier verifier,
    CredentialStore credentials,
    IOptions<LocalCognitoOptions> options,
    ILogger<StsEndpoint> logger)
{
    private static readonly XNamespace Ns = StsProtocol.XmlNamespace;

    /// <summary>Query-protocol requests: no <c>X-Amz-Target</c>, and a form body or an <c>Action</c> in the query.</summary>
    public static bool Handles(HttpRequest request) =>
        !request.Headers.ContainsKey(AwsJson.TargetHeader)
        && (request.HasFormContentType || request.Query.ContainsKey(StsProtocol.ActionParameter));

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers[AwsJson.RequestIdHeader] = requestId;
        XElement answer;
        var status = HttpStatusCode.OK;
        try
        {
            answer = await DispatchAsync(http, requestId).ConfigureAwait(false);
        }
        catch (StsException e)
        {
            status = e.Status;
            answer = Error(e.Type, e.Code, e.Message, requestId);
        }
        catch (SignatureException e)
        {
            var refusal = StsException.From(e);
            status = refusal.Status;
            answer = Error(refusal.Type, refusal.Code, refusal.Message, requestId);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // The one mapping point: whatever else fails is the service's fault, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, requestId, e);
            status = HttpStatusCode.InternalServerError;
            answer = Error("Receiver", StsErrors.InternalFailure, "An internal error occurred.", requestId);
        }

        http.Response.StatusCode = (int)status;
        http.Response.ContentType = StsProtocol.ContentType;
        await http.Response.WriteAsync(answer.ToString(SaveOptions.DisableFormatting), http.RequestAborted).ConfigureAwait(false);
    }

    private async Task<XElement> DispatchAsync(HttpContext http, string requestId)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var request = SignedRequest.From(http.Request, body);
        var parameters = request.Query.ToList();
        if (http.Request.HasFormContentType)
        {
            foreach (var (key, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters.AddRange(values.Select(value => KeyValuePair.Create(key, value ?? "")));
            }
        }

        // AWS authenticates before it looks at the action.
        var caller = verifier.Verify(request, StsProtocol.Service, Credential);
        var action = parameters.FirstOrDefault(p => p.Key == StsProtocol.ActionParameter).Value;
        if (action != StsProtocol.GetCallerIdentity)
        {
            throw new StsException(StsErrors.InvalidAction,
                $"Could not find operation {action} for version {StsProtocol.Version}", HttpStatusCode.BadRequest);
        }

        return CallerIdentity(credentials.Find(caller.AccessKeyId)!, requestId);
    }

    /// <summary>The assumed-role answer for credentials issued to an identity (protocol doc 7, 8.1).</summary>
    private XElement CallerIdentity(StoredCredential credential, string requestId)
    {
        var (account, arn) = CognitoIdentity.AssumedRole(credential.RoleArn, options.Value.AccountId);
        return new XElement(Ns + "GetCallerIdentityResponse",
            new XElement(Ns + "GetCallerIdentityResult",
                new XElement(Ns + "Arn", arn),
                new XElement(Ns + "UserId", $"{CredentialIssuer.RoleId(credential.RoleArn)}:{CognitoIdentity.RoleSessionName}"),
                new XElement(Ns + "Account", account)),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)));
    }

    private SigningCredential? Credential(string accessKeyId) => credentials.Find(accessKeyId)?.Signing;

    private async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        return await RequestBody.ReadAsync(http, limit).ConfigureAwait(false) ?? throw TooLarge(limit);
    }

    private static StsException TooLarge(long limit) =>
        new("RequestEntityTooLarge", $"The request body is larger than {limit} bytes.", HttpStatusCode.RequestEntityTooLarge);

    private static XElement Error(string type, string code, string message, string requestId) =>
        new(Ns + "ErrorResponse",
            new XElement(Ns + "Error",
                new XElement(Ns + "Type", type),
                new XElement(Ns + "Code", code),
                new XElement(Ns + "Message", message)),
            new XElement(Ns + "RequestId", requestId));

    [LoggerMessage(Level = LogLevel.Error, Message = "STS request {RequestId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string requestId, Exception exception);
}
