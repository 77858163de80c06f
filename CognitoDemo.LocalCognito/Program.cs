namespace CognitoDemo.LocalCognito;

/// <summary>
/// The executable: Local Cognito on http://localhost:9229 unless configured otherwise. Namespaced (not a
/// top-level program) so a host app that references this project keeps its own global <c>Program</c>.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static Task Main(string[] args) => LocalCognitoHost.Create(args).RunAsync();
}
