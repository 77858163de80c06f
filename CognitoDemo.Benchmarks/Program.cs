using BenchmarkDotNet.Running;
using CognitoDemo.Benchmarks;

// dotnet run -c Release --project CognitoDemo.Benchmarks -- --filter '*'
// dotnet run -c Release --project CognitoDemo.Benchmarks -- cpu-time [rounds]   (CpuTimeRun: CPU time, not wall clock)
if (args is ["cpu-time", ..])
{
    CpuTimeRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(SrpClientBenchmarks).Assembly).Run(args);
}
