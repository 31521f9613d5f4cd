using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Fidelity;

/// <summary>
/// The scheduling modes of the serving engines, by hand: whole prompts that share a step with
/// decoding (TensorRT-LLM's in-flight batching), chunked prompts in prefill-only steps (SGLang),
/// and admission that reserves a request's whole output so nothing is ever preempted
/// (TensorRT-LLM's GUARANTEED_NO_EVICT).
/// </summary>
public sealed class EngineSchedulingTests
{
    private const double Tolerance = 1e-9;

    // Step = 10 ms + 1 ms per decoding sequence + 0.1 ms per prefill token. A (10-token prompt,
    // 100 out) starts alone at 0; B (4,000-token prompt, 2 out) arrives at 25 ms, inside A's
    // second decode step (A's prefill ends at 11 ms, its decode steps take 11 ms: 22, 33, …).
    private static readonly LinearProfile Profile = new(0.010, 0.001, 0.0001);
    private static readonly (double, int, int, int)[] Script = [(0.0, 10, 100, 0), (0.025, 4000, 2, 0)];

    private static (Finished A, Finished B) Run(Func<ServingEngineSpec, ServingEngineSpec> engine)
    {
        var h = new FleetHarness(FleetSpecs.Option(engine: engine), Profile, Script);
        h.RunFor(10);
        return (h.Finished.Single(f => f.ArrivedAt == 0), h.Finished.Single(f => f.ArrivedAt == 0.025));
    }

    [Fact]
    public void A_whole_prompt_shares_its_step_with_the_decoding_sequences()
    {
        (Finished a, Finished b) = Run(e => e with { ChunkedPrefill = false, MixedBatches = true, MaxBatchedTokens = 8192 });

        // At 33 ms one step decodes A and prefills B whole: 10 + 1 + 400 = 411 ms, B's first
        // token at 444 ms; then both decode (12 ms) and B is done at 456 ms.
        Assert.Equal(0.444 - 0.025, b.Ttft, Tolerance);
        Assert.Equal(0.456 - 0.025, b.EndToEnd, Tolerance);
        // A: tokens at 11, 22, 33, 444 and 456 ms, then 95 more steps of 11 ms.
        Assert.Equal(0.456 + 95 * 0.011, a.EndToEnd, Tolerance);
    }

    [Fact]
    public void A_whole_prompt_in_a_prefill_only_step_pauses_decoding()
    {
        (Finished a, Finished b) = Run(e => e with { ChunkedPrefill = false, MixedBatches = false, MaxBatchedTokens = 8192 });

        // At 33 ms a prefill-only step: 10 + 400 = 410 ms; then both decode (12 ms).
        Assert.Equal(0.443 - 0.025, b.Ttft, Tolerance);
        Assert.Equal(0.455 - 0.025, b.EndToEnd, Tolerance);
        // A: tokens at 11, 22, 33 and 455 ms, then 96 more steps of 11 ms.
        Assert.Equal(0.455 + 96 * 0.011, a.EndToEnd, Tolerance);
    }

    [Fact]
    public void Chunked_prompts_in_prefill_only_steps_pause_decoding_chunk_by_chunk()
    {
        (Finished a, Finished b) = Run(e => e with { ChunkedPrefill = true, MixedBatches = false, MaxBatchedTokens = 2048 });

        // From 33 ms: a 2,048-token chunk (214.8 ms), then the last 1,952 (205.2 ms): B's first
        // token at 453 ms; then both decode (12 ms).
        Assert.Equal(0.453 - 0.025, b.Ttft, Tolerance);
        Assert.Equal(0.465 - 0.025, b.EndToEnd, Tolerance);
        Assert.Equal(0.465 + 96 * 0.011, a.EndToEnd, Tolerance);
    }

    [Fact]
    public void Without_the_setting_prefill_shares_steps_exactly_when_it_is_chunked()
    {
        Assert.True(new ServingEngineSpec { ChunkedPrefill = true }.PrefillSharesSteps);
        Assert.False(new ServingEngineSpec { ChunkedPrefill = false }.PrefillSharesSteps);
        Assert.True(new ServingEngineSpec { ChunkedPrefill = false, MixedBatches = true }.PrefillSharesSteps);
        Assert.False(new ServingEngineSpec { ChunkedPrefill = true, MixedBatches = false }.PrefillSharesSteps);
    }

    [Fact]
    public void Reserving_each_requests_output_never_preempts_and_runs_what_fits()
    {
        // 4,096 tokens of KV; eight requests that each grow to 1,000 tokens (100 + 900). Reserving
        // 1,000 tokens each (plus 8 of fragmentation), four fit at once: the other four wait.
        var profile = new LinearProfile(0.001, 0, 0);
        var script = Enumerable.Range(0, 8).Select(i => (i * 0.0001, 100, 900, 0)).ToArray();
        var h = new FleetHarness(FleetSpecs.Option(kvTokens: 4096, engine: e => e with { ReserveOutputKv = true }), profile, script);
        WindowMetrics m = h.RunFor(100);

        Assert.Equal(0, m.Preemptions);
        Assert.Equal(8, h.Finished.Count);
        Assert.Equal(8 * 900, m.OutputTokens);
        double[] ends = h.Finished.Select(f => f.ArrivedAt + f.EndToEnd).Order().ToArray();
        // The first four run together (a prefill step and 899 decode steps of 1 ms each, give or
        // take the steps their staggered arrivals add); the next four start only when they end.
        Assert.All(ends.Take(4), e => Assert.InRange(e, 0.900, 0.910));
        Assert.All(ends.Skip(4), e => Assert.True(e >= ends[0] + 0.900, $"a waiting request ended at {e} s"));
    }
}
