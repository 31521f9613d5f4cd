using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>Shape of summary.json (property names become snake_case).</summary>
public sealed record SummaryDocument(
    string PlannerVersion,
    ScenarioSection Scenario,
    ulong Seed,
    string Baseline,
    RecommendationSection Recommendation,
    IReadOnlyList<OptionSection> Options,
    IReadOnlyList<BreakEvenSection> BreakEven,
    IReadOnlyList<AssumptionSection> Assumptions,
    IReadOnlyList<string> Warnings,
    SimulationSection Simulation)
{
    /// <summary>The traffic the figures rest on, as the scenario states it; absent in summaries written before it was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WorkloadSection? Workload { get; init; }

    /// <summary>Price changes on the timeline, from the scenario (part of the assumptions); absent when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PriceEventSection>? PriceEvents { get; init; }

    /// <summary>The discount rate of the net present values; present with the uncertainty analysis that uses it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FinanceSection? Finance { get; init; }

    /// <summary>Monte Carlo bands, pay-off probabilities and NPVs; absent when no Monte Carlo was run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UncertaintySection? Uncertainty { get; init; }

    /// <summary>One-at-a-time tornado of one option's savings; absent when none was run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SensitivitySection? Sensitivity { get; init; }

    /// <summary>
    /// Results of <c>planner optimize</c> (from optimization.json beside the run, for the same scenario file and seed),
    /// shown as the reports' Configuration search section; never written into summary.json.
    /// </summary>
    [JsonIgnore]
    public Optimization.OptimizationDocument? Optimization { get; init; }
}

/// <summary>Scenario metadata in summary.json.</summary>
public sealed record ScenarioSection(string Name, string Description, string Path, string StartMonth, int HorizonMonths, string Currency,
    double? SloTtftP95Ms, double? SloTpotP95Ms, double? SloE2eP99Ms, double? RevenuePerRequestUsd)
{
    /// <summary>SHA-256 of the scenario file, which ties optimization.json to the run; absent when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sha256 { get; init; }

    /// <summary>The targets the scenario sets, named as given, "none set" when it sets none (a target not set is left out, not shown as "≤ not set").</summary>
    public string SloTargets(string ttft, string tpot, string e2e)
    {
        string text = string.Join(", ", new (string Name, double? Ms)[] { (ttft, SloTtftP95Ms), (tpot, SloTpotP95Ms), (e2e, SloE2eP99Ms) }
            .Where(t => t.Ms is double).Select(t => $"{t.Name} ≤ {Formatting.Fmt.Ms(t.Ms!.Value)}"));
        return text.Length > 0 ? text : "none set";
    }
}

/// <summary>The recommended option and its justification.</summary>
public sealed record RecommendationSection(string Option, string Text)
{
    /// <summary>The recommended option against its best alternative, the comparison every headline figure states; absent with a single option.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AlternativeSection? Alternative { get; init; }

    /// <summary>
    /// The option that would be the cheapest over a longer span were every option's monthly cost to
    /// stay at the horizon month's (Planner.Core.Projection.HorizonOvertake); absent where none would within 24 months.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OvertakeSection? OvertakenBeyondHorizon { get; init; }
}

/// <summary>
/// <paramref name="Option"/> would be the cheapest over <paramref name="MonthsBeyond"/> more months
/// (to <paramref name="CalendarMonth"/>, yyyy-MM) at the horizon month's monthly costs: it costs
/// <paramref name="MonthlySavingUsd"/> a month less than the recommendation then, against
/// <paramref name="ExtraOverHorizonUsd"/> more over the horizon.
/// </summary>
public sealed record OvertakeSection(string Option, int MonthsBeyond, string CalendarMonth, double MonthlySavingUsd, double ExtraOverHorizonUsd);

