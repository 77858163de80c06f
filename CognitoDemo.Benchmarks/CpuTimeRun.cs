using System.Diagnostics;
using System.Globalization;

namespace CognitoDemo.Benchmarks;

/// <summary>
/// The SRP steps of <see cref="SrpClientBenchmarks"/> and <see cref="SrpServerBenchmarks"/> measured by the process's
/// CPU time instead of the wall clock, for a machine that other work shares: time during which the process
/// was not scheduled does not count. Each step runs in turn with the others (rounds of a few calls each,
/// after a warm-up round), and the least CPU time per call over the rounds is printed.
/// <c>dotnet run -c Release --project CognitoDemo.Benchmarks -- cpu-time [rounds]</c>
/// </summary>
internal static class CpuTimeRun
{
    public static void Run(int rounds)
    {
        var client = new SrpClientBenchmarks();
        client.Setup();
        var server = new SrpServerBenchmarks();
        server.Setup();
        (string Name, int Calls, Action Step)[] steps =
        [
            ("client: A generation (a, g^a mod N)", 20, () => client.GeneratePublicValue()),
            ("client: PASSWORD_VERIFIER signature", 5, () => client.ComputeClaimSignature()),
            ("client before: A generation, BigInteger.ModPow, 1024-bit a", 2, () => client.GeneratePublicValueBefore()),
            ("client before: the signature's exponentiations, BigInteger.ModPow", 2, () => client.ComputeSharedSecretBefore()),
            ("Local Cognito: InitiateAuth, b and B = k·v + g^b", 20, () => server.StartChallenge()),
            ("Local Cognito: PASSWORD_VERIFIER check", 5, () => server.VerifyClaim()),
            ("Local Cognito: USER_PASSWORD_AUTH check, x and g^x", 20, () => server.PasswordCheck()),
            ("Local Cognito before: InitiateAuth, BigInteger.ModPow, 512-bit b", 3, () => server.StartChallengeBefore()),
            ("Local Cognito before: PASSWORD_VERIFIER exponentiations", 2, () => server.VerifyClaimBefore()),
            ("Local Cognito before: USER_PASSWORD_AUTH check", 3, () => server.PasswordCheckBefore()),
        ];
        var least = new double[steps.Length];
        Array.Fill(least, double.MaxValue);
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round <= rounds; round++)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                for (var call = 0; call < steps[i].Calls; call++)
                {
                    steps[i].Step();
                }

                process.Refresh();
                var perCall = (process.TotalProcessorTime - before).TotalMilliseconds / steps[i].Calls;
                // Round 0 warms up (JIT, the comb's table).
                if (round > 0)
                {
                    least[i] = Math.Min(least[i], perCall);
                }
            }
        }

        Console.WriteLine($"least CPU time per call over {rounds} rounds ({Environment.ProcessorCount} cores)");
        for (var i = 0; i < steps.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{least[i],9:F3} ms  {steps[i].Name}"));
        }
    }
}
