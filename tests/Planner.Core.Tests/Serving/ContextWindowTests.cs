using Planner.Core.Hybrid;
using Planner.Core.Metrics;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Tests.Fidelity;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Serving;

/// <summary>
/// A self-hosted model's maximum context bounds a request as an API's context window does: a
/// scenario of 150,000-token prompts on Llama 3.1 8B (131,072 tokens) once had two thirds of them
/// served by its fleet. A hybrid sends what its fleet's model cannot take to its API.
/// </summary>
public sealed class ContextWindowTests
{
    private static readonly LinearProfile Profile = new(0.020, 0.0002, 0.00002);

    // 500 prompt + 100 answer tokens: 600 a request.
    private static WorkloadSpec Workload() => TestSpecs.Workload(inputTokens: 500, outputTokens: 100);

    private static SimulationWindow Window() => TestSpecs.Window(new LoadSegment(3600, 0.5, 1, 12));

    private static SelfHostedOptionSpec Fleet(int? maxContext) =>
        TestSpecs.SelfHosted(fixedReplicas: 2, model: TestSpecs.Llama8B with { MaxContextTokens = maxContext });

    [Theory]
    [InlineData(599, true)] // one token short of prompt and answer
    [InlineData(600, false)]
    [InlineData(null, false)] // not stated: only the KV cache bounds a request
    public void AFleetRefusesARequestLongerThanItsModelsContextAtOnceAndCountsWhy(int? maxContext, bool refused)
    {
        WindowMetrics m = new SelfHostedSimulator(Fleet(maxContext), Workload(), new SloSpec(), Profile).Run(Window(), 7, 8);
        Assert.True(m.RequestsArrived > 1000);
        if (refused)
        {
            Assert.Equal(m.RequestsArrived, m.RequestsRejected);
            Assert.Equal(m.RequestsArrived, m.RejectedOverContext);
            Assert.Equal(0, m.RequestsServed);
            Assert.Equal(0, m.InputTokens + m.OutputTokens);
        }
        else
        {
            Assert.Equal(0, m.RejectedOverContext);
            Assert.Equal(0, m.RequestsRejected);
        }
    }

    [Fact]
    public void RequestsRefusedAtOnceAskARequestRateAutoscalerForNoReplica()
    {
        // Every request is one token too long: the fleet refuses each at once and does no work for
        // it, so an autoscaler on arrivals per replica (0.05/s each, against 0.5/s arriving) stays
        // at its minimum of 1, as it does with no traffic at all. Counting refusals would rent 10.
        var autoscaler = new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 20, Metric = AutoscalerMetric.RequestRate, TargetValue = 0.05, ColdStartSeconds = 60, EvaluationIntervalSeconds = 15 };
        SelfHostedOptionSpec fleet = TestSpecs.SelfHosted(autoscaler: autoscaler, model: TestSpecs.Llama8B with { MaxContextTokens = 599 });
        WindowMetrics m = new SelfHostedSimulator(fleet, Workload(), new SloSpec(), Profile).Run(Window(), 7, 8);
        Assert.True(m.RequestsArrived > 1000);
        Assert.Equal(m.RequestsArrived, m.RejectedOverContext);
        Assert.Equal(1, m.PeakReplicas);
        Assert.Equal(0, m.ColdStarts);

        // The same fleet with a context that takes them scales out to about 0.5 / 0.05 = 10.
        WindowMetrics served = new SelfHostedSimulator(fleet with { Model = TestSpecs.Llama8B }, Workload(), new SloSpec(), Profile).Run(Window(), 7, 8);
        Assert.InRange(served.PeakReplicas, 8, 20);
    }

    [Theory]
    [InlineData(0.0, null, 0.0)]      // the API's window is unknown: it takes them all
    [InlineData(0.0, 599, 1.0)]       // too long for both: refused
    [InlineData(0.3, null, 0.3)]      // compliance requests must stay on the fleet, which refuses them
    public void AHybridSendsWhatItsFleetsModelCannotTakeToItsApi(double compliance, int? apiWindow, double refusedShare)
    {
        var hybrid = new HybridOptionSpec
        {
            Name = "hybrid",
            Primary = Fleet(599),
            Overflow = TestSpecs.Api() with { Name = "hybrid/api", ContextWindowTokens = apiWindow },
            OverflowQueueWaitSeconds = double.PositiveInfinity,
            ComplianceShare = compliance,
        };
        WindowMetrics m = new HybridSimulator(hybrid, Workload(), new SloSpec(), Profile).Run(Window(), 7, 8);
        Assert.True(m.RequestsArrived > 1000);
        Assert.Equal(refusedShare, m.RejectedOverContext / m.RequestsArrived, 0.05);
        Assert.Equal(m.RejectedOverContext, m.RequestsRejected);
        // Every request but the compliance ones went to the API, and what was not refused was served.
        Assert.Equal(1 - compliance, m.OverflowedRequests / m.RequestsArrived, 0.05);
        Assert.Equal(m.RequestsArrived - m.RejectedOverContext, m.RequestsServed + m.RequestsInFlightAtEnd, 6);
    }
}
