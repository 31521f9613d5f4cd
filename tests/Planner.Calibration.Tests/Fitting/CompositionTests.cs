using Planner.Calibration.Benchmarking;
using Planner.Calibration.Fitting;
using Planner.Calibration.Models;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Fitting;

public sealed class CompositionTests
{
    [Fact]
    public void Whole_model_time_is_overhead_plus_layers_times_a_block_plus_the_head()
    {
        var set = new MeasurementSet
        {
            Metadata = Measurements.Metadata(layers: 32),
            Rows =
            [
                Measurements.Row(ModelComponent.Overhead, 0, BenchmarkPhase.Decode, 1, 1, 0, 0.001),
                Measurements.Row(ModelComponent.Head, 0, BenchmarkPhase.Decode, 4, 1, 100, 0.051),
                Measurements.Row(ModelComponent.BlockStack, 2, BenchmarkPhase.Decode, 4, 1, 100, 0.021),
                Measurements.Row(ModelComponent.Head, 0, BenchmarkPhase.Prefill, 1, 64, 0, 0.101),
                Measurements.Row(ModelComponent.BlockStack, 2, BenchmarkPhase.Prefill, 1, 64, 0, 0.201),
            ],
        };
        var points = MeasurementComposer.Compose(set).ToDictionary(p => p.Label);
        Assert.Equal(2, points.Count);
        Assert.Equal(0.001 + 32 * (0.020 / 2) + 0.050, points["decode batch 4 after 100"].Seconds, 9);
        Assert.Equal(0.001 + 32 * (0.200 / 2) + 0.100, points["prefill batch 1 × 64"].Seconds, 9);
        Assert.Equal(StepWork.Of(BenchmarkPhase.Decode, 4, 1, 100), points["decode batch 4 after 100"].Work);
    }

    [Fact]
    public void A_block_point_without_its_head_point_is_an_error()
    {
        var set = new MeasurementSet
        {
            Metadata = Measurements.Metadata(),
            Rows = [Measurements.Row(ModelComponent.BlockStack, 2, BenchmarkPhase.Decode, 4, 1, 100, 0.02)],
            CsvPath = "m.csv",
        };
        var e = Assert.Throws<MeasurementFormatException>(() => MeasurementComposer.Compose(set));
        Assert.Contains("decode batch 4 after 100 has no head measurement", e.Message);
    }

    [Fact]
    public void Block_rows_need_the_layer_count()
    {
        var set = new MeasurementSet
        {
            Metadata = Measurements.Metadata(layers: null),
            Rows = [Measurements.Row(ModelComponent.BlockStack, 2, BenchmarkPhase.Decode, 4, 1, 100, 0.02)],
            CsvPath = "m.csv",
        };
        Assert.Contains("layer count", Assert.Throws<MeasurementFormatException>(() => MeasurementComposer.Compose(set)).Message);
    }
}
