using System.CommandLine;
using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Fitting;
using Planner.Calibration.Import;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Reports.Output;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Profiles;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner calibrate MEASUREMENTS.csv</c>: fit a performance profile; <c>calibrate check</c>:
/// compare a profile with its measurements row by row; <c>import-vllm</c>, <c>import-csv</c>:
/// measurements made elsewhere; <c>extrapolate</c>: a profile for an unmeasured GPU.
/// </summary>
public static class CalibrateCommand
{
    /// <summary>What to do when reading the measurements ran out of memory (the bench's advice, about its own options, was given here too).</summary>
    private const string OutOfMemoryHint = "the files given are larger than this machine can hold; give the measurement files or profiles planner bench, an import or planner calibrate wrote";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var measurements = new Argument<string>("measurements") { Description = "Measurement CSV written by planner bench or an import" };
        var output = new Option<string?>("--out") { Description = "Profile file to write (default: calibration/profiles/<hardware>-<model>.yaml)" };
        var folds = new Option<int>("--folds") { Description = "Folds of the held-out error estimate", DefaultValueFactory = _ => StepTimeFitter.DefaultFolds };
        var hardwareName = new Option<string?>("--hardware-name") { Description = "The hardware in words, for reports (default: from the measurement's environment)" };
        var command = new Command("calibrate", "Fit a performance profile (step-time coefficients ≥ 0, R², k-fold MAPE) to measurements")
        {
            measurements, output, folds, hardwareName,
            Check(stdout, stderr),
            ImportVllm(stdout, stderr),
            ImportCsv(stdout, stderr),
            ImportVidur(stdout, stderr),
            ImportVidurAllReduce(stdout, stderr),
            Extrapolate(stdout, stderr),
        };
        command.SetAction(parse => CalibrationCli.Guard(stderr, outOfMemoryHint: OutOfMemoryHint, body: () =>
            Fit(parse.GetValue(measurements)!, parse.GetValue(output), parse.GetValue(folds), parse.GetValue(hardwareName), stdout)));
        return command;
    }

    private static int Fit(string csv, string? output, int folds, string? hardwareName, TextWriter stdout)
    {
        if (folds < 2)
        {
            throw new ArgumentException("--folds: give a whole number ≥ 2");
        }
        MeasurementSet set = MeasurementFiles.Read(csv);
        IReadOnlyList<FitPoint> points = MeasurementComposer.Compose(set);
        if (points.Count == 0)
        {
            throw new ArgumentException($"{csv}: no step measurements to fit (only overhead rows?)");
        }
        StepTimeFit fit = StepTimeFitter.Fit(points, folds);
        MeasurementMetadata m = set.Metadata;
        string profileName = $"{EnvironmentProbe.Slug(m.Hardware)}-{EnvironmentProbe.Slug(m.Model)}";
        string path = output ?? Path.Combine(ProfilesFolder(csv), profileName + ".yaml");
        CheckProfileTarget(path, output is null ? "--out (its default)" : "--out");
        string relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFullPath(csv)).Replace('\\', '/');
        var comments = new List<string>
        {
            MeasuredWhat(set),
        };
        comments.AddRange(m.Notes.Select(n => $"Note: {n}."));
        if (fit.UnmeasuredTerms.Count > 0)
        {
            comments.Add($"Not exercised by the measurements, so fitted as 0: {string.Join(", ", fit.UnmeasuredTerms)}.");
        }
        var document = new ProfileDocument
        {
            Profile = profileName,
            Model = m.Model,
            Hardware = new ProfileHardware
            {
                Name = hardwareName ?? HardwareName(m),
                Kind = m.HardwareKind,
                Gpu = m.Gpu,
                ExecutionProvider = m.ExecutionProvider,
                OnnxRuntimeVersion = m.OnnxRuntimeVersion,
                Threads = m.Threads,
            },
            StepTimeModel = fit.Coefficients,
            Fit = new ProfileFit { Points = fit.Points, R2 = fit.R2, KFoldMape = fit.KFoldMape, Folds = fit.Folds, Measurements = relative },
            Created = DateOnly.FromDateTime(DateTime.UtcNow),
            Comments = comments,
        };
        ProfileYamlWriter.WriteFile(document, path);
        StepTimeCoefficients c = fit.Coefficients;
        stdout.WriteLine($"{profileName}: fitted {fit.Points} points of {CalibrationCli.Show(csv)}");
        stdout.WriteLine($"  fixed                      {Seconds(c.FixedSeconds)}");
        stdout.WriteLine($"  per prefill token          {Seconds(c.PerPrefillTokenSeconds)}");
        stdout.WriteLine($"  per prefill attention pair {Seconds(c.PerPrefillAttentionPairSeconds)}");
        stdout.WriteLine($"  per decode sequence        {Seconds(c.PerDecodeSequenceSeconds)}");
        stdout.WriteLine($"  per decode context token   {Seconds(c.PerDecodeContextTokenSeconds)}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  R² {fit.R2:0.0000}, {fit.Folds}-fold held-out MAPE {(double.IsNaN(fit.KFoldMape) ? "n/a (too few points)" : (fit.KFoldMape * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%")}"));
        foreach (string term in fit.UnmeasuredTerms)
        {
            stdout.WriteLine($"  note: no measurement exercises {term}; it is 0 in the profile");
        }
        stdout.WriteLine($"Wrote {CalibrationCli.Show(path)}");
        stdout.WriteLine($"Check it: planner calibrate check {CalibrationCli.Show(path)}");
        return ExitCodes.Ok;
    }

    private static Command Check(TextWriter stdout, TextWriter stderr)
    {
        var profile = new Argument<string>("profile") { Description = "Profile file (calibration/profiles/*.yaml)" };
        var measurements = new Option<string?>("--measurements") { Description = "Measurement CSV to check against (default: the one the profile was fitted to)" };
        var write = new Option<bool>("--write") { Description = "Also save the output beside the profile as <profile>.check.txt" };
        var command = new Command("check", "Print measured vs predicted step time and the error for every measured point") { profile, measurements, write };
        command.SetAction(parse => CalibrationCli.Guard(stderr, outOfMemoryHint: OutOfMemoryHint, body: () =>
        {
            string path = parse.GetValue(profile)!;
            if (ReadProfile(path, stderr) is not { } document)
            {
                return ExitCodes.BadInput;
            }
            string csv = parse.GetValue(measurements) ?? document.MeasurementsPath;
            MeasurementSet set = MeasurementFiles.Read(csv);
            IReadOnlyList<ProfileCheckRow> rows = ProfileCheck.Compare(document.Spec.Coefficients, set);
            string title = string.Create(CultureInfo.InvariantCulture,
                $"{document.Spec.Name} ({document.Spec.Hardware}{(document.Spec.IsExtrapolated ? ", extrapolated" : "")}) against {CalibrationCli.Show(csv)}");
            string text = ProfileCheck.Format(title, rows);
            stdout.Write(text);
            if (parse.GetValue(write))
            {
                string target = Path.ChangeExtension(path, ".check.txt");
                File.WriteAllText(target, text);
                stdout.WriteLine($"Wrote {CalibrationCli.Show(target)}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ImportVllm(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Description = "Result JSON files of vLLM's serving benchmark (--save-result), for example one per --max-concurrency", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import-vllm", "Turn vLLM benchmark_serving results into a measurement file (decode and, at concurrency 1, prefill steps)") { files };
        ImportOptions options = ImportOptions.AddTo(command, "vllm");
        command.SetAction(parse => CalibrationCli.Guard(stderr, outOfMemoryHint: OutOfMemoryHint, body: () =>
            Import(options.Settings(parse, stderr), settings => VllmResultImporter.Import(parse.GetValue(files)!, settings), parse.GetValue(options.Output)!, stdout)));
        return command;
    }

    private static Command ImportCsv(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "CSV table: phase,batch,input_tokens,context_tokens,step_ms|tokens_per_s[,source,note] (see calibration/README.md)" };
        var command = new Command("import-csv", "Turn a table of published step measurements (TensorRT-LLM, MLPerf, papers) into a measurement file") { file };
        ImportOptions options = ImportOptions.AddTo(command, "published");
        command.SetAction(parse => CalibrationCli.Guard(stderr, outOfMemoryHint: OutOfMemoryHint, body: () =>
            Import(options.Settings(parse, stderr), settings => PublishedTableImporter.Import(parse.GetValue(file)!, settings), parse.GetValue(options.Output)!, stdout)));
        return command;
    }

    private static Command ImportVidur(TextWriter stdout, TextWriter stderr) => CatalogImport(stdout, stderr,
        "import-vidur", "Turn Vidur's measured operator timings (mlp.csv) into a catalog operator-timing file that step times are composed from",
        new Argument<string>("mlp-csv") { Description = "Vidur's per-operator profile of one model on one GPU: data/profiling/compute/<gpu>/<model>/mlp.csv" },
        "Catalog id of the GPU it was measured on, for example a100-80gb", "Operator-timing file to write, in the catalog's operators/ folder",
        (csv, gpuId, source) =>
        {
            IReadOnlyList<OperatorTimingTable> tables = VidurOperatorImporter.Import(csv, source);
            string yaml = VidurOperatorImporter.ToYaml(gpuId, tables,
            [
                $"Measured operator timings of {gpuId}, written by `planner calibrate import-vidur {Path.GetFileName(csv)}`.",
                "Per tensor-parallel degree: the medians of one decoder layer's operators other than the attention",
                "kernel, summed (layer_ms), and the embedding lookup (embedding_ms), at each token count kept.",
                $"Points that linear interpolation reproduces within {VidurOperatorImporter.Tolerance:0%} of the layer time were dropped.",
            ]);
            IEnumerable<string> lines = tables.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"  TP {t.TensorParallel}: {t.Tokens.Count} points, {t.Tokens[0]}–{t.Tokens[^1]} tokens, {t.LayerSeconds[0] * 1000:0.###}–{t.LayerSeconds[^1] * 1000:0.###} ms per layer"));
            return (yaml, lines, $"{tables.Count} tables for layers of hidden size {tables[0].HiddenSize}, MLP {tables[0].IntermediateSize}, {tables[0].AttentionHeads} heads, {tables[0].KvHeads} KV heads");
        });

    private static Command ImportVidurAllReduce(TextWriter stdout, TextWriter stderr) => CatalogImport(stdout, stderr,
        "import-vidur-all-reduce", "Turn Vidur's measured all-reduce times (all_reduce.csv) into a catalog file that tensor-parallel step times use",
        new Argument<string>("all-reduce-csv") { Description = "Vidur's all-reduce profile of one machine: data/profiling/network/<machine>/all_reduce.csv" },
        "Catalog id of the machine's GPU, for example h100-sxm", "All-reduce file to write, in the catalog's collectives/ folder",
        (csv, gpuId, source) =>
        {
            IReadOnlyList<CollectiveTimingTable> tables = VidurOperatorImporter.ImportAllReduce(csv, source);
            string yaml = VidurOperatorImporter.ToYaml(gpuId, tables,
            [
                $"Measured all-reduce times among {gpuId} GPUs of one machine, written by `planner calibrate import-vidur-all-reduce {Path.GetFileName(csv)}`.",
                "Per GPU count: rank 0's median time (ms) at each size kept (bytes reduced).",
                $"Points that linear interpolation reproduces within {VidurOperatorImporter.Tolerance:0%} were dropped.",
            ]);
            IEnumerable<string> lines = tables.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"  {t.Gpus} GPUs: {t.Bytes.Count} points, {t.Bytes[0]:0}–{t.Bytes[^1]:0} bytes, {t.Seconds[0] * 1e6:0.#}–{t.Seconds[^1] * 1e6:0.#} µs"));
            return (yaml, lines, $"{tables.Count} tables");
        });

    /// <summary>
    /// A command that reads a measurement file, turns it into a catalog file for one GPU (written
    /// atomically) and prints what it holds: <paramref name="import"/> gets the file, the GPU id and
    /// the citation and returns the YAML, a line per table and a summary.
    /// </summary>
    private static Command CatalogImport(TextWriter stdout, TextWriter stderr, string name, string description, Argument<string> file,
        string gpuDescription, string outputDescription, Func<string, string, string, (string Yaml, IEnumerable<string> Lines, string Summary)> import)
    {
        var gpu = new Option<string>("--gpu") { Description = gpuDescription, Required = true };
        var source = new Option<string>("--source") { Description = "What to cite: data set, file, commit and licence", Required = true };
        var output = new Option<string>("--out") { Description = outputDescription, Required = true };
        var command = new Command(name, description) { file, gpu, source, output };
        command.SetAction(parse => CalibrationCli.Guard(stderr, outOfMemoryHint: OutOfMemoryHint, body: () =>
        {
            (string yaml, IEnumerable<string> lines, string summary) = import(parse.GetValue(file)!, CatalogId(parse.GetValue(gpu)!), parse.GetValue(source)!);
            string path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.WriteAllText(path, yaml);
            foreach (string line in lines)
            {
                stdout.WriteLine(line);
            }
            stdout.WriteLine($"Wrote {CalibrationCli.Show(path)} ({summary})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string CatalogId(string id)
    {
        string trimmed = id.Trim();
        return trimmed.Length > 0 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? trimmed
            : throw new ArgumentException($"--gpu: '{trimmed}' is not a catalog id (letters, digits, '-', '_' and '.')");
    }

    private static int Import(ImportSettings? settings, Func<ImportSettings, MeasurementSet> import, string root, TextWriter stdout)
    {
        if (settings is null)
        {
            return ExitCodes.BadInput;
        }
        MeasurementSet written = MeasurementFiles.Write(import(settings), root);
        stdout.WriteLine($"Imported {written.Rows.Count} step measurements ({written.Rows.Count(r => r.Phase == BenchmarkPhase.Prefill)} prefill, {written.Rows.Count(r => r.Phase == BenchmarkPhase.Decode)} decode)");
        foreach (string note in written.Metadata.Notes)
        {
            stdout.WriteLine($"  note: {note}");
        }
        stdout.WriteLine($"Wrote {CalibrationCli.Show(written.CsvPath!)}, its metadata and a copy of the source");
        stdout.WriteLine($"Next: planner calibrate {CalibrationCli.Show(written.CsvPath!)}");
        return ExitCodes.Ok;
    }

    private static Command Extrapolate(TextWriter stdout, TextWriter stderr)
    {
        var profile = new Argument<string>("profile") { Description = "A measured GPU profile" };
        var gpu = new Option<string>("--gpu") { Description = "Catalog id of the GPU to extrapolate to", Required = true };
        var output = new Option<string?>("--out") { Description = "Profile file to write (default: <gpu>-<model>.yaml beside the source)" };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: scenarios/catalog nearest the current folder)" };
        var command = new Command("extrapolate", "Derive a profile for an unmeasured GPU from a measured one by roofline ratios (marked extrapolated)") { profile, gpu, output, catalog };
        command.SetAction(parse => CalibrationCli.Guard(stderr, outOfMemoryHint: OutOfMemoryHint, body: () =>
        {
            string path = parse.GetValue(profile)!;
            if (ReadProfile(path, stderr) is not { } source || CalibrationCli.LoadCatalog(parse.GetValue(catalog), stderr) is not { } c)
            {
                return ExitCodes.BadInput;
            }
            if (source.Gpu is not string fromId || !c.Gpus.TryGetValue(fromId, out GpuCatalogEntry? from))
            {
                throw new ArgumentException($"{path}: hardware.gpu must name a catalog GPU to extrapolate from (it is '{source.Gpu ?? "null"}'; catalog GPUs: {string.Join(", ", c.Gpus.Keys.Order(StringComparer.Ordinal))})");
            }
            string toId = parse.GetValue(gpu)!;
            if (!c.Gpus.TryGetValue(toId, out GpuCatalogEntry? to))
            {
                throw new ArgumentException($"--gpu: unknown gpu '{toId}' (catalog GPUs: {string.Join(", ", c.Gpus.Keys.Order(StringComparer.Ordinal))})");
            }
            string target = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $"{to.Id}-{EnvironmentProbe.Slug(source.Model)}.yaml");
            string sourceRelative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(target))!, Path.GetFullPath(path)).Replace('\\', '/');
            string measurementsRelative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(target))!, source.MeasurementsPath).Replace('\\', '/');
            ProfileDocument extrapolated = ProfileExtrapolator.Extrapolate(ToDocument(source) with { Fit = ToDocument(source).Fit with { Measurements = measurementsRelative } },
                sourceRelative, from.ToSpec(), to.ToSpec(), DateOnly.FromDateTime(DateTime.UtcNow));
            CheckProfileTarget(target, parse.GetValue(output) is null ? "--out (its default)" : "--out");
            ProfileYamlWriter.WriteFile(extrapolated, target);
            stdout.WriteLine($"{extrapolated.Profile}: {extrapolated.ExtrapolatedFrom!.Method}");
            stdout.WriteLine($"Wrote {CalibrationCli.Show(target)} (marked extrapolated; reports say so)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Refuses a place a profile is about to be written, before anything is: a folder, or a file
    /// that is no performance profile (writing would destroy it; a profile is replaced, as its
    /// measurements regenerate it), is the user's choice (exit 2); a place that cannot be written,
    /// the machine's (exit 1).
    /// </summary>
    /// <summary>The first line every profile planner calibrate writes starts with.</summary>
    private const string ProfileHeader = "# Planner performance profile";

    /// <summary>
    /// Whether the file is a profile planner calibrate wrote, by its first line, valid or not: one of
    /// an older format, or with a figure out of range, is what calibrating again is for. A file that
    /// cannot be read is the machine's problem, not the user's (exit code 1).
    /// </summary>
    private static bool WrittenByCalibrate(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine() is string first && first.StartsWith(ProfileHeader, StringComparison.Ordinal);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot read {path} to see whether it is a profile to replace: {e.Message}", e);
        }
    }

    private static void CheckProfileTarget(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{option}: the path is empty (allowed: a profile file to write, for example calibration/profiles/NAME.yaml)");
        }
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"{option}: {path} is a folder (allowed: a profile file to write, new or a performance profile written before, for example {Path.Combine(path, "NAME.yaml")})");
        }
        if (File.Exists(path) && !WrittenByCalibrate(path))
        {
            throw new ArgumentException($"{option}: {path} exists and is not a Planner performance profile, so it was left as it is "
                + "(allowed: a new file, or a performance profile planner calibrate wrote, which is replaced)");
        }
        for (string? above = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(above); above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                // A choice of path, not the machine's failing: exit 2, as planner run says of an --out below a file.
                throw new ArgumentException($"{option}: {path} would be a file inside {above}, which is a file (allowed: a profile file in a folder, for example calibration/profiles/NAME.yaml)");
            }
        }
        if (AtomicFile.CannotWrite(path) is string why)
        {
            throw new IOException($"{option}: cannot write {path}: {why}");
        }
    }

    /// <summary>Reads a profile with the scenario loader's checks; prints every problem and returns null on errors.</summary>
    private static PerformanceProfileDocument? ReadProfile(string path, TextWriter stderr)
    {
        PerformanceProfileReadResult result = PerformanceProfileFile.Load(path);
        foreach (Diagnostic d in result.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
        return result.Document;
    }

    private static ProfileDocument ToDocument(PerformanceProfileDocument p) => new()
    {
        Profile = p.Spec.Name,
        Model = p.Model,
        Hardware = new ProfileHardware
        {
            Name = p.Spec.Hardware,
            Kind = p.HardwareKind,
            Gpu = p.Gpu,
            ExecutionProvider = p.ExecutionProvider,
            OnnxRuntimeVersion = p.OnnxRuntimeVersion,
            Threads = p.Threads,
        },
        StepTimeModel = p.Spec.Coefficients,
        Fit = new ProfileFit { Points = p.FitPoints, R2 = p.FitR2, KFoldMape = p.Spec.KFoldMape ?? double.NaN, Folds = p.FitFolds, Measurements = p.Measurements },
        ExtrapolatedFrom = p.ExtrapolatedFromProfile is string from ? new ProfileExtrapolation { Profile = from, Method = p.ExtrapolationMethod ?? "" } : null,
        Created = p.Created,
    };

    /// <summary>calibration/profiles beside the measurements folder the CSV sits in, else calibration/profiles under the current folder.</summary>
    private static string ProfilesFolder(string csv)
    {
        for (string? dir = Path.GetDirectoryName(Path.GetFullPath(csv)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) == "measurements" && Path.GetDirectoryName(dir) is string parent)
            {
                return Path.Combine(parent, "profiles");
            }
        }
        return Path.Combine("calibration", "profiles");
    }

    private static string HardwareName(MeasurementMetadata m) => m.Environment switch
    {
        { GpuName: string gpu } => gpu,
        { } e => string.Create(CultureInfo.InvariantCulture, $"{e.CpuModel}, {(m.Threads is int t && t > 0 ? t : e.LogicalCores)} threads"),
        _ => m.Hardware,
    };

    private static string MeasuredWhat(MeasurementSet set)
    {
        MeasurementMetadata m = set.Metadata;
        return m.Method switch
        {
            "built_in_decoder" => string.Create(CultureInfo.InvariantCulture,
                $"Measured with ONNX Runtime {m.OnnxRuntimeVersion} ({m.ExecutionProvider}) on {m.Model}'s real dimensions with random weights ({m.Precision}): {m.BlocksMeasured} blocks timed, composed to {m.Layers} layers + embedding and LM head."),
            "onnx_file" => $"Measured with ONNX Runtime {m.OnnxRuntimeVersion} ({m.ExecutionProvider}) running {Path.GetFileName(m.OnnxFile ?? m.Model)}.",
            _ => $"Imported ({m.Method}) from: {string.Join("; ", m.Sources.Select(s => s.Citation).Distinct())}.",
        };
    }

    private static string Seconds(double s) => s.ToString("0.####E+0", CultureInfo.InvariantCulture) + " s";

    /// <summary>The options every import shares.</summary>
    private sealed record ImportOptions(Option<string> Model, Option<string> Hardware, Option<string?> Gpu, Option<string> Source, Option<string> Engine,
        Option<string?> Catalog, Option<string> Output)
    {
        public static ImportOptions AddTo(Command command, string defaultEngine)
        {
            var options = new ImportOptions(
                new Option<string>("--model") { Description = "Catalog id of the model the numbers are for", Required = true },
                new Option<string>("--hardware") { Description = "Hardware id for paths (usually the GPU's catalog id, for example h100-sxm)", Required = true },
                new Option<string?>("--gpu") { Description = "Catalog id of the GPU (default: --hardware when it is a catalog GPU)" },
                new Option<string>("--source") { Description = "Where the numbers come from (URL, paper, run log); kept with every row", Required = true },
                new Option<string>("--engine") { Description = "Serving engine that produced the numbers", DefaultValueFactory = _ => defaultEngine },
                new Option<string?>("--catalog") { Description = "Catalog folder (default: scenarios/catalog nearest the current folder)" },
                new Option<string>("--out") { Description = "Root folder of measurement files", DefaultValueFactory = _ => Path.Combine("calibration", "measurements") });
            command.Add(options.Model);
            command.Add(options.Hardware);
            command.Add(options.Gpu);
            command.Add(options.Source);
            command.Add(options.Engine);
            command.Add(options.Catalog);
            command.Add(options.Output);
            return options;
        }

        public ImportSettings? Settings(ParseResult parse, TextWriter stderr)
        {
            if (CalibrationCli.LoadCatalog(parse.GetValue(Catalog), stderr) is not { } c)
            {
                return null;
            }
            string model = parse.GetValue(Model)!;
            string hardware = parse.GetValue(Hardware)!;
            string? gpu = parse.GetValue(Gpu) ?? (c.Gpus.ContainsKey(hardware) ? hardware : null);
            if (gpu is not null && !c.Gpus.ContainsKey(gpu))
            {
                throw new ArgumentException($"--gpu: unknown gpu '{gpu}' (catalog GPUs: {string.Join(", ", c.Gpus.Keys.Order(StringComparer.Ordinal))})");
            }
            return new ImportSettings
            {
                Model = model,
                Hardware = hardware,
                Gpu = gpu,
                HardwareKind = hardware.StartsWith("cpu", StringComparison.Ordinal) ? "cpu" : "gpu",
                Engine = parse.GetValue(Engine)!,
                Citation = parse.GetValue(Source)!,
                Layers = c.Models.TryGetValue(model, out ModelCatalogEntry? entry) ? entry.Layers : null,
                CreatedUtc = DateTimeOffset.UtcNow,
            };
        }
    }
}
