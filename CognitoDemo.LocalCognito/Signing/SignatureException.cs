namespace CognitoDemo.LocalCognito.Signing;

/// <summary>Why a request's SigV4 authentication was refused; each protocol names it in its own words.</summary>
internal enum SignatureFailure
{
    /// <summary>No <c>Authorization</c> header on a request that must be signed.</summary>
    Missing,

    /// <summary>A header or date that is not well formed (STS <c>IncompleteSignature</c>).</summary>
    Incomplete,

    /// <summary>An access key (or its session token) not known (STS <c>InvalidClientTokenId</c>).</summary>
    UnknownKey,

    /// <summary>Temporary credentials past their expiry (STS <c>ExpiredToken</c>).</summary>
    ExpiredToken,

    /// <summary>A signature, scope or time that does not verify (STS <c>SignatureDoesNotMatch</c>).</summary>
    Mismatch,
}

/// <summary>
/// A refused signature, protocol-neutral: the STS endpoint and the AWS JSON endpoint each turn it into their
/// own error shape at their one mapping point. Messages are AWS's (protocol doc 8.2).
/// </summary>
internal sealed class SignatureException(SignatureFailure failure, string message) : Exception(message)
{
    public const string InvalidTokenMessage = "The security token included in the request is invalid.";
    public const string ExpiredTokenMessage = "The security token included in the request is expired";
    public const string MismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public SignatureFailure Failure { get; } = failure;

    public static SignatureException Missing() => new(SignatureFailure.Missing, "Request is missing Authentication Token");

    public static SignatureException Incomplete(string message) => new(SignatureFailure.Incomplete, message);

    public static SignatureException UnknownKey() => new(SignatureFailure.UnknownKey, InvalidTokenMessage);

    public static SignatureException Expired() => new(SignatureFailure.ExpiredToken, ExpiredTokenMessage);

    public static SignatureException Mismatch(string message = MismatchMessage) => new(SignatureFailure.Mismatch, message);
}
