namespace Planner.Cluster.Messages;

/// <summary>
/// A batch of a configuration search's units sent to a worker: the scenario as text (with its
/// folders), the seed, what the candidates are built from (the command line's search options) and
/// the search settings that shape levels and bounds. The worker rebuilds the search space exactly
/// as the client did and simulates each unit from its names and seeds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OptimizationRequest
{
    [Id(0)] public required string ScenarioText { get; init; }

    [Id(1)] public required string ScenarioPath { get; init; }

    [Id(2)] public required string BaseDirectory { get; init; }

    [Id(3)] public required string CatalogDirectory { get; init; }

    [Id(4)] public required ulong Seed { get; init; }

    [Id(5)] public string? OptionName { get; init; }

    [Id(6)] public string[]? Gpus { get; init; }

    [Id(7)] public int[]? GpusPerReplica { get; init; }

    [Id(8)] public string[]? Precisions { get; init; }

    [Id(9)] public required int[] MaxConcurrentSequences { get; init; }

    [Id(10)] public required double[] Targets { get; init; }

    [Id(11)] public required int[] MinReplicas { get; init; }

    [Id(12)] public required int MaxReplicas { get; init; }

    [Id(13)] public string? Provider { get; init; }

    [Id(14)] public required double LevelStep { get; init; }

    [Id(15)] public required int SampleRequests { get; init; }

    /// <summary>Candidates and load levels the client planned; a worker that plans otherwise refuses (different files or build).</summary>
    [Id(16)] public required int CandidateCount { get; init; }

    [Id(17)] public required int LevelCount { get; init; }

    [Id(18)] public string? ClientVersion { get; init; }

    [Id(19)] public required PoolWindowPayload[] Units { get; init; }
}
