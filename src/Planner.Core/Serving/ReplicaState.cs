namespace Planner.Core.Serving;

/// <summary>Life cycle of a replica.</summary>
public enum ReplicaState
{
    /// <summary>Provisioning and loading weights: billed, not serving.</summary>
    Starting,
    Ready,
    /// <summary>Finishing its requests before it stops; receives no new ones.</summary>
    Draining,
    Stopped,
}
