namespace CognitoDemo.LocalCognito.Signing;

/// <summary>
/// The client's half of SigV4 (protocol doc 8.2 steps 3–7) over the same computations the verifier uses:
/// the <c>Authorization</c> header for a request. Local Cognito's own tests and benchmarks sign their
/// management calls with it; AWS's SDKs (the .NET STS client, the JavaScript v3 clients, the CLI) sign independently.
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The header value; <paramref name="request"/> must already carry every one of <paramref name="signedHeaders"/>.</summary>
    public static string Authorization(SignedRequest request, IReadOnlyList<string> signedHeaders, string amzDate,
        string accessKeyId, string secretKey, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(amzDate);
        var date = amzDate[..8];
        var stringToSign = SigV4.StringToSign(amzDate, SigV4.Scope(date, region, service), SigV4.CanonicalRequest(request, signedHeaders));
        var signature = SigV4.Signature(SigV4.SigningKey(secretKey, date, region, service), stringToSign);
        return $"{SigV4.Algorithm} Credential={accessKeyId}/{SigV4.Scope(date, region, service)}, " +
               $"SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}";
    }
}
