namespace Planner.Core.Optimization;

/// <summary>One month of the path through time: the configuration chosen, and both it and the scenario's own option simulated at the month's real load.</summary>
public sealed record PathMonth
{
    /// <summary>1-based month.</summary>
    public required int Month { get; init; }
    public required DateOnly CalendarMonth { get; init; }
    public required double RequestsPerDay { get; init; }
    /// <summary>Index of the load level the choice was made at.</summary>
    public required int Level { get; init; }
    /// <summary>The configuration deployed this month; null when nothing in the search space met the SLO at its level.</summary>
    public DeploymentCandidate? Candidate { get; init; }
    /// <summary>Whether this month moves to different hardware than the month before (and pays the switch cost).</summary>
    public required bool Switched { get; init; }
    /// <summary>Whether this month keeps the hardware but changes engine or autoscaler settings (and pays the retune cost).</summary>
    public bool Retuned { get; init; }
    /// <summary>The switch or retune cost booked this month.</summary>
    public required double SwitchUsd { get; init; }
    /// <summary>The chosen configuration's GPU cost estimated from its load level (conservative).</summary>
    public required double EstimatedGpuUsd { get; init; }
    /// <summary>The cheapest configuration at the month's level, switching cost ignored.</summary>
    public DeploymentCandidate? Cheapest { get; init; }
    public required double CheapestEstimatedGpuUsd { get; init; }
    /// <summary>The chosen configuration simulated at the month's own volume; null without a configuration.</summary>
    public ConfigurationOutcome? Outcome { get; init; }
    /// <summary>
    /// The chosen configuration simulated at the month's own volume again, on a second set of
    /// random draws (arrivals and service times): the verification keeps a configuration only if it
    /// meets the SLO under both; null without a configuration.
    /// </summary>
    public ConfigurationOutcome? SecondSeed { get; init; }
    /// <summary>The scenario's option the search started from, as configured, at the month's own volume.</summary>
    public required ConfigurationOutcome Reference { get; init; }
    /// <summary>Fixed monthly costs of that option (engineering, monitoring), the same for every configuration.</summary>
    public required double FixedUsd { get; init; }

    /// <summary>GPU, fixed and switch cost of the month on the path.</summary>
    public double TotalUsd => (Outcome?.GpuUsd ?? double.NaN) + FixedUsd + SwitchUsd;
}
