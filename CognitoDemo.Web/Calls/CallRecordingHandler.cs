using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Web.Calls;

/// <summary>
/// <para>The recording pipeline of the "Cognito calls" panel, in one place.</para>
/// <list type="number">
/// <item>This handler sits in the HTTP pipeline of every client that talks to Cognito: the typed
/// <c>UserPoolClient</c> and <c>IdentityPoolClient</c> (inside their resilience handler, so each retry is
/// a call of its own), the AWS SDK's STS client (through <see cref="RecordingAwsHttpClientFactory"/>, the
/// SDK's <c>HttpClientFactory</c> hook) and the OpenID Connect handler's backchannel (the Hosted UI's
/// <c>/oauth2/token</c>). Pages do nothing to be recorded.</item>
/// <item>It names the call (<c>X-Amz-Target</c>, STS's form <c>Action</c>, or the token endpoint's path),
/// times it, and passes both bodies through <see cref="CallRedactor"/> straight away: nothing unredacted
/// is kept. Headers (SigV4 <c>Authorization</c>, <c>X-Amz-Security-Token</c>) are never recorded.</item>
/// <item>The call goes into the visitor's <see cref="CallLog"/> for the current request
/// (<c>HttpContext.Items</c>). When the response is a redirect, <see cref="CallLog"/> keeps the calls in
/// server memory for a minute under a random id in a cookie, and the page the browser lands on shows
/// them first.</item>
/// <item>The layout renders the panel (<c>Pages/Shared/_CognitoCalls.cshtml</c>) from the log.</item>
/// </list>
/// Calls outside a visitor's request (none today) are not recorded.
/// </summary>
public sealed class CallRecordingHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext;
        if (context is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var requestBody = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var name = Name(request, requestBody);
        if (name is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var (service, operation) = name.Value;
        var variant = Variant(operation, requestBody);
        CallLog.For(context).Add(new CognitoCall(
            service, operation, variant,
            CallCatalog.DocumentationFor(service, operation),
            CallCatalog.SourceFor(operation, variant),
            (int)response.StatusCode,
            (long)elapsed.TotalMilliseconds,
            CallRedactor.Body(requestBody, request.Content?.Headers.ContentType?.MediaType),
            CallRedactor.Body(responseBody, response.Content.Headers.ContentType?.MediaType),
            SrpValues(operation, variant, requestBody, responseBody)));
        return response;
    }

    /// <summary>(service, operation) for a request the panel knows, else null.</summary>
    internal static (string Service, string Operation)? Name(HttpRequestMessage request, string body)
    {
        if (request.Headers.TryGetValues(AwsJson.TargetHeader, out var targets) && targets.FirstOrDefault() is { } target
            && target.Split('.') is [var prefix, var operation])
        {
            return prefix switch
            {
                UserPoolOperations.TargetPrefix => (CallCatalog.UserPoolService, operation),
                IdentityPoolOperations.TargetPrefix => (CallCatalog.IdentityPoolService, operation),
                _ => null,
            };
        }

        if (request.RequestUri?.AbsolutePath.EndsWith(CallCatalog.TokenEndpoint, StringComparison.Ordinal) == true)
        {
            return (CallCatalog.HostedUiService, CallCatalog.TokenEndpoint);
        }

        // STS speaks the AWS Query protocol: the operation is the form's Action field.
        foreach (var pair in body.Split('&'))
        {
            if (pair.StartsWith("Action=", StringComparison.Ordinal))
            {
                return (CallCatalog.StsService, Uri.UnescapeDataString(pair["Action=".Length..]));
            }
        }

        return null;
    }

    private static string? Variant(string operation, string requestBody)
    {
        var member = operation switch
        {
            UserPoolOperations.InitiateAuth => "AuthFlow",
            UserPoolOperations.RespondToAuthChallenge => "ChallengeName",
            _ => null,
        };
        return member is null ? null : Member(Parse(requestBody), member);
    }

    /// <summary>A, B, the salt and the proof of the two SRP steps, shortened as the redactor shortens them.</summary>
    private static SrpValue[] SrpValues(string operation, string? variant, string requestBody, string responseBody)
    {
        if (operation == UserPoolOperations.InitiateAuth && variant == AuthFlows.UserSrpAuth)
        {
            var sent = Parse(requestBody)?["AuthParameters"];
            var answered = Parse(responseBody)?["ChallengeParameters"];
            return Values(("A", Member(sent, AuthParameterNames.SrpA)), ("B", Member(answered, ChallengeParameterNames.SrpB)),
                ("salt", Member(answered, ChallengeParameterNames.Salt)));
        }

        if (operation == UserPoolOperations.RespondToAuthChallenge && variant == ChallengeNames.PasswordVerifier)
        {
            var sent = Parse(requestBody)?["ChallengeResponses"];
            return Values(("proof (PASSWORD_CLAIM_SIGNATURE)", Member(sent, AuthParameterNames.PasswordClaimSignature)),
                ("TIMESTAMP", Member(sent, AuthParameterNames.Timestamp)));
        }

        return [];
    }

    private static SrpValue[] Values(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null)
            .Select(v => new SrpValue(v.Name, v.Name == "TIMESTAMP" ? v.Value! : CallRedactor.Shorten(v.Value!)))
            .ToArray();

    private static string? Member(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    private static JsonNode? Parse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
