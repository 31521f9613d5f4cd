namespace Planner.Core.Specs;

/// <summary>
/// Measured time of one decoder layer's operators on one GPU, as a function of the tokens in the
/// step: everything in the layer except the attention kernel itself (the norms, the QKV and
/// output projections, rotary embedding, the gated MLP and the residual adds), for one layer
/// shape, one tensor-parallel degree and 16-bit weights. Read from <c>catalog/operators/</c>,
/// where each table says which measurements it was derived from.
/// </summary>
public sealed record OperatorTimingTable
{
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int AttentionHeads { get; init; }
    public required int KvHeads { get; init; }

    /// <summary>GPUs the layer is split over (tensor parallelism); the times are of one of them.</summary>
    public required int TensorParallel { get; init; }

    /// <summary>Tokens in the step at each measured point, strictly increasing, the first ≥ 1.</summary>
    public required IReadOnlyList<int> Tokens { get; init; }

    /// <summary>Median time of one layer's operators (attention kernel excluded) at each point, seconds.</summary>
    public required IReadOnlyList<double> LayerSeconds { get; init; }

    /// <summary>Median time of the token-embedding lookup (once per step) at each point, seconds.</summary>
    public required IReadOnlyList<double> EmbeddingSeconds { get; init; }

    /// <summary>Where the measurements come from (data set, file, commit, licence).</summary>
    public required string Source { get; init; }

    /// <summary>Whether the table was measured on a layer of <paramref name="model"/>'s shape at <paramref name="tensorParallel"/> GPUs.</summary>
    public bool Fits(ModelArchitectureSpec model, int tensorParallel)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.IntermediateSize == IntermediateSize && model.HiddenSize == HiddenSize && model.AttentionHeads == AttentionHeads
            && model.KvHeads == KvHeads && model.Experts <= 1 && tensorParallel == TensorParallel;
    }
}
