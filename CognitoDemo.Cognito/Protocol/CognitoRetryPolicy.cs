using CognitoDemo.Cognito.UserPools;
using Polly.Retry;
using Polly.Timeout;

namespace CognitoDemo.Cognito.Protocol;

/// <summary>
/// What is safe to send again: connection failures, timeouts, 5xx, 429, and throttling errors. Cognito
/// often reports throttling as <c>TooManyRequestsException</c> with status 400 (protocol doc, 1.3), so
/// a 400 is read to find out. Every other client error is final: repeating it cannot help.
/// </summary>
public static class CognitoRetryPolicy
{
    public static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Outcome.Exception is HttpRequestException or TimeoutRejectedException)
        {
            return true;
        }

        if (args.Outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status >= 500 || status == 429)
        {
            return true;
        }

        if (status != 400)
        {
            return false;
        }

        // Buffered, so the caller can still read the body after this look.
        await response.Content.LoadIntoBufferAsync(args.Context.CancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(args.Context.CancellationToken).ConfigureAwait(false);
        return AwsJsonErrors.ReadCode(response, body) is UserPoolErrors.TooManyRequests or UserPoolErrors.Throttling;
    }
}
