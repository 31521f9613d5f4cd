namespace Planner.Core.Specs;

/// <summary>API latency: lognormal time to first token, then a steady output rate.</summary>
public sealed record ApiLatencySpec
{
    public required double TtftMedianMs { get; init; }
    public required double TtftP95Ms { get; init; }
    public required double OutputTokensPerSecond { get; init; }
}
