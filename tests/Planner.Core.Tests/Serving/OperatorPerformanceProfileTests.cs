using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

/// <summary>Step times composed from a measured operator table, checked against the composition worked by hand.</summary>
public sealed class OperatorPerformanceProfileTests
{
    // Llama 3.1 8B's layer shape, with no vocabulary (no LM head) so the layer terms stand alone.
    private static readonly ModelArchitectureSpec Model = TestSpecs.Llama8B with { IntermediateSize = 14336, VocabSize = 0 };

    private static OperatorTimingTable Table(int tp = 1) => new()
    {
        HiddenSize = 4096, IntermediateSize = 14336, AttentionHeads = 32, KvHeads = 8, TensorParallel = tp,
        Tokens = [1, 64, 1024],
        LayerSeconds = [0.3e-3, 0.35e-3, 2.0e-3],
        EmbeddingSeconds = [0.002e-3, 0.006e-3, 0.06e-3],
        Source = "hand-made",
    };

    private static readonly GpuSpec Gpu = TestSpecs.A100 with { OperatorTimings = [Table(), Table(2)] };

    private static readonly ServingEngineSpec Engine = new() { WeightPrecision = Precision.Bf16, KvCachePrecision = Precision.Bf16, StepOverheadMs = 1 };

    private static OperatorPerformanceProfile Profile() => new(Model, Gpu, 1, Engine, Table());

    [Fact]
    public void The_measured_ceilings_are_the_one_token_weight_read_and_the_largest_steps_matrix_throughput()
    {
        OperatorPerformanceProfile p = Profile();
        // One layer: QKV 4096 × (4096 + 2 × 1024), output 4096 × 4096, gated MLP 3 × 4096 × 14336 = 218,103,808 parameters.
        Assert.Equal(218_103_808, OperatorPerformanceProfile.LayerParams(Model));
        Assert.Equal(218_103_808 * 2 / 0.3e-3, p.BytesPerSecond, 1e-6);
        Assert.Equal(2.0 * 218_103_808 * 1024 / 2.0e-3, p.FlopsPerSecond, 1e-3);
    }

    [Theory]
    [InlineData(64, 0.35e-3, 0.006e-3)]
    // Halfway from 64 to 1024 tokens.
    [InlineData(544, 1.175e-3, 0.033e-3)]
    // Past the last point, on the last segment's slope: 2.0 + 1024 × 1.65/960 ms (embedding 0.06 + 1024 × 0.054/960).
    [InlineData(2048, 3.76e-3, 0.1176e-3)]
    public void A_prefill_step_is_its_layers_and_embedding_from_the_table_plus_its_kv_writes_and_the_overhead(int tokens, double layer, double embedding)
    {
        OperatorPerformanceProfile p = Profile();
        // The prompt's own KV cache is written at the measured bandwidth: 2 × 32 layers × 8 heads × 128 × 2 bytes per token.
        double kvWrite = tokens * 131_072.0 / p.BytesPerSecond;
        double expected = 32 * layer + embedding + kvWrite + 1e-3;
        Assert.Equal(expected, p.StepSeconds(new StepShape(tokens, 0, 0, 0)), 1e-12);
    }

    [Fact]
    public void Decode_reads_each_sequences_kv_cache_at_the_measured_bandwidth()
    {
        OperatorPerformanceProfile p = Profile();
        const int Sequences = 64;
        const long Context = 64 * 2000;
        double kv = (Context + Sequences) * 131_072.0 / p.BytesPerSecond;
        Assert.Equal(32 * 0.35e-3 + 0.006e-3 + kv + 1e-3, p.StepSeconds(new StepShape(0, 0, Sequences, Context)), 1e-12);
    }

    [Fact]
    public void The_table_is_used_only_for_its_layer_shape_its_tensor_parallel_degree_and_16_bit_weights()
    {
        SelfHostedOptionSpec option = TestSpecs.SelfHosted() with { Model = Model, Gpu = Gpu, GpusPerReplica = 1, Engine = Engine };
        Assert.IsType<OperatorPerformanceProfile>(PerformanceProfiles.For(option));
        Assert.IsType<OperatorPerformanceProfile>(PerformanceProfiles.For(option with { GpusPerReplica = 2 }));
        Assert.IsType<RooflinePerformanceProfile>(PerformanceProfiles.For(option with { GpusPerReplica = 4 }));
        Assert.IsType<RooflinePerformanceProfile>(PerformanceProfiles.For(option with { Engine = Engine with { WeightPrecision = Precision.Fp8 } }));
        Assert.IsType<RooflinePerformanceProfile>(PerformanceProfiles.For(option with { Model = Model with { IntermediateSize = 0 } }));
        Assert.IsType<RooflinePerformanceProfile>(PerformanceProfiles.For(option with { Model = TestSpecs.Llama70B with { IntermediateSize = 28672 } }));
    }

    [Fact]
    public void More_tokens_never_take_less_time()
    {
        OperatorPerformanceProfile p = new(Model with { VocabSize = 128256 }, Gpu, 1, Engine, Table());
        double previous = 0;
        for (int tokens = 1; tokens <= 4096; tokens += 7)
        {
            double step = p.StepSeconds(new StepShape(tokens, tokens * (long)tokens / 2, 0, 0));
            Assert.True(step >= previous, $"{tokens} tokens: {step} s < {previous} s");
            previous = step;
        }
    }
}
