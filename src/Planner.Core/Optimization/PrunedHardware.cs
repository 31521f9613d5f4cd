namespace Planner.Core.Optimization;

/// <summary>Hardware (GPU type × GPUs per replica × precision) whose roofline latency bound already misses an SLO target.</summary>
public sealed record PrunedHardware
{
    /// <summary>As in <see cref="DeploymentCandidate.Hardware"/>.</summary>
    public required string Hardware { get; init; }
    /// <summary>The target missed, for example "TTFT p95".</summary>
    public required string Miss { get; init; }
    /// <summary>The bound on that percentile, ms.</summary>
    public required double BoundMs { get; init; }
    /// <summary>The SLO target, ms.</summary>
    public required double TargetMs { get; init; }
    /// <summary>Candidates on this hardware left out.</summary>
    public required int Candidates { get; init; }
}
