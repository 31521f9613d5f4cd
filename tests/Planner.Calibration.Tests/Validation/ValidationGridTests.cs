using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// A screen (<c>validate-performance --grid KEY=… --limits own</c>) must search what it says, no
/// more and no less, and refuse what it cannot search with a message that says what is allowed.
/// </summary>
public sealed class ValidationGridTests
{
    [Fact]
    public void Without_options_the_grid_is_the_default_one_under_the_engine_defaults_limits()
    {
        var errors = new List<string>();
        ValidationGrid? grid = ValidationGrid.Parse([], "default", errors);
        Assert.Empty(errors);
        Assert.Same(ValidationGrid.Default, grid);
        Assert.False(grid!.OwnEngineLimits);
        Assert.False(grid.SearchesActivationPasses);
        Assert.Equal([0.0], grid.ActivationPasses);
        Assert.Equal(EfficiencyGrid.ComputeEfficiencies, grid.ComputeEfficiencies);
        Assert.Equal(11 * 9 * 5 * 6 * 3, grid.Points);
    }

    [Fact]
    public void Each_assignment_replaces_its_dimension_in_the_order_given_and_own_limits_are_kept()
    {
        var errors = new List<string>();
        ValidationGrid? grid = ValidationGrid.Parse(["activation_passes=0,4,8", "compute_efficiency=0.6, 0.5", "step_overhead_ms=1"], "own", errors);
        Assert.Empty(errors);
        Assert.NotNull(grid);
        Assert.Equal([0.0, 4, 8], grid.ActivationPasses);
        Assert.Equal([0.6, 0.5], grid.ComputeEfficiencies);
        Assert.Equal([1.0], grid.StepOverheadsMs);
        Assert.Equal(EfficiencyGrid.MemoryEfficiencies, grid.MemoryEfficiencies);
        Assert.True(grid.OwnEngineLimits);
        Assert.True(grid.SearchesActivationPasses);
        Assert.Equal(2 * 9 * 1 * 6 * 3 * 3, grid.Points);
    }

    [Theory]
    [InlineData("passes=4", "must be KEY=V1,V2,… with KEY one of compute_efficiency, memory_efficiency, step_overhead_ms, pcie_all_reduce_efficiency, tp_attention_serial_share, activation_passes")]
    [InlineData("compute_efficiency", "must be KEY=V1,V2,…")]
    [InlineData("compute_efficiency=0,0.5", "--grid compute_efficiency: '0' is not a number in 0 < x <= 1")]
    [InlineData("memory_efficiency=0.7,abc", "--grid memory_efficiency: 'abc' is not a number in 0 < x <= 1")]
    [InlineData("tp_attention_serial_share=1", "--grid tp_attention_serial_share: '1' is not a number in 0 <= x < 1")]
    [InlineData("activation_passes=-1", "--grid activation_passes: '-1' is not a number in 0 to 100")]
    [InlineData("step_overhead_ms=1,1", "--grid step_overhead_ms: 1 is given twice")]
    [InlineData("pcie_all_reduce_efficiency=", "--grid pcie_all_reduce_efficiency: '' is not a number in 0 < x <= 1")]
    public void A_wrong_assignment_is_refused_with_what_is_allowed(string assignment, string message)
    {
        var errors = new List<string>();
        Assert.Null(ValidationGrid.Parse([assignment], "default", errors));
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_dimension_given_twice_or_unknown_limits_are_refused()
    {
        var errors = new List<string>();
        Assert.Null(ValidationGrid.Parse(["activation_passes=0", "activation_passes=4"], "mine", errors));
        Assert.Contains("error: --grid sets activation_passes twice; give each dimension once", errors);
        Assert.Contains(errors, e => e.StartsWith("error: --limits 'mine' must be default", StringComparison.Ordinal));
    }

    [Fact]
    public void Under_own_limits_each_point_holds_what_the_row_simulates_under_its_own_engine_and_the_passes_slow_every_roofline_row()
    {
        // A TensorRT-LLM row: its own limits (2,048 sequences, 8,192 tokens, no chunked prefill) are not the defaults'.
        PublishedMeasurement row = PublishedRows.Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 1000, input: 2048, output: 128) with { EngineProfile = ServingEngineProfiles.TensorRtLlm };
        List<PublishedMeasurement> rows = [row];
        var errors = new List<string>();
        ValidationGrid spec = ValidationGrid.Parse(["compute_efficiency=0.6", "memory_efficiency=0.75", "step_overhead_ms=1", "pcie_all_reduce_efficiency=0.5", "tp_attention_serial_share=0.1", "activation_passes=0,8"], "own", errors)!;
        Assert.Empty(errors);

        EfficiencyGrid own = EfficiencyGrid.Simulate(rows, new ServingEngineSpec(), spec);
        EfficiencyGrid defaultLimits = EfficiencyGrid.Simulate(rows, new ServingEngineSpec(), spec with { OwnEngineLimits = false });
        Assert.Equal(2, own.Candidates.Count);
        Assert.Same(spec, own.Grid);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(ValidationSimulator.Simulate(row, own.Candidates[k], ownEngine: true), own.ValuesAt(k)[0]);
            Assert.Equal(ValidationSimulator.Simulate(row, own.Candidates[k]), defaultLimits.ValuesAt(k)[0]);
        }
        // The limits matter to this row, and eight passes of each token's activations cost throughput.
        Assert.NotEqual(own.ValuesAt(0)[0], defaultLimits.ValuesAt(0)[0]);
        Assert.Equal(8.0, own.Candidates[1].ActivationPasses);
        Assert.True(own.ValuesAt(1)[0] < own.ValuesAt(0)[0], $"{own.ValuesAt(1)[0]} tokens/s with 8 passes against {own.ValuesAt(0)[0]} without");
    }
}
