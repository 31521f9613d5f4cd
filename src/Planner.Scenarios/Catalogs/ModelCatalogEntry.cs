using Planner.Core.Specs;

namespace Planner.Scenarios.Catalogs;

/// <summary>One open-weight model's architecture from <c>models.yaml</c>, as in its config.json.</summary>
public sealed record ModelCatalogEntry
{
    /// <summary>Catalog id scenarios refer to, e.g. <c>llama-3.1-8b</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Total parameters, billions.</summary>
    public required double ParamsBillion { get; init; }

    /// <summary>Parameters used per token, billions (equal to <see cref="ParamsBillion"/> for dense models).</summary>
    public required double ActiveParamsBillion { get; init; }

    /// <summary>Decoder layers.</summary>
    public required int Layers { get; init; }

    /// <summary>Hidden size.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>MLP intermediate size (per expert for mixture-of-experts models).</summary>
    public required int IntermediateSize { get; init; }

    /// <summary>Query attention heads.</summary>
    public required int AttentionHeads { get; init; }

    /// <summary>Key/value heads (fewer than query heads under grouped-query attention).</summary>
    public required int KvHeads { get; init; }

    /// <summary>Dimension of one attention head.</summary>
    public required int HeadDim { get; init; }

    /// <summary>Vocabulary size.</summary>
    public required int VocabSize { get; init; }

    /// <summary>Experts per layer (1 for dense models).</summary>
    public required int Experts { get; init; }

    /// <summary>Experts each token is routed to (1 for dense models).</summary>
    public required int ExpertsPerToken { get; init; }

    /// <summary>Whether the input embedding and the LM head are one matrix (config.json's <c>tie_word_embeddings</c>; default false).</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>Longest context the model was trained for, tokens.</summary>
    public required int MaxContextTokens { get; init; }

    /// <summary>Where the figures come from (config.json URL).</summary>
    public required string Source { get; init; }

    /// <summary>Date the configuration was published.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The engine's view of this model.</summary>
    public ModelArchitectureSpec ToSpec() => new()
    {
        Id = Id,
        Name = Name,
        ParamsBillion = ParamsBillion,
        ActiveParamsBillion = ActiveParamsBillion,
        Layers = Layers,
        HiddenSize = HiddenSize,
        IntermediateSize = IntermediateSize,
        AttentionHeads = AttentionHeads,
        KvHeads = KvHeads,
        HeadDim = HeadDim,
        VocabSize = VocabSize,
        Experts = Experts,
        ExpertsPerToken = ExpertsPerToken,
        TiedEmbeddings = TiedEmbeddings,
        MaxContextTokens = MaxContextTokens,
        Source = Source,
    };
}
