using System.Net;
using CognitoDemo.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port (with its Local Cognito on another), for a real browser.</summary>
public sealed class BrowserApp : CognitoDemoApp
{
    private readonly int _port = FreeLoopbackPort();

    public BrowserApp()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
    }

    public Uri Url => new($"http://127.0.0.1:{_port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:AccountPermitLimit", "10000");
        builder.UseSetting("RateLimits:UsernamePermitLimit", "10000");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
