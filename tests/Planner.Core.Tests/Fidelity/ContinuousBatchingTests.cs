using Planner.Core.Specs;

namespace Planner.Core.Tests.Fidelity;

/// <summary>Exact-time behaviour of the iteration-level engine, computed by hand.</summary>
public sealed class ContinuousBatchingTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void SingleRequestPrefillThenDecodeSteps()
    {
        // Step = 10 ms + 1 ms per decoding sequence + 0.1 ms per prefill token.
        var profile = new LinearProfile(0.010, 0.001, 0.0001);
        var h = new FleetHarness(FleetSpecs.Option(), profile, [(0.0, 100, 3, 0)]);
        h.RunFor(10);

        Finished f = Assert.Single(h.Finished);
        // Prefill step: 10 ms + 100 × 0.1 ms = 20 ms, which also yields the first token.
        Assert.Equal(0.020, f.Ttft, Tolerance);
        // Two more tokens, one decode step each: 2 × (10 + 1) ms.
        Assert.Equal(0.042, f.EndToEnd, Tolerance);
    }

    [Fact]
    public void KvCacheUseIsReadToThePercentNotToAFivePercentBucket()
    {
        // 10,000 tokens of KV cache; a 2,200-token prompt with one output token is one prefill
        // step holding 22% of it. In 5% buckets that read as 20%, under the 20% at which a
        // busy fleet's report calls its cache "far from full".
        var profile = new LinearProfile(0.010, 0.001, 0.0001);
        var h = new FleetHarness(FleetSpecs.Option(kvTokens: 10_000), profile, [(0.0, 2200, 1, 0)]);
        var stats = Planner.Core.Metrics.MonthStats.From(h.RunFor(10));

        Assert.Single(h.Finished);
        Assert.Equal(0.22, stats[Planner.Core.Metrics.Stat.KvUtilizationP95], Tolerance);
        Assert.Equal(0.22, stats[Planner.Core.Metrics.Stat.KvUtilizationP50], Tolerance);
    }

    [Fact]
    public void RequestJoiningMidRunIsAdmittedAtTheNextStepBoundary()
    {
        var profile = new LinearProfile(0.010, 0.0, 0.0);
        // A decodes alone in 10 ms steps from t = 0.010; B arrives at t = 0.025, inside A's second decode step.
        var h = new FleetHarness(FleetSpecs.Option(), profile, [(0.0, 10, 11, 0), (0.025, 10, 2, 0)]);
        h.RunFor(10);

        Finished b = h.Finished.Single(f => f.ArrivedAt == 0.025);
        // A's steps end at 0.010 (prefill), 0.020, 0.030 …; B is admitted at 0.030, prefilled in the
        // step ending 0.040 (its first token), then one decode step to 0.050.
        Assert.Equal(0.040 - 0.025, b.Ttft, Tolerance);
        Assert.Equal(0.050 - 0.025, b.EndToEnd, Tolerance);
        Finished a = h.Finished.Single(f => f.ArrivedAt == 0.0);
        // A: prefill step + 10 decode steps, all 10 ms (B's prefill shared a step with A's decode).
        Assert.Equal(0.110, a.EndToEnd, Tolerance);
    }

    [Fact]
    public void DecodeRunsUseTheMeanContextWhichIsExactForLinearStepTimes()
    {
        // Step = 5 ms + 0.01 ms per context token; one request, prompt 1,000, 201 output tokens.
        var profile = new LinearProfile(0.005, 0, 0, 0.00001);
        var h = new FleetHarness(FleetSpecs.Option(), profile, [(0.0, 1000, 201, 0)]);
        h.RunFor(100);

        // Decode step j (1..200) attends over 1,000 + j tokens.
        double expected = 0.005;
        for (int j = 1; j <= 200; j++)
        {
            expected += 0.005 + 0.00001 * (1000 + j);
        }
        Assert.Equal(expected, Assert.Single(h.Finished).EndToEnd, 1e-9);
    }

    [Fact]
    public void ChunkedPrefillStopsASmallPromptWaitingBehindALargeOne()
    {
        // Step = 10 ms + 0.1 ms per prefill token. A (10-token prompt, 100 tokens out) and B
        // (4,000-token prompt, 2 tokens out) arrive together.
        var profile = new LinearProfile(0.010, 0, 0.0001);
        (double, int, int, int)[] script = [(0.0, 10, 100, 0), (0.0, 4000, 2, 0)];
        var chunked = new FleetHarness(FleetSpecs.Option(engine: e => e with { ChunkedPrefill = true, MaxBatchedTokens = 2048 }), profile, script);
        var whole = new FleetHarness(FleetSpecs.Option(engine: e => e with { ChunkedPrefill = false, MaxBatchedTokens = 8192 }), profile, script);
        chunked.RunFor(10);
        whole.RunFor(10);
        Finished ChunkedA() => chunked.Finished.Single(f => f.Ttft < 0.3);

        // Chunked: step 1 prefills A's 10 tokens and 2,038 of B's (214.8 ms) — A's first token;
        // step 2 decodes A and prefills B's last 1,962 (206.2 ms) — B's first token at 421.0 ms;
        // step 3 (10 ms) finishes B; A needs 97 more 10 ms steps.
        Assert.Equal(0.2148, ChunkedA().Ttft, Tolerance);
        Assert.Equal(1.401, ChunkedA().EndToEnd, Tolerance);
        Finished chunkedB = chunked.Finished.Single(f => f != ChunkedA());
        Assert.Equal(0.4210, chunkedB.Ttft, Tolerance);
        Assert.Equal(0.4310, chunkedB.EndToEnd, Tolerance);

        // Whole prompts: one 4,010-token prefill step (411 ms) gives both their first token.
        Assert.All(whole.Finished, f => Assert.Equal(0.411, f.Ttft, Tolerance));
        Assert.Equal([0.421, 1.401], whole.Finished.Select(f => Math.Round(f.EndToEnd, 9)).Order().ToArray());
    }

    [Fact]
    public void PrefixCachingSkipsTheCachedShareOfThePrompt()
    {
        var profile = new LinearProfile(0.0, 0.0, 0.0001);
        (double, int, int, int)[] script = [(0.0, 4000, 1, 3000)];
        var cached = new FleetHarness(FleetSpecs.Option(engine: e => e with { PrefixCaching = true, MaxBatchedTokens = 8192 }), profile, script);
        var uncached = new FleetHarness(FleetSpecs.Option(engine: e => e with { PrefixCaching = false, MaxBatchedTokens = 8192 }), profile, script);
        cached.RunFor(10);
        uncached.RunFor(10);
        Assert.Equal(0.1, Assert.Single(cached.Finished).Ttft, Tolerance);
        Assert.Equal(0.4, Assert.Single(uncached.Finished).Ttft, Tolerance);
    }

    [Fact]
    public void BatchSlotsLimitAdmission()
    {
        var profile = new LinearProfile(0.010, 0, 0);
        // Three identical requests at t = 0 with room for two sequences: the third starts when one finishes.
        var h = new FleetHarness(FleetSpecs.Option(engine: e => e with { MaxConcurrentSequences = 2 }), profile,
            [(0.0, 10, 5, 0), (0.0, 10, 5, 0), (0.0, 10, 5, 0)]);
        h.RunFor(10);
        double[] ends = h.Finished.Select(f => f.EndToEnd).Order().ToArray();
        // First two: prefill step + 4 decode steps = 50 ms. The third is admitted at 50 ms: 50 + 50 ms.
        Assert.Equal(0.050, ends[0], Tolerance);
        Assert.Equal(0.050, ends[1], Tolerance);
        Assert.Equal(0.100, ends[2], Tolerance);
    }

    [Fact]
    public void KvExhaustionPreemptsTheNewestAndEveryRequestStillFinishes()
    {
        var profile = new LinearProfile(0.001, 0, 0);
        // 4,096 tokens of KV; eight requests that each grow to 1,000 tokens cannot all fit at once.
        var script = Enumerable.Range(0, 8).Select(i => (i * 0.0001, 100, 900, 0)).ToArray();
        var h = new FleetHarness(FleetSpecs.Option(kvTokens: 4096), profile, script);
        var m = h.RunFor(100);

        Assert.True(m.Preemptions > 0);
        Assert.Equal(8, h.Finished.Count);
        Assert.Equal(0, m.RequestsInFlightAtEnd);
        Assert.Equal(8 * 900, m.OutputTokens);
    }
}
