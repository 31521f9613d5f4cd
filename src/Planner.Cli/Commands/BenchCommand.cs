using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Fitting;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;
using Planner.Cli.Console;
using Planner.Scenarios.Catalogs;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner bench</c>: time a model with ONNX Runtime over batch sizes × sequence lengths ×
/// phases and write calibration/measurements/&lt;hardware&gt;/&lt;model&gt;/&lt;UTC time&gt;.csv + .json.
/// </summary>
public static class BenchCommand
{
    /// <summary>The longest --max-seconds: an hour on one point, far beyond the 10 s default, so a sweep still ends.</summary>
    public const double MaxSecondsPerPoint = 3600;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = new Option<string?>("--model") { Description = "Catalog model whose architecture to build and time (for example llama-3.1-8b)" };
        var onnx = new Option<string?>("--onnx") { Description = "Time your own .onnx file instead (inputs bound from its symbolic dimensions)" };
        var blocks = new Option<int>("--blocks") { Description = "Decoder blocks in the timed stack (whole-model times are composed from it)", DefaultValueFactory = _ => 2 };
        var batch = new Option<string>("--batch") { Description = "Batch sizes, comma-separated", DefaultValueFactory = _ => "1,4,16" };
        var seq = new Option<string>("--seq") { Description = "Prompt lengths (prefill) and cached context lengths (decode), comma-separated", DefaultValueFactory = _ => "128,512,2048" };
        var context = new Option<string?>("--context") { Description = "Cached context lengths of the decode points, comma-separated (default: the --seq values)" };
        var phase = new Option<string>("--phase") { Description = "prefill, decode, or prefill,decode", DefaultValueFactory = _ => "prefill,decode" };
        var provider = new Option<string>("--provider") { Description = "Execution provider: cpu, cuda or tensorrt", DefaultValueFactory = _ => "cpu" };
        var device = new Option<int>("--device") { Description = "GPU index for cuda and tensorrt", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads per operator, 1 to this machine's logical cores (default: all of them)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Cap on the time spent measuring one point, seconds: above 0 and up to 3,600", DefaultValueFactory = _ => 10 };
        var precision = new Option<string>("--precision") { Description = "fp32 or fp16 (built-in models)", DefaultValueFactory = _ => "fp32" };
        var operatorRuns = new Option<int>("--operator-runs") { Description = "Profiled runs per point for the operator breakdown (after the timed runs; 0: none)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Root folder of measurement files", DefaultValueFactory = _ => Path.Combine("calibration", "measurements") };
        var hardware = new Option<string?>("--hardware") { Description = "Hardware id for file names (default: from the CPU or GPU name)" };
        var gpu = new Option<string?>("--gpu") { Description = "Catalog id of the GPU measured (lets profiles be extrapolated to other GPUs)" };
        var dims = new Option<string[]>("--dim") { Description = "NAME=N for a symbolic dimension of an --onnx model the naming rules cannot bind", AllowMultipleArgumentsPerToken = false };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: scenarios/catalog nearest the current folder)" };
        var checkComposition = new Option<bool>("--check-composition") { Description = "Also time a small whole model of the same family and compare it with the composed time" };
        var listProviders = new Option<bool>("--list-providers") { Description = "Say which execution providers can run here and why the others cannot, then stop" };
        var command = new Command("bench", "Time a model with ONNX Runtime (prefill and decode steps) and write a measurement file")
        {
            model, onnx, blocks, batch, seq, context, phase, provider, device, threads, maxSeconds, precision, operatorRuns, output, hardware, gpu, dims, catalog,
            checkComposition, listProviders,
        };
        command.SetAction(parse => CalibrationCli.Guard(stderr, () =>
        {
            if (parse.GetValue(listProviders))
            {
                return ListProviders(parse.GetValue(device), stdout);
            }
            string? modelId = parse.GetValue(model);
            string? onnxFile = parse.GetValue(onnx);
            if ((modelId is null) == (onnxFile is null))
            {
                stderr.WriteLine("error: give exactly one of --model ID (a catalog model, built in memory) or --onnx FILE");
                return ExitCodes.BadInput;
            }
            int threadCount = parse.GetValue(threads);
            if (threadCount < 1 || threadCount > Environment.ProcessorCount)
            {
                // 0 and negative counts were taken as ONNX Runtime's default while the file recorded "0 threads"; more than the cores only oversubscribes them.
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--threads: {threadCount} is out of range (allowed: 1 to {Environment.ProcessorCount}, this machine's logical cores)"));
            }
            double secondsPerPoint = parse.GetValue(maxSeconds);
            if (!(secondsPerPoint > 0 && secondsPerPoint <= MaxSecondsPerPoint))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--max-seconds: {secondsPerPoint} is out of range (allowed: above 0 and up to {MaxSecondsPerPoint:#,##0} seconds of measuring per point)"));
            }
            var settings = new SessionSettings
            {
                Provider = CalibrationCli.Provider(parse.GetValue(provider)!),
                DeviceId = parse.GetValue(device),
                IntraOpThreads = threadCount,
            };
            var plan = new BenchmarkPlan
            {
                Batches = CalibrationCli.IntList(parse.GetValue(batch)!, "--batch"),
                SequenceLengths = CalibrationCli.IntList(parse.GetValue(seq)!, "--seq"),
                DecodeContextLengths = parse.GetValue(context) is string contexts ? CalibrationCli.IntList(contexts, "--context") : null,
                Phases = CalibrationCli.Phases(parse.GetValue(phase)!),
                MaxSecondsPerPoint = secondsPerPoint,
                OperatorProfileRuns = parse.GetValue(operatorRuns),
            }.Validated();
            int blockCount = parse.GetValue(blocks);
            if (blockCount < 1)
            {
                throw new ArgumentException("--blocks: give a whole number ≥ 1");
            }
            ModelPrecision modelPrecision = CalibrationCli.Precision(parse.GetValue(precision)!);
            // Before building gigabytes of weights: a provider that cannot start says why now.
            ProviderCheck.Require(settings.Provider, settings.DeviceId);
            IAnsiConsole console = Terminal.Create(stdout);
            EnvironmentInfo environment = EnvironmentProbe.Probe(settings);
            string hardwareId = parse.GetValue(hardware) ?? parse.GetValue(gpu) ?? EnvironmentProbe.HardwareId(environment);
            console.WriteLine($"ONNX Runtime {OnnxRuntimeEnvironment.Version}, {environment.ExecutionProvider} provider, {settings.IntraOpThreads} threads on {environment.GpuName ?? environment.CpuModel} ({hardwareId})");

            var clock = Stopwatch.StartNew();
            BenchmarkResult result;
            DecoderDimensions? dimensions = null;
            string modelName;
            if (onnxFile is not null)
            {
                modelName = Path.GetFileNameWithoutExtension(onnxFile);
                result = BenchOnnx(settings, plan, onnxFile, CalibrationCli.Dimensions(parse.GetValue(dims) ?? []), console);
            }
            else
            {
                Catalog? c = CalibrationCli.LoadCatalog(parse.GetValue(catalog), stderr);
                if (c is null)
                {
                    return ExitCodes.BadInput;
                }
                dimensions = CalibrationCli.Dimensions(c, modelId!);
                modelName = dimensions.ModelId;
                double gb = (dimensions.BlockParameters * blockCount + 2.0 * dimensions.VocabSize * dimensions.HiddenSize) * (modelPrecision == ModelPrecision.Fp16 ? 2 : 4) / 1e9;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{modelName}: {blockCount} of {dimensions.Layers} blocks plus embedding and LM head, {parse.GetValue(precision)}, random weights ({gb:0.#} GB)"));
                DecoderDimensions d = dimensions;
                result = WithProgress(console, progress => Loaded(() => new BenchmarkRunner(settings, plan, progress).RunDecoder(d, blockCount, modelPrecision), modelName));
            }
            clock.Stop();
            IReadOnlyList<MeasurementRow> rows = result.Rows;
            var notes = new List<string>();
            if (EnvironmentProbe.LoadAverage() is double loadEnd && environment.LoadAverageOneMinute is double loadStart
                && Math.Max(loadStart, loadEnd) > 1.5 * environment.LogicalCores)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the machine was busy: 1-minute load average {loadStart:0.#} at the start and {loadEnd:0.#} at the end on {environment.LogicalCores} logical cores, so other processes competed for the CPU and the timings are noisier and slower than on an idle machine"));
            }

            var set = new MeasurementSet
            {
                Metadata = new MeasurementMetadata
                {
                    CreatedUtc = DateTimeOffset.UtcNow,
                    Model = modelName,
                    Method = onnxFile is null ? "built_in_decoder" : "onnx_file",
                    Hardware = hardwareId,
                    HardwareKind = settings.Provider == ExecutionProvider.Cpu ? "cpu" : "gpu",
                    Gpu = parse.GetValue(gpu),
                    ExecutionProvider = environment.ExecutionProvider,
                    OnnxRuntimeVersion = OnnxRuntimeEnvironment.Version,
                    Threads = settings.IntraOpThreads,
                    Precision = onnxFile is null ? parse.GetValue(precision) : null,
                    Dimensions = dimensions,
                    Layers = dimensions?.Layers,
                    BlocksMeasured = dimensions is null ? null : blockCount,
                    OnnxFile = onnxFile is null ? null : Path.GetFullPath(onnxFile),
                    Environment = environment,
                    Plan = plan,
                    ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                    Notes = notes,
                },
                Rows = rows,
                Operators = result.Operators,
            };
            MeasurementSet written = MeasurementFiles.Write(set, parse.GetValue(output)!);
            console.Write(Table(rows));
            console.WriteLine();
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Measured {rows.Count} points in {clock.Elapsed.TotalSeconds:0} s."));
            foreach (string note in notes)
            {
                console.WriteLine($"Note: {note}.");
            }
            console.WriteLine($"Wrote {CalibrationCli.Show(written.CsvPath!)} and {CalibrationCli.Show(MeasurementFiles.MetadataPath(written.CsvPath!))}"
                + (written.Metadata.OperatorsFile is string ops ? $", operator breakdown in {ops}" : ""));
            console.WriteLine($"Next: planner calibrate {CalibrationCli.Show(written.CsvPath!)}");

            if (parse.GetValue(checkComposition) && dimensions is not null)
            {
                DecoderDimensions small = dimensions.Scaled(8, 4);
                console.WriteLine();
                console.WriteLine($"Composition check on {small.ModelId} (hidden {small.HiddenSize}, {small.Layers} layers, measured with 2 blocks):");
                IReadOnlyList<ProfileCheckRow> check = WithProgress(console, progress => CompositionCheck.Run(settings, small, 2, plan, progress));
                console.Write(new Text(ProfileCheck.Format("whole model measured vs overhead + layers × block + head", check)));
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static BenchmarkResult BenchOnnx(SessionSettings settings, BenchmarkPlan plan, string file,
        IReadOnlyDictionary<string, long> dims, IAnsiConsole console)
    {
        if (!File.Exists(file))
        {
            throw new ArgumentException($"--onnx: model file '{file}' does not exist");
        }
        using ModelSession session = Loaded(() => ModelSession.Open(file, settings), file);
        console.WriteLine(ExternalModelBinder.Describe(session));
        var binder = new ExternalModelBinder(dims);
        if (!ExternalModelBinder.HasKvCache(session) && plan.Phases.Contains(BenchmarkPhase.Decode))
        {
            console.WriteLine("The model has no KV-cache inputs (past…): timing prefill only.");
            plan = plan with { Phases = [BenchmarkPhase.Prefill] };
        }
        return WithProgress(console, progress => new BenchmarkRunner(settings, plan, progress).RunExternal(session, binder, file));
    }

    /// <summary>Names the model in ONNX Runtime's load failures (corrupt protobuf, invalid graph, missing kernels): bad input, exit 2.</summary>
    private static T Loaded<T>(Func<T> load, string what)
    {
        try
        {
            return load();
        }
        catch (ModelLoadException e)
        {
            throw new ModelLoadException($"cannot load the model {what}: {e.Message}", e);
        }
    }

    /// <summary>Every provider Planner knows: whether it can run here and, if not, why; exit 0 whatever the answer.</summary>
    private static int ListProviders(int device, TextWriter stdout)
    {
        stdout.WriteLine($"ONNX Runtime {OnnxRuntimeEnvironment.Version} ({OnnxRuntimeEnvironment.LibraryPath})");
        stdout.WriteLine($"compiled-in execution providers: {OnnxRuntimeEnvironment.DescribeProviders()}");
        stdout.WriteLine($"devices ONNX Runtime sees: {string.Join("; ", OnnxRuntimeEnvironment.Devices())}");
        foreach (ProviderStatus status in ProviderCheck.All(device))
        {
            string name = OnnxRuntimeEnvironment.ShortName(status.Provider);
            stdout.WriteLine(status.CanRun ? $"{name}: available ({status.Reason})" : $"{name}: unavailable: {status.Reason}");
        }
        return ExitCodes.Ok;
    }

    private static T WithProgress<T>(IAnsiConsole console, Func<IProgress<BenchmarkProgress>, T> run)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return run(new LineProgress(console));
        }
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("starting");
                result = run(new SpectreProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static Table Table(IReadOnlyList<MeasurementRow> rows)
    {
        var t = new Table().Border(TableBorder.Rounded);
        foreach (string c in new[] { "component", "phase", "batch", "new", "past", "mean ms", "±95%", "p50 ms", "p90 ms", "p99 ms", "tokens/s", "runs" })
        {
            t.AddColumn(c);
        }
        foreach (MeasurementRow r in rows)
        {
            TimingStatistics s = r.Timing;
            t.AddRow(BenchmarkRunner.ComponentName(r.Component), r.Phase.ToString().ToLowerInvariant(), N(r.Batch), N(r.NewTokens), N(r.PastTokens),
                Ms(s.MeanSeconds), (s.RelativeHalfWidth * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" + (r.Converged ? "" : " (cap)"),
                Ms(s.P50Seconds), Ms(s.P90Seconds), Ms(s.P99Seconds), r.TokensPerSecond.ToString("#,##0", CultureInfo.InvariantCulture), N(s.Runs));
        }
        return t;
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double seconds) => (seconds * 1000).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>One line per point when there is no terminal to draw a bar on (CI logs).</summary>
    private sealed class LineProgress(IAnsiConsole console) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value)
        {
            if (value.Current != "done")
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{value.Done + 1}/{value.Total}] {value.Current}"));
            }
        }
    }

    private sealed class SpectreProgress(ProgressTask task) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            task.Description = Markup.Escape(value.Current);
        }
    }
}
