namespace Planner.Reports.Json;

/// <summary>
/// What a self-hosted option rents: the instance type (null when the scenario did not name it), its
/// GPUs and price per instance-hour, and how many replicas of how many GPUs it holds.
/// </summary>
public sealed record InstanceSection(string? Type, int GpusPerInstance, double PricePerInstanceHourUsd, int GpusPerReplica, int ReplicasPerInstance, int InstancesPerReplica);
