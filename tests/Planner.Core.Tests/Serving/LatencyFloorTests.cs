using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Tests.Fidelity;
using Xunit;

namespace Planner.Core.Tests.Serving;

/// <summary>
/// <see cref="LatencyFloor"/>: a request alone on an idle replica, by hand and against the engine
/// itself, and the floor as a lower bound of what a loaded fleet gives.
/// </summary>
public class LatencyFloorTests
{
    [Theory]
    // input, output, cached, chunked prefill, prefix caching
    [InlineData(1000, 100, 0, true, false)]
    [InlineData(5000, 40, 0, true, false)]
    [InlineData(5000, 40, 0, false, false)]
    [InlineData(3000, 2, 1000, true, true)]
    [InlineData(300, 1, 0, true, false)]
    public void A_request_alone_takes_what_the_engine_gives_it_alone(int input, int output, int cached, bool chunked, bool prefixCaching)
    {
        var profile = new LinearProfile(0.002, 0.0005, 2e-6, 1e-7);
        SelfHostedOptionSpec option = FleetSpecs.Option(engine: e => e with { ChunkedPrefill = chunked, PrefixCaching = prefixCaching, MaxBatchedTokens = 2048 });
        var h = new FleetHarness(option, profile, [(0.0, input, output, cached)]);
        h.RunFor(600);

        (double first, double whole) = LatencyFloor.Alone(option.Engine, profile, input, output, cached);

        Finished done = Assert.Single(h.Finished);
        Assert.Equal(done.Ttft, first, 9);
        Assert.Equal(done.EndToEnd, whole, 9);
    }

    [Fact]
    public void By_hand_a_prompt_in_three_chunks_then_a_decode_step_a_token()
    {
        // 5,000 prompt tokens in chunks of 2,048, 2,048 and 904: three steps of 2 ms + 2 µs a token;
        // then 39 decode steps of 2 ms + 0.5 ms for the sequence + 0.1 µs per context token, at
        // contexts 5,001 to 5,039 (mean 5,020).
        var profile = new LinearProfile(0.002, 0.0005, 2e-6, 1e-7);
        ServingEngineSpec engine = new() { MaxBatchedTokens = 2048, PrefixCaching = false };

        (double first, double whole) = LatencyFloor.Alone(engine, profile, 5000, 40, 0);

        double prefill = 3 * 0.002 + 5000 * 2e-6;
        Assert.Equal(prefill, first, 12);
        Assert.Equal(prefill + 39 * (0.002 + 0.0005 + 5020 * 1e-7), whole, 12);
    }

    [Fact]
    public void Fixed_lengths_give_their_one_latency_at_every_percentile_and_say_whether_it_is_above_the_slo()
    {
        var profile = new LinearProfile(0.002, 0.0005, 2e-6);
        SelfHostedOptionSpec option = FleetSpecs.Option(engine: e => e with { MaxBatchedTokens = 2048 });
        WorkloadSpec workload = FleetSpecs.Workload with
        {
            Classes = [new RequestClassSpec { Name = "c", Share = 1, InputTokens = new FixedTokens(1000), OutputTokens = new FixedTokens(101) }],
        };
        double ttft = 0.002 + 1000 * 2e-6, tpot = 0.0025;

        LatencyFloor met = LatencyFloor.Of(workload, option, profile, new SloSpec { TtftP95Ms = 10, E2eP99Ms = 1000 }, 7);
        LatencyFloor missed = LatencyFloor.Of(workload, option, profile, new SloSpec { TpotP95Ms = 2 }, 7);

        Assert.Equal(ttft * 1000, met.TtftP95Ms, 9);
        Assert.Equal(tpot * 1000, met.TpotP95Ms, 9);
        Assert.Equal((ttft + 100 * tpot) * 1000, met.E2eP99Ms, 9);
        Assert.False(met.AboveSlo);
        Assert.True(missed.AboveSlo);
        // Within the 1% a month's percentile can read low, a floor is not said to be above its target.
        Assert.False(LatencyFloor.Of(workload, option, profile, new SloSpec { TpotP95Ms = 2.49 }, 7).AboveSlo);
        Assert.True(LatencyFloor.Above(2.5, 2.47));
        Assert.False(LatencyFloor.Above(2.5, null));
    }

