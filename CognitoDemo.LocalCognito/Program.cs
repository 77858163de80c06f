using Microsoft.Extensions.Options;

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

    /// <returns>0 after a clean shutdown; 2 when the configuration is invalid (each problem is printed).</returns>
    public static async Task<int> Main(string[] args)
    {
        try
        {
            await LocalCognitoHost.Create(args).RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            await Console.Error.WriteLineAsync("Local Cognito cannot start, its configuration is invalid:").ConfigureAwait(false);
            foreach (var failure in invalid.Failures)
            {
                await Console.Error.WriteLineAsync("  " + failure).ConfigureAwait(false);
            }

            return 2;
        }
    }
}
