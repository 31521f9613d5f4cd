using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// The level-and-shape split of calibration/VALIDATION.md: a configuration's level is the median of
/// its rows' log ratios, its rows' shape what is left, and small configurations stay out.
/// </summary>
public sealed class LevelAndShapeTests
{
    /// <summary>An offline output-throughput row of Llama 3.1 8B on one <paramref name="gpu"/>, from <paramref name="source"/>.</summary>
    private static PublishedMeasurement Row(string source, string gpu, int output, double value) =>
        PublishedRows.Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", requests: 1000, output: output) with
        {
            Id = $"{source}-{gpu}-{output}",
            Source = "source " + source,
            GpuLabel = gpu,
            Gpu = CatalogSpecs.Gpus[gpu],
            Value = value,
        };

    [Fact]
    public void A_configuration_off_by_one_factor_is_all_level_and_no_shape()
    {
        PublishedMeasurement[] rows = [Row("A", "h100-sxm", 128, 1000), Row("A", "h100-sxm", 256, 2000), Row("A", "h100-sxm", 512, 4000)];
        LevelAndShape d = LevelAndShape.Of(rows, [1100, 2200, 4400]);

        Assert.Equal(3, d.Rows);
        Assert.Equal(1, d.Configurations);
        Assert.Equal(10, d.MedianAbsolutePercent, 9);
        Assert.Equal(10, d.LevelMedianAbsolutePercent, 9);
        Assert.Equal(0, d.ShapeMedianAbsolutePercent, 9);
    }

    [Fact]
    public void The_level_is_the_median_log_ratio_and_the_shape_the_rest()
    {
        // Ratios 1.2, 1.0 and 0.8 in one configuration: its level is 1.0 (the median), the shape
        // errors 20%, 0% and 20%; the second configuration's ratios 0.9, 0.9, 0.99 have level 0.9
        // and shapes 0%, 0%, 10%.
        PublishedMeasurement[] rows =
        [
            Row("A", "h100-sxm", 128, 100), Row("A", "h100-sxm", 256, 100), Row("A", "h100-sxm", 512, 100),
            Row("A", "a100-80gb", 128, 100), Row("A", "a100-80gb", 256, 100), Row("A", "a100-80gb", 512, 100),
        ];
        LevelAndShape d = LevelAndShape.Of(rows, [120, 100, 80, 90, 90, 99]);

        Assert.Equal(6, d.Rows);
        Assert.Equal(2, d.Configurations);
        // As they are: 20, 0, 20, 10, 10, 1 → median (10 + 10) / 2.
        Assert.Equal(10, d.MedianAbsolutePercent, 9);
        // Levels: 0, 0, 0, 10, 10, 10 → median (0 + 10) / 2.
        Assert.Equal(5, d.LevelMedianAbsolutePercent, 9);
        // Shapes: 20, 0, 20, 0, 0, 10 → median (0 + 10) / 2.
        Assert.Equal(5, d.ShapeMedianAbsolutePercent, 9);
    }

    [Fact]
    public void Sources_are_configurations_apart_and_small_or_unsimulated_ones_stay_out()
    {
        PublishedMeasurement[] rows =
        [
            Row("A", "h100-sxm", 128, 100), Row("A", "h100-sxm", 256, 100), Row("A", "h100-sxm", 512, 100),
            // The same setup from another source, two rows only: left out.
            Row("B", "h100-sxm", 128, 100), Row("B", "h100-sxm", 256, 100),
            // Three rows, one not simulated: two left, so left out.
            Row("C", "h100-sxm", 128, 100), Row("C", "h100-sxm", 256, 100), Row("C", "h100-sxm", 512, 100),
        ];
        LevelAndShape d = LevelAndShape.Of(rows, [150, 150, 150, 50, 200, 70, double.NaN, 70]);

        Assert.Equal(3, d.Rows);
        Assert.Equal(1, d.Configurations);
        Assert.Equal(50, d.LevelMedianAbsolutePercent, 9);
        Assert.Equal(0, d.ShapeMedianAbsolutePercent, 9);
    }

    [Fact]
    public void Nothing_to_count_gives_no_figure_and_a_length_mismatch_is_refused()
    {
        PublishedMeasurement[] rows = [Row("A", "h100-sxm", 128, 100)];

        Assert.True(double.IsNaN(LevelAndShape.Of(rows, [100]).ShapeMedianAbsolutePercent));
        Assert.Throws<ArgumentException>(() => LevelAndShape.Of(rows, [100, 100]));
    }
}
