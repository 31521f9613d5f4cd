using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Api;

/// <summary>An API option on its own: every request goes to one <see cref="ApiEndpoint"/>.</summary>
public sealed class ApiSimulator : OptionSimulator
{
    private readonly ApiEndpoint _endpoint;

    public ApiSimulator(ApiOptionSpec option, WorkloadSpec workload, SloSpec slo)
        : base(workload, slo)
    {
        _endpoint = new ApiEndpoint(option, Context);
    }

    protected override void OnStart() => _endpoint.Reset(WindowSeconds);

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens) =>
        _endpoint.Submit(Context.Requests.Add(Now, CurrentWeight, inputTokens, outputTokens, cachedTokens));

    protected override void OnEvent(in SimEvent e)
    {
        if (e.Kind == EventKind.ApiRetry)
        {
            _endpoint.Retry(e.Target);
        }
    }

    protected override void OnEnd() => Metrics.RequestsInFlightAtEnd += Context.Requests.LiveWeight();
}
