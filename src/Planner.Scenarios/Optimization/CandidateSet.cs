using Planner.Core.Specs;

namespace Planner.Scenarios.Optimization;

/// <summary>The candidates built for a search, or the errors that prevent it.</summary>
public sealed record CandidateSet
{
    /// <summary>The option the candidates were derived from; null after errors.</summary>
    public SelfHostedOptionSpec? BaseOption { get; init; }

    /// <summary>GPU types searched, with their prices.</summary>
    public IReadOnlyList<GpuOffer> Offers { get; init; } = [];

    /// <summary>Single-type autoscaled candidates, unique names.</summary>
    public IReadOnlyList<SelfHostedOptionSpec> Candidates { get; init; } = [];

    /// <summary>Choices made for the user (precision substituted, combinations that do not fit).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Input that cannot be searched, each saying what is allowed.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;
}
