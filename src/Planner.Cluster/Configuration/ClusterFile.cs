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
    /// <summary>Orleans' Redis clustering: workers anywhere, each told its address (<c>--address</c>).</summary>
    public const string RedisClustering = "redis";

    /// <summary>
    /// Workers in Kubernetes pods: Orleans' Kubernetes hosting gives each its pod's name and IP and
    /// removes the silos of deleted pods; the membership table stays in Redis.
    /// </summary>
    public const string KubernetesClustering = "kubernetes";

    /// <summary><see cref="RedisClustering"/> or <see cref="KubernetesClustering"/>; clients connect alike to both (through Redis).</summary>
    public string Clustering { get; init; } = RedisClustering;

    /// <summary>Whether workers of this cluster run in Kubernetes pods.</summary>
    public bool OnKubernetes => Clustering == KubernetesClustering;

    public const string DefaultClusterId = "planner";

    public const string DefaultServiceId = "planner";
}
