using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using CognitoDemo.Cognito.Protocol;
using CognitoDemo.Web.Credentials;

namespace CognitoDemo.Web.Users;

/// <summary>
/// Signs each AWS JSON request it passes on with Signature Version 4 and a user's temporary credentials, the
/// way every AWS SDK does (AWS General Reference, "Create a signed AWS API request"): <c>X-Amz-Date</c>,
/// <c>X-Amz-Security-Token</c> (the session token, itself part of what is signed) and an <c>Authorization</c>
/// header. The body hash, the signing key and the signature come from the AWS SDK for .NET's own
/// <see cref="AWS4Signer"/>; only the canonical request, whose builder the SDK keeps internal, is composed here.
/// One instance per set of credentials: it wraps the pooled pipeline of a named client, never a shared handler.
/// </summary>
public sealed class TemporaryCredentialsSigner(TemporaryCredentials credentials, string region, string service, TimeProvider time)
    : DelegatingHandler
{
    private const string SecurityTokenHeader = "X-Amz-Security-Token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request to sign needs its URI.");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var signedAt = time.GetUtcNow().UtcDateTime;
        var amzDate = signedAt.ToString(AWSSDKUtils.ISO8601BasicDateTimeFormat, CultureInfo.InvariantCulture);

        // What is signed: the host, the date, the session token, the content type and the operation.
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority,
            ["x-amz-date"] = amzDate,
            ["x-amz-security-token"] = credentials.SessionToken,
        };
        if (request.Headers.TryGetValues(AwsJson.TargetHeader, out var target))
        {
            headers["x-amz-target"] = target.First();
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        // The canonical request (SigV4 step 1) of a POST to "/" without a query; AWS4Signer's own canonicalizer
        // is internal to the SDK, its hashing and signing (steps 2 to 4) are not.
        var sorted = headers.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var signedHeaders = string.Join(';', sorted.Select(h => h.Key));
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            uri.AbsolutePath,
            "",
            string.Concat(sorted.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            signedHeaders,
            AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body), true));
        var signing = AWS4Signer.ComputeSignature(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretKey, credentials.SessionToken),
            region, signedAt, service, signedHeaders, canonicalRequest);

        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.Remove(SecurityTokenHeader);
        request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.SessionToken);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", signing.ForAuthorizationHeader);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
