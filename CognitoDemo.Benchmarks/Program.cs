using BenchmarkDotNet.Running;
using CognitoDemo.Benchmarks;

// dotnet run -c Release --project CognitoDemo.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SrpClientBenchmarks).Assembly).Run(args);
