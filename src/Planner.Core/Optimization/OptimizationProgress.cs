namespace Planner.Core.Optimization;

/// <summary>Progress of an optimization: the phase ("search" or "verify") and its completed and total steps.</summary>
public readonly record struct OptimizationProgress(string Phase, int Done, int Total);
