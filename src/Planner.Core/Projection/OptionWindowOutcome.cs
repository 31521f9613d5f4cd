using Planner.Core.Metrics;

namespace Planner.Core.Projection;

/// <summary>What simulating one option in one window gave: its metrics, the fidelity it was simulated at, and the work it took.</summary>
public sealed record OptionWindowOutcome(WindowMetrics Metrics, FidelityPlan Plan, long EventsProcessed, long RequestsSimulated);
