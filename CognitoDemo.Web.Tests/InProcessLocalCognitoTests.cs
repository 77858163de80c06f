using System.Diagnostics;
using CognitoDemo.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// The Local Cognito the app starts in local mode is a host of its own: whatever configures the app's host
/// while the app starts never configures Local Cognito's.
/// </summary>
public sealed class InProcessLocalCognitoTests
{
    [Fact]
    public async Task LocalCognitoListensOnItsPortEvenWhenTheAppsStarterConfiguresEveryHostBuiltInItsFlow()
    {
        using var starter = new StarterThatConfiguresEveryHost();
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var confirm = await browser.SignUpAsync(username, email);

        Assert.Equal("", confirm.FormErrors);
        Assert.Equal("/Account/Confirm", confirm.Path);
        Assert.Matches("^[0-9]{6}$", await app.LatestCodeAsync(email));
    }

    /// <summary>
    /// What WebApplicationFactory does to find the app's host (HostFactoryResolver.HostingListener, dotnet/runtime
    /// src/libraries/Microsoft.Extensions.HostFactoryResolver): it listens to every "Microsoft.Extensions.Hosting"
    /// DiagnosticListener, keeps the events raised in the execution flow it runs the app's entry point in (an
    /// AsyncLocal, which flows on into everything the entry point starts), and applies the factory's configuration,
    /// UseTestServer among it, at each "HostBuilding" it sees until its own thread, woken by "HostBuilt", unsubscribes.
    /// Under load that thread can wake after the started app has built Local Cognito's host: this starter is that
    /// slow case, made certain by unsubscribing only at the end of the test.
    /// </summary>
    private sealed class StarterThatConfiguresEveryHost
        : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<StarterThatConfiguresEveryHost?> InFlowOf = new();
        private readonly List<IDisposable> _subscriptions = [];

        public StarterThatConfiguresEveryHost()
        {
            InFlowOf.Value = this;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener value)
        {
            if (InFlowOf.Value == this && value.Name == "Microsoft.Extensions.Hosting")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (InFlowOf.Value == this && value is { Key: "HostBuilding", Value: IHostBuilder host })
            {
                // As UseTestServer registers it: the host then answers in memory only, and listens on no port.
                host.ConfigureServices(services => services.AddSingleton<IServer, TestServer>());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            InFlowOf.Value = null;
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
