namespace CognitoDemo.Cognito.Protocol;

/// <summary>Strings of the AWS JSON 1.1 protocol (protocol doc, section 1).</summary>
public static class AwsJson
{
    /// <summary>The content type of requests and answers.</summary>
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The header naming the operation: <c>{targetPrefix}.{Operation}</c>.</summary>
    public const string TargetHeader = "X-Amz-Target";

    /// <summary>One of the three places an error code can travel.</summary>
    public const string ErrorTypeHeader = "X-Amzn-ErrorType";

    /// <summary>The request id AWS attaches to every answer.</summary>
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>Another request id header some AWS front ends use.</summary>
    public const string AlternateRequestIdHeader = "x-amz-request-id";

    /// <summary>Body member carrying the error code (preferred by current servers).</summary>
    public const string TypeMember = "__type";

    /// <summary>Body member carrying the error code (older servers).</summary>
    public const string CodeMember = "code";

    /// <summary>The error code used when an answer names none (an HTML page from a proxy, say).</summary>
    public const string UnknownErrorCode = "UnknownError";

    /// <summary>
    /// The bare error code: everything from the first ':' cut off, then only what follows the first
    /// '#' kept. So <c>aws.ns#FooError:http://…</c> is <c>FooError</c> (smithy aws-json protocol).
    /// </summary>
    public static string SanitizeErrorCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Trim();
    }
}
