using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

public sealed class TensorParallelCostTests
{
    /// <summary>All-reduce times of an exact ring (latency 30 µs, bus 300 GB/s) at 2, 4 and 8 GPUs, with noisy small sizes the fit must ignore.</summary>
    private static IReadOnlyList<CollectiveTimingTable> Ring(double latency = 30e-6, double bus = 300e9) =>
    [
        .. new[] { 2, 4, 8 }.Select(n => new CollectiveTimingTable
        {
            Gpus = n,
            Bytes = [2048, 65536, 1 << 20, 8 << 20, 64 << 20],
            Seconds = [5e-6, 90e-6, .. new[] { 1 << 20, 8 << 20, 64 << 20 }.Select(b => latency + 2.0 * (n - 1) / n * b / bus)],
            Source = "exact ring",
        }),
    ];

    [Fact]
    public void The_fit_recovers_an_exact_rings_latency_and_bandwidth_from_the_sizes_of_a_mebibyte_and_up()
    {
        (double latency, double bus) = TensorParallelCost.FitRing(Ring())!.Value;
        Assert.Equal(30e-6, latency, 1e-12);
        Assert.Equal(300e9, bus, 1e-3);
    }

    [Fact]
    public void A_step_pays_two_all_reduces_per_layer_of_its_activations()
    {
        var cost = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100 with { AllReduceTimings = Ring() }, 4);
        // 80 layers × 2 × (30 µs + 3/2 × 512 tokens × 8192 × 2 bytes / 300 GB/s).
        double expected = 160 * (30e-6 + 1.5 * 512 * 8192 * 2 / 300e9);
        Assert.Equal(expected, cost.StepSeconds(512), 1e-12);
        Assert.Contains("fitted to exact ring", cost.Describe(), StringComparison.Ordinal);
        Assert.Equal(0, new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100 with { AllReduceTimings = Ring() }, 1).StepSeconds(512));
    }

    [Fact]
    public void Without_measurements_the_ring_runs_over_one_direction_of_the_datasheet_link()
    {
        var cost = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100, 2);
        Assert.Equal(TensorParallelCost.DatasheetLatencySeconds, cost.LatencySeconds);
        Assert.Equal(450e9, cost.BusBytesPerSecond);
        Assert.Equal("", cost.Describe());
    }

    [Fact]
    public void Too_few_large_measurements_or_an_unphysical_fit_fall_back_to_the_datasheet()
    {
        CollectiveTimingTable small = new() { Gpus = 2, Bytes = [2048, 4096], Seconds = [10e-6, 11e-6], Source = "small only" };
        Assert.Null(TensorParallelCost.FitRing([small]));
        // Larger messages taking less time: a negative bandwidth.
        CollectiveTimingTable falling = new() { Gpus = 2, Bytes = [1 << 20, 64 << 20], Seconds = [200e-6, 100e-6], Source = "falling" };
        Assert.Null(TensorParallelCost.FitRing([falling]));
        Assert.Equal(TensorParallelCost.DatasheetLatencySeconds, new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100 with { AllReduceTimings = [falling] }, 2).LatencySeconds);
    }
}
