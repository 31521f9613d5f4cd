using Planner.Calibration.Benchmarking;
using Planner.Calibration.Fitting;
using Planner.Calibration.Tests.Support;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Profiles;

namespace Planner.Calibration.Tests.Scenarios;

/// <summary>A scenario names a profile file; the loader checks it and the simulator runs on its step times.</summary>
public sealed class CalibratedScenarioTests
{
    private static string Scenario(string? profile) => Template.Replace("{profile}", profile is null ? "" : $"\n      performance_profile: {profile}", StringComparison.Ordinal);

    private const string Template = """
        name: calibrated-cpu
        start_month: 2026-11
        horizon_months: 1
        seed: 3
        workload:
          classes:
            - name: chat
              share: 1.0
              input_tokens: {distribution: fixed, tokens: 200}
              output_tokens: {distribution: fixed, tokens: 20}
          volume:
            requests_per_day: 200
        slo:
          ttft_p95_ms: 600000
        options:
          - name: api
            kind: api
            catalog: openai-gpt-4-1-mini
            latency: {ttft_median_ms: 400, ttft_p95_ms: 1000, output_tokens_per_s: 80}
          - name: llama-8b-measured
            kind: self_hosted
            model: llama-3.1-8b
            gpu: l4
            pricing: {per_gpu_hour_usd: 0.8, gpus_per_instance: 1, source: test quote, as_of: 2026-10-01}
            replicas: 1
            engine:
              max_concurrent_sequences: 8{profile}
        """;

    private static Catalog Catalog()
    {
        CatalogLoadResult result = CatalogLoader.Load(Path.Combine(Repository.Root, "scenarios", "catalog"));
        return result.Catalog ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }

    private static ScenarioLoadResult Load(string profile) =>
        ScenarioLoader.Load(Scenario(profile), "calibrated.yaml", Path.Combine(Repository.Root, "scenarios"), Catalog());

    [Fact]
    public void The_committed_profile_loads_through_the_scenario_and_drives_a_simulation()
    {
        ScenarioLoadResult loaded = Load("../" + Repository.CommittedProfile);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        // A CPU profile in a GPU option is allowed but called out.
        Assert.Contains(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("measured on a CPU", StringComparison.Ordinal));

        SelfHostedOptionSpec option = loaded.Scenario!.Options.OfType<SelfHostedOptionSpec>().Single();
        CalibratedProfileSpec spec = option.Engine.PerformanceProfile!;
        Assert.Equal("cpu-amd-epyc-llama-3.1-8b", spec.Name);
        Assert.False(spec.IsExtrapolated);
        IPerformanceProfile profile = PerformanceProfiles.For(option);
        Assert.IsType<CalibratedPerformanceProfile>(profile);

        ProjectionResult result = new Projector().Run(loaded.Scenario, maxParallelism: 1);
        OptionProjection projected = result.Options.Single(o => o.Name == "llama-8b-measured");
        Assert.StartsWith("calibrated profile cpu-amd-epyc-llama-3.1-8b on AMD EPYC", projected.PerformanceSource);
        Assert.Contains("measured", projected.PerformanceSource);
        MonthlyOutcome month = Assert.Single(projected.Months);
        Assert.True(month.RequestsServed > 0);
        // A whole 8B model on two CPU cores: a decode step takes seconds, so time to first token does too.
        double decode = profile.StepSeconds(new StepShape(0, 0, 1, 220));
        Assert.InRange(decode, 0.5, 60);
        Assert.True(month.TtftP50Ms > 1000 * profile.StepSeconds(new StepShape(200, 200 * 201 / 2, 0, 0)) * 0.5);
    }

    [Fact]
    public void The_committed_profile_predicts_its_own_measurements()
    {
        PerformanceProfileDocument profile = PerformanceProfileFile.Load(Path.Combine(Repository.Root, Repository.CommittedProfile)).Document!;
        MeasurementSet measurements = MeasurementFiles.Read(profile.MeasurementsPath);
        IReadOnlyList<ProfileCheckRow> rows = ProfileCheck.Compare(profile.Spec.Coefficients, measurements);
        Assert.Equal(profile.FitPoints, rows.Count);
        Assert.True(rows.Average(r => Math.Abs(r.RelativeError)) < 0.5);
        Assert.True(File.Exists(Path.ChangeExtension(Path.Combine(Repository.Root, Repository.CommittedProfile), ".check.txt")));
    }

    [Fact]
    public void The_roofline_stays_the_default_without_a_profile()
    {
        ScenarioLoadResult loaded = ScenarioLoader.Load(Scenario(null),
            "plain.yaml", Path.Combine(Repository.Root, "scenarios"), Catalog());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        Assert.IsType<RooflinePerformanceProfile>(PerformanceProfiles.For(loaded.Scenario!.Options.OfType<SelfHostedOptionSpec>().Single()));
    }

    /// <summary>1-based line and column of the value after <paramref name="key"/> in <paramref name="yaml"/>.</summary>
    private static (int Line, int Column) ValuePosition(string yaml, string key)
    {
        string[] lines = yaml.Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(key, StringComparison.Ordinal));
        return (index + 1, lines[index].IndexOf(key, StringComparison.Ordinal) + key.Length + 2);
    }

    [Fact]
    public void A_missing_profile_is_an_error_at_the_key_with_the_path_looked_for()
    {
        ScenarioLoadResult loaded = Load("../calibration/profiles/nope.yaml");
        Diagnostic error = Assert.Single(loaded.Diagnostics, d => d.IsError);
        (int line, int column) = ValuePosition(Scenario("../calibration/profiles/nope.yaml"), "performance_profile:");
        Assert.Equal(("calibrated.yaml", line, column), (error.File, error.Line, error.Column));
        Assert.Contains("options[1].engine.performance_profile: performance profile '../calibration/profiles/nope.yaml' not found", error.Message);
    }

    [Fact]
    public void Problems_inside_the_profile_are_reported_with_the_profiles_own_line_and_column()
    {
        string dir = Directory.CreateTempSubdirectory("planner-bad-profile-").FullName;
        try
        {
            string text = File.ReadAllText(Path.Combine(Repository.Root, Repository.CommittedProfile));
            string bad = string.Join('\n', text.Split('\n').Select(l => l.StartsWith("  fixed_s:", StringComparison.Ordinal) ? "  fixed_s: fast" : l));
            File.WriteAllText(Path.Combine(dir, "bad.yaml"), bad);
            int line = Array.FindIndex(bad.Split('\n'), l => l.StartsWith("  fixed_s:", StringComparison.Ordinal)) + 1;
            ScenarioLoadResult loaded = ScenarioLoader.Load(Scenario("bad.yaml"), "calibrated.yaml", dir, Catalog());
            Diagnostic error = Assert.Single(loaded.Diagnostics, d => d.IsError);
            Assert.Equal(ValuePosition(Scenario("bad.yaml"), "performance_profile:").Line, error.Line);
            Assert.Contains($"performance profile 'bad.yaml': bad.yaml:{line}:12: step_time_model.fixed_s", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
