namespace Planner.Core.Metrics;

/// <summary>The raw contents of a <see cref="LatencyHistogram"/>: the weight at zero, each bucket's weight and the running total.</summary>
public sealed record LatencyHistogramState(double ZeroWeight, IReadOnlyList<double> BucketWeights, double TotalWeight);
