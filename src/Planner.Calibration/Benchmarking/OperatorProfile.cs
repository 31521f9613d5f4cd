using System.Text.Json;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// Reads ONNX Runtime's profiler output (Chrome-trace JSON: one <c>model_run</c> event per run and
/// one <c>…_kernel_time</c> event per node executed, durations in microseconds) and sums it per
/// operator type. On the CPU provider a node's time is its kernel's; on CUDA and TensorRT it is the
/// time to launch the kernel unless ONNX Runtime was built with CUDA profiling, which the NuGet
/// package is not — calibration/README.md says how to read those.
/// </summary>
public static class OperatorProfile
{
    /// <summary>The runs in the trace, in order, each with its nodes' (operator type, provider, node name, seconds).</summary>
    public static IReadOnlyList<IReadOnlyList<(string OpType, string Provider, string Node, double Seconds)>> ReadRuns(string tracePath)
    {
        ArgumentNullException.ThrowIfNull(tracePath);
        using FileStream stream = File.OpenRead(tracePath);
        using JsonDocument document = JsonDocument.Parse(stream);
        var runs = new List<(long Start, long End)>();
        var nodes = new List<(long Start, string OpType, string Provider, string Node, double Seconds)>();
        foreach (JsonElement e in document.RootElement.EnumerateArray())
        {
            if (!e.TryGetProperty("name", out JsonElement name) || !e.TryGetProperty("ts", out JsonElement ts) || !e.TryGetProperty("dur", out JsonElement dur))
            {
                continue;
            }
            string category = e.TryGetProperty("cat", out JsonElement cat) ? cat.GetString() ?? "" : "";
            string eventName = name.GetString() ?? "";
            if (category == "Session" && eventName == "model_run")
            {
                runs.Add((ts.GetInt64(), ts.GetInt64() + dur.GetInt64()));
            }
            else if (category == "Node" && eventName.EndsWith("_kernel_time", StringComparison.Ordinal) && e.TryGetProperty("args", out JsonElement args))
            {
                string op = args.TryGetProperty("op_name", out JsonElement o) ? o.GetString() ?? "" : "";
                string provider = args.TryGetProperty("provider", out JsonElement p) ? p.GetString() ?? "" : "";
                nodes.Add((ts.GetInt64(), op, provider, eventName[..^"_kernel_time".Length], dur.GetInt64() / 1e6));
            }
        }
        return runs.OrderBy(r => r.Start)
            .Select(r => (IReadOnlyList<(string, string, string, double)>)nodes.Where(n => n.Start >= r.Start && n.Start <= r.End)
                .Select(n => (n.OpType, n.Provider, n.Node, n.Seconds)).ToList())
            .ToList();
    }

    /// <summary>The breakdown of one point from its profiled runs: per operator type and provider, nodes, mean seconds per run, share; largest first.</summary>
    public static IReadOnlyList<OperatorTime> Summarize(IReadOnlyList<IReadOnlyList<(string OpType, string Provider, string Node, double Seconds)>> runs,
        string component, int blocks, BenchmarkPhase phase, int batch, int newTokens, int past)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }
        double total = runs.Sum(r => r.Sum(n => n.Seconds)) / runs.Count;
        return runs.SelectMany(r => r)
            .GroupBy(n => (n.OpType, n.Provider))
            .Select(g => new OperatorTime
            {
                Component = component,
                Blocks = blocks,
                Phase = phase,
                Batch = batch,
                NewTokens = newTokens,
                PastTokens = past,
                OpType = g.Key.OpType,
                Provider = g.Key.Provider,
                Nodes = g.Select(n => n.Node).Distinct(StringComparer.Ordinal).Count(),
                Runs = runs.Count,
                KernelSecondsPerRun = g.Sum(n => n.Seconds) / runs.Count,
                Share = total > 0 ? g.Sum(n => n.Seconds) / runs.Count / total : 0,
            })
            .OrderByDescending(o => o.KernelSecondsPerRun).ThenBy(o => o.OpType, StringComparer.Ordinal)
            .ToList();
    }
}
