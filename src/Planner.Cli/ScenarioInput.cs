using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;

namespace Planner.Cli;

/// <summary>Loads the catalog and a scenario, prints every diagnostic, and checks what only the engine knows (does the model fit the GPU).</summary>
public static class ScenarioInput
{
    /// <summary>The scenario, or null after printing why not.</summary>
    public static ScenarioSpec? Load(string scenarioPath, string? catalogDirectory, TextWriter stderr, out IReadOnlyList<string> warnings) =>
        Load(scenarioPath, catalogDirectory, stderr, out warnings, out _);

    /// <summary>The scenario and the factory of its variants at other values of its uncertain inputs, or null after printing why not.</summary>
    public static ScenarioSpec? Load(string scenarioPath, string? catalogDirectory, TextWriter stderr, out IReadOnlyList<string> warnings,
        out IScenarioVariantFactory? variants)
    {
        warnings = [];
        variants = null;
        // Said here, before a catalog is looked for beside it; the loader reads the file itself within its limits.
        bool isDirectory = Directory.Exists(scenarioPath);
        if (isDirectory || !File.Exists(scenarioPath))
        {
            string what = isDirectory ? $"scenario file {scenarioPath} is a directory, not a file" : $"scenario file not found: {scenarioPath}";
            stderr.WriteLine($"{scenarioPath}:1:1: error: {what} (allowed: the path of a .yaml scenario, for example scenarios/chat-seed-stage.yaml)");
            return null;
        }
        string? catalogDir = CatalogLocator.Find(scenarioPath, catalogDirectory);
        if (catalogDir is null)
        {
            stderr.WriteLine($"error: no catalog found for {scenarioPath} (pass --catalog DIR, a folder holding gpus.yaml, gpu_prices.yaml, api_prices.yaml and models.yaml)");
            return null;
        }
        CatalogLoadResult catalog = CatalogLoader.Load(catalogDir);
        if (!Print(catalog.Diagnostics, stderr) || catalog.Catalog is null)
        {
            return null;
        }
        ScenarioLoadResult loaded = ScenarioLoader.Load(scenarioPath, catalog.Catalog);
        bool ok = Print(loaded.Diagnostics, stderr);
        warnings = loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        if (!ok || loaded.Scenario is null)
        {
            return null;
        }
        bool fits = true;
        foreach (SelfHostedOptionSpec s in loaded.Scenario.Options.Select(Projector.SelfHostedPart).OfType<SelfHostedOptionSpec>())
        {
            if (!ReplicaFootprint.Compute(s.Model, s.Gpu, s.GpusPerReplica, s.Engine).Fits)
            {
                stderr.WriteLine($"{scenarioPath}: error: option '{s.Name}': {ReplicaFootprint.DescribeMisfit(s.Model, s.Gpu, s.GpusPerReplica, s.Engine)}");
                fits = false;
            }
        }
        variants = loaded.Variants;
        return fits ? loaded.Scenario : null;
    }

    /// <summary>Prints diagnostics in order; false when any is an error.</summary>
    private static bool Print(IReadOnlyList<Diagnostic> diagnostics, TextWriter stderr)
    {
        foreach (Diagnostic d in diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
        int errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (errors > 0)
        {
            stderr.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}; nothing was simulated.");
        }
        return errors == 0;
    }
}