/// <summary>
/// The best alternative to the recommended option (see Planner.Core.Projection.BestAlternative):
/// its total, whether it meets the SLO, which of the pair costs less per month at the horizon,
/// from which month and daily volume it stays cheaper, and its break-even month.
/// </summary>
public sealed record AlternativeSection(
    string Option, bool MeetsSlo, int MonthsMissingSlo, double? TotalCostUsd, double? RecommendedTotalCostUsd, double? SavingsUsd,
    string CheaperAtHorizon, int? CheaperFromMonth, string? CheaperFromCalendarMonth, double? CheaperFromRequestsPerDay,
    int? BreakEvenMonth, string? BreakEvenCalendarMonth)
{
    /// <summary>
    /// How far apart the two totals could come from the simulation's own noise alone (two standard
    /// deviations of their difference, each at the upper 90% confidence bound of its estimate);
    /// absent when the run measured no noise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DifferenceNoiseUsd { get; init; }

    /// <summary>The next cheapest other option of the alternative's standing when its total is within the simulation's noise of the alternative's (another seed may name it instead); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunnerUp { get; init; }

    /// <summary>The runner-up's total over the horizon, one-time costs included; absent without a runner-up.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RunnerUpTotalCostUsd { get; init; }

    /// <summary>The noise of the difference between the runner-up's total and the alternative's, which it is within; absent without a runner-up.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RunnerUpNoiseUsd { get; init; }

    /// <summary>
    /// The options after the runner-up, cheapest first, whose totals are also within the
    /// simulation's noise of the alternative's (a tie of three or more); absent when there are none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RunnerUpSection>? MoreRunnersUp { get; init; }

    /// <summary>
    /// The months (yyyy-MM) about the monthly costs' crossing and after it in which the pair's
    /// monthly costs differ by less than the simulation's noise (Planner.Core.Projection.MonthlyTie);
    /// absent when none does, the run measured no noise, or the summary was written before 2026-12-06.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MonthsWithinNoise { get; init; }

    /// <summary>First month from which <see cref="CheaperAtHorizon"/> costs less by more than the simulation's noise in every month to the horizon; absent when the run measured no noise or even the last month is within it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ClearlyCheaperFromMonth { get; init; }

    /// <summary>
    /// The sentence the recommendation says of <see cref="MonthsWithinNoise"/>; null when none. With
    /// months listed, no <see cref="ClearlyCheaperFromMonth"/> means the last month is among them.
    /// </summary>
    public string? MonthlyTieSentence() => MonthsWithinNoise is { Count: > 0 } within
        ? Planner.Core.Projection.MonthlyTie.Sentence(within, ClearlyCheaperFromMonth is null)
        : null;

    /// <summary>The months (yyyy-MM) in which the alternative misses the SLO; absent when it meets it every month (and in summaries written before 2026-12-06).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MissingSloMonths { get; init; }

    /// <summary>The alternative's max_replicas when its fleet reached it in every month it misses the SLO; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MissingSloAtMaxReplicas { get; init; }

    /// <summary>
    /// "2 of 24 months", and where the summary names them, "2 of 24 months (2028-11 and 2028-12,
    /// each with its fleet reaching its max_replicas of 32 at its peak)": how the report cards say which months
    /// the alternative misses, in the recommendation's words.
    /// </summary>
    public string MissingSloText(int months)
    {
        string count = FormattableString.Invariant($"{MonthsMissingSlo} of {months} months");
        return MissingSloMonths is { Count: > 0 } named && MonthsMissingSlo < months
            ? $"{count} ({Planner.Core.Projection.SloMisses.Describe(named, MissingSloAtMaxReplicas)})"
            : count;
    }

    /// <summary>Whether the two totals are within <see cref="DifferenceNoiseUsd"/> of each other.</summary>
    public bool WithinNoise() => DifferenceNoiseUsd is double noise && SavingsUsd is double savings && Math.Abs(savings) <= noise;

    /// <summary>The one of the pair that costs more per month at the horizon.</summary>
    public string MoreExpensiveAtHorizon(string recommended) => CheaperAtHorizon == recommended ? Option : recommended;

    /// <summary>
    /// Whether this alternative is cheaper per month only by missing the SLO the recommended option
    /// meets: then no break-even with it is worth naming (the break-even card and the cumulative chart).
    /// </summary>
    public bool CheaperOnlyByMissingSlo(bool recommendedMeetsSlo) => !MeetsSlo && recommendedMeetsSlo && CheaperAtHorizon == Option;
}

