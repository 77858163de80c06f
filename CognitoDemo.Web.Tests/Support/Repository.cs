namespace CognitoDemo.Web.Tests.Support;

/// <summary>The clone the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding CognitoDemo.sln, found above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CognitoDemo.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CognitoDemo.sln not found above the test binaries.");
    }
}
