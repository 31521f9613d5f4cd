namespace Planner.Core.Projection;

/// <summary>
/// A month as one replicate day per day type measured it, scaled to the whole month: the simulated
/// part of its cost (GPU or API charges, without fixed costs) and its p95 TTFT.
/// </summary>
public sealed record ReplicateOutcome(double SimulatedCostUsd, double TtftP95Ms);