/// <summary>One option's projection in summary.json.</summary>
public sealed record OptionSection(string Name, string Kind, string PerformanceSource, double? TotalCostUsd, bool MeetsSloThroughout, IReadOnlyList<MonthSection> Monthly)
{
    /// <summary>How GPUs are bought (on_demand, reserved, spot); self-hosted options only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PricingModel { get; init; }

    /// <summary>The instance rented and how replicas fill it; self-hosted options only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InstanceSection? Instance { get; init; }

    /// <summary>How the fleet is sized (fixed replicas, or the autoscaler's bounds and target); self-hosted options only, absent in summaries written before 2026-12-05.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FleetSection? Fleet { get; init; }

    /// <summary>
    /// The models that answer the option's requests: an API's model id, a fleet's model name, a
    /// hybrid's fleet model then its overflow API's; absent in summaries written before it was added.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Long-run share of time the API answers (the rest is simulated outages); API options only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Availability { get; init; }

    /// <summary>Traffic and replicas over one representative day; absent until the projection provides it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimelineSection? Timeline { get; init; }

    /// <summary>The option's fine-tuning jobs, per run; absent when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FineTuningJobSection>? FineTuning { get; init; }

    /// <summary>How much the option's figures move with the seed, measured on the noise-check months; absent when none was run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoiseSection? Noise { get; init; }

    /// <summary>When a hybrid sends a request to its API; hybrid options only (absent in summaries written before it was added).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HybridPolicySection? Hybrid { get; init; }

    /// <summary>
    /// How far the fleet's step-time model (the roofline or measured operators, not a calibrated
    /// profile) was off on the published measurements of its GPU, as its performance source says;
    /// absent for an API, a calibrated profile, a GPU no published measurement checks, and summaries
    /// written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PerformanceErrorSection? PerformanceError { get; init; }

    /// <summary>
    /// The longest prompt and answer the option serves, in tokens: an API model's context window, a
    /// self-hosted model's maximum context (written since 2026-12-07, later in the day), a hybrid's
    /// longer of the two; absent where not known and in summaries written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ContextWindowTokens { get; init; }

    /// <summary>
    /// The fastest its replicas answer the scenario's requests, each alone on an idle replica, at the
    /// SLO's percentiles (<see cref="Planner.Core.Serving.LatencyFloor"/>): a month's figures sit at or
    /// above it, within the histograms' 1% and the sampling of the month's requests. Self-hosted
    /// options only; absent for others and in summaries written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LatencyFloorSection? LatencyFloor { get; init; }
}

/// <summary>
/// The SLO's percentiles of each request's latency alone on an idle, warm replica, over
/// <paramref name="Requests"/> requests drawn from the scenario's mix (each a lower 99% confidence
/// bound of its quantile), in milliseconds to a tenth.
/// </summary>
public sealed record LatencyFloorSection(double TtftP95Ms, double TpotP95Ms, double E2eP99Ms, int Requests);

/// <summary>
/// The published measurements on an option's GPU against its step-time model: how many rows, their
/// median absolute error and mean signed error (as speed: positive is faster than published) with
/// each row's source held out of the fit, and the median absolute error with the GPU held out.
/// </summary>
public sealed record PerformanceErrorSection(int Rows, double MedianAbsErrorSourceHeldOut, double BiasSourceHeldOut, double MedianAbsErrorGpuHeldOut);

/// <summary>
/// A hybrid's overflow policy as the scenario sets it: the mean wait of the requests queued at the
/// fleet above which a request goes to the API, the share that never leaves the fleet, and where
/// overflow goes while the API is down (self_hosted or queue).
/// </summary>
public sealed record HybridPolicySection(double OverflowQueueWaitS, double ComplianceShare, string OutageFailover);

