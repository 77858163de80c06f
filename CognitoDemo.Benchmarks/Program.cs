using BenchmarkDotNet.Running;

// dotnet run -c Release --project CognitoDemo.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type, named so the switcher can find the benchmarks in this assembly.</summary>
public partial class Program;
