using BenchmarkDotNet.Running;
using CrmRecording.Benchmarks;

if (args.Length > 0 && args[0] == "generate")
{
    return ExportGenerator.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;
