namespace CognitoDemo.Web.Tests.Support;

/// <summary>
/// A fresh folder under the system's temp folder for one test's files (a Local Cognito database, a key ring),
/// deleted with everything in it when the test ends, so runs leave nothing behind.
/// </summary>
public sealed class TempFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory(prefix);

    public string Path => _directory.FullName;

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still be closing a file in it; the OS cleans temp folders.
        }
    }
}
