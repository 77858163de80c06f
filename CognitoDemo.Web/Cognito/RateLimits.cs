using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CognitoDemo.Web.Cognito;

/// <summary>
/// Rate limits on the pages that call Cognito on a visitor's request (sign-in, sign-up, confirm, forgot
/// and reset password, diagnostics), per client address, so the app cannot be used to hammer Cognito.
/// Bound from <c>RateLimits</c>.
/// </summary>
public sealed class RateLimits
{
    public const string Account = "account";

    /// <summary>Requests per address per window on the account pages.</summary>
    public int AccountPermitLimit { get; set; } = 30;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options, RateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Account, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.AccountPermitLimit,
                Window = limits.AccountWindow,
                QueueLimit = 0,
            }));
        options.OnRejected = async (context, cancellationToken) =>
        {
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(
                "Too many attempts from your address. Wait a minute and try again; nothing you entered was saved.",
                cancellationToken).ConfigureAwait(false);
        };
    }
}
