using Planner.Calibration.Models;

namespace Planner.Calibration.Tests.Support;

/// <summary>Decoder shapes small enough for tests.</summary>
public static class SmallModels
{
    /// <summary>All weights inline in the model.</summary>
    public static readonly DecoderDimensions Tiny = new()
    {
        ModelId = "tiny",
        Layers = 2,
        HiddenSize = 16,
        IntermediateSize = 24,
        AttentionHeads = 4,
        KvHeads = 2,
        HeadDim = 4,
        VocabSize = 32,
        RopeTheta = 10_000,
    };

    /// <summary>MLP weights above the inline limit, so they travel as external initializers.</summary>
    public static readonly DecoderDimensions Wide = new()
    {
        ModelId = "wide",
        Layers = 2,
        HiddenSize = 32,
        IntermediateSize = 2100,
        AttentionHeads = 4,
        KvHeads = 1,
        HeadDim = 8,
        VocabSize = 2100,
        RopeTheta = 10_000,
    };

    /// <summary>
    /// Each block's weights (16 MB) are larger than a CPU cache, as in real models, so time grows in
    /// proportion to the blocks; smaller models speed up when a short stack fits in cache, and a
    /// composition from them would not hold.
    /// </summary>
    public static readonly DecoderDimensions Medium = new()
    {
        ModelId = "medium",
        Layers = 4,
        HiddenSize = 512,
        IntermediateSize = 2048,
        AttentionHeads = 8,
        KvHeads = 2,
        HeadDim = 64,
        VocabSize = 8192,
    };

    /// <summary>Big enough that work dominates the cost of a run call, small enough to time in a second.</summary>
    public static readonly DecoderDimensions Small = new()
    {
        ModelId = "small",
        Layers = 4,
        HiddenSize = 256,
        IntermediateSize = 768,
        AttentionHeads = 4,
        KvHeads = 2,
        HeadDim = 64,
        VocabSize = 4096,
    };
}
