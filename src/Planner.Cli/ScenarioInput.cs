using System.Globalization;
using System.Text.RegularExpressions;
using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;

namespace Planner.Cli;

/// <summary>Loads the catalog and a scenario, prints every diagnostic, and checks what only the engine knows (does the model fit the GPU).</summary>
public static partial class ScenarioInput
{
    /// <summary>The scenario, or null after printing why not; stale prices are summed up in one line unless <paramref name="everyStalePrice"/>.</summary>
    public static ScenarioSpec? Load(string scenarioPath, string? catalogDirectory, TextWriter stderr, out IReadOnlyList<string> warnings, bool everyStalePrice = false) =>
        Load(scenarioPath, catalogDirectory, stderr, out warnings, out _, everyStalePrice);

    /// <summary>
    /// The scenario and the factory of its variants at other values of its uncertain inputs, or
    /// null after printing why not. Every warning goes into <paramref name="warnings"/> (and so into
    /// the report) as the console prints it: several stale prices are one line with their count
    /// unless <paramref name="everyStalePrice"/> (as <c>planner validate</c> asks, for the author).
    /// </summary>
    public static ScenarioSpec? Load(string scenarioPath, string? catalogDirectory, TextWriter stderr, out IReadOnlyList<string> warnings,
        out IScenarioVariantFactory? variants, bool everyStalePrice = false)
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
        List<Diagnostic> stale = everyStalePrice ? [] : loaded.Diagnostics.Where(d => d.IsStalePrice).ToList();
        bool ok = Print(stale.Count > 1 ? loaded.Diagnostics.Except(stale).ToList() : loaded.Diagnostics, stderr);
        if (stale.Count > 1)
        {
            stderr.WriteLine(StaleSummary(stale, loaded.Scenario));
        }
        // The files say what the console said: several stale prices are the one line above there too
        // (voice-agent's report listed one price three times, once per option that uses it).
        warnings = stale.Count > 1
            ? [.. loaded.Diagnostics.Except(stale).Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.ToString()), StaleSummary(stale, loaded.Scenario)]
            : loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
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

    /// <summary>
    /// One line for several stale prices: how many, how old, the first few by name, and where the
    /// details are. Every bundled demo run would otherwise open with a warning per price.
    /// </summary>
    public static string StaleSummary(IReadOnlyList<Diagnostic> stale, ScenarioSpec? scenario)
    {
        ArgumentNullException.ThrowIfNull(stale);
        List<string> names = stale.Select(d => StalePriceName().Match(d.Message)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        string age = "";
        if (scenario is not null)
        {
            List<int> months = scenario.Sources.Where(a => a.IsStale && a.AsOf is not null)
                .Select(a => WholeMonths(a.AsOf!.Value, scenario.StartMonth)).ToList();
            if (months.Count > 0)
            {
                age = months.Min() == months.Max()
                    ? string.Create(CultureInfo.InvariantCulture, $" {months.Min()} months")
                    : string.Create(CultureInfo.InvariantCulture, $" {months.Min()} to {months.Max()} months");
                age += string.Create(CultureInfo.InvariantCulture, $" older than the scenario's start ({scenario.StartMonth:yyyy-MM})");
            }
        }
        // A price that two options use warns twice; it is one price.
        int count = names.Count > 0 ? names.Count : stale.Count;
        string shown = names.Count <= 3 ? string.Join(", ", names) : string.Join(", ", names.Take(3)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - 3} more");
        return string.Create(CultureInfo.InvariantCulture,
            $"{stale[0].File}: warning: {count} price{(count == 1 ? "" : "s")} may be stale,{(age.Length > 0 ? age : " older than the scenario's start")}: {shown} ({stale[0].Allowed}; the report's Assumptions give each one's source and date, `planner validate` the line of each)");
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>, counted as the per-price warning counts them.</summary>
    private static int WholeMonths(DateOnly from, DateOnly to) =>
        (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);

    [GeneratedRegex("price '([^']+)'")]
    private static partial Regex StalePriceName();

    /// <summary>Prints diagnostics in order; false when any is an error.</summary>
    private static bool Print(IReadOnlyList<Diagnostic> diagnostics, TextWriter stderr)
    {
        foreach (Diagnostic d in diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
        // A line that sums up problems not listed counts as those problems (10 rows listed and "12 more" read "11 errors").
        int errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Sum(d => d.Count);
        if (errors > 0)
        {
            stderr.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}; nothing was simulated.");
        }
        return errors == 0;
    }
}
