using System.Net;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// A refusal in the AWS error language: the code becomes <c>__type</c>, the message <c>message</c>.
/// Thrown anywhere in an operation and turned into a response in exactly one place,
/// <see cref="AwsJsonEndpoint"/>. Client errors are 400 (protocol doc 1.3, emulator choice).
/// </summary>
internal sealed class AwsServiceException(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    : Exception(message)
{
    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    public static AwsServiceException NotAuthorized(string message) => new(ErrorCodes.NotAuthorized, message);

    public static AwsServiceException InvalidParameter(string message) => new(ErrorCodes.InvalidParameter, message);

    public static AwsServiceException ResourceNotFound(string message) => new(ErrorCodes.ResourceNotFound, message);

    public static AwsServiceException UserNotFound() => new(ErrorCodes.UserNotFound, ErrorMessages.UserDoesNotExist);
}
