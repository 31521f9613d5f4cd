using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

/// <summary>Weights in memory: the vocabulary matrices at 16 bits beside the layers at the weight precision, by hand.</summary>
public sealed class ModelWeightsTests
{
    // Llama 3.1 8B: 8.03e9 parameters; the embedding and the LM head are 128,256 × 4,096 =
    // 525,336,576 each, untied: 1,050,673,152 together, the layers 6,979,326,848.
    private const double Vocabulary8B = 2 * 128256.0 * 4096;

    [Fact]
    public void Sixteen_bit_weights_weigh_two_bytes_a_parameter_as_before()
    {
        Assert.Equal(8.03e9 * 2, ModelWeights.Bytes(TestSpecs.Llama8B, Precision.Bf16), 1);
        Assert.Equal(8.03e9 * 4, ModelWeights.Bytes(TestSpecs.Llama8B, Precision.Fp32), 1);
        Assert.Equal(Vocabulary8B, ModelWeights.VocabularyParams(TestSpecs.Llama8B));
    }

    [Fact]
    public void Quantized_layers_keep_their_vocabulary_at_sixteen_bits()
    {
        double layers = 8.03e9 - Vocabulary8B;
        // FP8: 6.979e9 bytes of layers and 2.101e9 of vocabulary, 9.081 GB (8.03 GB taken whole at one byte).
        Assert.Equal(layers * 1 + Vocabulary8B * 2, ModelWeights.Bytes(TestSpecs.Llama8B, Precision.Fp8), 1);
        Assert.Equal(9_080_673_152, ModelWeights.Bytes(TestSpecs.Llama8B, Precision.Fp8), 1);
        // AWQ 4-bit: 3.490 GB of layers and 2.101 GB of vocabulary, 5.591 GB against 4.015.
        Assert.Equal(layers * 0.5 + Vocabulary8B * 2, ModelWeights.Bytes(TestSpecs.Llama8B, Precision.Int4), 1);
        Assert.Equal(layers * 0.5625 + Vocabulary8B * 2, ModelWeights.Bytes(TestSpecs.Llama8B, Precision.Fp4), 1);
    }

    [Fact]
    public void Tied_embeddings_count_one_matrix()
    {
        // Llama 3.2 1B: 1.24e9 parameters, one 128,256 × 2,048 matrix of 262,668,288 for both ends.
        var tied = new ModelArchitectureSpec
        {
            Id = "llama-3.2-1b", Name = "Llama 3.2 1B", ParamsBillion = 1.24, ActiveParamsBillion = 1.24,
            Layers = 16, HiddenSize = 2048, AttentionHeads = 32, KvHeads = 8, HeadDim = 64, VocabSize = 128256, TiedEmbeddings = true,
        };
        Assert.Equal(262_668_288, ModelWeights.VocabularyParams(tied));
        Assert.Equal((1.24e9 - 262_668_288) * 1 + 262_668_288 * 2.0, ModelWeights.Bytes(tied, Precision.Fp8), 1);
        Assert.Equal(2 * 262_668_288, ModelWeights.VocabularyParams(tied with { TiedEmbeddings = false }));
    }

    [Fact]
    public void A_total_that_leaves_the_vocabulary_out_is_taken_as_all_layers()
    {
        // An inline model whose params_billion is smaller than its vocabulary matrices cannot
        // include them: nothing is subtracted, and the weights are its total at the precision.
        var small = TestSpecs.Llama8B with { ParamsBillion = 0.9, ActiveParamsBillion = 0.9 };
        Assert.Equal(0, ModelWeights.VocabularyParams(small));
        Assert.Equal(0.9e9, ModelWeights.Bytes(small, Precision.Fp8), 1);
    }
}
