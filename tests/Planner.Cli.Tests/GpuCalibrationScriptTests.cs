using System.Diagnostics;
using Planner.Calibration.Runtime;

namespace Planner.Cli.Tests;

/// <summary>
/// calibration/gpu/run.sh end to end on the CPU provider with a tiny model and sweep: everything the
/// script does on a GPU machine except the device itself (provider check, sweep, fit, check, files).
/// </summary>
public sealed class GpuCalibrationScriptTests
{
    private const string TinyModel = """

          - id: tiny-llama
            name: Tiny Llama-shaped decoder (tests only)
            params_billion: 0.001
            active_params_billion: 0.001
            layers: 4
            hidden_size: 64
            intermediate_size: 128
            attention_heads: 4
            kv_heads: 2
            head_dim: 16
            vocab_size: 512
            experts: 1
            experts_per_token: 1
            max_context_tokens: 4096
            source: tests/Planner.Cli.Tests/GpuCalibrationScriptTests.cs
            as_of: 2026-12-04

        """;

    private static (int ExitCode, string Output) RunScript(TempDir dir, string provider, string catalog)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "calibration", "gpu", "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PLANNER_PROVIDER"] = provider;
        start.Environment["PLANNER_BIN"] = Path.Combine(AppContext.BaseDirectory, "planner");
        start.Environment["PLANNER_MODEL"] = "tiny-llama";
        start.Environment["PLANNER_CATALOG"] = catalog;
        start.Environment["PLANNER_OUT"] = Path.Combine(dir.Path, "calibration");
        start.Environment["PLANNER_SWEEP"] = "--blocks 1 --batch 1,2 --seq 4,8 --context 8,16 --max-seconds 0.2 --threads 1 --operator-runs 1";
        start.Environment["PLANNER_TIME_LIMIT_S"] = "300";
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "run.sh did not finish in 5 minutes");
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string Catalog(TempDir dir)
    {
        string catalog = Path.Combine(dir.Path, "catalog");
        Directory.CreateDirectory(catalog);
        foreach (string file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios", "catalog"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(catalog, Path.GetFileName(file)));
        }
        File.AppendAllText(Path.Combine(catalog, "models.yaml"), TinyModel);
        return catalog;
    }

    [Fact]
    public void The_script_measures_fits_and_checks_on_the_cpu_provider()
    {
        using var dir = new TempDir();
        (int exitCode, string output) = RunScript(dir, "cpu", Catalog(dir));
        Assert.True(exitCode == 0, output);
        Assert.Contains("cpu: available", output);
        string measurements = Path.Combine(dir.Path, "calibration", "measurements");
        string csv = Directory.GetFiles(measurements, "*.csv", SearchOption.AllDirectories).Single(f => !f.EndsWith(".operators.csv", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(csv, ".json")));
        Assert.True(File.Exists(Path.ChangeExtension(csv, ".operators.csv")));
        string profiles = Path.Combine(dir.Path, "calibration", "profiles");
        string profile = Directory.GetFiles(profiles, "*-tiny-llama.yaml").Single();
        Assert.Contains("execution_provider: \"cpu\"", File.ReadAllText(profile));
        Assert.Contains("8 points: mean absolute error", File.ReadAllText(Path.ChangeExtension(profile, ".check.txt")));
        Assert.Contains("== done", output);
    }

    [Fact]
    public void Without_cuda_the_script_stops_before_the_sweep_with_the_reason()
    {
        if (ProviderCheck.Check(ExecutionProvider.Cuda).CanRun)
        {
            return;
        }
        using var dir = new TempDir();
        (int exitCode, string output) = RunScript(dir, "cuda", Catalog(dir));
        Assert.Equal(2, exitCode);
        Assert.Contains("cuda: unavailable: execution provider 'cuda' cannot start: lib", output);
        Assert.Contains("error: provider 'cuda' cannot run here", output);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "calibration", "measurements")));
    }
}
