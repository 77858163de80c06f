using System.Globalization;
using CognitoDemo.LocalCognito.Signing;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// Signs every AWS JSON call (a request with <c>X-Amz-Target</c>) with SigV4 and a test key, as the AWS CLI
/// and SDKs do, so tests need not think about it; a request already carrying <c>Authorization</c>, or marked
/// with <see cref="SendUnsigned"/>, goes as it is. The time is the app's clock, which the verifier checks against.
/// </summary>
public sealed class SigningHandler(Func<DateTimeOffset> now, string accessKeyId = SigningHandler.TestAccessKeyId,
    string secretKey = SigningHandler.TestSecretKey) : DelegatingHandler
{
    public const string TestAccessKeyId = "AKIDLOCALCOGNITOTEST";
    public const string TestSecretKey = "local-cognito-test-secret-key-not-a-real-one";
    public const string Region = "us-west-2";

    private static readonly HttpRequestOptionsKey<bool> UnsignedKey = new("LocalCognito.Unsigned");

    /// <summary>Marks a request to be sent without a signature.</summary>
    public static void SendUnsigned(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(UnsignedKey, true);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Target(request) is not null && request.Headers.Authorization is null
            && !request.Headers.Contains("Authorization")
            && !(request.Options.TryGetValue(UnsignedKey, out var unsigned) && unsigned))
        {
            await SignAsync(request, now(), accessKeyId, secretKey, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The operation, whether the caller put <c>X-Amz-Target</c> on the request or on its content.</summary>
    private static string? Target(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Target", out var values) || request.Content?.Headers.TryGetValues("X-Amz-Target", out values) == true
            ? values!.First()
            : null;

    /// <summary>
    /// Adds <c>X-Amz-Date</c> and <c>Authorization</c> for the service the target belongs to; with temporary credentials,
    /// <c>X-Amz-Security-Token</c> too, signed as the AWS SDKs sign it.
    /// </summary>
    public static async Task SignAsync(HttpRequestMessage request, DateTimeOffset time, string accessKeyId, string secretKey,
        CancellationToken cancellationToken, string? sessionToken = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = Target(request) ?? throw new ArgumentException("The request has no X-Amz-Target.", nameof(request));
        var service = target.StartsWith("AWSCognitoIdentityService.", StringComparison.Ordinal) ? "cognito-identity" : "cognito-idp";
        var amzDate = time.UtcDateTime.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture);
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = [request.RequestUri!.Authority],
            ["x-amz-date"] = [amzDate],
            ["x-amz-target"] = [target],
        };
        List<string> signedHeaders = ["host", "x-amz-date", "x-amz-target"];
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
            headers["x-amz-security-token"] = [sessionToken];
            signedHeaders.Add("x-amz-security-token");
        }

        var signed = new SignedRequest("POST", request.RequestUri.AbsolutePath, [], headers, body);
        request.Headers.TryAddWithoutValidation("Authorization",
            SigV4Signer.Authorization(signed, signedHeaders, amzDate, accessKeyId, secretKey, Region, service));
    }
}
