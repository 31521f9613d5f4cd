using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// The online regimes of published rows (closed-loop clients at a fixed concurrency, Poisson
/// arrivals at a fixed rate) against the fixed-batch regime they reduce to: requests that never
/// overlap, or that always start together, must take exactly what a batch of them takes.
/// </summary>
public sealed class OnlineRegimeTests
{
    private static readonly ServingEngineSpec Engine = new();

    private static PublishedMeasurement Row(string regime, string metric, int requests, int? concurrency = null, double? rate = null, int input = 128, int output = 32, double spread = 0, string statistic = PublishedMeasurement.MedianStatistic) =>
        PublishedRows.Row(regime, metric, requests, concurrency, rate, input, output) with
        {
            Id = $"{regime}-{metric}-{requests}-{concurrency}-{rate}-{spread}",
            LengthSpread = spread,
            Statistic = statistic,
        };

    private static double Batch(int size, string metric) =>
        ValidationSimulator.Simulate(Row(PublishedMeasurement.BatchRegime, metric, size, concurrency: size), Engine);

    [Fact]
    public void One_client_sends_its_requests_one_after_another()
    {
        // Each request finds the replica empty, so each takes what a batch of one takes.
        double alone = Batch(1, "e2e_latency_ms");
        double e2e = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "e2e_latency_ms", 5, concurrency: 1), Engine);
        double throughput = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "output_tokens_per_s", 5, concurrency: 1), Engine);

        Assert.Equal(alone, e2e, 9);
        Assert.Equal(32 / (alone / 1000), throughput, 6);
    }

    [Fact]
    public void Four_clients_with_equal_requests_run_in_rounds_of_four()
    {
        // Equal requests sent at the same instant share every step and finish together, and the
        // next four go at that instant: three equal rounds. The batch regime spreads its arrivals
        // over a microsecond, so its first request prefills alone: one step more than a round.
        double round = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "e2e_latency_ms", 12, concurrency: 4), Engine);
        double throughput = ValidationSimulator.Simulate(Row(PublishedMeasurement.ConcurrencyRegime, "output_tokens_per_s", 12, concurrency: 4), Engine);
        double batch = Batch(4, "e2e_latency_ms");

        Assert.Equal(12 * 32 / (3 * round / 1000), throughput, 6);
        Assert.InRange(round, 0.97 * batch, batch);
    }

    [Fact]
    public void A_slow_rate_leaves_every_request_alone()
    {
        // One request every 1,000 s on average against a latency under a second: the median
        // request sees an empty replica.
        double alone = Batch(1, "e2e_latency_ms");
        double e2e = ValidationSimulator.Simulate(Row(PublishedMeasurement.RateRegime, "e2e_latency_ms", 21, rate: 0.001), Engine);

        Assert.Equal(alone, e2e, 9);
    }

    [Fact]
    public void A_faster_rate_queues_more()
    {
        double slow = ValidationSimulator.Simulate(Row(PublishedMeasurement.RateRegime, "ttft_ms", 400, rate: 2, input: 2000), Engine);
        double fast = ValidationSimulator.Simulate(Row(PublishedMeasurement.RateRegime, "ttft_ms", 400, rate: 40, input: 2000), Engine);

        Assert.True(fast > slow, $"TTFT at 40 req/s ({fast} ms) should exceed TTFT at 2 req/s ({slow} ms)");
    }

    [Fact]
    public void The_mean_inter_token_latency_is_the_decode_time_over_the_gaps()
    {
        // With one client, e2e = TTFT + (output − 1) × mean ITL for every request, so for the means.
        PublishedMeasurement Closed(string metric) => Row(PublishedMeasurement.ConcurrencyRegime, metric, 4, concurrency: 1, statistic: PublishedMeasurement.MeanStatistic);
        double ttft = ValidationSimulator.Simulate(Closed("ttft_ms"), Engine);
        double itl = ValidationSimulator.Simulate(Closed("itl_ms"), Engine);
        double e2e = ValidationSimulator.Simulate(Closed("e2e_latency_ms"), Engine);

        Assert.Equal(e2e, ttft + 31 * itl, 9);
        Assert.True(itl > 0);
    }

    [Fact]
    public void Spread_lengths_are_drawn_the_same_way_every_time()
    {
        PublishedMeasurement row = Row(PublishedMeasurement.ConcurrencyRegime, "output_tokens_per_s", 40, concurrency: 8, input: 1000, output: 100, spread: 0.5);
        double first = ValidationSimulator.Simulate(row, Engine);
        double again = ValidationSimulator.Simulate(row, Engine);
        double fixedLengths = ValidationSimulator.Simulate(row with { LengthSpread = 0 }, Engine);

        Assert.Equal(first, again);
        Assert.NotEqual(fixedLengths, first);
    }

    private static PublishedMeasurement Steady(PublishedMeasurement row) => row with { Measurement = PublishedMeasurement.SteadyMeasurement };

    [Fact]
    public void Rounds_of_equal_requests_are_their_own_steady_state()
    {
        // Four clients, equal requests, twelve in all: three identical rounds of length R. The
        // steady window runs from the end of the first round (R) to the last send (2R); the rounds
        // sent in it take R each, and one round's output finishes in it.
        PublishedMeasurement Closed(string metric) => Row(PublishedMeasurement.ConcurrencyRegime, metric, 12, concurrency: 4, statistic: PublishedMeasurement.MeanStatistic);
        double round = ValidationSimulator.Simulate(Closed("e2e_latency_ms"), Engine);

        Assert.Equal(round, ValidationSimulator.Simulate(Steady(Closed("e2e_latency_ms")), Engine), 9);
        Assert.Equal(ValidationSimulator.Simulate(Closed("ttft_ms"), Engine), ValidationSimulator.Simulate(Steady(Closed("ttft_ms")), Engine), 9);
        Assert.Equal(4 * 32 / (round / 1000), ValidationSimulator.Simulate(Steady(Closed("output_tokens_per_s")), Engine), 6);
        Assert.Equal(ValidationSimulator.Simulate(Closed("itl_ms"), Engine), ValidationSimulator.Simulate(Steady(Closed("itl_ms")), Engine), 9);
    }

    [Fact]
    public void The_steady_state_leaves_out_the_opening_burst_of_long_prompts()
    {
        // Eight 4,000-token prompts sent at once queue behind each other's prefill (2,048 tokens a
        // step); once the loop has turned, the clients' requests are staggered and a prompt waits
        // far less. The burst is a tenth of the requests, and its mean wait is several prefill
        // steps, so it alone raises the mean over every request by more than a tenth.
        PublishedMeasurement row = Row(PublishedMeasurement.ConcurrencyRegime, "ttft_ms", 80, concurrency: 8, input: 4000, output: 64, statistic: PublishedMeasurement.MeanStatistic);
        double all = ValidationSimulator.Simulate(row, Engine);
        double steady = ValidationSimulator.Simulate(Steady(row), Engine);

        Assert.True(steady < 0.9 * all, $"steady-state mean TTFT {steady} ms against {all} ms over every request");
    }

    [Fact]
    public void The_steady_window_obeys_littles_law()
    {
        // A closed loop with no think time keeps every client busy: in its steady state the
        // request throughput is the clients over the mean latency (within the window's edges).
        PublishedMeasurement Closed(string metric) => Steady(Row(PublishedMeasurement.ConcurrencyRegime, metric, 400, concurrency: 16, input: 1000, output: 100, spread: 0.3, statistic: PublishedMeasurement.MeanStatistic));
        double e2eMs = ValidationSimulator.Simulate(Closed("e2e_latency_ms"), Engine);
        double tokensPerSecond = ValidationSimulator.Simulate(Closed("output_tokens_per_s"), Engine);

        // Lengths are uniform within ±30% of 100 tokens, 100 on average.
        double predicted = 16 / (e2eMs / 1000) * 100;
        Assert.InRange(tokensPerSecond, 0.95 * predicted, 1.05 * predicted);
    }
}
