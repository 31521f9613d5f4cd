namespace Planner.Core.Specs;

/// <summary>The scenario's uncertain inputs, each addressed by its path in the scenario file.</summary>
public sealed record UncertaintySpec
{
    public IReadOnlyList<UncertainInputSpec> Inputs { get; init; } = [];
    /// <summary>Samples drawn when the command line does not say.</summary>
    public int DefaultSamples { get; init; } = 1000;
}

/// <summary>One input given as a distribution instead of a single value.</summary>
public sealed record UncertainInputSpec
{
    /// <summary>Path of the value in the scenario, for example workload.volume.growth.monthly_rate or options[llama-8b-l4].pricing.price_per_gpu_hour_usd.</summary>
    public required string Path { get; init; }
    /// <summary>Short label for reports; defaults to the path.</summary>
    public required string Label { get; init; }
    public required DistributionSpec Distribution { get; init; }
    /// <summary>What changing the input changes, which decides how a sample is evaluated.</summary>
    public required InputEffect Effect { get; init; }
    /// <summary>Where it is declared (file:line:column), for messages.</summary>
    public string Location { get; init; } = "";
    /// <summary>
    /// The options whose figures the input can change (its value sits inside them, or in a price event
    /// that names them); null when it can change any option (traffic, token lengths, finance).
    /// </summary>
    public IReadOnlyList<string>? OptionsMoved { get; init; }
}

/// <summary>
/// How an input acts on the projection: prices and fixed costs only change money; volume and growth
/// change how much traffic each month carries; anything else (token lengths, engine limits,
/// autoscaler settings...) changes how the simulated system behaves.
/// </summary>
public enum InputEffect
{
    Cost,
    Load,
    Physics,
}
