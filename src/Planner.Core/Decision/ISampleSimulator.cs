using Planner.Core.Projection;

namespace Planner.Core.Decision;

/// <summary>
/// Simulates Monte Carlo samples in full, on this machine (<see cref="LocalSampleSimulator"/>) or
/// elsewhere. Entry i of the answer is sample i of the request, whatever order they ran in, and a
/// sample's projection is the same wherever it ran.
/// </summary>
public interface ISampleSimulator
{
    /// <summary>The projection of every sample; <paramref name="progress"/> receives completed/total samples.</summary>
    IReadOnlyList<ProjectionResult> SimulateAll(IReadOnlyList<MonteCarloSample> samples, IProgress<(int Done, int Total)>? progress);
}
