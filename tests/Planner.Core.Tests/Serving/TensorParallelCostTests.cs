using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

public sealed class TensorParallelCostTests
{
    /// <summary>The engine default, as every profile passes it.</summary>
    private static readonly double Engine = new ServingEngineSpec().PcieAllReduceEfficiency;

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
        var cost = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100 with { AllReduceTimings = Ring() }, 4, Engine);
        // 80 layers × 2 × (30 µs + 3/2 × 512 tokens × 8192 × 2 bytes / 300 GB/s).
        double expected = 160 * (30e-6 + 1.5 * 512 * 8192 * 2 / 300e9);
        Assert.Equal(expected, cost.StepSeconds(512), 1e-12);
        Assert.Contains("fitted to exact ring", cost.Describe(), StringComparison.Ordinal);
        Assert.Equal(0, new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100 with { AllReduceTimings = Ring() }, 1, Engine).StepSeconds(512));
    }

    [Fact]
    public void Without_measurements_the_ring_runs_over_one_direction_of_the_datasheet_link()
    {
        var cost = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100, 2, Engine);
        Assert.Equal(TensorParallelCost.DatasheetLatencySeconds, cost.LatencySeconds);
        Assert.Equal(450e9, cost.BusBytesPerSecond);
        Assert.Equal("", cost.Describe());
    }

    [Fact]
    public void Over_pcie_without_measurements_the_ring_reaches_the_pcie_efficiency_of_one_direction()
    {
        // L4: PCIe Gen4 x16, 64 GB/s both ways, 32 GB/s one way; at 0.4 the ring's bus runs at 12.8 GB/s.
        var cost = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.L4, 4, pcieAllReduceEfficiency: 0.4);
        Assert.Equal(12.8e9, cost.BusBytesPerSecond, 1e-3);
        Assert.Equal(0.4, cost.PcieShare);
        // 80 layers × 2 × (8 µs + 3/2 × 100 tokens × 8192 × 2 bytes / 12.8 GB/s).
        Assert.Equal(160 * (8e-6 + 1.5 * 100 * 8192 * 2 / 12.8e9), cost.StepSeconds(100), 1e-12);
        Assert.Contains("over PCIe at 12.8 GB/s", cost.Describe(), StringComparison.Ordinal);
        // Halving the efficiency doubles the bandwidth term, not the latency.
        var slower = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.L4, 4, pcieAllReduceEfficiency: 0.2);
        Assert.Equal(2 * (cost.StepSeconds(100) - 160 * 8e-6), slower.StepSeconds(100) - 160 * 8e-6, 1e-12);
    }

    [Fact]
    public void The_pcie_efficiency_leaves_nvlink_measured_and_single_gpu_replicas_alone()
    {
        Assert.Equal(450e9, new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100, 2, pcieAllReduceEfficiency: 0.3).BusBytesPerSecond);
        Assert.Null(new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100, 2, pcieAllReduceEfficiency: 0.3).PcieShare);
        var measured = new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.L4 with { AllReduceTimings = Ring() }, 4, pcieAllReduceEfficiency: 0.3);
        Assert.Equal(300e9, measured.BusBytesPerSecond, 1e-3);
        Assert.Null(measured.PcieShare);
        Assert.Equal(0, new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.L4, 1, pcieAllReduceEfficiency: 0.3).StepSeconds(100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_pcie_efficiency_outside_zero_to_one_is_refused(double efficiency)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.L4, 2, efficiency));
        Assert.Contains("above 0 and at most 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_large_measurements_or_an_unphysical_fit_fall_back_to_the_datasheet()
    {
        CollectiveTimingTable small = new() { Gpus = 2, Bytes = [2048, 4096], Seconds = [10e-6, 11e-6], Source = "small only" };
        Assert.Null(TensorParallelCost.FitRing([small]));
        // Larger messages taking less time: a negative bandwidth.
        CollectiveTimingTable falling = new() { Gpus = 2, Bytes = [1 << 20, 64 << 20], Seconds = [200e-6, 100e-6], Source = "falling" };
        Assert.Null(TensorParallelCost.FitRing([falling]));
        Assert.Equal(TensorParallelCost.DatasheetLatencySeconds, new TensorParallelCost(TestSpecs.Llama70B, TestSpecs.H100 with { AllReduceTimings = [falling] }, 2, Engine).LatencySeconds);
    }
}
