namespace Planner.Core.Projection;

/// <summary>When an option starts to pay off against the baseline.</summary>
public sealed record BreakEvenResult
{
    public required string Option { get; init; }
    public required string Baseline { get; init; }
    /// <summary>First month from which cumulative cost stays at or below the baseline's; null if never within the horizon.</summary>
    public int? Month { get; init; }
    public DateOnly? CalendarMonth { get; init; }
    /// <summary>Daily volume at which the monthly cost curves cross (linear between months); null unless they cross.</summary>
    public double? CrossoverRequestsPerDay { get; init; }
    public required CrossoverStatus Crossover { get; init; }
    /// <summary>Cumulative saving against the baseline at the horizon (negative when it costs more).</summary>
    public required double SavingsAtHorizonUsd { get; init; }

    /// <summary>
    /// The months about the monthly costs' crossing and after it in which the option's and the
    /// baseline's monthly costs differ by less than the simulation's noise (<see cref="Projection.MonthlyTie"/>);
    /// null when not measured (or not asked for: the Monte Carlo's samples leave it out).
    /// </summary>
    public MonthlyTie? MonthlyTie { get; init; }
}
