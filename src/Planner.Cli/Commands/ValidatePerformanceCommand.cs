using System.CommandLine;
using System.Globalization;
using System.Text;
using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Formats.Csv;
using Planner.Reports.Output;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner validate-performance</c>: puts the serving engine's simulated throughput and
/// latency next to published measurements (<c>calibration/validation/published.csv</c>) and
/// writes the comparison into <c>calibration/VALIDATION.md</c>.
/// <para>
/// Each published row becomes one self-hosted setup from the catalog (model, GPU, precision,
/// one replica per tensor-parallel group) run through the same engine <c>planner run</c> uses,
/// in the regime the source measured: <c>offline</c> sends the source's request count at once
/// and divides the output tokens by the time until the last one finishes (what trtllm-bench and
/// vLLM's offline throughput benchmark report); <c>batch</c> sends a fixed batch at once and
/// reports its latency. Every row is simulated with the engine defaults and with a proposed set
/// of efficiencies, and a coarse grid search finds the efficiencies that fit the rows best, so
/// the document says what the defaults rest on. Only the part of the document between two
/// markers is rewritten; the prose around it is kept.
/// </para>
/// </summary>
public static class ValidatePerformanceCommand
{
    /// <summary>Line that opens the generated part of the document.</summary>
    public const string BeginMarker = "<!-- validate-performance:begin -->";

    /// <summary>Line that closes the generated part of the document.</summary>
    public const string EndMarker = "<!-- validate-performance:end -->";

    private static readonly string[] Columns =
    [
        "id", "source", "url", "date", "model", "catalog_model", "gpu", "catalog_gpu", "gpus", "tensor_parallel",
        "weight_precision", "kv_precision", "engine", "scenario", "input_tokens", "output_tokens", "requests",
        "concurrency", "metric", "value", "notes",
    ];

    private static readonly string[] Scenarios = ["offline", "batch"];
    private static readonly string[] Metrics = ["output_tokens_per_s", "e2e_latency_ms", "ttft_ms", "tpot_ms"];

    // The grid the best fit is searched on: it brackets what kernels achieve in practice and
    // stays coarse enough to run in seconds (225 settings × every row).
    private static readonly double[] ComputeGrid = [0.4, 0.5, 0.6, 0.7, 0.8];
    private static readonly double[] MemoryGrid = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
    private static readonly double[] OverheadGridMs = [0, 1, 2, 3, 4];

    /// <summary>Efficiencies this comparison proposes as engine defaults (compute, memory, step overhead in ms); see VALIDATION.md.</summary>
    public const string ProposedDefault = "0.5,0.7,1";

