namespace Planner.Cluster.Messages;

/// <summary>
/// One unit of work sent to a worker: the scenario as text (with the folders its relative paths
/// and catalog resolve against, which must hold the same files on every machine), the seed, and
/// which window to simulate. Everything else a worker derives, exactly as the client does.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WindowRequest
{
    /// <summary>The scenario file's text.</summary>
    [Id(0)] public required string ScenarioText { get; init; }

    /// <summary>The scenario's path as the user gave it (for messages).</summary>
    [Id(1)] public required string ScenarioPath { get; init; }

    /// <summary>Absolute folder the scenario's relative paths (traces, profiles) start from.</summary>
    [Id(2)] public required string BaseDirectory { get; init; }

    /// <summary>Absolute catalog folder.</summary>
    [Id(3)] public required string CatalogDirectory { get; init; }

    /// <summary>The seed the run uses (the scenario's or the command line's).</summary>
    [Id(4)] public required ulong Seed { get; init; }

    /// <summary><see cref="Planner.Core.Projection.WindowUnit.Ordinal"/> of the unit to simulate.</summary>
    [Id(5)] public required int Ordinal { get; init; }

    /// <summary>Units and options the client planned; a worker that plans otherwise refuses (different files or build).</summary>
    [Id(6)] public required int UnitCount { get; init; }

    [Id(7)] public required int OptionCount { get; init; }

    /// <summary>The window's label as the client planned it, checked by the worker.</summary>
    [Id(8)] public required string WindowLabel { get; init; }

    /// <summary>The client's Planner version; a worker of another version refuses the unit.</summary>
    [Id(9)] public string? ClientVersion { get; init; }

    /// <summary>
    /// For a Monte Carlo sample simulated in full: the values of the scenario's uncertain inputs
    /// (in its uncertainty: order) that make the sample's scenario; null for the scenario itself.
    /// </summary>
    [Id(10)] public double[]? SampleValues { get; init; }

    /// <summary>
    /// For a noise follow-up (<see cref="Planner.Core.Projection.NoiseFollowUp"/>): its 0-based months,
    /// paired with <see cref="FollowUpOptions"/>; null for the run's own units.
    /// </summary>
    [Id(11)] public int[]? FollowUpMonths { get; init; }

    /// <summary>The option of each pair of the noise follow-up (<see cref="FollowUpMonths"/>).</summary>
    [Id(12)] public int[]? FollowUpOptions { get; init; }
}
