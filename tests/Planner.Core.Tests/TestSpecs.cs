using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests;

/// <summary>Small, explicit specs shared by the tests (datasheet figures rounded; sources in comments).</summary>
internal static class TestSpecs
{
    public static readonly IReadOnlyList<double> FlatDay = Enumerable.Repeat(1.0, 24).ToArray();

    /// <summary>Business-hours-like shape: 9:00–17:59 at 2.5, the other 15 hours share the rest (sum 24).</summary>
    public static readonly IReadOnlyList<double> BusinessHours =
        Enumerable.Range(0, 24).Select(h => h is >= 9 and <= 17 ? 2.5 : (24 - 9 * 2.5) / 15).ToArray();

    /// <summary>A consumer product's day: quiet before dawn, a peak in the evening (peak to trough 6.7:1).</summary>
    public static readonly IReadOnlyList<double> ConsumerEvening =
    [
        1.0, 0.6, 0.4, 0.3, 0.3, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.2, 1.1, 0.9, 0.9, 1.0, 1.2, 1.4, 1.8, 2.0, 2.0, 1.8, 1.4,
    ];

    public static WorkloadSpec Workload(
        int inputTokens = 100,
        int outputTokens = 50,
        double cachedPrefixFraction = 0,
        double requestsPerDay = 1000,
        ArrivalSpec? arrivals = null,
        IReadOnlyList<double>? hourlyWeights = null,
        double weekendFactor = 1.0,
        TraceReplaySpec? replay = null) => new()
        {
            Classes =
            [
                new RequestClassSpec
                {
                    Name = "chat",
                    Share = 1,
                    InputTokens = new FixedTokens(inputTokens),
                    OutputTokens = new FixedTokens(outputTokens),
                    CachedPrefixFraction = cachedPrefixFraction,
                },
            ],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = requestsPerDay, MonthlyGrowthRates = [0.0] },
            HourlyWeights = hourlyWeights ?? FlatDay,
            WeekendFactor = weekendFactor,
            Arrivals = arrivals ?? new ArrivalSpec(),
            Replay = replay,
        };

    public static SimulationWindow Window(params LoadSegment[] segments) =>
        new() { Label = "test", Index = 0, Segments = segments };

    public static ApiOptionSpec Api(
        double priceIn = 3.0,
        double priceOut = 15.0,
        double priceCached = 0.3,
        double batchShare = 0,
        double batchDiscount = 0.5,
        RateLimitSpec? limits = null,
        double availability = 1.0) => new()
        {
            Name = "api",
            Model = "test-model",
            PricePerMillionInputTokensUsd = priceIn,
            PricePerMillionOutputTokensUsd = priceOut,
            PricePerMillionCachedInputTokensUsd = priceCached,
            BatchShare = batchShare,
            BatchDiscount = batchDiscount,
            RateLimits = limits ?? new RateLimitSpec(),
            Latency = new ApiLatencySpec { TtftMedianMs = 400, TtftP95Ms = 900, OutputTokensPerSecond = 80 },
            Availability = availability,
        };

    // NVIDIA H100 SXM datasheet: 80 GB HBM3, 3.35 TB/s, 989 dense BF16 TFLOPS, 1979 dense FP8, NVLink 900 GB/s.
    public static readonly GpuSpec H100 = new()
    {
        Id = "h100", Name = "H100", MemoryGb = 80, HbmBandwidthGbPerSecond = 3350, Bf16DenseTflops = 989,
        Fp8DenseTflops = 1979, Interconnect = "nvlink", InterconnectBandwidthGbPerSecond = 900,
    };

    // NVIDIA A100 80GB SXM datasheet: 2.039 TB/s, 312 dense BF16 TFLOPS, no FP8, NVLink 600 GB/s.
    public static readonly GpuSpec A100 = new()
    {
        Id = "a100", Name = "A100", MemoryGb = 80, HbmBandwidthGbPerSecond = 2039, Bf16DenseTflops = 312,
        Interconnect = "nvlink", InterconnectBandwidthGbPerSecond = 600,
    };

    // NVIDIA L4 datasheet: 24 GB GDDR6, 300 GB/s, 121 dense BF16 TFLOPS, 242 dense FP8, PCIe 64 GB/s.
    public static readonly GpuSpec L4 = new()
    {
        Id = "l4", Name = "L4", MemoryGb = 24, HbmBandwidthGbPerSecond = 300, Bf16DenseTflops = 121,
        Fp8DenseTflops = 242, InterconnectBandwidthGbPerSecond = 64,
    };

    // Llama-3.1-8B config.json: 32 layers, hidden 4096, 32 heads, 8 KV heads, head dim 128.
    public static readonly ModelArchitectureSpec Llama8B = new()
    {
        Id = "llama-3.1-8b", Name = "Llama-3.1-8B", ParamsBillion = 8.03, ActiveParamsBillion = 8.03,
        Layers = 32, HiddenSize = 4096, AttentionHeads = 32, KvHeads = 8, HeadDim = 128, VocabSize = 128256,
    };

    // Llama-3.1-70B config.json: 80 layers, hidden 8192, 64 heads, 8 KV heads, head dim 128.
    public static readonly ModelArchitectureSpec Llama70B = new()
    {
        Id = "llama-3.1-70b", Name = "Llama-3.1-70B", ParamsBillion = 70.6, ActiveParamsBillion = 70.6,
        Layers = 80, HiddenSize = 8192, AttentionHeads = 64, KvHeads = 8, HeadDim = 128, VocabSize = 128256,
    };

    public static SelfHostedOptionSpec SelfHosted(
        int? fixedReplicas = 1,
        AutoscalerSpec? autoscaler = null,
        double pricePerGpuHour = 2.5,
        double billingGranularitySeconds = 1,
        ModelArchitectureSpec? model = null,
        GpuSpec? gpu = null,
        int gpusPerReplica = 1,
        ServingEngineSpec? engine = null) => new()
        {
            Name = "self",
            Model = model ?? Llama8B,
            Gpu = gpu ?? H100,
            GpusPerReplica = gpusPerReplica,
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = pricePerGpuHour },
            FixedReplicas = autoscaler is null ? fixedReplicas : null,
            Autoscaler = autoscaler,
            Engine = engine ?? new ServingEngineSpec(),
            BillingGranularitySeconds = billingGranularitySeconds,
        };

    public static ScenarioSpec Scenario(
        WorkloadSpec workload,
        IReadOnlyList<OptionSpec> options,
        int horizonMonths = 1,
        ulong seed = 42,
        SimulationSettings? settings = null,
        SloSpec? slo = null) => new()
        {
            Name = "test",
            StartMonth = new DateOnly(2025, 1, 1),
            HorizonMonths = horizonMonths,
            Seed = seed,
            Workload = workload,
            Slo = slo ?? new SloSpec { TtftP95Ms = 2000 },
            Options = options,
            Simulation = settings ?? new SimulationSettings(),
        };
}
