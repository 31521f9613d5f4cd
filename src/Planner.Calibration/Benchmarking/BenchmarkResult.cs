namespace Planner.Calibration.Benchmarking;

/// <summary>What a sweep measured: the timing rows and, when profiled, the operator breakdown of every point.</summary>
public sealed record BenchmarkResult(IReadOnlyList<MeasurementRow> Rows, IReadOnlyList<OperatorTime> Operators);
