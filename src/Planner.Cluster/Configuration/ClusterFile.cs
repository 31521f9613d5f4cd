namespace Planner.Cluster.Configuration;

/// <summary>
/// Where a Planner cluster meets: the membership table its workers and clients share, and the
/// names that keep one cluster apart from another using the same table.
/// </summary>
/// <param name="Path">The file as the user named it.</param>
/// <param name="RedisEndpoint">host:port of the Redis server that holds the membership table.</param>
/// <param name="ClusterId">Orleans cluster id: workers and clients with the same id form one cluster.</param>
/// <param name="ServiceId">Orleans service id (stable across redeployments of the cluster).</param>
public sealed record ClusterFile(string Path, string RedisEndpoint, string ClusterId, string ServiceId)
{
    /// <summary>The only membership provider so far.</summary>
    public const string RedisClustering = "redis";

    public const string DefaultClusterId = "planner";

    public const string DefaultServiceId = "planner";
}
