using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace CognitoDemo.LocalCognito.Tests.Fuzz;

/// <summary>
/// A bounded, reproducible fuzz run: cases drawn from a CsCheck generator with a fixed PCG seed (so every
/// run sends the same requests), a histogram of the answers, and the managed memory before and after.
/// <c>LOCAL_COGNITO_FUZZ_CASES</c> raises the count (the documented long run); its figures are then written
/// to <c>artifacts/fuzz/</c> for docs/benchmarks.md.
/// </summary>
public sealed class FuzzRun(string name, int defaultCases)
{
    public const string CasesVariable = "LOCAL_COGNITO_FUZZ_CASES";
    private const ulong Seed = 20261130;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);

    public int Cases { get; } = int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), CultureInfo.InvariantCulture, out var n) && n > 0
        ? n
        : defaultCases;

    public void Count(string answer) => _answers.AddOrUpdate(answer, 1, (_, c) => c + 1);

    /// <summary>Sends every case in order; the first failure names the case, so it can be replayed.</summary>
    public async Task RunAsync<T>(Gen<T> gen, Func<T, Task> check, Func<T, string> print)
    {
        ArgumentNullException.ThrowIfNull(gen);
        var pcg = new PCG(1, Seed);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < Cases; i++)
        {
            var item = gen.Generate(pcg, null!, out _);
            try
            {
                await check(item);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"{name} case {i} (seed {Seed}) failed: {print(item)}\n{e.Message}", e);
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Report(before, after, DateTimeOffset.UtcNow - started);
    }

    private void Report(long before, long after, TimeSpan elapsed)
    {
        var summary = new
        {
            run = name,
            cases = Cases,
            seed = Seed,
            answers = _answers.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => p.Value),
            managedBytesBefore = before,
            managedBytesAfter = after,
            seconds = Math.Round(elapsed.TotalSeconds, 1),
            date = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            machine = $"{Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}",
        };
        var json = JsonSerializer.Serialize(summary, Indented);
        TestContext.Current.TestOutputHelper?.WriteLine(json);
        if (Environment.GetEnvironmentVariable(CasesVariable) is not null)
        {
            var folder = Path.Combine(RepositoryRoot(), "artifacts", "fuzz");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{name}.json"), json, new UTF8Encoding(false));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CognitoDemo.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }
}
