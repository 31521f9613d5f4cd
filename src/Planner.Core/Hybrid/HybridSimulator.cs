using Planner.Core.Api;
using Planner.Core.Engine;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Hybrid;

/// <summary>
/// A self-hosted fleet with an API for overflow. Each request draws whether it belongs to the
/// compliance share (never leaves the fleet); the others overflow to the API while the fleet's
/// queue wait is above the threshold. While the API is down, overflow falls back to the fleet
/// or waits for the API with back-off, as configured.
/// </summary>
public sealed class HybridSimulator : OptionSimulator
{
    private readonly HybridOptionSpec _option;
    private readonly ServingFleet _fleet;
    private readonly ApiEndpoint _api;

    public HybridSimulator(HybridOptionSpec option, WorkloadSpec workload, SloSpec slo, IPerformanceProfile profile)
        : base(workload, slo)
    {
        _option = option ?? throw new ArgumentNullException(nameof(option));
        _fleet = new ServingFleet(option.Primary, profile, Context);
        _api = new ApiEndpoint(option.Overflow, Context);
        if (option.OutageFailover == HybridOutageFailover.SelfHosted)
        {
            _api.OnOutage = id =>
            {
                Context.Metrics.OverflowedRequests -= Context.Requests[id].Weight;
                _fleet.Submit(id);
                return true;
            };
        }
    }

    protected override void OnStart()
    {
        _fleet.Start();
        _api.Reset(WindowSeconds);
    }

    protected override void OnTimeAdvance(double deltaSeconds) => _fleet.Advance(deltaSeconds);

    protected override void OnSegmentStart(int index, LoadSegment segment) => _fleet.SegmentStarted(segment.HourOfDay);

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens)
    {
        RequestTable t = Context.Requests;
        int id = t.Add(Now, CurrentWeight, inputTokens, outputTokens, cachedTokens);
        bool compliance = _option.ComplianceShare > 0 && Context.ShareRandom.NextDouble() < _option.ComplianceShare;
        if (compliance)
        {
            t[id].Flags |= RequestTable.Compliance;
            Metrics.ComplianceRequests += CurrentWeight;
        }
        // A request longer than the fleet's model serves goes to the API, which may take it (a
        // compliance request stays, and the fleet refuses it).
        if (!compliance && (_fleet.QueueWaitSeconds > _option.OverflowQueueWaitSeconds || _fleet.OverContext(inputTokens, outputTokens)))
        {
            t[id].Phase = RequestTable.PhaseApi;
            Metrics.OverflowedRequests += CurrentWeight;
            _api.Submit(id);
            return;
        }
        _fleet.Submit(id);
    }

    protected override void OnEvent(in SimEvent e)
    {
        if (e.Kind == EventKind.ApiRetry)
        {
            _api.Retry(e.Target);
        }
        else
        {
            _fleet.OnEvent(e);
        }
    }

    protected override void OnWindowEnd() => _fleet.End();

    protected override void OnEnd() => Metrics.RequestsInFlightAtEnd += Context.Requests.LiveWeight();
}
