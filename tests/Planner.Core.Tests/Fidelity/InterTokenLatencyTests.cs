using Planner.Core.Api;
using Planner.Core.Metrics;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Fidelity;

/// <summary>
/// Inter-token latency, worked out by hand: every gap between two consecutive output tokens of a
/// request is one sample, and a decode step of d seconds is that gap for every sequence it advances.
/// </summary>
public sealed class InterTokenLatencyTests
{
    [Fact]
    public void EveryTokenAfterTheFirstIsOneGapOfItsStep()
    {
        // Step = 10 ms + 1 ms per decoding sequence. A (3 tokens) and B (5) arrive together and are
        // prefilled in one 10 ms step (their first tokens, at 10 ms). Two decode steps carry both
        // (12 ms each: A's and B's 2nd and 3rd tokens; A is done at 34 ms), then B decodes alone in
        // two 11 ms steps (its 4th and 5th tokens, at 45 and 56 ms).
        var profile = new LinearProfile(0.010, 0.001, 0);
        var h = new FleetHarness(FleetSpecs.Option(), profile, [(0.0, 10, 3, 0), (0.0, 10, 5, 0)]);
        WindowMetrics m = h.RunFor(10);

        Assert.Equal(0.034, h.Finished.Single(f => f.EndToEnd < 0.04).EndToEnd, 9);
        Assert.Equal(0.056, h.Finished.Single(f => f.EndToEnd > 0.04).EndToEnd, 9);
        // Gaps: A 12, 12; B 12, 12, 11, 11 ms: six samples, four of them 12 ms.
        Assert.Equal(6, m.InterTokenLatency.TotalWeight, 9);
        Assert.Equal(0.012, m.InterTokenLatency.Quantile(0.5), 0.012 * LatencyHistogram.RelativeAccuracy);
        Assert.Equal(0.011, m.InterTokenLatency.Quantile(0.2), 0.011 * LatencyHistogram.RelativeAccuracy);
        // TPOT is a per-request mean: A (34 − 10) / 2 = 12 ms, B (56 − 10) / 4 = 11.5 ms.
        Assert.Equal(2, m.TimePerOutputToken.TotalWeight, 9);
    }

    [Fact]
    public void APrefillSharingAStepLengthensTheGapsOfTheSequencesItHoldsUp()
    {
        // Step = 10 ms + 0.1 ms per prefill token. A (10-token prompt, 11 tokens) is prefilled by
        // 11 ms and decodes alone in 10 ms steps; B (200-token prompt) arrives at 25 ms and is
        // prefilled in the step from 31 ms (10 + 20 ms), which is also one of A's decode steps: A's
        // gaps are nine of 10 ms and one of 30 ms, B's single gap (its 2nd token) 10 ms.
        var profile = new LinearProfile(0.010, 0, 0.0001);
        var h = new FleetHarness(FleetSpecs.Option(), profile, [(0.0, 10, 11, 0), (0.025, 200, 2, 0)]);
        WindowMetrics m = h.RunFor(10);

        Assert.Equal(11, m.InterTokenLatency.TotalWeight, 9);
        Assert.Equal(0.010, m.InterTokenLatency.Quantile(0.5), 0.010 * LatencyHistogram.RelativeAccuracy);
        Assert.Equal(0.030, m.InterTokenLatency.Quantile(0.99), 0.030 * LatencyHistogram.RelativeAccuracy);
    }

    [Fact]
    public void AnApiStreamsEveryTokenAfterTheFirstAtItsOutputRate()
    {
        // 80 tokens/s: every gap is 12.5 ms, and each 50-token request adds 49 of them.
        var sim = new ApiSimulator(TestSpecs.Api(), TestSpecs.Workload(100, 50), new SloSpec());
        WindowMetrics m = sim.Run(TestSpecs.Window(new LoadSegment(3600, 0.5, 1, 0)), 3, 4);
        Assert.True(m.RequestsServed > 1000);
        Assert.Equal(49 * m.RequestsServed, m.InterTokenLatency.TotalWeight, 6);
        Assert.Equal(0.0125, m.InterTokenLatency.Quantile(0.5), 0.0125 * LatencyHistogram.RelativeAccuracy);
    }
}
