namespace Planner.Core.Specs;

/// <summary>A validated, immutable description of a business and its deployment options.</summary>
public sealed record ScenarioSpec
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>First calendar month of the projection (day is always 1).</summary>
    public required DateOnly StartMonth { get; init; }
    public required int HorizonMonths { get; init; }
    public required ulong Seed { get; init; }
    public string Currency { get; init; } = "USD";
    public required WorkloadSpec Workload { get; init; }
    public required SloSpec Slo { get; init; }
    /// <summary>Revenue earned per served request, for gross margin; null when not given.</summary>
    public double? RevenuePerRequestUsd { get; init; }
    public required IReadOnlyList<OptionSpec> Options { get; init; }
    /// <summary>Name of the option every other option is compared with; null means the cheapest API option.</summary>
    public string? BaselineOptionName { get; init; }
    public SimulationSettings Simulation { get; init; } = new();
    public FinanceSpec Finance { get; init; } = new();
    /// <summary>Price changes on the timeline (API price cuts, GPU price trends, reserved commitments).</summary>
    public IReadOnlyList<PriceEventSpec> PriceEvents { get; init; } = [];
    /// <summary>Inputs given as distributions, for Monte Carlo and sensitivity; empty when none.</summary>
    public UncertaintySpec Uncertainty { get; init; } = new();
    /// <summary>Inputs with their provenance, for the assumptions section of reports.</summary>
    public IReadOnlyList<SourcedInput> Sources { get; init; } = [];
}
