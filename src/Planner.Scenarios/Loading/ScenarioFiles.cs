using System.Collections.Concurrent;
using Planner.Scenarios.Profiles;
using Planner.Scenarios.Traces;

namespace Planner.Scenarios.Loading;

/// <summary>
/// The files a scenario names (traces, performance profiles), each read once by full path and
/// kept: the scenario's variants read them from here, on any thread, without touching the disk.
/// </summary>
internal sealed class ScenarioFiles
{
    private readonly ConcurrentDictionary<string, Lazy<TraceReadResult>> _traces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<PerformanceProfileReadResult>> _profiles = new(StringComparer.Ordinal);

    public TraceReadResult Trace(string fullPath) =>
        _traces.GetOrAdd(fullPath, p => new Lazy<TraceReadResult>(() => AzureTraceReader.Read(p))).Value;

    public PerformanceProfileReadResult Profile(string fullPath) =>
        _profiles.GetOrAdd(fullPath, p => new Lazy<PerformanceProfileReadResult>(() => PerformanceProfileFile.Load(p))).Value;
}
