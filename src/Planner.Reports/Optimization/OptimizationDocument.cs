using System.Text.Json.Serialization;

namespace Planner.Reports.Optimization;

/// <summary>Shape of optimization.json (property names become snake_case; costs in USD per month, latencies in ms).</summary>
public sealed record OptimizationDocument(
    OptimizationScenarioSection Scenario,
    ulong Seed,
    SearchSection Search,
    StatisticsSection Statistics,
    IReadOnlyList<LatencyPrunedSection> LatencyPruned,
    IReadOnlyList<LevelSection> Levels,
    PathSummarySection PathSummary,
    IReadOnlyList<PathMonthSection> Path,
    IReadOnlyList<FrontierSection> Frontiers);

/// <summary>The scenario searched and its SLO.</summary>
public sealed record OptimizationScenarioSection(string Name, string Path, string StartMonth, int HorizonMonths, double? SloTtftP95Ms, double? SloTpotP95Ms, double? SloE2eP99Ms)
{
    /// <summary>SHA-256 of the scenario file: a run's reports include this search only when their summary.json has the same (and the same seed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sha256 { get; init; }
}

/// <summary>The search space and the settings of the search.</summary>
public sealed record SearchSection(
    string BaseOption, string Model, IReadOnlyList<GpuOfferSection> Gpus, IReadOnlyList<int> GpusPerReplica, IReadOnlyList<string> Precisions,
    IReadOnlyList<int> MaxSeqs, IReadOnlyList<double> Targets, IReadOnlyList<int> MinReplicas, bool Mixes, IReadOnlyList<double> MixBaseShares,
    double LevelStep, double SwitchCostUsd, double RetuneCostUsd, bool Pruned, double FrontierCostFactor)
{
    /// <summary>Whether the verification replaced configurations that oscillate at a month's own volume (false with --allow-oscillation; null in files written before 2026-12-06).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AvoidOscillation { get; init; }
}

/// <summary>An instance type searched: its GPU, GPUs per instance, name (when known) and on-demand price.</summary>
public sealed record GpuOfferSection(string Gpu, string Name, int GpusPerInstance, string? InstanceType, double PricePerGpuHourUsd, string PriceSource, string? AsOf);

/// <summary>How much the bounds pruned and how much was simulated.</summary>
public sealed record StatisticsSection(
    int Candidates, int HardwareConfigurations, int PrunedByLatencyBound, int Levels, int CandidateLevels, int Evaluations, int MixEvaluations,
    int StoppedEarly, int StayChecks, int ExcludedAfterVerification, int PrunedByCostBound, long Simulations, long SimulatedRequests, long SimulatedEvents)
{
    /// <summary>Of excluded_after_verification, the configurations that met the SLO at a month's own volume but oscillated there; absent in files written before 2026-12-06.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReplacedForOscillation { get; init; }

    /// <summary>Seed-to-seed spread of a level's cheapest cost, the smallest saving a hardware change rests on; absent in files written before it was measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? NoiseShare { get; init; }

    /// <summary>Seed-to-seed spread of p95 TTFT over the levels' cheapest configurations simulated again, at the 90th percentile over the levels (as noise_share); absent in files written before 2026-12-05.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TtftP95Spread { get; init; }

    /// <summary>The same for p95 TPOT.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TpotP95Spread { get; init; }

    /// <summary>The same for p99 end-to-end latency.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? E2eP99Spread { get; init; }
}

/// <summary>Hardware left out because its roofline latency bound misses a target.</summary>
public sealed record LatencyPrunedSection(string Hardware, string Miss, double? BoundMs, double? TargetMs, int Candidates);

/// <summary>One pool of a configuration.</summary>
public sealed record PoolSection(
    string Role, string Gpu, int GpusPerReplica, string Precision, string KvCachePrecision, int MaxSeqs, double PricePerGpuHourUsd,
    int? FixedReplicas, double? Target, int? MinReplicas, int? MaxReplicas)
{
    /// <summary>The instance rented: its type (when known) and GPUs; whole instances are billed.</summary>
    public string? InstanceType { get; init; }

    public int GpusPerInstance { get; init; } = 1;
}

/// <summary>A configuration: its pools and, for a mix, the most the base pool takes per second.</summary>
public sealed record ConfigurationSection(string Id, string Label, string Hardware, IReadOnlyList<PoolSection> Pools)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaseRequestsPerSecond { get; init; }
}

/// <summary>A configuration simulated at one load (a level, or a month's own volume).</summary>
public sealed record OutcomeSection(
    double? GpuUsd, double? GpuHours, double? MeanGpus, double? PeakReplicas, double? TtftP95Ms, double? TpotP95Ms, double? E2eP99Ms,
    double? RejectedShare, bool SloMet)
{
    /// <summary>Why the simulation stopped after its first window: "slo_missed" or "cost_above_best" (costs are then null); absent when complete.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stopped { get; init; }

    /// <summary>Cold starts in the month or level (real ones, summed over pools); null where the simulation stopped early (and in files written before 2026-12-06).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ColdStarts { get; init; }

    /// <summary>Scale-ups the weekday's load ramp needs (what planner run's oscillation test compares cold starts with); null where unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RampScaleUps { get; init; }

    /// <summary>Replicas the autoscaler adds and removes at once (a whole instance's).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReplicasPerUnit { get; init; }
}

/// <summary>One load level: the months it covers and the cheapest configuration meeting the SLO there.</summary>
public sealed record LevelSection(
    int Level, double? RequestsPerDay, string CalendarMonth, IReadOnlyList<int> Months, ConfigurationSection? Best, OutcomeSection? BestOutcome,
    int Simulated, int Ranked, int PrunedByCostBound, int StoppedEarly, int StayChecks, IReadOnlyList<string> ExcludedAfterVerification);

/// <summary>Totals of the path through time and its runs of one configuration.</summary>
public sealed record PathSummarySection(
    double? TotalUsd, double? GpuUsd, double? FixedUsd, double? SwitchUsd, int Switches, int Retunes, bool MeetsSlo, string ReferenceOption, double? ReferenceTotalUsd,
    bool ReferenceMeetsSlo, IReadOnlyList<PathSegmentSection> Segments);

/// <summary>Consecutive months on one configuration.</summary>
public sealed record PathSegmentSection(int FromMonth, int ToMonth, string FromCalendarMonth, ConfigurationSection? Configuration, bool Switched, bool Retuned);

/// <summary>One month of the path, with the chosen configuration and the scenario's option simulated at the month's own volume.</summary>
public sealed record PathMonthSection(
    int Month, string CalendarMonth, double? RequestsPerDay, int Level, string? Configuration, string? Hardware, bool Switched, bool Retuned, double? SwitchUsd,
    double? EstimatedGpuUsd, string? Cheapest, double? CheapestEstimatedGpuUsd, OutcomeSection? Outcome, double? FixedUsd, double? TotalUsd,
    OutcomeSection Reference)
{
    /// <summary>The chosen configuration at the month's own volume on a second set of random draws; the path keeps a configuration only if it meets the SLO under both. Null without a configuration (and in files written before 2026-12-06).</summary>
    public OutcomeSection? SecondSeed { get; init; }
}

/// <summary>Every configuration simulated at one month's load level, flagged when on the cost/p95-TTFT frontier.</summary>
public sealed record FrontierSection(int Month, string CalendarMonth, int Level, double? RequestsPerDay, IReadOnlyList<FrontierPointSection> Points);

/// <summary>One simulated configuration in a frontier map.</summary>
public sealed record FrontierPointSection(ConfigurationSection Configuration, double? BoundUsd, OutcomeSection Outcome, bool OnFrontier);
