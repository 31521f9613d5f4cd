namespace Planner.Core.Projection;

/// <summary>
/// A month as one replicate day per day type measured it, scaled to the whole month: the simulated
/// part of its cost (GPU or API charges, without fixed costs) and the latency percentiles the SLO
/// judges (p95 TTFT, p95 TPOT, p99 end-to-end), in ms.
/// </summary>
public sealed record ReplicateOutcome(double SimulatedCostUsd, double TtftP95Ms, double TpotP95Ms = double.NaN, double E2eP99Ms = double.NaN);
