using Microsoft.ML.OnnxRuntime.Tensors;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;

namespace Planner.Cli.Tests;

/// <summary><c>planner bench</c> and <c>planner calibrate</c> end to end on tiny inputs, and their answers to user mistakes.</summary>
public sealed class CalibrationCommandTests
{
    private const string CommittedProfile = "calibration/profiles/cpu-amd-epyc-llama-3.1-8b.yaml";

    private const string CommittedMeasurements = "calibration/measurements/cpu-amd-epyc/llama-3.1-8b/20261122T052757Z.csv";

    /// <summary>y = x·W + b with x [batch, sequence_length, 8]: an ONNX file of the user's own, in miniature.</summary>
    private static string TinyOnnx(TempDir dir)
    {
        var g = new OnnxGraph("tiny");
        g.AddInput("x", TensorElementType.Float, "batch", "sequence_length", 8);
        g.AddInitializer(new OnnxInitializer { Name = "w", ElementType = TensorElementType.Float, Shape = [8, 8], Data = new byte[8 * 8 * 4] });
        g.Op("MatMul", ["x", "w"], "y");
        g.AddOutput("y", TensorElementType.Float, "batch", "sequence_length", 8);
        string path = Path.Combine(dir.Path, "tiny.onnx");
        File.WriteAllBytes(path, OnnxModelWriter.Write(g));
        return path;
    }

    private static void NoStackTrace(CliRun run) => Assert.DoesNotContain("   at ", run.Stderr);

    [Fact]
    public void Bench_calibrate_and_check_run_end_to_end_on_an_onnx_file()
    {
        using var dir = new TempDir();
        string model = TinyOnnx(dir);
        string root = Path.Combine(dir.Path, "measurements");
        CliRun bench = CliRun.Invoke("bench", "--onnx", model, "--batch", "1,4", "--seq", "2,16", "--max-seconds", "0.2", "--threads", "1", "--out", root);
        Assert.True(bench.ExitCode == 0, bench.Stderr + bench.Stdout);
        Assert.Contains("x: float32 [batch, sequence_length, 8]", bench.Stdout);
        Assert.Contains("timing prefill only", bench.Stdout);
        string csv = Directory.GetFiles(root, "*.csv", SearchOption.AllDirectories).Single(f => !f.EndsWith(".operators.csv", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(csv, ".json")));
        Assert.Equal(4, File.ReadAllLines(csv).Length - 1);
        // The operator breakdown from ONNX Runtime's profiler: the model's one MatMul at every point.
        string operators = Path.ChangeExtension(csv, ".operators.csv");
        string[] operatorLines = File.ReadAllLines(operators);
        Assert.StartsWith("component,blocks,phase,batch,new_tokens,past_tokens,op_type,provider,nodes,runs,kernel_s_per_run,share", operatorLines[0]);
        Assert.Equal(4, operatorLines.Count(l => l.Contains(",MatMul,CPUExecutionProvider,1,1,", StringComparison.Ordinal)));
        Assert.Contains("\"operators_file\": \"" + Path.GetFileName(operators) + "\"", File.ReadAllText(Path.ChangeExtension(csv, ".json")));

        string profile = Path.Combine(dir.Path, "profiles", "tiny.yaml");
        CliRun calibrate = CliRun.Invoke("calibrate", csv, "--out", profile);
        Assert.True(calibrate.ExitCode == 0, calibrate.Stderr + calibrate.Stdout);
        Assert.Contains("R²", calibrate.Stdout);
        Assert.Contains("no measurement exercises per_decode_sequence_s", calibrate.Stdout);
        Assert.True(File.Exists(profile));

        CliRun check = CliRun.Invoke("calibrate", "check", profile, "--write");
        Assert.True(check.ExitCode == 0, check.Stderr + check.Stdout);
        Assert.Contains("prefill batch 4 × 16", check.Stdout);
        Assert.Contains("4 points: mean absolute error", check.Stdout);
        Assert.True(File.Exists(Path.ChangeExtension(profile, ".check.txt")));
    }

