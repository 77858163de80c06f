using System.Net;
using CognitoDemo.LocalCognito.Signing;

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

    /// <summary>A refused signature in STS's words (protocol doc 8.1): the Query protocol's codes and statuses.</summary>
    public static StsException From(SignatureException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Failure switch
        {
            SignatureFailure.Missing => new(StsErrors.MissingAuthenticationToken, refusal.Message, HttpStatusCode.Forbidden),
            SignatureFailure.Incomplete => new(StsErrors.IncompleteSignature, refusal.Message, HttpStatusCode.BadRequest),
            SignatureFailure.UnknownKey => new(StsErrors.InvalidClientTokenId, refusal.Message, HttpStatusCode.Forbidden),
            SignatureFailure.ExpiredToken => new(StsErrors.ExpiredToken, refusal.Message, HttpStatusCode.BadRequest),
            _ => new(StsErrors.SignatureDoesNotMatch, refusal.Message, HttpStatusCode.Forbidden),
        };
    }
}
