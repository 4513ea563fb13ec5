using BenchmarkDotNet.Running;
using CrmRecording.Benchmarks;
using CrmRecording.Benchmarks.Load;

if (args.Length > 0 && args[0] == "generate")
{
    return ExportGenerator.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "load")
{
    return await LoadGenerator.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "sf-enrich")
{
    return await SalesforceEnrichBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "dv-enrich")
{
    return await DataverseEnrichBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report")
{
    return await CrmRecording.Benchmarks.Reports.ReportBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report-page")
{
    return await CrmRecording.Benchmarks.Reports.ReportPageBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "wav")
{
    return await WavCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;
