using CognitoDemo.LocalCognito;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CognitoDemo.Web.Cognito;

/// <summary>
/// Local mode: runs Local Cognito inside this process on its own port, configured from this app's
/// <c>LocalCognito</c> section, started before the site serves its first request. It listens on
/// <paramref name="url"/> and is reached at <paramref name="reachedAt"/> (localhost when it listens on
/// every interface, as in the container). Once this app's server has started, the Hosted UI callback and
/// sign-out URLs of every address it listens on are registered on the web app client, so the Hosted UI
/// works wherever the app is served.
/// </summary>
public sealed partial class LocalCognitoLauncher(Uri url, Uri reachedAt, IConfigurationSection settings, TimeProvider time,
    ILogger<LocalCognitoLauncher> logger, IServer server, IHostApplicationLifetime lifetime)
    : IHostedService, IAsyncDisposable
{
    private readonly ListenAddresses _listenAddresses = new();
    private WebApplication? _localCognito;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Built and started in an execution flow of its own, as a process of its own would be: this app's start-up
        // flow may carry observers of the hosts built in it. WebApplicationFactory's host resolver (HostFactoryResolver)
        // applies the factory's configuration, UseTestServer among it, at every "HostBuilding" raised in the flow of
        // the app's entry point until its waiting thread wakes from "HostBuilt" and unsubscribes. A Local Cognito
        // built before that wake-up (a race lost under load) answered in memory only and refused every connection.
        Task started;
        using (ExecutionContext.SuppressFlow())
        {
            started = Task.Run(() => BuildAndStartAsync(cancellationToken), CancellationToken.None);
        }

        await started.ConfigureAwait(false);
        LogStarted(logger, reachedAt);
        lifetime.ApplicationStarted.Register(RegisterListenAddresses);
    }

    private async Task BuildAndStartAsync(CancellationToken cancellationToken)
    {
        _localCognito = LocalCognitoHost.Create([], builder =>
        {
            LocalCognitoHost.ListenOnlyOn(builder.WebHost, url.ToString());
            builder.Configuration.AddInMemoryCollection(settings.AsEnumerable());
            ((IConfigurationBuilder)builder.Configuration).Add(_listenAddresses);
            // One clock for the app and its Cognito, so tests can move both (code expiry, lockout, token lifetimes).
            builder.Services.AddSingleton(time);
        });
        await _localCognito.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private void RegisterListenAddresses()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is { Count: > 0 })
        {
            _listenAddresses.Register(settings, addresses);
            LogRegistered(logger, addresses);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_localCognito is not null)
        {
            await _localCognito.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_localCognito is not null)
        {
            await _localCognito.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local mode: Local Cognito is running at {Url}; every code it sends is in its mailbox at {Url}mailbox")]
    private static partial void LogStarted(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local mode: the Hosted UI accepts this app at every address it listens on ({Addresses})")]
    private static partial void LogRegistered(ILogger logger, ICollection<string> addresses);
}
