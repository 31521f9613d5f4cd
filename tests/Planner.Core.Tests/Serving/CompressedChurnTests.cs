using Planner.Core.Engine;
using Planner.Core.Serving;

namespace Planner.Core.Tests.Serving;

/// <summary>
/// Exact counts of <see cref="CompressedChurn"/>: in an hour compressed 3-fold (1,200 simulated
/// seconds stand for a real hour), a scale-up and a scale-down within 1,200 s of each other are a
/// round trip whose cold start counts 3 times (2 more than the start itself counted); farther
/// apart, or in real time, they add nothing.
/// </summary>
public sealed class CompressedChurnTests
{
    private static SimulationContext Compressed(double c, double days) => new() { Weight = c * days, EventWeight = days, TimeScale = c };

    [Fact]
    public void A_round_trip_within_the_real_hour_counts_its_cold_start_c_times()
    {
        SimulationContext ctx = Compressed(3, days: 22);
        var churn = new CompressedChurn(ctx, coldStartGpuSeconds: 120);
        churn.Started();
        ctx.Now = 1199;
        churn.Stopped();
        Assert.Equal(2 * 22, ctx.Metrics.ColdStarts);
        // A stop first, then a start: a round trip too.
        ctx.Now = 5000;
        churn.Stopped();
        ctx.Now = 5600;
        churn.Started();
        Assert.Equal(4 * 22, ctx.Metrics.ColdStarts);
    }

    [Fact]
    public void Each_extra_cold_start_counted_records_one_cold_starts_gpu_time()
    {
        // 2 × 22 extra cold starts of 120 GPU-seconds: 10,560 GPU-seconds for the cost model to bill as cold start.
        SimulationContext ctx = Compressed(3, days: 22);
        var churn = new CompressedChurn(ctx, coldStartGpuSeconds: 120);
        churn.Started();
        ctx.Now = 1199;
        churn.Stopped();
        Assert.Equal(2 * 22 * 120, ctx.Metrics.ChurnColdStartGpuSeconds, 9);
    }

    [Fact]
    public void Starts_and_stops_farther_apart_than_the_real_hour_are_the_ramps()
    {
        SimulationContext ctx = Compressed(3, days: 22);
        var churn = new CompressedChurn(ctx, coldStartGpuSeconds: 120);
        churn.Started();
        ctx.Now = 600;
        churn.Started();
        ctx.Now = 1201;
        // The start at 0 is past the hour; the one at 600 pairs with this stop.
        churn.Stopped();
        Assert.Equal(2 * 22, ctx.Metrics.ColdStarts);
        ctx.Now = 1500;
        churn.Stopped();
        ctx.Now = 2701;
        churn.Started();
        Assert.Equal(2 * 22, ctx.Metrics.ColdStarts);
    }

    [Fact]
    public void Real_time_and_warm_up_add_nothing()
    {
        SimulationContext ctx = Compressed(1, days: 22);
        var churn = new CompressedChurn(ctx, coldStartGpuSeconds: 120);
        churn.Started();
        ctx.Now = 10;
        churn.Stopped();
        Assert.Equal(0, ctx.Metrics.ColdStarts);

        SimulationContext warmUp = new() { Weight = 0, EventWeight = 0, TimeScale = 1 };
        var quiet = new CompressedChurn(warmUp, coldStartGpuSeconds: 120);
        quiet.Started();
        quiet.Stopped();
        Assert.Equal(0, warmUp.Metrics.ColdStarts);
    }
}