    [Fact]
    public void The_committed_profile_checks_against_its_committed_measurements()
    {
        CliRun check = CliRun.Invoke("calibrate", "check", Path.Combine(RepoPaths.Root, CommittedProfile));
        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("decode batch 4 after 2048", check.Stdout);
        Assert.Contains("points: mean absolute error", check.Stdout);
    }

    [Fact]
    public void A_corrupt_model_is_bad_input_with_onnx_runtimes_reason()
    {
        using var dir = new TempDir();
        string model = dir.Write("corrupt.onnx", "this is not a protobuf model");
        CliRun run = CliRun.Invoke("bench", "--onnx", model, "--out", Path.Combine(dir.Path, "m"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: cannot load the model", run.Stderr);
        Assert.Contains("protobuf", run.Stderr, StringComparison.OrdinalIgnoreCase);
        NoStackTrace(run);
    }

    [Fact]
    public void An_unknown_provider_lists_the_allowed_ones()
    {
        CliRun run = CliRun.Invoke("bench", "--model", "llama-3.1-8b", "--provider", "rocm");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown execution provider 'rocm' (allowed: cpu, cuda, tensorrt)", run.Stderr);
        NoStackTrace(run);
    }

    [Fact]
    public void List_providers_says_which_run_here_and_why_the_others_cannot()
    {
        CliRun run = CliRun.Invoke("bench", "--list-providers");
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("ONNX Runtime 1.32.0", run.Stdout);
        Assert.Contains("cpu: available (runs here)", run.Stdout);
        foreach (string gpu in new[] { "cuda", "tensorrt" })
        {
            string line = run.Stdout.Split('\n').Single(l => l.StartsWith(gpu + ":", StringComparison.Ordinal));
            if (ProviderCheck.Check(gpu == "cuda" ? ExecutionProvider.Cuda : ExecutionProvider.TensorRt).CanRun)
            {
                Assert.StartsWith($"{gpu}: available", line);
            }
            else
            {
                Assert.Matches($@"^{gpu}: unavailable: execution provider '{gpu}' cannot start: lib\S+\.so\S* \(.+\) is missing\. Install it: ", line);
            }
        }
    }

    [Fact]
    public void A_gpu_provider_without_cuda_names_the_missing_library_in_one_line()
    {
        if (ProviderCheck.Check(ExecutionProvider.Cuda).CanRun)
        {
            return;
        }
        CliRun run = CliRun.Invoke("bench", "--model", "llama-3.1-8b", "--provider", "cuda", "--out", Path.Combine(Path.GetTempPath(), "planner-never-written"));
        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith("error: execution provider 'cuda' cannot start: lib", line);
        Assert.Contains("Install it: ", line);
        Assert.DoesNotContain("onnxruntime_src", run.Stderr + run.Stdout);
        NoStackTrace(run);
    }

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "-1")]
    [InlineData("--threads", "99999")]
    [InlineData("--max-seconds", "-1")]
    [InlineData("--max-seconds", "0")]
    [InlineData("--max-seconds", "1e9")]
    public void Bench_refuses_a_thread_count_or_time_cap_out_of_range_by_its_name(string option, string value)
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "measurements");
        CliRun run = CliRun.Invoke("bench", "--onnx", TinyOnnx(dir), "--batch", "1", "--seq", "2", "--out", output, option, value);
        Assert.Equal(2, run.ExitCode);
        string allowed = option == "--threads"
            ? $"(allowed: 1 to {Environment.ProcessorCount}, this machine's logical cores)"
            : "(allowed: above 0 and up to 3,600 seconds of measuring per point)";
        Assert.Equal($"error: {option}: {double.Parse(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range {allowed}", run.Stderr.Trim());
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(output), "nothing may be measured or written for bad input");
    }

    [Fact]
    public void An_unknown_model_lists_the_catalog_models()
    {
        CliRun run = CliRun.Invoke("bench", "--model", "llama-9b");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown model 'llama-9b'", run.Stderr);
        Assert.Contains("llama-3.1-8b", run.Stderr);
    }

    [Fact]
    public void A_malformed_measurement_file_is_bad_input_with_its_line()
    {
        using var dir = new TempDir();
        string csv = dir.Write("m.csv", "component,blocks\nhead,0\n");
        dir.Write("m.json", "{}");
        CliRun run = CliRun.Invoke("calibrate", csv);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{csv}:1: expected the header", run.Stderr);
        NoStackTrace(run);
    }

    [Fact]
    public void An_oversized_or_cut_short_input_and_a_profile_path_below_a_file_are_bad_input_in_plain_words()
    {
        // A 2 GiB CSV ran into 8 GB of memory; a cut-short metadata file quoted the serializer; a
        // profile path below a file was exit 1 with .NET's "The file … already exists".
        using var dir = new TempDir();
        string committed = Path.Combine(RepoPaths.Root, CommittedMeasurements);
        string csv = Path.Combine(dir.Path, "m.csv");
        string json = Path.Combine(dir.Path, "m.json");
        File.Copy(committed, csv);
        string metadata = File.ReadAllText(Path.ChangeExtension(committed, ".json"));
        File.WriteAllText(json, metadata[..metadata.IndexOf('\n', metadata.Length / 2)]);
        CliRun cut = CliRun.Invoke("calibrate", csv, "--out", Path.Combine(dir.Path, "p.yaml"));
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains("malformed metadata: the file ends before its JSON does (it is empty or cut short)", cut.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", cut.Stderr, StringComparison.Ordinal);

        File.WriteAllText(json, metadata);
        string file = dir.Write("afile", "x");
        CliRun below = CliRun.Invoke("calibrate", csv, "--out", Path.Combine(file, "p.yaml"));
        Assert.Equal(2, below.ExitCode);
        Assert.Contains($"would be a file inside {file}, which is a file", below.Stderr, StringComparison.Ordinal);

        using (var huge = new FileStream(csv, FileMode.Create))
        {
            huge.SetLength(Planner.Calibration.Benchmarking.InputFileLimits.MaxTableBytes + 1); // sparse
        }
        CliRun big = CliRun.Invoke("calibrate", csv, "--out", Path.Combine(dir.Path, "p.yaml"));
        Assert.Equal(2, big.ExitCode);
        Assert.Contains("64.1 MiB, larger than any measurement CSV planner bench or an import writes (allowed: up to 64 MiB)", big.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "p.yaml")));
        NoStackTrace(big);
    }

    [Fact]
    public void Calibrate_refuses_a_folder_for_its_profile_or_its_measurements()
    {
        using var dir = new TempDir();
        string csv = Path.Combine(RepoPaths.Root, CommittedMeasurements);
        CliRun folderOut = CliRun.Invoke("calibrate", csv, "--out", dir.Path);
        Assert.Equal(2, folderOut.ExitCode);
        Assert.Equal($"error: --out: {dir.Path} is a folder (allowed: a profile file to write, new or a performance profile written before, for example {Path.Combine(dir.Path, "NAME.yaml")})",
            folderOut.Stderr.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));

        CliRun folderIn = CliRun.Invoke("calibrate", dir.Path, "--out", Path.Combine(dir.Path, "p.yaml"));
        Assert.Equal(2, folderIn.ExitCode);
        Assert.StartsWith($"error: {dir.Path}: is a folder, not a measurement file (allowed: a measurement CSV", folderIn.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", folderIn.Stderr);
    }

    [Fact]
    public void Calibrate_replaces_a_profile_but_not_a_file_of_the_users()
    {
        using var dir = new TempDir();
        string csv = Path.Combine(RepoPaths.Root, CommittedMeasurements);
        string notes = dir.Write("notes.yaml", "my notes: keep them\n");
        CliRun refused = CliRun.Invoke("calibrate", csv, "--out", notes);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: --out: {notes} exists and is not a Planner performance profile, so it was left as it is "
            + "(allowed: a new file, or a performance profile planner calibrate wrote, which is replaced)", refused.Stderr.Trim());
        Assert.Equal("my notes: keep them\n", File.ReadAllText(notes));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));

        string profile = Path.Combine(dir.Path, "profile.yaml");
        File.Copy(Path.Combine(RepoPaths.Root, CommittedProfile), profile);
        string before = File.ReadAllText(profile);
        CliRun replaced = CliRun.Invoke("calibrate", csv, "--out", profile);
        Assert.True(replaced.ExitCode == 0, replaced.Stderr);
        Assert.NotEqual(before, File.ReadAllText(profile));

        // A profile that no longer loads (an older format, a figure out of range) is what calibrating again is for.
        File.WriteAllText(profile, before.Split('\n')[0] + "\nprofile: [damaged\n");
        CliRun regenerated = CliRun.Invoke("calibrate", csv, "--out", profile);
        Assert.True(regenerated.ExitCode == 0, regenerated.Stderr);
        Assert.StartsWith("# Planner performance profile", File.ReadAllText(profile), StringComparison.Ordinal);
        Assert.DoesNotContain("[damaged", File.ReadAllText(profile), StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_says_in_one_line_where_it_cannot_write()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        // /proc takes no new files, even from root.
        CliRun run = CliRun.Invoke("calibrate", Path.Combine(RepoPaths.Root, CommittedMeasurements), "--out", "/proc/planner-profile.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: --out: cannot write /proc/planner-profile.yaml: no file can be created in /proc: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        NoStackTrace(run);
    }

    [Fact]
    public void A_published_table_imports_calibrates_and_extrapolates_to_another_gpu()
    {
        using var dir = new TempDir();
        string table = dir.Write("trtllm.csv", """
            phase,batch,input_tokens,context_tokens,step_ms,source
            prefill,1,512,0,38,table A
            prefill,4,512,0,140,table A
            prefill,1,2048,0,160,table A
            decode,1,,1024,9.1,table B
            decode,16,,1024,12.4,table B
            decode,64,,2048,24.0,table B
            decode,8,,512,10.6,table B
            """);
        string root = Path.Combine(dir.Path, "calibration", "measurements");
        CliRun import = CliRun.Invoke("calibrate", "import-csv", table, "--model", "llama-3.1-8b", "--hardware", "h100-sxm",
            "--source", "https://example.org/perf (2025)", "--engine", "tensorrt-llm", "--out", root);
        Assert.True(import.ExitCode == 0, import.Stderr + import.Stdout);
        string csv = Directory.GetFiles(root, "*.csv", SearchOption.AllDirectories).Single(f => !f.Contains(".source", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(csv)!, "*.source.csv"));

        CliRun calibrate = CliRun.Invoke("calibrate", csv);
        Assert.True(calibrate.ExitCode == 0, calibrate.Stderr + calibrate.Stdout);
        string profile = Path.Combine(dir.Path, "calibration", "profiles", "h100-sxm-llama-3.1-8b.yaml");
        Assert.True(File.Exists(profile), calibrate.Stdout);
        Assert.Contains("gpu: \"h100-sxm\"", File.ReadAllText(profile));

        CliRun extrapolate = CliRun.Invoke("calibrate", "extrapolate", profile, "--gpu", "l4");
        Assert.True(extrapolate.ExitCode == 0, extrapolate.Stderr + extrapolate.Stdout);
        string l4 = Path.Combine(dir.Path, "calibration", "profiles", "l4-llama-3.1-8b.yaml");
        Assert.Contains("extrapolated_from:", File.ReadAllText(l4));
        Assert.Contains("roofline ratios from h100-sxm to l4", extrapolate.Stdout);

        CliRun fromCpu = CliRun.Invoke("calibrate", "extrapolate", Path.Combine(RepoPaths.Root, CommittedProfile), "--gpu", "l4", "--out", Path.Combine(dir.Path, "x.yaml"));
        Assert.Equal(2, fromCpu.ExitCode);
        NoStackTrace(fromCpu);
    }
}
