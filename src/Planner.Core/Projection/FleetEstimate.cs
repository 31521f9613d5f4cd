using Planner.Core.Optimization;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>
/// What an option's fleet is expected to hold at a request rate, from the roofline bounds of its
/// configuration over a sample of the workload (<see cref="CandidateBounds"/>): used to start a
/// window with a warm fleet and to decide whether a fleet is large enough to simulate as a slice.
/// Never a result: the simulation measures the fleet it actually runs.
/// </summary>
public sealed class FleetEstimate
{
    private readonly SelfHostedOptionSpec _option;
    private readonly CandidateBound _bound;

    private FleetEstimate(SelfHostedOptionSpec option, CandidateBound bound)
    {
        _option = option;
        _bound = bound;
    }

    /// <summary>The estimate for a fleet; null for options without one (APIs).</summary>
    public static FleetEstimate? For(OptionSpec option, IPerformanceProfile? profile, WorkloadSample sample)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(sample);
        if (Projector.SelfHostedPart(option) is not SelfHostedOptionSpec fleet)
        {
            return null;
        }
        return new FleetEstimate(fleet, CandidateBounds.Compute(fleet, profile ?? PerformanceProfiles.For(fleet), sample));
    }

    /// <summary>Seed key of the workload sample estimates are computed over ("ESTIMATE").</summary>
    private const ulong SampleKey = 0x4553_5449_4D41_5445;

    /// <summary>The requests a scenario's estimates are computed over: the same for every run of it.</summary>
    public static WorkloadSample SampleOf(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return WorkloadSample.Draw(scenario.Workload, Randomness.SeedSequence.Derive(scenario.Seed, SampleKey), 2000);
    }

    /// <summary>The estimate for a fleet whose roofline bounds are already computed.</summary>
    public static FleetEstimate From(SelfHostedOptionSpec fleet, CandidateBound bound)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(bound);
        return new FleetEstimate(fleet, bound);
    }

    /// <summary>Replicas at <paramref name="requestsPerSecond"/>, before the fleet's bounds apply (fixed fleets: their size).</summary>
    public double ReplicasAt(double requestsPerSecond)
    {
        if (_option.FixedReplicas is int n)
        {
            return n;
        }
        // The steady state the concurrency target aims for, without the bounds' safety allowance.
        return Math.Max(CandidateBounds.ReplicasNeeded(_option with { Autoscaler = _option.Autoscaler! with { MinReplicas = 0 } }, _bound, requestsPerSecond)
            / CandidateBounds.TargetAllowance, requestsPerSecond * _bound.ReplicaSecondsPerRequest);
    }
}
