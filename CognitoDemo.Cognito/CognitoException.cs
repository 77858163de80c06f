namespace CognitoDemo.Cognito;

/// <summary>
/// Base of every failure this library reports. Callers catch one of its three kinds:
/// <see cref="CognitoServiceException"/> (the service answered with an error),
/// <see cref="CognitoNetworkException"/> (no usable answer arrived) and
/// <see cref="CognitoResponseFormatException"/> (a success answer that could not be read).
/// </summary>
public abstract class CognitoException : Exception
{
    protected CognitoException(string message) : base(message) { }

    protected CognitoException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>The service answered with a non-2xx status: an AWS error code and message.</summary>
public sealed class CognitoServiceException : CognitoException
{
    public CognitoServiceException(string errorCode, string errorMessage, int statusCode, string? requestId, string operation)
        : base(Describe(errorCode, errorMessage, statusCode, operation))
    {
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        RequestId = requestId;
        Operation = operation;
    }

    /// <summary>The sanitized error code, e.g. <c>NotAuthorizedException</c>; <c>Unknown</c> when the body named none.</summary>
    public string ErrorCode { get; }

    /// <summary>The service's message, as sent (may be empty).</summary>
    public string ErrorMessage { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the answer, when present.</summary>
    public string? RequestId { get; }

    /// <summary>The operation that failed, e.g. <c>InitiateAuth</c>.</summary>
    public string Operation { get; }

    /// <summary>True when the code is <paramref name="errorCode"/>.</summary>
    public bool Is(string errorCode) => string.Equals(ErrorCode, errorCode, StringComparison.Ordinal);

    private static string Describe(string code, string message, int status, string operation) =>
        message.Length == 0
            ? $"{operation} failed with {code} (HTTP {status})."
            : $"{operation} failed with {code} (HTTP {status}): {message}";
}

/// <summary>The service could not be reached, or did not answer in time.</summary>
public sealed class CognitoNetworkException : CognitoException
{
    public CognitoNetworkException(string operation, Uri endpoint, bool isTimeout, Exception innerException)
        : base(isTimeout
                ? $"{operation} timed out waiting for {endpoint}."
                : $"{operation} could not reach {endpoint}: {innerException.Message}",
            innerException)
    {
        Operation = operation;
        Endpoint = endpoint;
        IsTimeout = isTimeout;
    }

    public string Operation { get; }

    public Uri Endpoint { get; }

    /// <summary>True when no answer arrived in time; false when the connection failed.</summary>
    public bool IsTimeout { get; }
}

/// <summary>The service answered 2xx, but the body was not the JSON the operation returns.</summary>
public sealed class CognitoResponseFormatException : CognitoException
{
    public CognitoResponseFormatException(string operation, string detail, Exception? innerException = null)
        : base($"{operation} returned a success answer that could not be read: {detail}", innerException)
    {
        Operation = operation;
    }

    public string Operation { get; }
}
