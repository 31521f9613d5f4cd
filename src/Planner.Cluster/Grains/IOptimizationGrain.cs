using Planner.Cluster.Messages;

namespace Planner.Cluster.Grains;

/// <summary>Simulates units of a configuration search on whichever worker receives the call.</summary>
public interface IOptimizationGrain : IGrainWithIntegerKey
{
    /// <summary>Simulates the request's units, one after another, on one of the worker's cores.</summary>
    Task<OptimizationReply> Simulate(OptimizationRequest request);
}