/// <summary>One month of one option in summary.json.</summary>
public sealed record MonthSection(
    int Month, string CalendarMonth, double? RequestsPerDay, double? Requests, double? RequestsServed, double? RequestsRejected, double? Backoffs,
    double? InputTokens, double? CachedInputTokens, double? OutputTokens,
    double? CostUsd, CostBreakdownSection CostBreakdown, double? CumulativeCostUsd, double? CostPer1kRequestsUsd, double? CostPer1mTokensUsd,
    double? RevenueUsd, double? GrossMargin,
    double? TtftP50Ms, double? TtftP95Ms, double? TpotP95Ms, double? E2eP50Ms, double? E2eP99Ms, double? SloAttainment, bool SloMet,
    double? GpuHours, double? MeanReplicas, double? PeakReplicas, double? Utilization, double? ColdStarts)
{
    /// <summary>Median gap between consecutive output tokens (every token after a request's first), in milliseconds.</summary>
    public double? ItlP50Ms { get; init; }

    /// <summary>
    /// The month's requests as the scenario plans them (its weekdays and weekend days at their
    /// volumes), the same for every option; <see cref="MonthSection.Requests"/> is what the option's simulated days drew,
    /// within sampling noise of it. Absent in summaries written before it was recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PlannedRequests { get; init; }

    /// <summary>
    /// Requests still in flight when the month's simulated days ended: <see cref="Requests"/> less
    /// served and rejected (the SLO counts them as failing, with the rejected); absent in summaries
    /// written before 2026-12-05.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RequestsUnfinished { get; init; }

    /// <summary><see cref="RequestsUnfinished"/>, or for a summary written before it was recorded, requests less served and rejected; null when a count is missing.</summary>
    public double? Unfinished() => RequestsUnfinished
        ?? (Requests is double r && RequestsServed is double s && RequestsRejected is double j ? Math.Max(0, r - s - j) : null);

    /// <summary>Back-offs because an RPM or TPM limit was reached while the API was up (options with an API only, as are the next five).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RateLimitBackoffs { get; init; }

    /// <summary>Seconds spent in those back-offs, summed over requests.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RateLimitWaitSeconds { get; init; }

    /// <summary>Back-offs because the API was in an outage, whatever the load.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OutageBackoffs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OutageWaitSeconds { get; init; }

    /// <summary>Requests rejected after waiting, by the cause of the last refusal.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RejectedAfterRateLimit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RejectedAfterOutage { get; init; }

    /// <summary>Requests the API refused at once because prompt and answer exceed its model's context window; written only where there were any (API and hybrid options).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RejectedOverContext { get; init; }

    /// <summary>Self-hosted admissions after at least a second in the queue to be admitted to a batch (for a sequence slot, KV cache or the prefill of the prompts queued ahead; fleets only, as is the next).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CapacityQueueWaits { get; init; }

    /// <summary>Seconds requests waited in self-hosted queues, summed over requests.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CapacityQueueWaitSeconds { get; init; }

    /// <summary>Of <see cref="CapacityQueueWaits"/>, the requests that arrived while no replica was ready and waited for one to start (fleets only; absent in summaries written before 2026-12-05).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReplicaStartWaits { get; init; }

    /// <summary>Seconds those requests waited, summed over them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReplicaStartWaitSeconds { get; init; }

    /// <summary>Sequences preempted for lack of KV cache (self-hosted fleets only, as are the fields below).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Preemptions { get; init; }

    /// <summary>Requests sent back to the router when a spot replica was interrupted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RequeuedRequests { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SpotInterruptions { get; init; }

    /// <summary>Requests a hybrid sent to its API.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OverflowedRequests { get; init; }

    /// <summary>
    /// Requests a hybrid drew into its compliance share (<c>compliance_share</c>), which never
    /// leave its fleet: with <see cref="OverflowedRequests"/>, what its fleet was and was not
    /// allowed to send away; hybrids only, and missing from summaries written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ComplianceRequests { get; init; }

    /// <summary>The tokens of a hybrid's overflow, which its API bills (input, its cached share, output); hybrids only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OverflowInputTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OverflowCachedInputTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OverflowOutputTokens { get; init; }

    /// <summary>Running sequences per engine step, time-weighted median and p95.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BatchSizeP50 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BatchSizeP95 { get; init; }

    /// <summary>KV-cache utilisation of busy replicas, time-weighted median and p95.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? KvUtilizationP50 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? KvUtilizationP95 { get; init; }

    /// <summary>Share of GPU cost spent idle, rounding up bills, cold-starting or on stranded GPUs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? IdleOrColdShareOfGpuCost { get; init; }

    /// <summary>Share of GPU cost spent on GPUs of rented instances that held no replica.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrandedShareOfGpuCost { get; init; }

    /// <summary>How the month's weekday was simulated: 1/k slice of the fleet (1 = whole) and hour compression (1 = real time).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SliceFactor { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Compression { get; init; }

    /// <summary>In a noise-check month, the simulated cost (GPU or API charges) and p95 TTFT the second seed measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SecondSeedSimulatedCostUsd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SecondSeedTtftP95Ms { get; init; }

    /// <summary>With several independent days a month (<c>days_per_month</c>), the simulated cost each of them measured alone, scaled to the month; their spread is the noise within the month.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? DaySimulatedCostsUsd { get; init; }

    /// <summary>Instances billed, on average and at most.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MeanInstances { get; init; }

    /// <summary>
    /// Of <see cref="MonthSection.GpuHours"/>, those billed at the spot price (0 for a fleet without
    /// spot capacity); absent for APIs and in summaries written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SpotGpuHours { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PeakInstances { get; init; }
}

