using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// Base of every browser test: a fresh browser context per test, console errors and failed requests
/// collected, and for a failed test a screenshot and a Playwright trace kept under
/// <c>artifacts/browser-failures/</c> (open a trace with <c>npx playwright show-trace</c>).
/// </summary>
public abstract class BrowserTest(ChromiumFixture chromium, BrowserApp app) : IAsyncLifetime
{
    public static readonly string FailureFolder = Path.Combine(Repository.Root, "artifacts", "browser-failures");

    private readonly List<string> _problems = [];

    protected BrowserApp App => app;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Console errors and failed requests seen so far (journey 11: there must be none).</summary>
    protected IReadOnlyList<string> Problems => _problems;

    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    public async ValueTask InitializeAsync()
    {
        Context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Url.ToString(),
            ViewportSize = Viewport,
            Locale = "en-US",
        });
        Context.SetDefaultTimeout(15_000);
        await Context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
        Page = await Context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"console error on {Page.Url}: {message.Text}");
            }
        };
        Page.RequestFailed += (_, request) => _problems.Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        Page.Response += (_, response) =>
        {
            // 429 and 404 are never expected in the journeys either.
            if (response.Status >= 400)
            {
                _problems.Add($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        if (failed)
        {
            Directory.CreateDirectory(FailureFolder);
            var name = Sanitize($"{GetType().Name}.{TestContext.Current.Test?.TestCase.TestMethod?.MethodName}");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(FailureFolder, name + ".png"), FullPage = true });
            await Context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(FailureFolder, name + ".zip") });
        }
        else
        {
            await Context.Tracing.StopAsync();
        }

        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join('\n', _problems));

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
}
