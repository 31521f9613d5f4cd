namespace Planner.Calibration.Benchmarking;

/// <summary>A file measurements were imported from: where it was, its SHA-256, the citation given, and the copy kept beside the measurements.</summary>
public sealed record ImportedSource
{
    public required string File { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>Where the numbers come from (URL, paper, run log), as the user stated it.</summary>
    public required string Citation { get; init; }

    /// <summary>File name of the copy kept next to the measurement CSV.</summary>
    public string? CopiedTo { get; init; }
}
