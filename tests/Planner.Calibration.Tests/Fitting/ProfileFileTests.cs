using Planner.Calibration.Fitting;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Profiles;

namespace Planner.Calibration.Tests.Fitting;

/// <summary>Profiles written by Planner.Calibration read back through Planner.Scenarios' checked reader.</summary>
public sealed class ProfileFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("planner-profile-").FullName;

    private static ProfileDocument Document => new()
    {
        Profile = "h100-sxm-llama-3.1-8b",
        Model = "llama-3.1-8b",
        Hardware = new ProfileHardware { Name = "NVIDIA H100 80GB HBM3", Kind = "gpu", Gpu = "h100-sxm", ExecutionProvider = "cuda", OnnxRuntimeVersion = "1.30.0", Threads = null },
        StepTimeModel = new StepTimeCoefficients
        {
            FixedSeconds = 0.0061234567,
            PerPrefillTokenSeconds = 2.3456789e-5,
            PerPrefillAttentionPairSeconds = 0,
            PerDecodeSequenceSeconds = 1.5e-4,
            PerDecodeContextTokenSeconds = 3.21e-8,
        },
        Fit = new ProfileFit { Points = 18, R2 = 0.9987, KFoldMape = 0.0421, Folds = 5, Measurements = "../measurements/h100-sxm/llama-3.1-8b/20261122T000000Z.csv" },
        Created = new DateOnly(2026, 11, 22),
        Comments = ["a comment"],
    };

    [Fact]
    public void A_written_profile_reads_back_with_the_same_numbers()
    {
        string path = Path.Combine(_dir, "h100-sxm-llama-3.1-8b.yaml");
        ProfileYamlWriter.WriteFile(Document, path);
        PerformanceProfileReadResult read = PerformanceProfileFile.Load(path);
        Assert.Empty(read.Diagnostics);
        PerformanceProfileDocument d = read.Document!;
        Assert.Equal("h100-sxm-llama-3.1-8b", d.Spec.Name);
        Assert.Equal("NVIDIA H100 80GB HBM3", d.Spec.Hardware);
        Assert.Equal("gpu", d.HardwareKind);
        Assert.Equal("h100-sxm", d.Gpu);
        Assert.Null(d.Threads);
        Assert.False(d.Spec.IsExtrapolated);
        Assert.Equal(0.0421, d.Spec.KFoldMape!.Value, 9);
        Assert.Equal(18, d.FitPoints);
        StepTimeCoefficients c = d.Spec.Coefficients;
        Assert.Equal(0.0061234567, c.FixedSeconds, 1e-8);
        Assert.Equal(2.3456789e-5, c.PerPrefillTokenSeconds, 1e-10);
        Assert.Equal(3.21e-8, c.PerDecodeContextTokenSeconds, 1e-14);
        Assert.Equal(Path.GetFullPath(Path.Combine(_dir, "../measurements/h100-sxm/llama-3.1-8b/20261122T000000Z.csv")), d.MeasurementsPath);
    }

    [Fact]
    public void Extrapolation_scales_compute_and_memory_terms_by_the_datasheet_ratios_and_says_so()
    {
        var h100 = new GpuSpec { Id = "h100-sxm", Name = "H100 SXM", MemoryGb = 80, HbmBandwidthGbPerSecond = 3350, Bf16DenseTflops = 989 };
        var l4 = new GpuSpec { Id = "l4", Name = "L4", MemoryGb = 24, HbmBandwidthGbPerSecond = 300, Bf16DenseTflops = 121 };
        ProfileDocument l4Profile = ProfileExtrapolator.Extrapolate(Document, "h100-sxm-llama-3.1-8b.yaml", h100, l4, new DateOnly(2026, 11, 23));

        Assert.Equal("l4-llama-3.1-8b", l4Profile.Profile);
        Assert.Equal(Document.StepTimeModel.FixedSeconds * 3350 / 300, l4Profile.StepTimeModel.FixedSeconds, 12);
        Assert.Equal(Document.StepTimeModel.PerPrefillTokenSeconds * 989 / 121, l4Profile.StepTimeModel.PerPrefillTokenSeconds, 12);
        Assert.Equal(Document.StepTimeModel.PerDecodeContextTokenSeconds * 3350 / 300, l4Profile.StepTimeModel.PerDecodeContextTokenSeconds, 15);
        Assert.Contains("roofline ratios from h100-sxm to l4", l4Profile.ExtrapolatedFrom!.Method);

        string path = Path.Combine(_dir, "l4-llama-3.1-8b.yaml");
        ProfileYamlWriter.WriteFile(l4Profile, path);
        PerformanceProfileDocument read = PerformanceProfileFile.Load(path).Document!;
        Assert.True(read.Spec.IsExtrapolated);
        Assert.Equal("h100-sxm-llama-3.1-8b.yaml", read.ExtrapolatedFromProfile);
        Assert.Contains("extrapolated by roofline ratios, not measured", new CalibratedPerformanceProfile(read.Spec).Description);
    }

    [Fact]
    public void A_cpu_profile_is_not_extrapolated_to_a_gpu()
    {
        var gpu = new GpuSpec { Id = "l4", Name = "L4", MemoryGb = 24, HbmBandwidthGbPerSecond = 300, Bf16DenseTflops = 121 };
        ProfileDocument cpu = Document with { Hardware = Document.Hardware with { Kind = "cpu", Gpu = null } };
        Assert.Contains("CPU and a GPU", Assert.Throws<ArgumentException>(() => ProfileExtrapolator.Extrapolate(cpu, "x.yaml", gpu, gpu, default)).Message);
    }

    [Fact]
    public void Every_problem_in_a_profile_file_has_its_line_and_column()
    {
        string path = Path.Combine(_dir, "bad.yaml");
        string text = ProfileYamlWriter.Write(Document)
            .Replace("  kind: gpu", "  kind: tpu", StringComparison.Ordinal)
            .Replace("  per_decode_sequence_s: 1.5E-4", "  per_decode_sequence_s: -1", StringComparison.Ordinal)
            .Replace("  folds: 5\n", "  folds: 5\n  fold: 5\n", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        PerformanceProfileReadResult read = PerformanceProfileFile.Load(path);
        Assert.Null(read.Document);
        string[] messages = read.Diagnostics.Select(d => d.ToString()).ToArray();
        string[] lines = text.Split('\n');
        int Line(string start) => Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
        Assert.Contains(messages, m => m.StartsWith($"{path}:{Line("  kind:")}:9: error: ", StringComparison.Ordinal) && m.Contains("tpu", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:{Line("  per_decode_sequence_s:")}:26: error: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:{Line("  fold:")}:3: error: unknown key 'fit.fold'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_coefficient_past_any_processor_or_a_profile_of_all_zeros_is_refused_at_its_line()
    {
        // fixed_s: 1e300 validated and ran (0% SLO, nonsense warnings); all zeros gave a TTFT of 0.0 ms.
        string text = ProfileYamlWriter.Write(Document);
        string[] lines = text.Split('\n');
        int Line(string start) => Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
        string huge = Path.Combine(_dir, "huge.yaml");
        File.WriteAllText(huge, string.Join('\n', lines.Select(l => l.StartsWith("  fixed_s:", StringComparison.Ordinal) ? "  fixed_s: 1e300" : l)));
        PerformanceProfileReadResult read = PerformanceProfileFile.Load(huge);
        Assert.Null(read.Document);
        Assert.Contains(read.Diagnostics.Select(d => d.ToString()), m => m == $"{huge}:{Line("  fixed_s:")}:12: error: step_time_model.fixed_s: 1e300 is out of range (allowed: 0 to 60)");

        string zeros = Path.Combine(_dir, "zeros.yaml");
        string[] coefficients = ["  fixed_s:", "  per_prefill_token_s:", "  per_prefill_attention_pair_s:", "  per_decode_sequence_s:", "  per_decode_context_token_s:"];
        File.WriteAllText(zeros, string.Join('\n', lines.Select(l => coefficients.FirstOrDefault(c => l.StartsWith(c, StringComparison.Ordinal)) is string c ? c + " 0" : l)));
        read = PerformanceProfileFile.Load(zeros);
        Assert.Null(read.Document);
        Assert.Contains(read.Diagnostics.Select(d => d.ToString()), m => m.EndsWith(
            "error: step_time_model: every coefficient is 0, so a step would take no time (allowed: at least one coefficient above 0, as `planner calibrate` fits them)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_calibrated_profile_computes_fixed_plus_coefficients_times_work()
    {
        var profile = new CalibratedPerformanceProfile(new CalibratedProfileSpec
        {
            Name = "p",
            Hardware = "h",
            Coefficients = Document.StepTimeModel,
            SourcePath = "p.yaml",
            KFoldMape = 0.05,
        });
        StepTimeCoefficients c = Document.StepTimeModel;
        Assert.Equal(c.FixedSeconds + 100 * c.PerPrefillTokenSeconds + 5050 * c.PerPrefillAttentionPairSeconds, profile.StepSeconds(new StepShape(100, 5050, 0, 0)), 15);
        Assert.Equal(c.FixedSeconds + 8 * c.PerDecodeSequenceSeconds + 4000 * c.PerDecodeContextTokenSeconds, profile.StepSeconds(new StepShape(0, 0, 8, 4000)), 15);
        Assert.Equal(0, profile.StepSeconds(new StepShape(0, 0, 0, 0)));
        Assert.Equal("calibrated profile p on h (measured; k-fold MAPE 5%; p.yaml)", profile.Description);
    }

    [Fact]
    public void Negative_coefficients_are_refused_with_their_name()
    {
        var spec = new CalibratedProfileSpec
        {
            Name = "p",
            Hardware = "h",
            Coefficients = Document.StepTimeModel with { PerDecodeSequenceSeconds = -1e-3 },
            SourcePath = "p.yaml",
        };
        Assert.Contains("PerDecodeSequenceSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => new CalibratedPerformanceProfile(spec)).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
