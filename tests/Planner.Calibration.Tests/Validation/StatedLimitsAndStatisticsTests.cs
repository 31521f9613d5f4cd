using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// What a published row can state besides its setup: the engine limits its run used (applied in
/// every column, the row's own engine included), percentiles of its latencies, and requests per
/// second. Each is checked against a case whose answer is known without the engine.
/// </summary>
public sealed class StatedLimitsAndStatisticsTests
{
    private static readonly ServingEngineSpec Engine = new();

    private static PublishedMeasurement Row(string regime, string metric, int requests, int? concurrency = null, double? rate = null, string model = "llama-3.1-8b", int tp = 1, Precision precision = Precision.Bf16, StatedEngineLimits? limits = null, string statistic = PublishedMeasurement.MedianStatistic) =>
        PublishedRows.Row(regime, metric, requests, concurrency, rate, model: model, tp: tp, precision: precision) with
        {
            EngineProfile = ServingEngineProfiles.TensorRtLlm,
            Statistic = statistic,
            Limits = limits ?? StatedEngineLimits.None,
        };

    [Fact]
    public void A_stated_sequence_cap_of_one_runs_an_offline_set_one_request_at_a_time_in_every_column()
    {
        // Four requests, one at a time: the makespan is four times one request's latency, so the
        // throughput is what one request alone gives, whichever engine's other limits apply.
        double alone = ValidationSimulator.Simulate(Row(PublishedMeasurement.BatchRegime, "e2e_latency_ms", 1, concurrency: 1), Engine);
        PublishedMeasurement capped = Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 4, limits: new StatedEngineLimits(1, null, null, null, null));

        double defaults = ValidationSimulator.Simulate(capped, Engine);
        double own = ValidationSimulator.Simulate(capped, Engine, ownEngine: true);
        double uncapped = ValidationSimulator.Simulate(capped with { Limits = StatedEngineLimits.None }, Engine);

        Assert.Equal(32 / (alone / 1000), defaults, 6);
        Assert.Equal(defaults, own, 9);
        Assert.True(uncapped > 3 * defaults, $"four at once ({uncapped} tokens/s) should be far faster than one at a time ({defaults})");
    }

    [Fact]
    public void A_stated_memory_share_too_small_for_the_weights_leaves_nothing_to_simulate()
    {
        // Llama 3.1 70B in BF16 is about 141 GB: 0.9 of four 80 GB GPUs holds it, 0.4 of them
        // (32 GB each, less the activation reserve) cannot.
        PublishedMeasurement row = Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 8, model: "llama-3.1-70b", tp: 4);

        Assert.True(ValidationSimulator.Simulate(row, Engine) > 0);
        Assert.True(double.IsNaN(ValidationSimulator.Simulate(row with { Limits = new StatedEngineLimits(null, null, 0.4, null, null) }, Engine)));
    }

    [Fact]
    public void Stated_limits_replace_the_engines_own_and_pick_the_memory_rule()
    {
        ServingEngineSpec vllm = new() { KvCacheShareOfFreeMemory = 0.9 };

        ServingEngineSpec tensorRt = new StatedEngineLimits(64, 4096, null, 0.95, false).ApplyTo(vllm);
        ServingEngineSpec wholeGpu = new StatedEngineLimits(null, null, 0.8, null, null).ApplyTo(vllm);

        Assert.Equal(64, tensorRt.MaxConcurrentSequences);
        Assert.Equal(4096, tensorRt.MaxBatchedTokens);
        Assert.Equal(0.95, tensorRt.KvCacheShareOfFreeMemory);
        Assert.False(tensorRt.ChunkedPrefill);
        Assert.Equal(0.8, wholeGpu.GpuMemoryUtilization);
        Assert.Null(wholeGpu.KvCacheShareOfFreeMemory);
        Assert.Equal(vllm, StatedEngineLimits.None.ApplyTo(vllm));
        Assert.Equal("max_num_seqs 64, max_num_batched_tokens 4,096, kv_cache_free_memory_fraction 0.95, chunked prefill off", new StatedEngineLimits(64, 4096, null, 0.95, false).Describe());
    }

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(0.99, 3.97)]
    [InlineData(1.0, 4.0)]
    public void Percentiles_lie_between_the_nearest_ranks_as_numpy_puts_them(double q, double expected)
    {
        Assert.Equal(expected, ValidationSimulator.Percentile([4, 1, 3, 2], q), 12);
    }

    [Fact]
    public void One_client_completes_one_request_per_request_latency()
    {
        double e2e = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "e2e_latency_ms", 5, concurrency: 1), Engine);
        double perSecond = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "requests_per_s", 5, concurrency: 1), Engine);
        double steady = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "requests_per_s", 5, concurrency: 1) with { Measurement = PublishedMeasurement.SteadyMeasurement }, Engine);
        double p99 = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "e2e_latency_ms", 5, concurrency: 1, statistic: "p99"), Engine);

        Assert.Equal(1 / (e2e / 1000), perSecond, 6);
        Assert.Equal(perSecond, steady, 6);
        // Every request runs alone, so every latency is the same and so is every percentile.
        Assert.Equal(e2e, p99, 9);
    }

    [Fact]
    public void A_lengths_file_of_equal_requests_is_the_fixed_length_row()
    {
        var equal = new RequestLengths("equal.csv", [128, 128, 128], [32, 32, 32]);
        PublishedMeasurement offline = Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 12);
        PublishedMeasurement closed = Row(PublishedMeasurement.ConcurrencyRegime, "ttft_ms", 12, concurrency: 3);

        Assert.Equal(ValidationSimulator.Simulate(offline, Engine), ValidationSimulator.Simulate(offline with { Lengths = equal }, Engine), 9);
        Assert.Equal(ValidationSimulator.Simulate(closed, Engine), ValidationSimulator.Simulate(closed with { Lengths = equal }, Engine), 9);
    }

    [Fact]
    public void One_client_sends_the_files_requests_in_turn()
    {
        // Two requests of different sizes, four sends: whichever row comes first, each runs twice,
        // alone, so the mean latency is the mean of the two alone.
        double Alone(int input, int output) => ValidationSimulator.Simulate(
            Row(PublishedMeasurement.BatchRegime, "e2e_latency_ms", 1, concurrency: 1) with { InputTokens = input, OutputTokens = output }, Engine);
        var two = new RequestLengths("two.csv", [128, 2000], [32, 200]);

        double mean = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "e2e_latency_ms", 4, concurrency: 1, statistic: PublishedMeasurement.MeanStatistic) with { Lengths = two }, Engine);

        Assert.Equal((Alone(128, 32) + Alone(2000, 200)) / 2, mean, 6);
    }
}
