using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Mvc;

namespace CognitoDemo.Web.Hosting;

/// <summary>
/// Every cookie the app sets is <c>Secure</c> when the browser's request is HTTPS and <c>HttpOnly</c>
/// (no script of the app reads a cookie). Antiforgery and TempData default to no <c>Secure</c> flag at
/// all, so they are set here by name; the cookie policy then holds for every cookie, including any a
/// later feature adds. "The request is HTTPS" is <see cref="HttpRequest.IsHttps"/> after the forwarded
/// headers (see <see cref="ProductionHosting"/>), so it also holds behind a TLS-terminating proxy.
/// Over plain http (local mode) cookies stay non-Secure, or the browser would never send them back.
/// </summary>
public static class CookieSecurity
{
    public static IServiceCollection AddCookieSecurity(this IServiceCollection services)
    {
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // TempData carries a new-password challenge's session between two requests.
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = CookieSecurePolicy.SameAsRequest;
            options.HttpOnly = HttpOnlyPolicy.Always;
        });
        return services;
    }

    /// <summary>Goes after the forwarded headers and before anything that sets a cookie.</summary>
    public static IApplicationBuilder UseCookieSecurity(this IApplicationBuilder app) => app.UseCookiePolicy();
}
