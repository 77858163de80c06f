using CognitoDemo.Web.Tests.Support;
using Microsoft.Playwright;

namespace CognitoDemo.Web.Tests.Browser;

/// <summary>
/// Screenshots of the pages: a test run writes them under <c>artifacts/screenshots/</c> only, so it leaves the
/// tree clean. The README's pictures in <c>docs/screenshots/</c> are refreshed only on request, by
/// <c>scripts/update-screenshots.sh</c> (which sets <see cref="UpdateDocsVariable"/>).
/// </summary>
public static class Screenshots
{
    public const string UpdateDocsVariable = "COGNITODEMO_UPDATE_DOCS_SCREENSHOTS";

    public static async Task SaveAsync(IPage page, string name, bool phone)
    {
        ArgumentNullException.ThrowIfNull(page);
        var kind = phone ? "phone" : "desktop";
        var folders = new List<string> { Path.Combine(Repository.Root, "artifacts", "screenshots", kind) };
        if (Environment.GetEnvironmentVariable(UpdateDocsVariable) == "1")
        {
            // Phone shots keep the names the README has always used; desktop shots sit beside them.
            folders.Add(phone ? Path.Combine(Repository.Root, "docs", "screenshots") : Path.Combine(Repository.Root, "docs", "screenshots", "desktop"));
        }

        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
