namespace Planner.Reports.Json;

/// <summary>
/// One sample of one option evaluated by the surrogate and by a full simulation; errors are
/// relative, and the seed errors are the same yardsticks between two full simulations.
/// </summary>
public sealed record SurrogateCheckSection(
    int Sample, string Option, double? SurrogateTotalCostUsd, double? SimulatedTotalCostUsd, double? TotalCostError,
    double? MaxMonthlyCogsError, double? SeedMaxMonthlyCogsError, double? SeedTotalCostError, int SloVerdictMismatches);
