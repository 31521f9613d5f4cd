using Planner.Cluster.Messages;

namespace Planner.Cluster.Grains;

/// <summary>Simulates units of a projection on whichever worker receives the call.</summary>
public interface IWindowGrain : IGrainWithIntegerKey
{
    /// <summary>Simulates one window for every option of the request's scenario.</summary>
    Task<WindowReply> Simulate(WindowRequest request);
}
