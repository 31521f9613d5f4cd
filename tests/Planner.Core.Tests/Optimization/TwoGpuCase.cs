using Planner.Core.Optimization;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Optimization;

/// <summary>
/// A small search with a known answer: a 1B model on a slow, cheap GPU or a fast GPU that costs
/// three times as much per hour. Three quiet months (one slow replica is plenty) are followed
/// by three months at 40× the traffic, where the slow GPU needs many replicas and one fast GPU
/// serves it all; so the cheapest path uses the slow GPU for months 1–3 and the fast one from
/// month 4.
/// </summary>
internal static class TwoGpuCase
{
    // Llama-3.2-1B config.json: 16 layers, hidden 2048, 32 heads, 8 KV heads, head dim 64, the
    // embedding and LM head tied.
    public static readonly ModelArchitectureSpec Model = new()
    {
        Id = "llama-3.2-1b", Name = "Llama-3.2-1B", ParamsBillion = 1.24, ActiveParamsBillion = 1.24,
        Layers = 16, HiddenSize = 2048, AttentionHeads = 32, KvHeads = 8, HeadDim = 64, VocabSize = 128256, TiedEmbeddings = true,
    };

    /// <summary>A made-up slow card: 16 GB at 50 GB/s, 30 dense BF16 TFLOPS.</summary>
    public static readonly GpuSpec Slow = new()
    {
        Id = "slow", Name = "Slow 16GB", MemoryGb = 16, HbmBandwidthGbPerSecond = 50, Bf16DenseTflops = 30, InterconnectBandwidthGbPerSecond = 32,
    };

    /// <summary>A made-up fast card: 80 GB at 2,000 GB/s, 400 dense BF16 TFLOPS.</summary>
    public static readonly GpuSpec Fast = new()
    {
        Id = "fast", Name = "Fast 80GB", MemoryGb = 80, HbmBandwidthGbPerSecond = 2000, Bf16DenseTflops = 400, InterconnectBandwidthGbPerSecond = 400,
    };

    public const double SlowPricePerHour = 0.4;
    public const double FastPricePerHour = 1.2;

    /// <summary>Requests per day in months 1–3; months 4–6 have 40 times as many.</summary>
    public const double QuietRequestsPerDay = 10_000;

    public static ScenarioSpec Scenario(ulong seed = 11) => new()
    {
        Name = "two-gpu",
        StartMonth = new DateOnly(2026, 1, 1),
        HorizonMonths = 6,
        Seed = seed,
        Workload = TestSpecs.Workload(inputTokens: 200, outputTokens: 100) with
        {
            Volume = new VolumeSpec { RequestsPerDayMonth1 = QuietRequestsPerDay, MonthlyGrowthRates = [0, 0, 39, 0, 0] },
        },
        Slo = new SloSpec { TtftP95Ms = 1000, TpotP95Ms = 100 },
        Options = [Base],
        Simulation = new SimulationSettings { MaxRequestsPerDay = 20_000, MinSegmentSeconds = 300, WarmUpSeconds = 600 },
    };

    /// <summary>The option the candidates are derived from (its GPU does not matter).</summary>
    public static readonly SelfHostedOptionSpec Base = Candidate(Slow, SlowPricePerHour, seqs: 32, target: 8) with { Name = "base" };

    public static SearchSpace Space(bool mixes = false)
    {
        var candidates = new List<SelfHostedOptionSpec>();
        foreach ((GpuSpec gpu, double price) in new[] { (Slow, SlowPricePerHour), (Fast, FastPricePerHour) })
        {
            foreach (int seqs in new[] { 16, 64 })
            {
                foreach (double target in new[] { 4.0, 8.0 })
                {
                    candidates.Add(Candidate(gpu, price, seqs, target));
                }
            }
        }
        return new SearchSpace { BaseOption = Base, Candidates = candidates, Mixes = mixes };
    }

    public static SelfHostedOptionSpec Candidate(GpuSpec gpu, double price, int seqs, double target, int min = 1) => new()
    {
        Name = $"{gpu.Id}-s{seqs}-t{target}-m{min}",
        Model = Model,
        Gpu = gpu,
        GpusPerReplica = 1,
        Pricing = new GpuPricingSpec { PricePerGpuHourUsd = price },
        Autoscaler = new AutoscalerSpec { MinReplicas = min, MaxReplicas = 64, TargetValue = target, ColdStartSeconds = 60 },
        Engine = new ServingEngineSpec { MaxConcurrentSequences = seqs },
        FixedMonthlyCosts = [new FixedCostSpec { Name = "ops", MonthlyUsd = 100 }],
    };
}
