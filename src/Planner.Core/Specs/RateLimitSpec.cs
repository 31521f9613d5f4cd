namespace Planner.Core.Specs;

/// <summary>Provider rate limits and the client's back-off policy.</summary>
public sealed record RateLimitSpec
{
    /// <summary>Requests per minute; null means unlimited.</summary>
    public double? RequestsPerMinute { get; init; }
    /// <summary>Input plus output tokens per minute; null means unlimited.</summary>
    public double? TokensPerMinute { get; init; }
    public double InitialBackoffSeconds { get; init; } = 1.0;
    public double BackoffMultiplier { get; init; } = 2.0;
    /// <summary>A request still limited after this much waiting is rejected.</summary>
    public double MaxWaitSeconds { get; init; } = 60;
}
