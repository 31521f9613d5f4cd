namespace Planner.Calibration.Benchmarking;

/// <summary>Where a sweep is: points done out of the total, and what is being measured now.</summary>
public readonly record struct BenchmarkProgress(int Done, int Total, string Current);
