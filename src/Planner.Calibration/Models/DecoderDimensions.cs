using System.Globalization;

namespace Planner.Calibration.Models;

/// <summary>The shape of a Llama-style decoder (as in its config.json): what the built-in benchmark models are built with.</summary>
public sealed record DecoderDimensions
{
    /// <summary>Catalog id of the model these dimensions come from, for example <c>llama-3.1-8b</c>.</summary>
    public required string ModelId { get; init; }

    public required int Layers { get; init; }

    public required int HiddenSize { get; init; }

    public required int IntermediateSize { get; init; }

    public required int AttentionHeads { get; init; }

    public required int KvHeads { get; init; }

    public required int HeadDim { get; init; }

    public required int VocabSize { get; init; }

    public double RmsNormEpsilon { get; init; } = 1e-5;

    public double RopeTheta { get; init; } = 500_000;

    /// <summary>Query heads that share one key/value head.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int GroupSize => AttentionHeads / KvHeads;

    /// <summary>Parameters of one decoder block (attention and MLP projections, two norms).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long BlockParameters =>
        (long)HiddenSize * AttentionHeads * HeadDim * 2
        + (long)HiddenSize * KvHeads * HeadDim * 2
        + (long)HiddenSize * IntermediateSize * 3
        + 2L * HiddenSize;

    /// <summary>Throws when the dimensions cannot form a model, saying which.</summary>
    public DecoderDimensions Validated()
    {
        var problems = new List<string>();
        void Positive(int value, string name)
        {
            if (value < 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be ≥ 1, got {value}"));
            }
        }
        Positive(Layers, "layers");
        Positive(HiddenSize, "hidden_size");
        Positive(IntermediateSize, "intermediate_size");
        Positive(AttentionHeads, "attention_heads");
        Positive(KvHeads, "kv_heads");
        Positive(HeadDim, "head_dim");
        Positive(VocabSize, "vocab_size");
        if (KvHeads > 0 && AttentionHeads % KvHeads != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"attention_heads ({AttentionHeads}) must be a multiple of kv_heads ({KvHeads})"));
        }
        if (HeadDim % 2 != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"head_dim must be even for rotary embeddings, got {HeadDim}"));
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"model {ModelId}: " + string.Join("; ", problems));
        }
        return this;
    }

    /// <summary>
    /// The same family shrunk by <paramref name="factor"/> (hidden, intermediate and vocabulary sizes and
    /// head counts divided, head size kept), with <paramref name="layers"/> layers: a whole model small
    /// enough to run end to end, for checking the composition of block and head timings.
    /// </summary>
    public DecoderDimensions Scaled(int factor, int layers) => this with
    {
        ModelId = string.Create(CultureInfo.InvariantCulture, $"{ModelId}-div{factor}-{layers}l"),
        Layers = layers,
        HiddenSize = Math.Max(8, HiddenSize / factor),
        IntermediateSize = Math.Max(8, IntermediateSize / factor),
        AttentionHeads = Math.Max(1, KvHeads / factor) * GroupSize,
        KvHeads = Math.Max(1, KvHeads / factor),
        VocabSize = Math.Max(16, VocabSize / factor),
    };
}
