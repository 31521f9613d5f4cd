namespace Planner.Core.Specs;

/// <summary>
/// Self-hosted primary with an API for overflow: requests go to the self-hosted fleet unless
/// its queue wait passes a threshold, except the compliance share, which must stay self-hosted.
/// </summary>
public sealed record HybridOptionSpec : OptionSpec
{
    public override string Kind => "hybrid";
    public required SelfHostedOptionSpec Primary { get; init; }
    public required ApiOptionSpec Overflow { get; init; }
    /// <summary>
    /// A request overflows when the requests now queued at the fleet have waited longer than this
    /// on average (<see cref="Serving.ServingFleet.QueueWaitSeconds"/>); one joining the back of a
    /// steady queue waits about twice that average.
    /// </summary>
    public required double OverflowQueueWaitSeconds { get; init; }
    /// <summary>Share of traffic (regulated data) that never leaves the self-hosted fleet.</summary>
    public double ComplianceShare { get; init; }
    /// <summary>What overflow traffic does while the API is down.</summary>
    public HybridOutageFailover OutageFailover { get; init; } = HybridOutageFailover.SelfHosted;
}

/// <summary>Where overflow goes during an API outage.</summary>
public enum HybridOutageFailover
{
    /// <summary>Back to the self-hosted queue.</summary>
    SelfHosted,
    /// <summary>Wait for the API with back-off, as a plain API client would.</summary>
    Queue,
}