    [Fact]
    public void Requests_longer_than_the_model_serves_are_left_out_as_the_fleet_refuses_them()
    {
        var profile = new LinearProfile(0.002, 0.0005, 2e-6);
        SelfHostedOptionSpec option = FleetSpecs.Option() with { Model = FleetSpecs.TinyModel with { MaxContextTokens = 4096 } };
        // A KV cache of 4,096 tokens refuses the long class as well, whatever the model's context.
        SelfHostedOptionSpec small = FleetSpecs.Option(kvTokens: 4096);
        WorkloadSpec workload = FleetSpecs.Workload with
        {
            Classes =
            [
                new RequestClassSpec { Name = "short", Share = 0.5, InputTokens = new FixedTokens(100), OutputTokens = new FixedTokens(11) },
                new RequestClassSpec { Name = "too long", Share = 0.5, InputTokens = new FixedTokens(8000), OutputTokens = new FixedTokens(500) },
            ],
        };

        LatencyFloor floor = LatencyFloor.Of(workload, option, profile, new SloSpec(), 3);
        LatencyFloor cached = LatencyFloor.Of(workload, small, profile, new SloSpec(), 3);

        // Only the short class is left: its one latency at every percentile.
        Assert.Equal((0.002 + 100 * 2e-6 + 10 * 0.0025) * 1000, floor.E2eP99Ms, 9);
        Assert.Equal(floor.E2eP99Ms, cached.E2eP99Ms, 9);
    }

    [Fact]
    public void The_lower_bound_of_a_quantile_is_an_order_statistic_at_or_below_it()
    {
        List<double> values = [.. Enumerable.Range(1, 20_000).Select(i => (double)i)];

        double p99 = LatencyFloor.LowerQuantile(values, 0.99);

        // n·p = 19,800, less 2.33 × √(20,000 × 0.99 × 0.01) = 32.7: the 19,767th value.
        Assert.Equal(19_767, p99);
        Assert.Equal(0, LatencyFloor.LowerQuantile([], 0.5));
    }
}

/// <summary>The floor under a loaded fleet: no month of a simulated projection is faster, at a tenth of and at the full load, with two seeds.</summary>
public class LatencyFloorUnderLoadTests
{
    [Theory]
    [InlineData(20_000, 1ul)]
    [InlineData(200_000, 1ul)]
    [InlineData(200_000, 2ul)]
    public void No_month_is_faster_than_the_floor(double requestsPerDay, ulong seed)
    {
        var autoscaler = new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 64, TargetValue = 8, ColdStartSeconds = 240 };
        SelfHostedOptionSpec fleet = TestSpecs.SelfHosted(autoscaler: autoscaler, gpu: TestSpecs.L4, pricePerGpuHour: 0.8,
            engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 });
        WorkloadSpec workload = TestSpecs.Workload(requestsPerDay: requestsPerDay, hourlyWeights: TestSpecs.ConsumerEvening) with
        {
            Classes =
            [
                new RequestClassSpec { Name = "chat", Share = 0.8, InputTokens = new LognormalTokens(Math.Log(900), 0.6, 1, 16_000), OutputTokens = new LognormalTokens(Math.Log(220), 0.7, 1, 4_000) },
                new RequestClassSpec { Name = "long", Share = 0.2, InputTokens = new LognormalTokens(Math.Log(6000), 0.3, 1, 30_000), OutputTokens = new LognormalTokens(Math.Log(600), 0.4, 1, 4_000) },
            ],
        };
        ScenarioSpec scenario = TestSpecs.Scenario(workload, [fleet], horizonMonths: 2, seed: seed) with
        {
            Simulation = new SimulationSettings { NoiseCheckMonths = 0 },
        };

        OptionProjection o = new Projector().Run(scenario).Options[0];

        LatencyFloor floor = Assert.IsType<LatencyFloor>(o.LatencyFloor);
        Assert.True(floor.E2eP99Ms > floor.TtftP95Ms);
        foreach (MonthlyOutcome m in o.Months)
        {
            // The histograms resolve 1%.
            Assert.True(m.TtftP95Ms >= floor.TtftP95Ms * 0.99, $"{m.CalendarMonth:yyyy-MM}: p95 TTFT {m.TtftP95Ms:F1} ms under the floor's {floor.TtftP95Ms:F1} ms");
            Assert.True(m.TpotP95Ms >= floor.TpotP95Ms * 0.99, $"{m.CalendarMonth:yyyy-MM}: p95 TPOT {m.TpotP95Ms:F2} ms under the floor's {floor.TpotP95Ms:F2} ms");
            Assert.True(m.E2eP99Ms >= floor.E2eP99Ms * 0.99, $"{m.CalendarMonth:yyyy-MM}: p99 end-to-end {m.E2eP99Ms:F0} ms under the floor's {floor.E2eP99Ms:F0} ms");
        }
    }
}
