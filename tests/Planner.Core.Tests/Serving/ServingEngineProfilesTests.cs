using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

/// <summary>The engines' own defaults, and how an engine moves to another GPU in a search.</summary>
public sealed class ServingEngineProfilesTests
{
    private static GpuSpec Gpu(string id, double memoryGb) => TestSpecs.H100 with { Id = id, Name = id, MemoryGb = memoryGb };

    [Theory]
    [InlineData(24, 2048)]   // under 35 GiB
    [InlineData(48, 4096)]   // 44.7 GiB: under 60
    [InlineData(80, 8192)]   // 74.5 GiB: under 160
    [InlineData(141, 8192)]  // 131.3 GiB
    [InlineData(180, 16384)] // 167.6 GiB
    public void SGLangs_prefill_chunk_follows_the_gpus_memory(double memoryGb, int chunk) =>
        Assert.Equal(chunk, ServingEngineProfiles.Defaults(ServingEngineProfiles.SgLang, Gpu("g", memoryGb)).MaxBatchedTokens);

    [Fact]
    public void The_default_engine_is_the_same_on_every_gpu()
    {
        foreach (double memory in new[] { 24.0, 80, 180 })
        {
            Assert.Equal(new ServingEngineSpec(), ServingEngineProfiles.Defaults(ServingEngineProfiles.Vllm, Gpu("g", memory)));
        }
        Assert.Equal(new ServingEngineSpec(), ServingEngineProfiles.Defaults(ServingEngineProfiles.Vllm, null));
    }

    [Fact]
    public void Moving_to_another_gpu_replaces_a_default_limit_and_keeps_a_chosen_one()
    {
        GpuSpec h100 = Gpu("h100", 80), l4 = Gpu("l4", 24);
        ServingEngineSpec sglang = ServingEngineProfiles.Defaults(ServingEngineProfiles.SgLang, h100);
        Assert.Equal(2048, ServingEngineProfiles.Retarget(sglang, h100, l4).MaxBatchedTokens);
        Assert.Equal(4096, ServingEngineProfiles.Retarget(sglang with { MaxBatchedTokens = 4096 }, h100, l4).MaxBatchedTokens);
        Assert.Equal(64, ServingEngineProfiles.Retarget(sglang with { MaxConcurrentSequences = 64 }, h100, l4).MaxConcurrentSequences);
    }

    [Fact]
    public void An_unknown_engine_is_refused_with_the_known_ones()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ServingEngineProfiles.Defaults("tgi", null));
        Assert.Contains("vllm, tensorrt-llm, sglang", e.Message);
    }
}
