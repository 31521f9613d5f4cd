using Planner.Core.Engine;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Fidelity;

/// <summary>Step time a + b·decode sequences + c·prefill tokens + d·decode context: simple enough to compute by hand.</summary>
internal sealed class LinearProfile(double fixedSeconds, double perSequence, double perPrefillToken, double perContextToken = 0) : IPerformanceProfile
{
    public string Description => "linear test profile";

    public double StepSeconds(in StepShape step) =>
        fixedSeconds + perSequence * step.DecodeSequences + perPrefillToken * step.PrefillTokens + perContextToken * step.DecodeContextTokens;
}

/// <summary>A finished request as the engine reported it.</summary>
internal sealed record Finished(double ArrivedAt, double Ttft, double EndToEnd);

/// <summary>
/// Drives a <see cref="ServingFleet"/> with requests injected at exact times (the workload's own
/// arrivals are switched off by a zero rate), and records every completion exactly.
/// </summary>
internal sealed class FleetHarness : OptionSimulator
{
    private readonly ServingFleet _fleet;
    private readonly IReadOnlyList<(double At, int Input, int Output, int Cached)> _script;

    public FleetHarness(SelfHostedOptionSpec option, IPerformanceProfile profile, IReadOnlyList<(double At, int Input, int Output, int Cached)> script)
        : base(FleetSpecs.Workload, new SloSpec())
    {
        _fleet = new ServingFleet(option, profile, Context);
        _script = script;
        Context.RequestCompleted = (a, t, e, _) => Finished.Add(new Finished(a, t, e));
    }

    public List<Finished> Finished { get; } = [];

    public Planner.Core.Metrics.WindowMetrics RunFor(double seconds) =>
        Run(new SimulationWindow { Label = "script", Index = 0, Segments = [new LoadSegment(seconds, 0, 1, 0)] }, 1, 2);

    protected override void OnStart()
    {
        _fleet.Start();
        for (int i = 0; i < _script.Count; i++)
        {
            Queue.Schedule(new SimEvent(_script[i].At, EventKind.Custom, i, 0), EventPhase.Arrival);
        }
    }

    protected override void OnTimeAdvance(double deltaSeconds) => _fleet.Advance(deltaSeconds);

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens)
    {
    }

    protected override void OnEvent(in SimEvent e)
    {
        if (e.Kind == EventKind.Custom)
        {
            var s = _script[e.Target];
            Metrics.RequestsArrived += 1;
            _fleet.Submit(Context.Requests.Add(Now, CurrentWeight, s.Input, s.Output, s.Cached));
            return;
        }
        _fleet.OnEvent(e);
    }

    protected override void OnEnd()
    {
        _fleet.End();
        Metrics.RequestsInFlightAtEnd += Context.Requests.LiveWeight();
    }
}

/// <summary>Small hand-sized model and GPU specs for engine tests.</summary>
internal static class FleetSpecs
{
    public static readonly WorkloadSpec Workload = new()
    {
        Classes = [new RequestClassSpec { Name = "c", Share = 1, InputTokens = new FixedTokens(10), OutputTokens = new FixedTokens(10) }],
        Volume = new VolumeSpec { RequestsPerDayMonth1 = 1, MonthlyGrowthRates = [0] },
        HourlyWeights = Enumerable.Repeat(1.0, 24).ToArray(),
    };

    /// <summary>A model whose KV cache costs 32 bytes per token (2 × 1 layer × 1 head × 8 dims × 2 bytes).</summary>
    public static readonly ModelArchitectureSpec TinyModel = new()
    {
        Id = "tiny", Name = "Tiny", ParamsBillion = 0.001, ActiveParamsBillion = 0.001, Layers = 1, HiddenSize = 8, AttentionHeads = 1, KvHeads = 1, HeadDim = 8,
    };

    /// <summary>A GPU whose usable memory leaves <paramref name="kvTokens"/> tokens of KV cache for <see cref="TinyModel"/>.</summary>
    public static GpuSpec GpuFor(long kvTokens) => new()
    {
        Id = "test-gpu", Name = "Test GPU",
        // usable = memory × 1.0 − 0 reserve; weights 2 MB (0.001 B params × 2 bytes).
        MemoryGb = (0.002e9 + kvTokens * 32.0) / 1e9,
        HbmBandwidthGbPerSecond = 1000, Bf16DenseTflops = 100,
    };

    public static SelfHostedOptionSpec Option(long kvTokens = 1_000_000, int replicas = 1, Func<ServingEngineSpec, ServingEngineSpec>? engine = null) => new()
    {
        Name = "fleet",
        Model = TinyModel,
        Gpu = GpuFor(kvTokens),
        GpusPerReplica = 1,
        Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 1 },
        FixedReplicas = replicas,
        Engine = (engine ?? (e => e))(new ServingEngineSpec { GpuMemoryUtilization = 1.0, ActivationReserveGb = 0, PrefixCaching = false }),
    };
}
