using System.Net;

namespace CognitoDemo.LocalCognito.Sts;

/// <summary>STS's protocol strings (botocore sts 2011-06-15 model; protocol doc 8), in one place.</summary>
internal static class StsProtocol
{
    public const string Service = "sts";
    public const string Version = "2011-06-15";
    public const string XmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string ContentType = "text/xml";
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string GetCallerIdentity = nameof(GetCallerIdentity);
    public const string ActionParameter = "Action";
}

/// <summary>STS error codes and the messages AWS sends with them (protocol doc 8.1).</summary>
internal static class StsErrors
{
    public const string InvalidClientTokenId = nameof(InvalidClientTokenId);
    public const string SignatureDoesNotMatch = nameof(SignatureDoesNotMatch);
    public const string ExpiredToken = nameof(ExpiredToken);
    public const string IncompleteSignature = nameof(IncompleteSignature);
    public const string MissingAuthenticationToken = nameof(MissingAuthenticationToken);
    public const string InvalidAction = nameof(InvalidAction);
    public const string InternalFailure = nameof(InternalFailure);

    public const string InvalidTokenMessage = "The security token included in the request is invalid.";
    public const string ExpiredTokenMessage = "The security token included in the request is expired";
    public const string MissingTokenMessage = "Request is missing Authentication Token";
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
}

/// <summary>
/// A refusal in STS's language; turned into the Query protocol's XML error envelope in exactly one place,
/// <see cref="StsEndpoint"/>.
/// </summary>
internal sealed class StsException(string code, string message, HttpStatusCode status) : Exception(message)
{
    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    /// <summary>Fault type of the envelope: the caller's (<c>Sender</c>) unless the service failed.</summary>
    public string Type => (int)Status >= 500 ? "Receiver" : "Sender";

    public static StsException InvalidClientTokenId() =>
        new(StsErrors.InvalidClientTokenId, StsErrors.InvalidTokenMessage, HttpStatusCode.Forbidden);

    public static StsException SignatureDoesNotMatch(string message = StsErrors.SignatureMismatchMessage) =>
        new(StsErrors.SignatureDoesNotMatch, message, HttpStatusCode.Forbidden);

    public static StsException ExpiredToken() =>
        new(StsErrors.ExpiredToken, StsErrors.ExpiredTokenMessage, HttpStatusCode.BadRequest);

    public static StsException IncompleteSignature(string message) =>
        new(StsErrors.IncompleteSignature, message, HttpStatusCode.BadRequest);

    public static StsException MissingAuthenticationToken() =>
        new(StsErrors.MissingAuthenticationToken, StsErrors.MissingTokenMessage, HttpStatusCode.Forbidden);
}
