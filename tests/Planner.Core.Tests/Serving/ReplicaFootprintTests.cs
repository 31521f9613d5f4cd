using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

/// <summary>Memory arithmetic of a replica, checked against hand calculations.</summary>
public sealed class ReplicaFootprintTests
{
    private static readonly ServingEngineSpec Engine = new(); // bf16, 90% memory, 2 GB reserve per GPU

    [Fact]
    public void Llama70BInBf16DoesNotFitOneL4AndTheMessageNamesTheGpuCount()
    {
        ReplicaFootprint f = ReplicaFootprint.Compute(TestSpecs.Llama70B, TestSpecs.L4, 1, Engine);
        // 70.6e9 × 2 B = 141.2 GB of weights against 24 × 0.9 − 2 = 19.6 GB usable.
        Assert.Equal(141.2e9, f.WeightBytes, 1e3);
        Assert.Equal(19.6e9, f.UsableBytes, 1e3);
        Assert.Equal(0, f.KvCapacityTokens);
        Assert.False(f.Fits);

        // KV per token 2 × 80 × 8 × 128 × 2 B = 327,680 B; 4,096 tokens ≈ 1.34 GB; 141.2 + 1.34 GB
        // needs 8 L4s (4 give 78.4 GB, 8 give 156.8 GB).
        Assert.Equal(327_680, f.KvBytesPerToken);
        Assert.Equal(8, ReplicaFootprint.MinimumGpus(TestSpecs.Llama70B, TestSpecs.L4, Engine));
        string message = ReplicaFootprint.DescribeMisfit(TestSpecs.Llama70B, TestSpecs.L4, 1, Engine);
        Assert.Contains("141.2 GB of weights", message);
        Assert.Contains("19.6 GB usable", message);
        Assert.Contains("8 or more L4", message);
    }

    [Fact]
    public void A_share_of_the_free_memory_gives_the_kv_cache_what_the_weights_leave()
    {
        ServingEngineSpec fp8 = Engine with { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 };
        // FP8 weights: the layers, 70.6e9 − 2 × 128,256 × 8,192 = 68.4987e9 parameters at one byte,
        // and the embedding and LM head, 2.1013e9 at two: 72.7013 GB.
        ReplicaFootprint free = ReplicaFootprint.Compute(TestSpecs.Llama70B, TestSpecs.H100, 2, fp8 with { KvCacheShareOfFreeMemory = 0.9 });
        Assert.Equal(72_701_346_304, free.WeightBytes, 1);
        // TensorRT-LLM's rule: 2 × (80 − 2) = 156 GB for weights and KV; the weights leave
        // 83.2987 GB, 90% of it 74.969 GB of KV at 163,840 B a token: 457,574 tokens, 457,568 in whole
        // blocks of 16.
        Assert.Equal(156e9, free.UsableBytes, 1e3);
        Assert.Equal(457_568, free.KvCapacityTokens);
        // vLLM's rule: 2 × (80 × 0.9 − 2) = 140 GB, less the weights, 67.2987 GB: 410,752 tokens.
        ReplicaFootprint whole = ReplicaFootprint.Compute(TestSpecs.Llama70B, TestSpecs.H100, 2, fp8);
        Assert.Equal(140e9, whole.UsableBytes, 1e3);
        Assert.Equal(410_752, whole.KvCapacityTokens);
    }

    [Fact]
    public void Llama70BNeedsFourH100sBecauseTwoLeaveNoRoomForKvCache()
    {
        // Two H100s give 2 × 70 = 140 GB usable, just under the 141.2 GB of weights.
        Assert.False(ReplicaFootprint.Compute(TestSpecs.Llama70B, TestSpecs.H100, 2, Engine).Fits);
        Assert.True(ReplicaFootprint.Compute(TestSpecs.Llama70B, TestSpecs.H100, 4, Engine).Fits);
        Assert.Equal(4, ReplicaFootprint.MinimumGpus(TestSpecs.Llama70B, TestSpecs.H100, Engine));
        Assert.Contains("4 or more H100", ReplicaFootprint.DescribeMisfit(TestSpecs.Llama70B, TestSpecs.H100, 2, Engine));
        // In fp8 the weights halve to 70.6 GB and two H100s suffice.
        Assert.Equal(2, ReplicaFootprint.MinimumGpus(TestSpecs.Llama70B, TestSpecs.H100, Engine with { WeightPrecision = Precision.Fp8 }));
    }

    [Fact]
    public void Llama8BFitsOneH100WithHandComputedKvCapacity()
    {
        ReplicaFootprint f = ReplicaFootprint.Compute(TestSpecs.Llama8B, TestSpecs.H100, 1, Engine);
        Assert.True(f.Fits);
        // (80 × 0.9 − 2) GB − 8.03e9 × 2 B = 53.94 GB; / (2 × 32 × 8 × 128 × 2 = 131,072 B) = 411,529
        // tokens, rounded down to 16-token blocks: 411,520.
        Assert.Equal(131_072, f.KvBytesPerToken);
        Assert.Equal(411_520, f.KvCapacityTokens);
        Assert.Equal(0, f.KvCapacityTokens % ReplicaFootprint.BlockTokens);
        Assert.Equal(1, ReplicaFootprint.MinimumGpus(TestSpecs.Llama8B, TestSpecs.H100, Engine));
    }

    [Fact]
    public void AModelThatFitsNowhereSaysSo()
    {
        var huge = TestSpecs.Llama70B with { Name = "Huge", ParamsBillion = 2000, ActiveParamsBillion = 2000 };
        Assert.Null(ReplicaFootprint.MinimumGpus(huge, TestSpecs.L4, Engine));
        Assert.Contains("does not fit on up to 64", ReplicaFootprint.DescribeMisfit(huge, TestSpecs.L4, 1, Engine));
    }

    [Fact]
    public void SimulatorRefusesAReplicaThatDoesNotFit()
    {
        SelfHostedOptionSpec option = TestSpecs.SelfHosted(model: TestSpecs.Llama70B, gpu: TestSpecs.L4);
        var e = Assert.Throws<ArgumentException>(() => new SelfHostedSimulator(option, TestSpecs.Workload(), new SloSpec(),
            new RooflinePerformanceProfile(option.Model, option.Gpu, option.GpusPerReplica, option.Engine)));
        Assert.Contains("8 or more L4", e.Message);
    }
}
