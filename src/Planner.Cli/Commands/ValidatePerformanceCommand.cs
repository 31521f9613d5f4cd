using System.CommandLine;
using System.Globalization;
using Planner.Calibration.Validation;
using Planner.Core.Specs;
using Planner.Reports.Output;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner validate-performance</c>: puts the serving engine's simulated throughput and
/// latency next to published measurements (<c>calibration/validation/published.csv</c>) and
/// writes the comparison into <c>calibration/VALIDATION.md</c>. The comparison itself — reading
/// the rows, simulating them, fitting and cross-validating the efficiencies, rendering the
/// document — lives in <see cref="PerformanceValidation"/> and its folder; this verb parses the
/// command line, loads the catalog and writes the files.
/// </summary>
public static class ValidatePerformanceCommand
{
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
        var noFit = new Option<bool>("--no-fit") { Description = "Skip the grid search for the best-fitting efficiencies and the cross-validation (faster)" };
        var steps = new Option<string?>("--steps") { Description = $"Measured whole-model steps to put beside the roofline (CSV: phase,batch,query_tokens,context_tokens,ms,execution; default: {DefaultSteps} when it exists)" };
        var stepsModel = new Option<string>("--steps-model") { Description = "Catalog model of the --steps measurements", DefaultValueFactory = _ => "llama-3.1-8b" };
        var stepsGpu = new Option<string>("--steps-gpu") { Description = "Catalog GPU of the --steps measurements", DefaultValueFactory = _ => "h200" };
        var catalogSummary = new Option<string?>("--catalog-summary") { Description = "Also write what the cross-validation says of each GPU into this catalog file (the repository's is scenarios/catalog/validation/published.yaml), which every report on that GPU quotes; needs the fit" };
        var grid = new Option<string[]>("--grid")
        {
            Description = $"Screen: search these values of one fitted setting instead of the default grid's, KEY=V1,V2,… (repeatable; KEY one of {string.Join(", ", ValidationGrid.Keys)}); activation_passes (default 0) is a roofline term the engine does not charge",
            AllowMultipleArgumentsPerToken = false,
        };
        var limits = new Option<string>("--limits") { Description = "Screen: simulate the grid's rows under the engine defaults' scheduling limits (default) or each row's own engine's (own)", DefaultValueFactory = _ => "default" };
        var vocabularyStepTime = new Option<bool>("--vocabulary-step-time") { Description = "Screen: leave the vocabulary out of the per-token multiplies and charge the LM head once per logit, in every step time of the run" };
        var command = new Command("validate-performance", "Compare simulated throughput and latency with published measurements and write calibration/VALIDATION.md")
        {
            published, output, results, catalog, proposed, noFit, steps, stepsModel, stepsGpu, catalogSummary, grid, limits, vocabularyStepTime,
        };
        command.SetAction(parse => Execute(
            new Arguments(parse.GetValue(published)!, parse.GetValue(output)!, parse.GetValue(results), parse.GetValue(catalog), parse.GetValue(proposed)!, !parse.GetValue(noFit),
                parse.GetValue(steps), parse.GetValue(stepsModel)!, parse.GetValue(stepsGpu)!, parse.GetValue(catalogSummary),
                parse.GetValue(grid) ?? [], parse.GetValue(limits)!, parse.GetValue(vocabularyStepTime)),
            stdout, stderr));
        return command;
    }

    /// <summary>Measured steps compared by default: one H200, PyTorch, a Llama-3.1-8B-shaped model.</summary>
    public static readonly string DefaultSteps = Path.Combine("calibration", "measurements", "h200-pytorch", "llama8b_steps.csv");

    private sealed record Arguments(string PublishedPath, string OutPath, string? ResultsPath, string? CatalogDir, string ProposedText, bool Fit, string? StepsPath, string StepsModel, string StepsGpu, string? CatalogSummaryPath,
        string[] Grid, string Limits, bool VocabularyStepTime);

    private static int Execute(Arguments a, TextWriter stdout, TextWriter stderr)
    {
        (string publishedPath, string outPath, string? resultsPath, string? catalogDir, string proposedText, bool fit) = (a.PublishedPath, a.OutPath, a.ResultsPath, a.CatalogDir, a.ProposedText, a.Fit);
        if (a.CatalogSummaryPath is not null && !fit)
        {
            stderr.WriteLine("error: --catalog-summary writes the cross-validated errors, which --no-fit skips; drop one of them");
            return ExitCodes.BadInput;
        }
        var gridErrors = new List<string>();
        ValidationGrid? grid = ValidationGrid.Parse(a.Grid, a.Limits, gridErrors);
        if (grid is null)
        {
            foreach (string e in gridErrors)
            {
                stderr.WriteLine(e);
            }
            return ExitCodes.BadInput;
        }
        if (!fit && grid != ValidationGrid.Default)
        {
            stderr.WriteLine("error: --grid and --limits own set what the grid searches, which --no-fit skips; drop one of them");
            return ExitCodes.BadInput;
        }
        if (a.CatalogSummaryPath is not null && (grid != ValidationGrid.Default || a.VocabularyStepTime))
        {
            stderr.WriteLine("error: --catalog-summary writes what every report on a GPU quotes, and a screen (--grid, --limits own, --vocabulary-step-time) validates an engine the simulator does not run; write it from a run without them");
            return ExitCodes.BadInput;
        }
        bool screen = grid != ValidationGrid.Default || a.VocabularyStepTime;
        string defaultOut = Path.GetFullPath(Path.Combine("calibration", "VALIDATION.md"));
        if (screen && (Path.GetFullPath(outPath) == defaultOut
            || (a.ResultsPath is not null && Path.GetFullPath(a.ResultsPath) == Path.GetFullPath(Path.Combine("calibration", "validation", "results.csv")))))
        {
            stderr.WriteLine("error: a screen (--grid, --limits own, --vocabulary-step-time) would put an engine the simulator does not run into calibration/VALIDATION.md and its results; pass --out and --results to files elsewhere, for example --out /tmp/VALIDATION.md --results /tmp/results.csv");
            return ExitCodes.BadInput;
        }
        var defaults = new ServingEngineSpec { VocabularyInStepTime = a.VocabularyStepTime };
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
            stderr.WriteLine(Directory.Exists(publishedPath)
                ? $"error: --published: {publishedPath} is a folder (allowed: a CSV file of published measurements, for example calibration/validation/published.csv)"
                : $"error: published measurements not found: {publishedPath} (pass --published FILE)");
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
        IReadOnlyList<PublishedMeasurement> rows = PublishedMeasurementReader.Read(
            publishedPath,
            loaded.Catalog.Models.ToDictionary(m => m.Key, m => m.Value.ToSpec(), StringComparer.Ordinal),
            loaded.Catalog.Gpus.ToDictionary(g => g.Key, g => g.Value.ToSpec(), StringComparer.Ordinal),
            errors);
        if (errors.Count > 0 || rows.Count == 0)
        {
            foreach (string e in errors)
            {
                stderr.WriteLine(e);
            }
            if (rows.Count == 0 && errors.Count == 0)
            {
                stderr.WriteLine($"error: {publishedPath} has no rows");
            }
            return ExitCodes.BadInput;
        }

        StepComparison? stepComparison = null;
        string? stepsPath = a.StepsPath ?? (File.Exists(DefaultSteps) ? DefaultSteps : null);
        if (stepsPath is not null)
        {
            if (!File.Exists(stepsPath))
            {
                stderr.WriteLine($"error: measured steps not found: {stepsPath} (pass --steps FILE, or leave it out)");
                return ExitCodes.BadInput;
            }
            if (!loaded.Catalog.Models.TryGetValue(a.StepsModel, out ModelCatalogEntry? stepsModel))
            {
                stderr.WriteLine($"error: --steps-model '{a.StepsModel}' is not in the catalog (known: {string.Join(", ", loaded.Catalog.Models.Keys)})");
                return ExitCodes.BadInput;
            }
            if (!loaded.Catalog.Gpus.TryGetValue(a.StepsGpu, out GpuCatalogEntry? stepsGpu))
            {
                stderr.WriteLine($"error: --steps-gpu '{a.StepsGpu}' is not in the catalog (known: {string.Join(", ", loaded.Catalog.Gpus.Keys)})");
                return ExitCodes.BadInput;
            }
            var stepErrors = new List<string>();
            IReadOnlyList<MeasuredStep> measured = MeasuredStepReader.Read(stepsPath, stepErrors);
            if (stepErrors.Count > 0 || measured.Count == 0)
            {
                foreach (string e in stepErrors.DefaultIfEmpty($"error: {stepsPath} has no rows"))
                {
                    stderr.WriteLine(e);
                }
                return ExitCodes.BadInput;
            }
            ServingEngineSpec? ceilings = stepsGpu is { MeasuredBf16DenseTflops: double bf16, MeasuredHbmBandwidthGbPerSecond: double hbm }
                ? defaults with { ComputeEfficiency = bf16 / stepsGpu.Bf16DenseTflops, MemoryEfficiency = hbm / stepsGpu.HbmBandwidthGbPerSecond, StepOverheadMs = 0 }
                : null;
            stepComparison = StepComparison.Compute(Path.GetFileName(stepsPath), measured, stepsModel.ToSpec(), stepsGpu.ToSpec(), defaults, ceilings);
        }

        // Every destination is checked before the work (minutes with the fit), and before any file is written.
        string results = resultsPath ?? Path.Combine(Path.GetDirectoryName(outPath) ?? "", "validation", "results.csv");
        foreach ((string option, string? path) in new[] { ("--out", (string?)outPath), ("--results", results), ("--catalog-summary", a.CatalogSummaryPath) })
        {
            if (path is not null && Directory.Exists(path))
            {
                stderr.WriteLine($"error: {option}: {path} is a folder (allowed: a file to write, new or one this command wrote before)");
                return ExitCodes.BadInput;
            }
            if (path is not null && AtomicFile.CannotWrite(path) is string why)
            {
                stderr.WriteLine($"error: {option}: cannot write {path}: {why}");
                return ExitCodes.Failure;
            }
        }
        string? existing = File.Exists(outPath) ? File.ReadAllText(outPath) : null;
        if (existing is not null && !ValidationReport.HasMarkers(existing))
        {
            stderr.WriteLine($"error: {outPath} exists but has no '{ValidationReport.BeginMarker}' … '{ValidationReport.EndMarker}' markers; add them where the generated tables belong, or pass another --out");
            return ExitCodes.BadInput;
        }

        ValidationRun run = PerformanceValidation.Run(rows, defaults, proposedEngine, fit, grid);
        if (a.CatalogSummaryPath is not null && (run.BySource is null || run.ByGpu is null))
        {
            stderr.WriteLine($"error: --catalog-summary needs rows from at least two sources and two GPUs to hold each out ({publishedPath} has {rows.Select(r => r.SourceKey).Distinct().Count()} and {rows.Select(r => r.Gpu.Id).Distinct().Count()})");
            return ExitCodes.BadInput;
        }
        string region = ValidationReport.Render(run, Path.GetFileName(publishedPath), stepComparison);
        string document = existing is null ? ValidationReport.Standalone(region) : ValidationReport.Replace(existing, region);
        AtomicFile.WriteAllText(outPath, document);
        AtomicFile.WriteAllText(results, ValidationReport.ResultsCsv(run));
        if (a.CatalogSummaryPath is not null)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(a.CatalogSummaryPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
            AtomicFile.WriteAllText(a.CatalogSummaryPath, CatalogValidationSummary.Yaml(
                CatalogValidationSummary.Compute(rows, run.BySource!.Predicted, run.ByGpu!.Predicted), Path.GetFileName(publishedPath)));
        }

        foreach (string line in ValidationReport.SummaryLines(run))
        {
            stdout.WriteLine(line);
        }
        stdout.WriteLine(a.CatalogSummaryPath is null
            ? $"wrote {outPath} and {results} ({rows.Count} published rows)"
            : $"wrote {outPath}, {results} and {a.CatalogSummaryPath} ({rows.Count} published rows)");
        return ExitCodes.Ok;
    }
}
