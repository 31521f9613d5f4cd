namespace Planner.Core.Specs;

/// <summary>Shape of a transformer decoder model, as in its config.json.</summary>
public sealed record ModelArchitectureSpec
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required double ParamsBillion { get; init; }
    public required double ActiveParamsBillion { get; init; }
    public required int Layers { get; init; }
    public required int HiddenSize { get; init; }
    /// <summary>Width of the MLP's hidden layer (config.json's <c>intermediate_size</c>); 0 when not given.</summary>
    public int IntermediateSize { get; init; }
    public required int AttentionHeads { get; init; }
    public required int KvHeads { get; init; }
    public required int HeadDim { get; init; }
    public int VocabSize { get; init; }
    public int Experts { get; init; } = 1;
    public int ExpertsPerToken { get; init; } = 1;

    /// <summary>
    /// Whether the input embedding and the LM head are one matrix (config.json's
    /// <c>tie_word_embeddings</c>): Llama 3.2 1B and 3B are; Llama 3.1, Llama 2, Mistral, Mixtral and
    /// Qwen 2.5 from 7B up are not.
    /// </summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>
    /// Longest prompt and answer together the model serves (config.json's
    /// <c>max_position_embeddings</c>, which vLLM takes as its default <c>max_model_len</c>); a
    /// longer request is refused, as an OpenAI-compatible server refuses it. Null where not stated (an
    /// inline model without it): then only the KV cache bounds a request.
    /// </summary>
    public int? MaxContextTokens { get; init; }
    public string Source { get; init; } = "scenario";
}
