using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;

namespace Planner.Scenarios.Profiles;

/// <summary>The outcome of reading a profile file: the document when it is valid, and every problem with its line and column in the profile file.</summary>
public sealed record PerformanceProfileReadResult(PerformanceProfileDocument? Document, IReadOnlyList<Diagnostic> Diagnostics, bool NotFound)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Whether the file itself could be read (a directory, a missing or unreadable file each say so here); its bytes are not kept.</summary>
    public InputFileResult File { get; init; } = new(InputFileStatus.Read, null, null);
}
