using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Catalogs;

/// <summary>The outcome of loading a catalog directory.</summary>
/// <param name="Catalog">The catalog, or null when any file had errors.</param>
/// <param name="Diagnostics">Every error and warning, by file and position.</param>
public sealed record CatalogLoadResult(Catalog? Catalog, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
