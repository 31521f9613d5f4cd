using Planner.Core.Metrics;

namespace Planner.Core.Optimization;

/// <summary>What simulating a <see cref="PoolWindowUnit"/> measured, and the work it took.</summary>
public sealed record PoolWindowOutcome(WindowMetrics Metrics, long EventsProcessed, long RequestsSimulated);
