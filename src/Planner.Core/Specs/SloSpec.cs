namespace Planner.Core.Specs;

/// <summary>Service-level objectives; a null target is not checked.</summary>
public sealed record SloSpec
{
    public double? TtftP95Ms { get; init; }
    public double? TpotP95Ms { get; init; }
    public double? E2eP99Ms { get; init; }
}
