using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Profiles;

/// <summary>The outcome of reading a profile file: the document when it is valid, and every problem with its line and column in the profile file.</summary>
public sealed record PerformanceProfileReadResult(PerformanceProfileDocument? Document, IReadOnlyList<Diagnostic> Diagnostics, bool NotFound)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
