using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

/// <summary>
/// The two roofline terms that `validate-performance` screens and the engine does not charge by
/// default (<see cref="ServingEngineSpec.ActivationPasses"/>, <see cref="ServingEngineSpec.VocabularyInStepTime"/>):
/// by hand, and absent unless asked for.
/// </summary>
public sealed class RooflineScreenedTermsTests
{
    private static readonly ModelArchitectureSpec Llama70B = TestSpecs.Llama70B with { IntermediateSize = 28672 };

    [Fact]
    public void Activation_passes_charge_each_token_its_hidden_state_on_every_gpu_and_its_share_of_the_mlp_at_the_memory_ceiling()
    {
        // 6 passes × 80 layers × 2 bytes × (8,192 × 4 GPUs + 28,672) = 58,982,400 bytes a token over the group.
        Assert.Equal(58_982_400.0, RooflinePerformanceProfile.ActivationBytesPerToken(Llama70B, 4, 6));
        // Mixtral's shape: two experts' MLP a token; 32 layers × 2 × (4,096 + 2 × 14,336) = 2,097,152 bytes a pass.
        ModelArchitectureSpec moe = TestSpecs.Llama8B with { IntermediateSize = 14336, Experts = 8, ExpertsPerToken = 2 };
        Assert.Equal(2_097_152.0, RooflinePerformanceProfile.ActivationBytesPerToken(moe, 1, 1));

        var without = new RooflinePerformanceProfile(Llama70B, TestSpecs.H100, 4, new ServingEngineSpec());
        var with = new RooflinePerformanceProfile(Llama70B, TestSpecs.H100, 4, new ServingEngineSpec { ActivationPasses = 6 });
        var step = new StepShape(1000, 500_500, 24, 24 * 3000L);
        double expected = 1024 * 58_982_400.0 / (TestSpecs.H100.HbmBandwidthGbPerSecond * 1e9 * 4 * 0.75);
        Assert.Equal(expected, with.StepSeconds(step) - without.StepSeconds(step), 12);
        Assert.Contains("6 activation passes", with.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("activation passes", without.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(101.0)]
    [InlineData(double.NaN)]
    public void Activation_passes_outside_zero_to_a_hundred_are_refused(double passes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RooflinePerformanceProfile(Llama70B, TestSpecs.H100, 1, new ServingEngineSpec { ActivationPasses = passes }));
    }

    [Fact]
    public void With_the_vocabulary_in_the_step_time_a_bf16_decode_step_is_that_of_the_model_without_its_input_embedding()
    {
        // Llama 3.1 8B's two vocabulary matrices are 128,256 × 4,096 = 525,336,576 parameters each.
        // Decoding, every token is a logit: the LM head is multiplied and read like a layer, and
        // the embedding is only looked up, so the step is that of a model 525,336,576 parameters smaller.
        const double matrix = 525_336_576;
        ModelArchitectureSpec smaller = TestSpecs.Llama8B with { ParamsBillion = (8.03e9 - matrix) / 1e9, ActiveParamsBillion = (8.03e9 - matrix) / 1e9 };
        var vocabulary = new RooflinePerformanceProfile(TestSpecs.Llama8B, TestSpecs.H100, 1, new ServingEngineSpec { VocabularyInStepTime = true });
        var reference = new RooflinePerformanceProfile(smaller, TestSpecs.H100, 1, new ServingEngineSpec());
        foreach (int batch in new[] { 1, 64, 512 })
        {
            var decode = new StepShape(0, 0, batch, batch * 1000L);
            Assert.Equal(reference.StepSeconds(decode), vocabulary.StepSeconds(decode), 12);
        }
        Assert.Contains("the LM head once per logit", vocabulary.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Precision.Bf16)]
    [InlineData(Precision.Fp8)]
    public void A_prefill_step_multiplies_the_lm_head_once_and_reads_it_at_16_bits(Precision precision)
    {
        const double matrix = 525_336_576, total = 8.03e9;
        var engine = new ServingEngineSpec { WeightPrecision = precision };
        var before = new RooflinePerformanceProfile(TestSpecs.Llama8B, TestSpecs.H100, 1, engine);
        var after = new RooflinePerformanceProfile(TestSpecs.Llama8B, TestSpecs.H100, 1, engine with { VocabularyInStepTime = true });
        GpuSpec gpu = TestSpecs.H100;
        double layerTflops = precision == Precision.Fp8 ? gpu.Fp8DenseTflops!.Value : gpu.Bf16DenseTflops;
        double bytes = PrecisionBytes.Of(precision);
        double compute = layerTflops * 1e12 * engine.ComputeEfficiency, bandwidth = gpu.HbmBandwidthGbPerSecond * 1e9 * engine.MemoryEfficiency;
        const int tokens = 2048;
        // Before: every parameter multiplied for every token and read at the weight precision.
        double gemmBefore = RooflinePerformanceProfile.GemmSeconds(2 * total * tokens / compute, total * bytes / bandwidth);
        // After: the layers for every token, the LM head once (at 16 bits) for the prompt's last token; the head read at 2 bytes.
        double gemmAfter = RooflinePerformanceProfile.GemmSeconds(
            2 * (total - 2 * matrix) * tokens / compute + 2 * matrix / (gpu.Bf16DenseTflops * 1e12 * engine.ComputeEfficiency),
            ((total - 2 * matrix) * bytes + matrix * 2) / bandwidth);
        var prefill = new StepShape(tokens, tokens * (tokens + 1L) / 2, 0, 0);
        Assert.Equal(gemmAfter - gemmBefore, after.StepSeconds(prefill) - before.StepSeconds(prefill), 12);
        Assert.True(after.StepSeconds(prefill) < before.StepSeconds(prefill));
    }

    [Fact]
    public void A_model_without_vocabulary_figures_is_charged_as_before()
    {
        ModelArchitectureSpec noVocabulary = TestSpecs.Llama8B with { VocabSize = 0 };
        var before = new RooflinePerformanceProfile(noVocabulary, TestSpecs.H100, 1, new ServingEngineSpec());
        var after = new RooflinePerformanceProfile(noVocabulary, TestSpecs.H100, 1, new ServingEngineSpec { VocabularyInStepTime = true });
        foreach (StepShape step in new[] { new StepShape(0, 0, 8, 8000), new StepShape(512, 131_328, 4, 4000) })
        {
            Assert.Equal(before.StepSeconds(step), after.StepSeconds(step));
        }
    }
}
