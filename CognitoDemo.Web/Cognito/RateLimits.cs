using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CognitoDemo.Web.Cognito;

/// <summary>
/// Limits on the requests that call Cognito on a visitor's behalf, so the app cannot be used to hammer
/// Cognito: the POST handlers of the pages marked <see cref="LimitCognitoCallsAttribute"/> (and their GETs
/// where the attribute says so, as on /diagnostics), per client address and, where a form names the user it
/// acts on, per target username. Page views never count. Bound from the <c>RateLimits</c> section, so a load
/// run can raise them by configuration.
/// </summary>
public sealed class RateLimits
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per client address per window.</summary>
    public int AccountPermitLimit { get; set; } = 40;

    /// <summary>Requests naming one username (sign-in, confirm, reset, …) per window, from any address.</summary>
    public int UsernamePermitLimit { get; set; } = 10;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The form field that names the user an anonymous form acts on.</summary>
    public const string UsernameField = "Input.Username";

    /// <summary>The address limiter, then the username limiter: a request needs a permit from both.</summary>
    public PartitionedRateLimiter<HttpContext> CreateLimiter()
    {
        var byAddress = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Window(AccountPermitLimit)));
        var byUsername = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            TargetUsername(http) is { } username
                ? RateLimitPartition.GetFixedWindowLimiter(username, _ => Window(UsernamePermitLimit))
                : RateLimitPartition.GetNoLimiter(""));
        return PartitionedRateLimiter.CreateChained(byAddress, byUsername);
    }

    private FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = AccountWindow,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    // The pool's user names are case-insensitive (the seed's pool), so "Alice" and "alice" are one target.
    private static string? TargetUsername(HttpContext http) =>
        http.Request.HasFormContentType && http.Request.Form[UsernameField].ToString().Trim() is { Length: > 0 } name
            ? name.ToUpperInvariant()
            : null;
}

public static class RateLimitSetup
{
    /// <summary>Registers the limits of the <c>RateLimits</c> section and the page filter that applies them.</summary>
    public static WebApplicationBuilder AddCognitoRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limits = builder.Configuration.GetSection(RateLimits.SectionName).Get<RateLimits>() ?? new RateLimits();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(_ => limits.CreateLimiter());
        builder.Services.AddSingleton<RateLimitFilter>();
        return builder;
    }
}

/// <summary>Marks a page whose POST handlers call Cognito on the visitor's behalf; <see cref="IncludeGet"/> when its GET does too.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LimitCognitoCallsAttribute : Attribute
{
    public bool IncludeGet { get; init; }
}

/// <summary>
/// Applies <see cref="RateLimits"/> after model binding, so a refused request renders its own page, in the
/// site layout, with what the user typed still in the form: status 429, <c>Retry-After</c>, and the seconds
/// to wait in words (<see cref="RateLimitRefusal"/>).
/// </summary>
public sealed class RateLimitFilter(PartitionedRateLimiter<HttpContext> limiter, RateLimits limits) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var marker = context.ActionDescriptor.EndpointMetadata.OfType<LimitCognitoCallsAttribute>().FirstOrDefault();
        var http = context.HttpContext;
        var counts = marker is not null && (HttpMethods.IsPost(http.Request.Method) || (marker.IncludeGet && HttpMethods.IsGet(http.Request.Method)));
        if (!counts)
        {
            await next().ConfigureAwait(false);
            return;
        }

        using var lease = limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            await next().ConfigureAwait(false);
            return;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.AccountWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Items[RateLimitRefusal.ItemKey] = new RateLimitRefusal(seconds);
        context.Result = new PageResult();
    }
}

/// <summary>A refused request, for the layout to say so: how many seconds to wait.</summary>
public sealed record RateLimitRefusal(int Seconds)
{
    public const string ItemKey = "rate-limit-refusal";

    public string Message => $"Too many attempts from your address in a short time, so this was not sent to Cognito. Wait {Seconds} " +
                             $"second{(Seconds == 1 ? "" : "s")} and try again; what you typed is still in the form.";
}
