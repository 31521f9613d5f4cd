using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Catalogs;

/// <summary>
/// Optional measured ceilings beside a GPU's datasheet peaks: read, checked against the peaks,
/// and kept out of the engine's view so no step time changes.
/// </summary>
public sealed class MeasuredCeilingTests
{
    private const string H200Tail = "source: H200 datasheet\n    as_of: 2024-11-18\n";

    private static (CatalogLoadResult Result, string Text) LoadH200With(string extraLines)
    {
        string gpus = TestCatalog.Gpus.Replace(H200Tail, H200Tail + extraLines, StringComparison.Ordinal);
        Assert.NotEqual(TestCatalog.Gpus, gpus);
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory, new Dictionary<string, string> { ["gpus.yaml"] = gpus });
        return (CatalogLoader.Load(directory), gpus);
    }

    /// <summary>1-based line and column of the value of <paramref name="key"/> in <paramref name="text"/>.</summary>
    private static (int Line, int Column) ValueOf(string text, string key)
    {
        string[] lines = text.Split('\n');
        int i = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        return (i + 1, lines[i].IndexOf(key, StringComparison.Ordinal) + key.Length + 3);
    }

    [Theory]
    [InlineData("a100-80gb", 271.2, null, 312.0)]
    [InlineData("h100-sxm", 794.5, 1402.6, 989.0)]
    [InlineData("b200", 1745.0, 3432.5, 2250.0)]
    public void The_published_matmul_ceilings_sit_below_the_datasheet_and_leave_the_engine_alone(string id, double bf16, double? fp8, double peakBf16)
    {
        CatalogLoadResult result = CatalogLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "catalog"));
        GpuCatalogEntry gpu = result.Catalog!.Gpus[id];

        Assert.Equal(bf16, gpu.MeasuredBf16DenseTflops);
        Assert.Equal(fp8, gpu.MeasuredFp8DenseTflops);
        Assert.Equal(peakBf16, gpu.Bf16DenseTflops);
        Assert.True(gpu.MeasuredBf16DenseTflops < gpu.Bf16DenseTflops);
        Assert.Contains("ml-engineering", gpu.MeasuredSource, StringComparison.Ordinal);
        Assert.Equal(gpu.ToSpec(), (gpu with { MeasuredBf16DenseTflops = null, MeasuredFp8DenseTflops = null, MeasuredSource = null }).ToSpec());
    }

    [Fact]
    public void The_repository_h200_carries_its_measured_ceilings_beside_the_datasheet()
    {
        CatalogLoadResult result = CatalogLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "catalog"));
        Assert.Empty(result.Diagnostics);
        GpuCatalogEntry h200 = result.Catalog!.Gpus["h200"];

        Assert.Equal(4274, h200.MeasuredHbmBandwidthGbPerSecond);
        Assert.Equal(732, h200.MeasuredBf16DenseTflops);
        Assert.Equal(1349, h200.MeasuredFp8DenseTflops);
        Assert.Contains("calibration/measurements/h200-pytorch", h200.MeasuredSource, StringComparison.Ordinal);
        Assert.Equal(4800, h200.HbmBandwidthGbPerSecond);
        Assert.Equal(989, h200.Bf16DenseTflops);
        // The engine sees the datasheet only: the spec is the same with or without the measurements.
        Assert.Equal(h200.ToSpec(), (h200 with { MeasuredHbmBandwidthGbPerSecond = null, MeasuredBf16DenseTflops = null, MeasuredFp8DenseTflops = null, MeasuredSource = null }).ToSpec());
        Assert.All(result.Catalog.Gpus.Values.Where(g => g.Id != "h200"), g => Assert.Null(g.MeasuredHbmBandwidthGbPerSecond));
    }

    [Fact]
    public void Measured_ceilings_load_when_given_with_their_source()
    {
        (CatalogLoadResult result, _) = LoadH200With("    measured_hbm_gb_per_s: 4274\n    measured_bf16_tflops: 732\n    measured_source: one H200, PyTorch\n");

        Assert.Empty(result.Diagnostics);
        GpuCatalogEntry h200 = result.Catalog!.Gpus["h200"];
        Assert.Equal(4274, h200.MeasuredHbmBandwidthGbPerSecond);
        Assert.Equal(732, h200.MeasuredBf16DenseTflops);
        Assert.Null(h200.MeasuredFp8DenseTflops);
        Assert.Equal("one H200, PyTorch", h200.MeasuredSource);
    }

    [Fact]
    public void A_measured_ceiling_above_the_datasheet_peak_is_an_error_at_its_value()
    {
        (CatalogLoadResult result, string text) = LoadH200With("    measured_bf16_tflops: 1200\n    measured_source: one H200\n");

        Assert.Null(result.Catalog);
        (int line, int column) = ValueOf(text, "measured_bf16_tflops");
        Diagnostic d = DiagnosticAssert.HasError(result.Diagnostics, line, column, "gpus[2].measured_bf16_tflops (1200) is above the datasheet peak bf16_dense_tflops (989)");
        Assert.Contains("at most the datasheet peak", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Measured_ceilings_need_their_source_and_their_peak()
    {
        string gpus = TestCatalog.Gpus;
        (CatalogLoadResult result, _) = LoadH200With("    measured_hbm_gb_per_s: 4274\n");
        Assert.Null(result.Catalog);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("gpus[2]: measured ceilings need 'measured_source'", StringComparison.Ordinal));

        // The test catalog's L4 entry is edited to drop its FP8 peak and claim a measured FP8 ceiling.
        string noFp8 = gpus.Replace("fp8_dense_tflops: 242\n", "measured_fp8_tflops: 200\n    measured_source: x\n", StringComparison.Ordinal);
        Assert.NotEqual(gpus, noFp8);
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory, new Dictionary<string, string> { ["gpus.yaml"] = noFp8 });
        CatalogLoadResult l4 = CatalogLoader.Load(directory);
        (int line, int column) = ValueOf(noFp8, "measured_fp8_tflops");
        DiagnosticAssert.HasError(l4.Diagnostics, line, column, "gpus[3].measured_fp8_tflops: give the datasheet peak 'fp8_dense_tflops' beside a measured ceiling"
            + " (allowed: a measured ceiling beside its datasheet peak fp8_dense_tflops, or neither)");
    }
}
