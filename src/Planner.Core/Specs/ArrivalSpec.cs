namespace Planner.Core.Specs;

/// <summary>How arrivals scatter around the daily shape.</summary>
public sealed record ArrivalSpec
{
    public ArrivalProcessKind Kind { get; init; } = ArrivalProcessKind.Poisson;
    /// <summary>Coefficient of variation of inter-arrival times for gamma arrivals (1 = Poisson).</summary>
    public double CoefficientOfVariation { get; init; } = 1.0;
}

/// <summary>The renewal process arrivals follow.</summary>
public enum ArrivalProcessKind
{
    Poisson,
    Gamma,
}
