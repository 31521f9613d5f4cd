using Planner.Core.Metrics;
using Planner.Core.Optimization;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Optimization;

/// <summary>Roofline bounds by hand on fixed-size requests, and the early stop's certainty.</summary>
public sealed class CandidateBoundsTests
{
    private static readonly WorkloadSpec Fixed = TestSpecs.Workload(inputTokens: 3000, outputTokens: 100);

    [Fact]
    public void LatencyBoundsAreTheStepTimesOfARequestAlone()
    {
        SelfHostedOptionSpec option = TwoGpuCase.Candidate(TwoGpuCase.Slow, 0.4, seqs: 32, target: 8) with
        {
            Engine = new ServingEngineSpec { MaxConcurrentSequences = 32, MaxBatchedTokens = 2048, PrefixCaching = false },
        };
        var profile = new RooflinePerformanceProfile(option.Model, option.Gpu, 1, option.Engine);
        CandidateBound b = CandidateBounds.Compute(option, profile, WorkloadSample.Draw(Fixed, 1, 100));

        // 3,000 prompt tokens in chunks of 2,048 and 952; then 99 decode steps at batch 1.
        double chunk1 = profile.StepSeconds(new StepShape(2048, 2048L * 2049 / 2, 0, 0));
        double chunk2 = profile.StepSeconds(new StepShape(952, 952L * 2048 + 952L * 953 / 2, 0, 0));
        double decode = profile.StepSeconds(new StepShape(0, 0, 1, 3000));
        Assert.Equal((chunk1 + chunk2) * 1000, b.TtftP95Ms, 9);
        Assert.Equal(decode * 1000, b.TpotP95Ms, 9);
        Assert.Equal((chunk1 + chunk2 + 99 * decode) * 1000, b.E2eP99Ms, 6);
        Assert.Equal(chunk1 + chunk2 + 99 * decode, b.MeanE2eSeconds, 9);
        // Work at full batch is the floor of work at the target's batch.
        Assert.True(b.ReplicaSecondsPerRequestAtTarget >= b.ReplicaSecondsPerRequest);
        Assert.True(b.CanMeet(new SloSpec { TtftP95Ms = b.TtftP95Ms * 1.01 }, 0.05));
        Assert.False(b.CanMeet(new SloSpec { TpotP95Ms = b.TpotP95Ms / 1.2 }, 0.05));
        Assert.Equal("TPOT p95", b.Miss(new SloSpec { TpotP95Ms = b.TpotP95Ms / 1.2 }, 0.05));
    }

    [Fact]
    public void RequestsTheFleetRefusesDoNotRaiseItsLatencyBounds()
    {
        // Half the requests are longer than the model's 4,096-token context: refused at once in the
        // simulation, so they have no latency there, and none in the bounds.
        SelfHostedOptionSpec option = TwoGpuCase.Candidate(TwoGpuCase.Slow, 0.4, seqs: 32, target: 8) with
        {
            Engine = new ServingEngineSpec { MaxConcurrentSequences = 32, MaxBatchedTokens = 2048, PrefixCaching = false },
        };
        SelfHostedOptionSpec short4k = option with { Model = option.Model with { MaxContextTokens = 4096 } };
        var profile = new RooflinePerformanceProfile(option.Model, option.Gpu, 1, option.Engine);
        WorkloadSpec mixed = Fixed with
        {
            Classes =
            [
                new RequestClassSpec { Name = "short", Share = 0.5, InputTokens = new FixedTokens(3000), OutputTokens = new FixedTokens(100) },
                new RequestClassSpec { Name = "long", Share = 0.5, InputTokens = new FixedTokens(12_000), OutputTokens = new FixedTokens(900) },
            ],
        };
        WorkloadSample sample = WorkloadSample.Draw(mixed, 1, 400);

        CandidateBound all = CandidateBounds.Compute(option, profile, sample);
        CandidateBound served = CandidateBounds.Compute(short4k, profile, sample);
        CandidateBound alone = CandidateBounds.Compute(option, profile, WorkloadSample.Draw(Fixed, 1, 100));

        Assert.True(all.E2eP99Ms > served.E2eP99Ms * 2, $"{all.E2eP99Ms} against {served.E2eP99Ms}");
        Assert.Equal(alone.TtftP95Ms, served.TtftP95Ms, 9);
        Assert.Equal(alone.E2eP99Ms, served.E2eP99Ms, 6);
    }

    [Fact]
    public void TheCostBoundIsAtLeastTheMinimumReplicasAllMonth()
    {
        SelfHostedOptionSpec option = TwoGpuCase.Candidate(TwoGpuCase.Fast, 2.0, seqs: 32, target: 8, min: 3);
        var profile = new RooflinePerformanceProfile(option.Model, option.Gpu, 1, option.Engine);
        CandidateBound b = CandidateBounds.Compute(option, profile, WorkloadSample.Draw(Fixed, 1, 100));
        ScenarioSpec s = TestSpecs.Scenario(Fixed with { Volume = new VolumeSpec { RequestsPerDayMonth1 = 1000, MonthlyGrowthRates = [0] } }, [option]);
        IReadOnlyList<SimulationWindow> windows = [.. MonthWindowPlanner.Plan(s, 0).Where(w => w.Replicate == 0)];
        // January: 744 hours × 3 replicas × $2.
        Assert.Equal(744 * 3 * 2.0, CandidateBounds.MonthlyGpuUsd(option, b, windows), 6);
        // A fixed pool is its replicas, whatever the traffic.
        Assert.Equal(5, CandidateBounds.ReplicasNeeded(option with { FixedReplicas = 5, Autoscaler = null }, b, 1e6));
        // Much more traffic needs more than the minimum.
        Assert.True(CandidateBounds.ReplicasNeeded(option, b, 1000) > 3);
    }

    [Fact]
    public void TheEarlyStopFiresOnlyWhenTheRestCannotSaveTheMonth()
    {
        var slo = new SloSpec { TtftP95Ms = 1000 };
        SimulationWindow rest = TestSpecs.Window(new LoadSegment(3600, 1.0, 10, 12)); // 36,000 expected requests
        var measured = new WindowMetrics { RequestsArrived = 100_000 };
        for (int i = 0; i < 100_000; i++)
        {
            measured.TimeToFirstToken.Record(i < 90_000 ? 0.2 : 5.0);
        }
        // 10,000 late of at most 100,000 + 72,000: over 5%, whatever the rest does.
        Assert.True(Optimizer.SloCertainlyMissed(measured, [rest], slo));
        // 10,000 late could still be diluted under 5% by 300,000 more on-time requests.
        SimulationWindow bigRest = TestSpecs.Window(new LoadSegment(3600, 1.0, 100, 12));
        Assert.False(Optimizer.SloCertainlyMissed(measured, [bigRest], slo));
        // Rejections count against the 1% allowance the same way.
        Assert.True(Optimizer.SloCertainlyMissed(new WindowMetrics { RequestsArrived = 10_000, RequestsRejected = 5_000 }, [rest], new SloSpec()));
    }
}
