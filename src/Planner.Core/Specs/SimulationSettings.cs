namespace Planner.Core.Specs;

/// <summary>How much simulation stands for each month; see "How the simulation works" in the README.</summary>
public sealed record SimulationSettings
{
    /// <summary>
    /// Request budget of one simulated day: above it, a large fleet is simulated as a slice and a
    /// small one's day is compressed, as far as fidelity allows.
    /// </summary>
    public int MaxRequestsPerDay { get; init; } = 60_000;
    /// <summary>
    /// Shortest simulated time that may stand for one hour of a compressed day: 1,200 s (3-fold)
    /// keeps a compressed day's cost within about 0.2% of the real-time day's (see README).
    /// </summary>
    public double MinSegmentSeconds { get; init; } = 1200;
    /// <summary>Simulated time before the measured window whose metrics are discarded.</summary>
    public double WarmUpSeconds { get; init; } = 1800;
    /// <summary>Months simulated a second time with other seeds to measure the seed-to-seed spread (first, last and evenly between).</summary>
    public int NoiseCheckMonths { get; init; } = 5;
    /// <summary>
    /// Independent days of each type (weekday, weekend day) simulated for every month, each
    /// weighted by its share of the month's days: the month's figures are their mean, so the
    /// seed-to-seed noise falls with the square root of this number and the run's time grows with it.
    /// </summary>
    public int DaysPerMonth { get; init; } = 1;

    /// <summary>Most independent days of each type a month may simulate (<see cref="DaysPerMonth"/>).</summary>
    public const int MaxDaysPerMonth = 16;
}