    /// <summary>The verb, writing its summary to <paramref name="stdout"/> and problems to <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var published = new Option<string>("--published") { Description = "Published measurements (CSV, schema in calibration/validation/README.md)", DefaultValueFactory = _ => Path.Combine("calibration", "validation", "published.csv") };
        var output = new Option<string>("--out") { Description = "Markdown document whose generated part is rewritten (created if missing)", DefaultValueFactory = _ => Path.Combine("calibration", "VALIDATION.md") };
        var results = new Option<string?>("--results") { Description = "Machine-readable results CSV (default: validation/results.csv beside --out)" };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: scenarios/catalog nearest the published file)" };
        var proposed = new Option<string>("--proposed") { Description = "Efficiencies to compare with the engine defaults: COMPUTE,MEMORY,OVERHEAD_MS", DefaultValueFactory = _ => ProposedDefault };
        var noFit = new Option<bool>("--no-fit") { Description = "Skip the grid search for the efficiencies that fit the rows best (faster)" };
        var command = new Command("validate-performance", "Compare simulated throughput and latency with published measurements and write calibration/VALIDATION.md")
        {
            published, output, results, catalog, proposed, noFit,
        };
        command.SetAction(parse => Execute(parse.GetValue(published)!, parse.GetValue(output)!, parse.GetValue(results), parse.GetValue(catalog), parse.GetValue(proposed)!, !parse.GetValue(noFit), stdout, stderr));
        return command;
    }

    private static int Execute(string publishedPath, string outPath, string? resultsPath, string? catalogDir, string proposedText, bool fit, TextWriter stdout, TextWriter stderr)
    {
        var defaults = new ServingEngineSpec();
        string[] parts = proposedText.Split(',');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double proposedCompute) || !(proposedCompute > 0 && proposedCompute <= 1)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double proposedMemory) || !(proposedMemory > 0 && proposedMemory <= 1)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double proposedOverhead) || !(proposedOverhead >= 0))
        {
            stderr.WriteLine($"error: --proposed '{proposedText}' must be COMPUTE,MEMORY,OVERHEAD_MS with efficiencies in (0, 1] and a non-negative overhead, for example {ProposedDefault}");
            return ExitCodes.BadInput;
        }
        ServingEngineSpec proposedEngine = defaults with { ComputeEfficiency = proposedCompute, MemoryEfficiency = proposedMemory, StepOverheadMs = proposedOverhead };
        if (!File.Exists(publishedPath))
        {
            stderr.WriteLine($"error: published measurements not found: {publishedPath} (pass --published FILE)");
            return ExitCodes.BadInput;
        }
        string? dir = CatalogLocator.Find(publishedPath, catalogDir);
        if (dir is null)
        {
            stderr.WriteLine("error: no catalog found (pass --catalog DIR)");
            return ExitCodes.BadInput;
        }
        CatalogLoadResult loaded = CatalogLoader.Load(dir);
        foreach (Diagnostic d in loaded.Diagnostics.Where(d => d.IsError))
        {
            stderr.WriteLine(d.ToString());
        }
        if (loaded.Catalog is null || loaded.HasErrors)
        {
            return ExitCodes.BadInput;
        }

        var errors = new List<string>();
        List<Setup> setups = ReadPublished(publishedPath, loaded.Catalog, errors);
        if (errors.Count > 0 || setups.Count == 0)
        {
            foreach (string e in errors)
            {
                stderr.WriteLine(e);
            }
            if (setups.Count == 0 && errors.Count == 0)
            {
                stderr.WriteLine($"error: {publishedPath} has no rows");
            }
            return ExitCodes.BadInput;
        }

        string? existing = File.Exists(outPath) ? File.ReadAllText(outPath) : null;
        if (existing is not null && !HasMarkers(existing))
        {
            stderr.WriteLine($"error: {outPath} exists but has no '{BeginMarker}' … '{EndMarker}' markers; add them where the generated tables belong, or pass another --out");
            return ExitCodes.BadInput;
        }

        Fit current = Evaluate(setups, defaults);
        Fit candidate = Evaluate(setups, proposedEngine);
        Fit? best = fit ? FindBestFit(setups, defaults) : null;

        string region = Render(setups, current, candidate, best, Path.GetFileName(publishedPath));
        string document = existing is null ? Standalone(region) : Replace(existing, region);
        string results = resultsPath ?? Path.Combine(Path.GetDirectoryName(outPath) ?? "", "validation", "results.csv");
        AtomicFile.WriteAllText(results, ResultsCsv(setups, current, candidate));
        AtomicFile.WriteAllText(outPath, document);

        foreach ((string label, Fit f) in new[] { ("engine defaults", current), ("proposed", candidate) }.Concat(best is null ? [] : new[] { ("grid best fit", best) }))
        {
            IEnumerable<string> perMetric = Metrics
                .Select(m => (Metric: m, Summary: Summarize(setups, f.Simulated, m)))
                .Where(x => x.Summary.Rows > 0)
                .Select(x => Inv($"{x.Metric} mean |error| {x.Summary.MeanAbsolutePercent:0.0}% (bias {x.Summary.MeanPercent:+0.0;-0.0}%)"));
            stdout.WriteLine(Inv($"{label} (compute {f.Engine.ComputeEfficiency:0.##}, memory {f.Engine.MemoryEfficiency:0.##}, overhead {f.Engine.StepOverheadMs:0.##} ms): {string.Join("; ", perMetric)}"));
        }
        stdout.WriteLine($"wrote {outPath} and {results} ({setups.Count} published rows)");
        return ExitCodes.Ok;
    }

    // ---- the published rows -----------------------------------------------------------------

    /// <summary>One published measurement and the setup that reproduces it.</summary>
    private sealed record Setup
    {
        public required string Id { get; init; }
        public required string Source { get; init; }
        public required string Url { get; init; }
        public required string Date { get; init; }
        public required string ModelLabel { get; init; }
        public required string GpuLabel { get; init; }
        public required ModelArchitectureSpec Model { get; init; }
        public required GpuSpec Gpu { get; init; }
        public required int Gpus { get; init; }
        public required int TensorParallel { get; init; }
        public required Precision WeightPrecision { get; init; }
        public required Precision KvPrecision { get; init; }
        public required string Engine { get; init; }
        public required string Scenario { get; init; }
        public required int InputTokens { get; init; }
        public required int OutputTokens { get; init; }
        public required int Requests { get; init; }
        public required int? Concurrency { get; init; }
        public required string Metric { get; init; }
        public required double Value { get; init; }
        public required string PrecisionText { get; init; }

        public int Replicas => Gpus / TensorParallel;
    }

    private static List<Setup> ReadPublished(string path, Catalog catalog, List<string> errors)
    {
        var setups = new List<Setup>();
        List<(int Line, List<string> Fields)> records = CsvRecords(path, errors);
        if (records.Count == 0)
        {
            return setups;
        }
        List<string> header = records[0].Fields;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            index[header[i].Trim()] = i;
        }
        string[] missing = Columns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            errors.Add($"{path}:{records[0].Line}: error: missing column(s) {string.Join(", ", missing)} (expected: {string.Join(",", Columns)})");
            return setups;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach ((int line, List<string> fields) in records.Skip(1))
        {
            string Field(string name) => index[name] < fields.Count ? fields[index[name]].Trim() : "";
            void Error(string message) => errors.Add($"{path}:{line}: error: {message}");

            if (fields.Count != header.Count)
            {
                Error($"{fields.Count} fields, the header has {header.Count}");
                continue;
            }
            string id = Field("id");
            if (id.Length == 0 || !ids.Add(id))
            {
                Error(id.Length == 0 ? "empty id" : $"duplicate id '{id}'");
                continue;
            }
            int before = errors.Count;
            string modelId = Field("catalog_model"), gpuId = Field("catalog_gpu");
            if (!catalog.Models.TryGetValue(modelId, out ModelCatalogEntry? model))
            {
                Error($"unknown catalog_model '{modelId}' (known: {string.Join(", ", catalog.Models.Keys)})");
            }
            if (!catalog.Gpus.TryGetValue(gpuId, out GpuCatalogEntry? gpu))
            {
                Error($"unknown catalog_gpu '{gpuId}' (known: {string.Join(", ", catalog.Gpus.Keys)})");
            }
            int gpus = PositiveInt(Field("gpus"), "gpus", Error);
            int tp = PositiveInt(Field("tensor_parallel"), "tensor_parallel", Error);
            if (gpus > 0 && tp > 0 && gpus % tp != 0)
            {
                Error($"gpus ({gpus}) must be a multiple of tensor_parallel ({tp}): one replica per tensor-parallel group");
            }
            Precision weights = ParsePrecision(Field("weight_precision"), "weight_precision", Error);
            Precision kv = ParsePrecision(Field("kv_precision"), "kv_precision", Error);
            string scenario = Field("scenario");
            if (!Scenarios.Contains(scenario))
            {
                Error($"scenario '{scenario}' is not one of {string.Join(", ", Scenarios)}");
            }
            string metric = Field("metric");
            if (!Metrics.Contains(metric))
            {
                Error($"metric '{metric}' is not one of {string.Join(", ", Metrics)}");
            }
            int input = PositiveInt(Field("input_tokens"), "input_tokens", Error);
            int outputTokens = PositiveInt(Field("output_tokens"), "output_tokens", Error);
            int requests = PositiveInt(Field("requests"), "requests", Error);
            int? concurrency = Field("concurrency").Length == 0 ? null : PositiveInt(Field("concurrency"), "concurrency", Error);
            if (scenario == "batch" && concurrency is null)
            {
                Error("a batch row needs its concurrency (the batch size)");
            }
            if (scenario == "offline" && metric != "output_tokens_per_s")
            {
                Error("an offline row measures output_tokens_per_s");
            }
            if (!double.TryParse(Field("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0))
            {
                Error($"value '{Field("value")}' must be a positive number");
            }
            if (errors.Count > before)
            {
                continue;
            }
            setups.Add(new Setup
            {
                Id = id,
                Source = Field("source"),
                Url = Field("url"),
                Date = Field("date"),
                ModelLabel = Field("model"),
                GpuLabel = Field("gpu"),
                Model = model!.ToSpec(),
                Gpu = gpu!.ToSpec(),
                Gpus = gpus,
                TensorParallel = tp,
                WeightPrecision = weights,
                KvPrecision = kv,
                PrecisionText = Field("weight_precision") == Field("kv_precision") ? Field("weight_precision") : $"{Field("weight_precision")} (KV {Field("kv_precision")})",
                Engine = Field("engine"),
                Scenario = scenario,
                InputTokens = input,
                OutputTokens = outputTokens,
                Requests = requests,
                Concurrency = concurrency,
                Metric = metric,
                Value = value,
            });
        }
        return setups;
    }

    private static int PositiveInt(string text, string column, Action<string> error)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            return n;
        }
        error($"{column} '{text}' must be a positive whole number");
        return 0;
    }

    private static Precision ParsePrecision(string text, string column, Action<string> error)
    {
        switch (text.ToLowerInvariant())
        {
            case "fp32": return Precision.Fp32;
            case "bf16": return Precision.Bf16;
            case "fp16": return Precision.Fp16;
            case "fp8": return Precision.Fp8;
            case "int4": return Precision.Int4;
            default:
                error($"{column} '{text}' is not one of fp32, bf16, fp16, fp8, int4");
                return Precision.Bf16;
        }
    }

    /// <summary>The file's records with the line each starts on (Planner's one CSV layer: quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<(int Line, List<string> Fields)> CsvRecords(string path, List<string> errors)
    {
        try
        {
            return CsvFile.ReadFile(path).Select(r => (r.Line, r.Fields.ToList())).ToList();
        }
        catch (CsvSyntaxException e)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{Math.Max(1, e.Line)}: error: {e.Message}"));
            return [];
        }
    }

    // ---- simulation ---------------------------------------------------------------------------

    private static Fit Evaluate(IReadOnlyList<Setup> setups, ServingEngineSpec engine)
    {
        double[] simulated = SimulateAll(setups, engine);
        return new Fit(engine, simulated, Score(setups, simulated));
    }

    private static double[] SimulateAll(IReadOnlyList<Setup> setups, ServingEngineSpec engine)
    {
        var values = new double[setups.Count];
        Parallel.For(0, setups.Count, i => values[i] = Simulate(setups[i], engine));
        return values;
    }

    /// <summary>
    /// The setup's metric as the engine simulates it with <paramref name="engine"/>'s limits and
    /// efficiencies; NaN when the model does not fit or the run cannot finish.
    /// <para>
    /// One replica (one tensor-parallel group) is simulated; its share of the requests arrive
    /// within a microsecond, in order, from a one-row trace replayed at a very high rate (which
    /// spaces arrivals evenly and deterministically), followed by a long quiet segment in which
    /// the replica drains. The replica counts as busy from the first arrival until the last
    /// request finishes, so its busy seconds are the run's makespan.
    /// </para>
    /// </summary>
    private static double Simulate(Setup s, ServingEngineSpec engine)
    {
        int requests = s.Scenario == "batch" ? s.Concurrency!.Value : (int)Math.Ceiling((double)s.Requests / s.Replicas);
        var option = new SelfHostedOptionSpec
        {
            Name = s.Id,
            Model = s.Model,
            Gpu = s.Gpu,
            GpusPerReplica = s.TensorParallel,
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 1 },
            FixedReplicas = 1,
            Engine = engine with { WeightPrecision = s.WeightPrecision, KvCachePrecision = s.KvPrecision },
        };
        var workload = new WorkloadSpec
        {
            Classes = [new RequestClassSpec { Name = "published", Share = 1, InputTokens = new FixedTokens(s.InputTokens), OutputTokens = new FixedTokens(s.OutputTokens) }],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = requests, MonthlyGrowthRates = [0] },
            HourlyWeights = [.. Enumerable.Repeat(1.0, 24)],
            Replay = new TraceReplaySpec { Source = s.Id, OffsetSeconds = [0], InputTokens = [s.InputTokens], OutputTokens = [s.OutputTokens], DurationSeconds = 1 },
        };
        var scenario = new ScenarioSpec
        {
            Name = "validate-performance",
            StartMonth = new DateOnly(2025, 1, 1),
            HorizonMonths = 1,
            Seed = 1,
            Workload = workload,
            Slo = new SloSpec(),
            Options = [option],
        };
        const double BurstSeconds = 1e-6;
        var window = new SimulationWindow
        {
            Label = s.Id,
            Index = 0,
            Segments = [new LoadSegment(BurstSeconds, (requests - 0.5) / BurstSeconds, 1, 0), new LoadSegment(1e7, 0, 1, 0)],
        };
        OptionSimulator simulator;
        try
        {
            simulator = Projector.CreateSimulator(scenario, option, null);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
        WindowMetrics m = simulator.Run(window, 1, 2);
        if (m.RequestsServed < requests || m.RequestsInFlightAtEnd > 0 || m.RequestsRejected > 0 || !(m.GpuSecondsBusy > 0))
        {
            return double.NaN;
        }
        double makespan = m.GpuSecondsBusy / option.GpusPerReplica;
        return s.Metric switch
        {
            "output_tokens_per_s" => m.OutputTokens / makespan * s.Replicas,
            "e2e_latency_ms" => makespan * 1000,
            // With one output token the request ends when its first token comes: exact, not histogram-rounded.
            "ttft_ms" => s.OutputTokens == 1 ? makespan * 1000 : m.TimeToFirstToken.Quantile(0.5) * 1000,
            _ => m.TimePerOutputToken.Quantile(0.5) * 1000,
        };
    }

    /// <summary>An engine setting, the value it simulates for each row, and its score (see <see cref="Score"/>).</summary>
    private sealed record Fit(ServingEngineSpec Engine, double[] Simulated, double Score);

    /// <summary>
    /// Grid search over compute efficiency, memory efficiency and step overhead for the lowest
    /// mean absolute error (averaged per metric, so the few latency rows weigh as much as the many
    /// throughput rows). Ties keep the first candidate in grid order, so the result is deterministic.
    /// </summary>
    private static Fit FindBestFit(IReadOnlyList<Setup> setups, ServingEngineSpec defaults)
    {
        var candidates = new List<ServingEngineSpec>();
        foreach (double c in ComputeGrid)
        {
            foreach (double mem in MemoryGrid)
            {
                foreach (double o in OverheadGridMs)
                {
                    candidates.Add(defaults with { ComputeEfficiency = c, MemoryEfficiency = mem, StepOverheadMs = o });
                }
            }
        }
        var simulated = new double[candidates.Count][];
        var scores = new double[candidates.Count];
        Parallel.For(0, candidates.Count, k =>
        {
            var values = new double[setups.Count];
            for (int i = 0; i < setups.Count; i++)
            {
                values[i] = Simulate(setups[i], candidates[k]);
            }
            simulated[k] = values;
            scores[k] = Score(setups, values);
        });
        int best = 0;
        for (int k = 1; k < candidates.Count; k++)
        {
            if (scores[k] < scores[best])
            {
                best = k;
            }
        }
        return new Fit(candidates[best], simulated[best], scores[best]);
    }

    private static double ErrorPercent(double simulated, double published) => (simulated - published) / published * 100;

    private sealed record Summary(int Rows, int Missing, double MeanAbsolutePercent, double MeanPercent);

    private static Summary Summarize(IReadOnlyList<Setup> setups, double[] simulated, string metric)
    {
        var errors = new List<double>();
        int missing = 0;
        for (int i = 0; i < setups.Count; i++)
        {
            if (setups[i].Metric != metric)
            {
                continue;
            }
            if (double.IsNaN(simulated[i]))
            {
                missing++;
                continue;
            }
            errors.Add(ErrorPercent(simulated[i], setups[i].Value));
        }
        return errors.Count == 0
            ? new Summary(0, missing, double.NaN, double.NaN)
            : new Summary(errors.Count, missing, errors.Average(Math.Abs), errors.Average());
    }

    /// <summary>Mean over metrics of each metric's mean absolute error; rows that cannot be simulated count as 100%.</summary>
    private static double Score(IReadOnlyList<Setup> setups, double[] simulated)
    {
        var perMetric = new List<double>();
        foreach (string metric in Metrics)
        {
            var errors = new List<double>();
            for (int i = 0; i < setups.Count; i++)
            {
                if (setups[i].Metric == metric)
                {
                    errors.Add(double.IsNaN(simulated[i]) ? 100 : Math.Abs(ErrorPercent(simulated[i], setups[i].Value)));
                }
            }
            if (errors.Count > 0)
            {
                perMetric.Add(errors.Average());
            }
        }
        return perMetric.Average();
    }

    // ---- output -------------------------------------------------------------------------------

    private static string Render(IReadOnlyList<Setup> setups, Fit current, Fit proposed, Fit? best, string publishedName)
    {
        var sources = new List<string>();
        foreach (Setup s in setups)
        {
            if (!sources.Contains(SourceKey(s)))
            {
                sources.Add(SourceKey(s));
            }
        }
        Fit[] settings = best is null ? [current, proposed] : [current, proposed, best];
        var b = new StringBuilder();
        b.Append(BeginMarker).Append('\n');
        b.Append(Inv($"_Generated by `planner validate-performance` from `{publishedName}` ({setups.Count} rows). Do not edit between the markers; rerun the command._\n\n"));

        b.Append("### Engine settings compared\n\n");
        b.Append("| setting | engine default (`ServingEngineSpec`) | proposed (`--proposed`) |").Append(best is null ? "" : " best fit on the grid |").Append('\n');
        b.Append("|---|---:|---:|").Append(best is null ? "" : "---:|").Append('\n');
        AppendSetting(b, "compute efficiency (share of peak tensor FLOPs)", settings, e => e.ComputeEfficiency);
        AppendSetting(b, "memory efficiency (share of peak HBM bandwidth)", settings, e => e.MemoryEfficiency);
        AppendSetting(b, "step overhead (ms)", settings, e => e.StepOverheadMs);
        AppendSetting(b, "max concurrent sequences", settings, e => e.MaxConcurrentSequences);
        AppendSetting(b, "max batched tokens per step", settings, e => e.MaxBatchedTokens);
        AppendSetting(b, "GPU memory utilization", settings, e => e.GpuMemoryUtilization);
        AppendSetting(b, "activation reserve per GPU (GB)", settings, e => e.ActivationReserveGb);
        b.Append("| chunked prefill |").Append(string.Concat(settings.Select(f => f.Engine.ChunkedPrefill ? " on |" : " off |"))).Append('\n');
        b.Append("| mean absolute error, averaged over metrics |").Append(string.Concat(settings.Select(f => Inv($" {f.Score:0.0}% |")))).Append('\n');
        if (best is not null)
        {
            b.Append(Inv($"\nThe grid is compute efficiency {string.Join(", ", ComputeGrid.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))} × memory efficiency {MemoryGrid[0]:0.##}–{MemoryGrid[^1]:0.##} in steps of 0.05 × step overhead {string.Join(", ", OverheadGridMs.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))} ms; its best point has the lowest mean absolute error averaged over the metrics (each metric's rows weigh as much as another's).\n"));
        }

        b.Append("\n### Published and simulated, row by row\n\n");
        b.Append("| id | src | model | GPUs (TP) | precision | engine | in/out tokens | regime | metric | published | simulated | error | simulated (proposed) | error (proposed) |\n");
        b.Append("|---|---|---|---|---|---|---|---|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < setups.Count; i++)
        {
            Setup s = setups[i];
            string regime = s.Scenario == "offline"
                ? Inv($"offline, {s.Requests:#,##0} requests at once")
                : Inv($"batch of {s.Concurrency} at once");
            b.Append(Inv($"| {s.Id} | [{sources.IndexOf(SourceKey(s)) + 1}] | {s.ModelLabel} | {s.Gpus} × {s.GpuLabel} (TP{s.TensorParallel}) | {s.PrecisionText} | {s.Engine} | {s.InputTokens}/{s.OutputTokens} | {regime} | {s.Metric} | {Number(s.Value)} | {Number(current.Simulated[i])} | {Error(current.Simulated[i], s.Value)} | {Number(proposed.Simulated[i])} | {Error(proposed.Simulated[i], s.Value)} |\n"));
        }
        b.Append("\nerror = (simulated − published) / published; \"simulated\" uses the engine defaults. A row shows n/a when the setup does not fit the GPUs' memory or its run cannot finish.\n");

        b.Append("\n### Error per metric\n\n");
        b.Append("| metric | rows | engine defaults: mean absolute error | mean error (bias) | proposed: mean absolute error | mean error (bias) |");
        b.Append(best is null ? "\n|---|---:|---:|---:|---:|---:|\n" : " best fit: mean absolute error | mean error (bias) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (string metric in Metrics)
        {
            Summary d = Summarize(setups, current.Simulated, metric);
            if (d.Rows + d.Missing == 0)
            {
                continue;
            }
            b.Append(Inv($"| {metric} | {d.Rows}{(d.Missing > 0 ? $" (+{d.Missing} n/a)" : "")} |"));
            foreach (Fit f in settings)
            {
                Summary x = Summarize(setups, f.Simulated, metric);
                b.Append(Inv($" {x.MeanAbsolutePercent:0.0}% | {x.MeanPercent:+0.0;-0.0}% |"));
            }
            b.Append('\n');
        }

        b.Append("\n### Sources\n\n");
        for (int k = 0; k < sources.Count; k++)
        {
            Setup s = setups.First(x => SourceKey(x) == sources[k]);
            b.Append(Inv($"{k + 1}. {s.Source}. <{s.Url}> ({s.Date}).\n"));
        }
        b.Append(EndMarker).Append('\n');
        return b.ToString();
    }

    private static void AppendSetting(StringBuilder b, string name, Fit[] settings, Func<ServingEngineSpec, double> value)
    {
        b.Append("| ").Append(name).Append(" |");
        foreach (Fit f in settings)
        {
            b.Append(' ').Append(value(f.Engine).ToString("0.##", CultureInfo.InvariantCulture)).Append(" |");
        }
        b.Append('\n');
    }

    private static string SourceKey(Setup s) => s.Source + "\n" + s.Url;

    /// <summary>Four significant digits at least, no exponent: enough to recompute an error to 0.1%.</summary>
    private static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }
        int decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(value) + 1e-300)), 0, 6);
        return value.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    private static string Error(double simulated, double published) =>
        double.IsNaN(simulated) ? "n/a" : ErrorPercent(simulated, published).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    private static string ResultsCsv(IReadOnlyList<Setup> setups, Fit current, Fit proposed) =>
        CsvFile.Write(
            ["id", "metric", "published", "simulated", "error_percent", "simulated_proposed", "error_percent_proposed"],
            setups.Select((s, i) => (IReadOnlyList<string>)
            [
                s.Id, s.Metric, R(s.Value), R(current.Simulated[i]), R(ErrorPercent(current.Simulated[i], s.Value)),
                R(proposed.Simulated[i]), R(ErrorPercent(proposed.Simulated[i], s.Value)),
            ]));

    private static string R(double value) => CsvNumber.RoundTrip(value);

    private static bool HasMarkers(string text)
    {
        int begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        return begin >= 0 && text.IndexOf(EndMarker, begin, StringComparison.Ordinal) > begin;
    }

    private static string Replace(string existing, string region)
    {
        int begin = existing.IndexOf(BeginMarker, StringComparison.Ordinal);
        int end = existing.IndexOf(EndMarker, begin, StringComparison.Ordinal) + EndMarker.Length;
        if (end < existing.Length && existing[end] == '\n')
        {
            end++;
        }
        return existing[..begin] + region + existing[end..];
    }

    private static string Standalone(string region) =>
        "# Performance validation\n\n"
        + "Simulated throughput and latency next to published measurements. Regenerate with "
        + "`planner validate-performance`; only the part between the markers is rewritten.\n\n"
        + region;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
