namespace Planner.Reports.Output;

/// <summary>
/// The file moves and deletions that put a report set in place (<see cref="StagedFolder"/>) and
/// clear an earlier run's charts: the file system's own, or in tests one that fails where a disk or
/// a permission would, to check what a failure leaves behind.
/// </summary>
internal sealed record FileOperations
{
    /// <summary>Moves a file (source, destination); the destination does not exist.</summary>
    public required Action<string, string> Move { get; init; }

    /// <summary>Deletes a file.</summary>
    public required Action<string> Delete { get; init; }

    /// <summary>The file system's.</summary>
    public static FileOperations System { get; } = new() { Move = (from, to) => File.Move(from, to), Delete = File.Delete };
}
