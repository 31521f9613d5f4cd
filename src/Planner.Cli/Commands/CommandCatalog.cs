using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;

namespace Planner.Cli.Commands;

/// <summary>The catalog a command without a scenario reads: the <c>--catalog</c> folder, else the one nearest the current folder.</summary>
internal static class CommandCatalog
{
    /// <summary>The loaded catalog, its diagnostics written to <paramref name="stderr"/>; null (bad input) when there is none or it has errors.</summary>
    public static Catalog? Load(string? catalogOption, TextWriter stderr)
    {
        string? dir = CatalogLocator.Find(Path.Combine(Environment.CurrentDirectory, "scenario.yaml"), catalogOption);
        if (dir is null)
        {
            stderr.WriteLine("error: no catalog found (pass --catalog DIR)");
            return null;
        }
        CatalogLoadResult loaded = CatalogLoader.Load(dir);
        foreach (Diagnostic d in loaded.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
        return loaded.Catalog is null || loaded.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : loaded.Catalog;
    }
}
