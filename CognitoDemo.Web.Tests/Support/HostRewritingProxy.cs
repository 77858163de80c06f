using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CognitoDemo.Web.Tests.Support;

/// <summary>
/// A reverse proxy on its own free port that forwards everything to <c>target</c> under the target's
/// own Host header, as a proxy misconfigured to rewrite Host does: the emulator then names itself, not
/// the proxy, as its tokens' issuer.
/// </summary>
public sealed class HostRewritingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward;

    private HostRewritingProxy(WebApplication app, HttpClient forward, Uri url)
    {
        _app = app;
        _forward = forward;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<HostRewritingProxy> StartAsync(Uri target)
    {
        var url = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        var forward = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = target };
        app.Run(async context =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
                new Uri(context.Request.Path + context.Request.QueryString, UriKind.Relative));
            if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                request.Content = new StreamContent(context.Request.Body);
                foreach (var header in context.Request.Headers.Where(h => h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)))
                {
                    request.Content.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value!);
                }
            }

            foreach (var header in context.Request.Headers.Where(h => h.Key is not "Host" && !h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value!);
            }

            using var response = await forward.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => h.Key is not "Transfer-Encoding"))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new HostRewritingProxy(app, forward, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
