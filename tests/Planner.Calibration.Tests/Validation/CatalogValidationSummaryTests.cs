using System.Globalization;
using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// The catalog's validation summary (<c>scenarios/catalog/validation/published.yaml</c>), which
/// every report on a validated GPU quotes, must say what the committed cross-validation says:
/// recomputed here from <c>published.csv</c> and <c>results.csv</c>, it must match byte for byte.
/// </summary>
public sealed class CatalogValidationSummaryTests
{
    [Fact]
    public void The_committed_summary_is_what_the_committed_results_give()
    {
        string validation = Path.Combine(Repository.Root, "calibration", "validation");
        var errors = new List<string>();
        IReadOnlyList<PublishedMeasurement> rows = PublishedMeasurementReader.Read(Path.Combine(validation, "published.csv"), CatalogSpecs.Models, CatalogSpecs.Gpus, errors);
        Assert.Empty(errors);
        string[] lines = File.ReadAllLines(Path.Combine(validation, "results.csv"));
        string[] header = lines[0].Split(',');
        int id = Array.IndexOf(header, "id"), bySource = Array.IndexOf(header, "simulated_source_held_out"), byGpu = Array.IndexOf(header, "simulated_gpu_held_out");
        Dictionary<string, string[]> results = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[id], StringComparer.Ordinal);
        static double Value(string text) => text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        string expected = CatalogValidationSummary.Yaml(
            CatalogValidationSummary.Compute(rows, [.. rows.Select(r => Value(results[r.Id][bySource]))], [.. rows.Select(r => Value(results[r.Id][byGpu]))]),
            "published.csv");

        Assert.Equal(expected, File.ReadAllText(Path.Combine(Repository.Root, "scenarios", "catalog", "validation", "published.yaml")));
    }

    [Fact]
    public void Each_gpu_gets_its_rows_their_precisions_and_its_held_out_errors()
    {
        // Two rows on one GPU, 10% over and 30% under with the source held out; 20% over and equal with the GPU held out.
        PublishedMeasurement Row(string id, Precision precision) =>
            PublishedRows.Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 1, precision: precision) with { Id = id, Source = id, Value = 100 };
        PublishedMeasurement[] rows = [Row("a", Precision.Fp8), Row("b", Precision.Bf16)];

        (string gpu, PerformanceValidationSpec v) = Assert.Single(CatalogValidationSummary.Compute(rows, [110, 70], [120, 100]));

        Assert.Equal("h100-sxm", gpu);
        Assert.Equal(new PerformanceValidationSpec(2, "fp8, bf16", 0.2, -0.1, 0.1, CatalogValidationSummary.Reference) { MultiGpu = false, BiasGpuHeldOut = 0.1 }, v);
    }

    [Fact]
    public void The_bias_counts_a_short_latency_as_fast_like_a_high_throughput()
    {
        // Throughput 10% over (fast) and a TPOT 20% under (fast too): the speed bias is +15%, where
        // the plain mean of the signed errors, (10 − 20) / 2 = −5%, would call the model slow.
        PublishedMeasurement throughput = PublishedRows.Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 1) with { Id = "t", Source = "t", Value = 100 };
        PublishedMeasurement latency = throughput with { Id = "l", Source = "l", Metric = "tpot_ms", Value = 50 };

        (_, PerformanceValidationSpec v) = Assert.Single(CatalogValidationSummary.Compute([throughput, latency], [110, 40], [110, 40]));

        Assert.Equal(0.15, v.BiasSourceHeldOut, 12);
        Assert.Equal(0.15, v.BiasGpuHeldOut!.Value, 12);
        Assert.Equal(0.15, v.MedianAbsErrorSourceHeldOut, 12);
        // A row that could not be simulated has no error to count.
        Assert.Equal(10, CatalogValidationSummary.SpeedBias([throughput, latency], [110, double.NaN], _ => true), 12);
    }

    [Fact]
    public void Replicas_of_one_gpu_and_of_several_get_an_entry_each()
    {
        PublishedMeasurement single = PublishedRows.Row(PublishedMeasurement.OfflineRegime, "output_tokens_per_s", 1) with { Id = "one", Source = "s", Value = 100 };
        PublishedMeasurement several = single with { Id = "four", Gpus = 4, TensorParallel = 4 };

        IReadOnlyList<(string Gpu, PerformanceValidationSpec Validation)> entries = CatalogValidationSummary.Compute([several, single], [150, 105], [110, 95]);

        Assert.Equal([("h100-sxm", false, 1, 0.05, 0.05), ("h100-sxm", true, 1, 0.5, 0.1)],
            entries.Select(e => (e.Gpu, e.Validation.MultiGpu!.Value, e.Validation.Rows, e.Validation.MedianAbsErrorSourceHeldOut, e.Validation.MedianAbsErrorGpuHeldOut)));
        string yaml = CatalogValidationSummary.Yaml(entries, "published.csv");
        Assert.Contains("  - gpu: h100-sxm\n    replicas: single_gpu\n    rows: 1\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  - gpu: h100-sxm\n    replicas: multi_gpu\n    rows: 1\n", yaml, StringComparison.Ordinal);
    }
}
