namespace Planner.Calibration.Benchmarking;

/// <summary>A measurement file: its rows and metadata, and where it was read from or written to.</summary>
public sealed record MeasurementSet
{
    public required MeasurementMetadata Metadata { get; init; }

    public required IReadOnlyList<MeasurementRow> Rows { get; init; }

    /// <summary>The operator breakdown of the points (empty when the run was not profiled, and for imports).</summary>
    public IReadOnlyList<OperatorTime> Operators { get; init; } = [];

    /// <summary>Path of the CSV (null until written).</summary>
    public string? CsvPath { get; init; }
}