/// <summary>Monthly cost by destination.</summary>
public sealed record CostBreakdownSection(
    double? GpuServingUsd, double? GpuIdleUsd, double? GpuColdStartUsd, double? GpuStrandedUsd, double? ApiTokensUsd, double? FixedUsd, double? OneTimeUsd)
{
    /// <summary>Expected cost of fine-tuning runs starting this month (like one-time costs: in cumulative cost, not COGS); absent when the option has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FineTuningUsd { get; init; }
}

/// <summary>Break-even of one option against the baseline.</summary>
public sealed record BreakEvenSection(string Option, string Baseline, int? Month, string? CalendarMonth, double? CrossoverRequestsPerDay, string Crossover, double? SavingsAtHorizonUsd)
{
    /// <summary>
    /// The months (yyyy-MM) about the monthly costs' crossing and after it in which the option's and
    /// the baseline's monthly costs differ by less than the simulation's noise; absent when none
    /// does, the run measured no noise, or the summary was written before 2026-12-06.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MonthsWithinNoise { get; init; }

    /// <summary>First month from which the one of the pair that costs less per month at the horizon does so by more than the simulation's noise in every month to it; absent when not measured or even the last month is within the noise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ClearlyCheaperFromMonth { get; init; }

    /// <summary>
    /// Which of the pair (the option or the baseline) costs less per month at the horizon: the one
    /// <see cref="ClearlyCheaperFromMonth"/> and <see cref="MonthsWithinNoise"/> speak of (voice-agent's
    /// fleets' clearly_cheaper_from_month of 1 is the baseline's, which costs less from the start);
    /// absent with them, and in summaries written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CheaperAtHorizon { get; init; }
}

/// <summary>One input with its provenance.</summary>
public sealed record AssumptionSection(string Path, string Value, string Source, string? AsOf, bool Stale);

/// <summary>How much was simulated (no wall-clock figures, so the file is reproducible).</summary>
public sealed record SimulationSection(long SimulatedRequests, long SimulatedEvents, int MaxRequestsPerDay, double MinSegmentSeconds, double WarmUpSeconds)
{
    /// <summary>Independent days of each type (weekday, weekend day) simulated per month (<c>simulation.days_per_month</c>); absent in summaries written before it was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DaysPerMonth { get; init; }
}

/// <summary>An option after the first runner-up whose total is within the simulation's noise of the best alternative's.</summary>
/// <param name="Option">Its name.</param>
/// <param name="TotalCostUsd">Its total over the horizon, one-time costs included.</param>
/// <param name="NoiseUsd">The noise of the difference between its total and the alternative's, which the difference is within.</param>
public sealed record RunnerUpSection(string Option, double? TotalCostUsd, double? NoiseUsd);
