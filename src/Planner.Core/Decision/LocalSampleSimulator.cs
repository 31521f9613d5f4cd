using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Decision;

/// <summary>Simulates samples one after the other, each on all of this machine's cores (a sample has many windows to share out).</summary>
public sealed class LocalSampleSimulator : ISampleSimulator
{
    private readonly Func<SelfHostedOptionSpec, IPerformanceProfile>? _profiles;
    private readonly int? _maxParallelism;

    /// <param name="profiles">Performance profile per self-hosted option; null uses each option's own.</param>
    /// <param name="maxParallelism">Windows simulated at once; null for one per core.</param>
    public LocalSampleSimulator(Func<SelfHostedOptionSpec, IPerformanceProfile>? profiles = null, int? maxParallelism = null)
    {
        _profiles = profiles;
        _maxParallelism = maxParallelism;
    }

    public IReadOnlyList<ProjectionResult> SimulateAll(IReadOnlyList<MonteCarloSample> samples, IProgress<(int Done, int Total)>? progress)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var results = new ProjectionResult[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            results[i] = new Projector(_profiles).Run(samples[i].Scenario, null, _maxParallelism);
            progress?.Report((i + 1, samples.Count));
        }
        return results;
    }
}
