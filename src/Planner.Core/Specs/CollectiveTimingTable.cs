namespace Planner.Core.Specs;

/// <summary>
/// Measured time of one all-reduce among <see cref="Gpus"/> GPUs of one machine, as a function of
/// the bytes reduced: what tensor parallelism pays twice per layer per step (the engine fits a
/// ring's latency and bandwidth to them, <see cref="Serving.TensorParallelCost"/>). Read from
/// <c>catalog/collectives/</c>, where each table says which measurements it was derived from.
/// </summary>
public sealed record CollectiveTimingTable
{
    /// <summary>GPUs taking part (the tensor-parallel degree).</summary>
    public required int Gpus { get; init; }

    /// <summary>Bytes reduced at each measured point, strictly increasing.</summary>
    public required IReadOnlyList<double> Bytes { get; init; }

    /// <summary>Median time of the all-reduce at each point, seconds.</summary>
    public required IReadOnlyList<double> Seconds { get; init; }

    /// <summary>Where the measurements come from (data set, file, commit, licence).</summary>
    public required string Source { get; init; }
}
