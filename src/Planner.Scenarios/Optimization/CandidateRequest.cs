namespace Planner.Scenarios.Optimization;

/// <summary>
/// The search space as a user asks for it (the options of <c>planner optimize</c>); null lists
/// take the defaults documented on each property.
/// </summary>
public sealed record CandidateRequest
{
    /// <summary>Self-hosted (or hybrid) option whose model, engine and fixed costs the candidates take; null takes the scenario's first.</summary>
    public string? OptionName { get; init; }

    /// <summary>GPU ids; null means every GPU with an on-demand price (the scenario's own, then the catalog's).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>GPUs per replica; null means 1, 2, 4 and 8, wherever the model fits.</summary>
    public IReadOnlyList<int>? GpusPerReplica { get; init; }

    /// <summary>Weight precisions (fp32, bf16, fp16, fp8, int4); null means the option's own.</summary>
    public IReadOnlyList<string>? Precisions { get; init; }

    /// <summary>Engine batch limits (vLLM's max_num_seqs).</summary>
    public IReadOnlyList<int> MaxConcurrentSequences { get; init; } = [32, 64, 128, 256];

    /// <summary>Autoscaler targets: in-flight requests per replica (a target at or above the batch limit is skipped).</summary>
    public IReadOnlyList<double> Targets { get; init; } = [8, 16, 32, 64];

    /// <summary>Autoscaler minimum replicas.</summary>
    public IReadOnlyList<int> MinReplicas { get; init; } = [1, 2];

    /// <summary>Autoscaler maximum replicas of every candidate.</summary>
    public int MaxReplicas { get; init; } = 1000;

    /// <summary>
    /// Catalog prices from this provider only ("any" for the cheapest anywhere); null means the
    /// provider of the scenario's catalog prices when they agree on one, else any.
    /// </summary>
    public string? Provider { get; init; }
}
