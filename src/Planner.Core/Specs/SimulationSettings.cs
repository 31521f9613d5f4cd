namespace Planner.Core.Specs;

/// <summary>How much traffic each simulated month covers; see the windowing method in README.</summary>
public sealed record SimulationSettings
{
    /// <summary>Above this many expected requests in a representative day, each hour is simulated as a shorter segment.</summary>
    public int MaxRequestsPerDay { get; init; } = 60_000;
    /// <summary>Shortest segment that stands for one hour, so autoscaler cooldowns and cold starts play out inside it.</summary>
    public double MinSegmentSeconds { get; init; } = 600;
    /// <summary>Simulated time before the measured window whose metrics are discarded (the system starts empty).</summary>
    public double WarmUpSeconds { get; init; } = 1800;
}
