using Planner.Core.Engine;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Serving;

/// <summary>A self-hosted option on its own: every request goes to one <see cref="ServingFleet"/>.</summary>
public sealed class SelfHostedSimulator : OptionSimulator
{
    private readonly ServingFleet _fleet;

    public SelfHostedSimulator(SelfHostedOptionSpec option, WorkloadSpec workload, SloSpec slo, IPerformanceProfile profile)
        : base(workload, slo)
    {
        _fleet = new ServingFleet(option, profile, Context);
    }

    /// <summary>Replicas that are not stopped (starting, ready or draining).</summary>
    public int LiveReplicas => _fleet.LiveReplicas;

    protected override void OnStart() => _fleet.Start();

    protected override void OnTimeAdvance(double deltaSeconds) => _fleet.Advance(deltaSeconds);

    protected override void OnSegmentStart(int index, LoadSegment segment) => _fleet.SegmentStarted(segment.HourOfDay);

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens) =>
        _fleet.Submit(Context.Requests.Add(Now, CurrentWeight, inputTokens, outputTokens, cachedTokens));

    protected override void OnEvent(in SimEvent e) => _fleet.OnEvent(e);

    protected override void OnWindowEnd() => _fleet.End();

    protected override void OnEnd() => Metrics.RequestsInFlightAtEnd += Context.Requests.LiveWeight();
}
