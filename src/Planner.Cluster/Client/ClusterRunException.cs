namespace Planner.Cluster.Client;

/// <summary>A run on the cluster that cannot finish: no worker, a worker that refuses the scenario, or a unit that failed every retry.</summary>
public sealed class ClusterRunException : Exception
{
    public ClusterRunException(string message)
        : base(message)
    {
    }

    public ClusterRunException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
