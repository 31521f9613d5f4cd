using Planner.Core.Api;
using Planner.Core.Costs;
using Planner.Core.Engine;
using Planner.Core.FineTuning;
using Planner.Core.Hybrid;
using Planner.Core.Metrics;
using Planner.Core.Optimization;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Projection;

/// <summary>
/// Runs a scenario: every option × month × representative window is an independent
/// simulation (seeded from the scenario seed and its coordinates), run by an
/// <see cref="IWindowRunner"/> (this machine's cores unless told otherwise); results are merged
/// in a fixed order, so the output does not depend on the number of cores or machines.
/// </summary>
public sealed class Projector
{
    private readonly Func<SelfHostedOptionSpec, IPerformanceProfile> _profiles;

    /// <param name="profiles">Performance profile per self-hosted option; null uses its calibrated profile, else the roofline estimate.</param>
    public Projector(Func<SelfHostedOptionSpec, IPerformanceProfile>? profiles = null)
    {
        _profiles = profiles ?? PerformanceProfiles.For;
    }

    /// <summary>Simulates and projects the scenario on this machine's cores; <paramref name="progress"/> receives completed/total jobs.</summary>
    public ProjectionResult Run(ScenarioSpec scenario, IProgress<(int Done, int Total)>? progress = null, int? maxParallelism = null) =>
        Run(scenario, new ParallelWindowRunner(maxParallelism), progress);

    /// <summary>
    /// Simulates the scenario's units with <paramref name="runner"/> and projects them; the merge
    /// is in unit order, so the result does not depend on where or in what order units ran.
    /// </summary>
    public ProjectionResult Run(ScenarioSpec scenario, IWindowRunner runner, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(runner);
        int months = scenario.HorizonMonths;
        WindowWork work = WindowWork.Prepare(scenario, _profiles);
        var windowList = work.Units.Select(u => (Month: u.MonthIndex, u.Window)).ToList();
        int optionCount = scenario.Options.Count;
        // Each fleet's latency floor needs its step times alone: it is worked out beside the simulation.
        // A hybrid's requests may leave its fleet for a faster API, so its fleet's floor bounds only some of them.
        Task<LatencyFloor?[]> floors = Task.Run(() => Enumerable.Range(0, optionCount)
            .Select(o => scenario.Options[o] is SelfHostedOptionSpec alone && work.Profile(o) is { } own
                ? LatencyFloor.Of(scenario.Workload, alone, own, scenario.Slo, scenario.Seed)
                : null)
            .ToArray());
        IReadOnlyList<WindowOutcome> outcomesByUnit = runner.RunAll(work, progress);
        if (outcomesByUnit.Count != windowList.Count || outcomesByUnit.Any(u => u is null || u.Options.Count != optionCount))
        {
            throw new InvalidOperationException($"the window runner returned {outcomesByUnit.Count} outcomes for {windowList.Count} units of {optionCount} options each");
        }

        // Result o × windows + k is option o in window k: option-major, the order results are merged in.
        int jobCount = optionCount * windowList.Count;
        var results = new WindowMetrics[jobCount];
        var plans = new FidelityPlan[jobCount];
        var events = new long[jobCount];
        var simulated = new long[jobCount];
        var profiles = Enumerable.Range(0, optionCount).Select(work.Profile).ToArray();
        for (int k = 0; k < windowList.Count; k++)
        {
            for (int o = 0; o < optionCount; o++)
            {
                int i = o * windowList.Count + k;
                OptionWindowOutcome outcome = outcomesByUnit[k].Options[o];
                results[i] = outcome.Metrics;
                plans[i] = outcome.Plan;
                events[i] = outcome.EventsProcessed;
                simulated[i] = outcome.RequestsSimulated;
            }
        }

        var options = new List<OptionProjection>();
        int dayCount = Math.Max(1, scenario.Simulation.DaysPerMonth);
        for (int o = 0; o < optionCount; o++)
        {
            var outcomes = new List<MonthlyOutcome>(months);
            IReadOnlyList<FineTuningJobResult> fineTuning = FineTuningPlan.Run(scenario, scenario.Options[o]);
            for (int m = 0; m < months; m++)
            {
                // The month is replicate 0's; a noise-check month's replicate 1 only measures the spread.
                var merged = new WindowMetrics[2];
                var days = new WindowMetrics?[dayCount];
                FidelityPlan weekdayPlan = FidelityPlan.Full;
                double rampScaleUps = double.NaN;
                for (int k = 0; k < windowList.Count; k++)
                {
                    if (windowList[k].Month != m)
                    {
                        continue;
                    }
                    int i = o * windowList.Count + k;
                    SimulationWindow w = windowList[k].Window;
                    (merged[Math.Min(w.Replicate, 1)] ??= new WindowMetrics()).Merge(results[i]);
                    if (dayCount > 1 && w.Replicate == 0)
                    {
                        // Replicate 0's day d is windows 2d (weekday) and 2d + 1 (weekend day).
                        (days[w.Index / 2] ??= new WindowMetrics()).Merge(results[i]);
                    }
                    if (w.Index == 0)
                    {
                        weekdayPlan = plans[i];
                    }
                    if (w.Index == 0 && w.Replicate == 0)
                    {
                        // The month's own weekday ramp, as the last month's chart shows its: the oscillation
                        // warning read every month's from the last month's, scaled, so the same month read
                        // "needs about 1" in a 12-month run and "about 12" in a 1-month one.
                        rampScaleUps = FleetDiagnostics.NeededScaleUps(DayTimeline(results[i].Timeline, w));
                    }
                }
                MonthlyOutcome outcome = Outcome(scenario, scenario.Options[o], m, merged[0] ?? new WindowMetrics(), fineTuning);
                IReadOnlyList<ReplicateOutcome> replicates = merged[1] is WindowMetrics second
                    ? [Replicate(outcome), Replicate(Outcome(scenario, scenario.Options[o], m, second, fineTuning))]
                    : [];
                outcomes.Add(outcome with
                {
                    Replicates = replicates,
                    DayCostsUsd = dayCount > 1 ? [.. days.Select(d => DayCost(scenario, scenario.Options[o], m, d, dayCount, fineTuning))] : [],
                    Fidelity = weekdayPlan,
                    RampScaleUps = rampScaleUps,
                });
            }
            int lastWeekday = windowList.FindIndex(j => j.Month == months - 1 && j.Window.Index == 0);
            options.Add(new OptionProjection
            {
                Timeline = lastWeekday >= 0 ? DayTimeline(results[o * windowList.Count + lastWeekday].Timeline, windowList[lastWeekday].Window) : [],
                Option = scenario.Options[o],
                PerformanceSource = profiles[o] is { } profile
                    ? profile.Description + (SelfHostedPart(scenario.Options[o]) is { } fleet ? "; " + ServingEngineProfiles.Describe(fleet.Engine) : "")
                    : ApiLatencySource(scenario.Options[o]),
                Months = outcomes,
                FineTuning = fineTuning,
                SimulatedRequests = simulated.Skip(o * windowList.Count).Take(windowList.Count).Sum(),
                LatencyFloor = floors.GetAwaiter().GetResult()[o],
            });
        }

        long followUpRequests = 0, followUpEvents = 0;
        if (NoiseFollowUp.Choose(scenario, options) is NoiseFollowUp followUp)
        {
            (followUpRequests, followUpEvents) = FollowUp(scenario, work.ForFollowUp(followUp), runner, progress, work.OptionWindows, options);
        }

        OptionProjection baseline = ChooseBaseline(scenario, options);
        var breakEven = options.Where(o => o != baseline).Select(o => BreakEvenAnalysis.Compare(o, baseline) with { MonthlyTie = BreakEvenAnalysis.TieAgainst(o, baseline) }).ToList();
        return new ProjectionResult
        {
            Scenario = scenario,
            Options = options,
            BaselineName = baseline.Name,
            BreakEven = breakEven,
            Recommendation = RecommendationWriter.Write(options),
            SimulatedRequests = simulated.Sum() + followUpRequests,
            SimulatedEvents = events.Sum() + followUpEvents,
            Warnings = [.. PriceTimeline.ReservationWarnings(scenario), .. FidelityPlanner.Warnings(options), .. FleetDiagnostics.Warnings(options), .. NoiseMeasure.Warnings(scenario.Simulation.DaysPerMonth, options)],
        };
    }

    /// <summary>
    /// What a run of the scenario will simulate, from its fidelity plans alone (nothing is simulated):
    /// expected requests per option, and how many of its month-days had to be marked approximate.
    /// </summary>
    public SimulationWork PlanWork(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        WorkloadSample sample = FleetEstimate.SampleOf(scenario);
        var requests = new double[scenario.Options.Count];
        var approximate = new int[scenario.Options.Count];
        var fleets = scenario.Options.Select(o => FleetEstimate.For(o, SelfHostedPart(o) is SelfHostedOptionSpec s ? _profiles(s) : null, sample)).ToArray();
        for (int m = 0; m < scenario.HorizonMonths; m++)
        {
            foreach (SimulationWindow w in MonthWindowPlanner.Plan(scenario, m))
            {
                for (int o = 0; o < scenario.Options.Count; o++)
                {
                    FidelityPlan plan = FidelityPlanner.Plan(scenario, scenario.Options[o], w, fleets[o]);
                    requests[o] += FidelityPlanner.ExpectedSimulatedRequests(w, plan);
                    approximate[o] += plan.Approximate && w.Replicate == 0 ? 1 : 0;
                }
            }
        }
        return new SimulationWork(scenario.Options.Select(o => o.Name).ToArray(), requests, approximate);
    }

    /// <summary>
    /// The month's simulated cost as one of its <paramref name="dayCount"/> independent days
    /// measured it alone: the day's windows stand for 1/<paramref name="dayCount"/> of the month's
    /// days, so they count <paramref name="dayCount"/> times.
    /// </summary>
    private static double DayCost(ScenarioSpec scenario, OptionSpec option, int monthIndex, WindowMetrics? day, int dayCount, IReadOnlyList<FineTuningJobResult> fineTuning)
    {
        var month = new WindowMetrics();
        for (int k = 0; k < dayCount && day is not null; k++)
        {
            month.Merge(day);
        }
        MonthlyOutcome outcome = Outcome(scenario, option, monthIndex, month, fineTuning);
        return outcome.Cost.CogsUsd - outcome.Cost.FixedUsd;
    }

    private static ReplicateOutcome Replicate(MonthlyOutcome o) => new(o.Cost.CogsUsd - o.Cost.FixedUsd, o.TtftP95Ms, o.TpotP95Ms, o.E2eP99Ms);

    /// <summary>
    /// Simulates the noise follow-up <paramref name="work"/> and gives each followed-up month of an
    /// option its second replicate, as a scheduled noise-check month has: the month's figures stay
    /// replicate 0's, only the noise measured from the pair changes (and the work counted: the
    /// requests and events it simulated are returned and added to each option's). Progress goes on
    /// from <paramref name="doneBefore"/>.
    /// </summary>
    private static (long Requests, long Events) FollowUp(ScenarioSpec scenario, WindowWork work, IWindowRunner runner, IProgress<(int Done, int Total)>? progress, int doneBefore,
        List<OptionProjection> options)
    {
        IProgress<(int Done, int Total)>? after = progress is null ? null : new OffsetProgress(progress, doneBefore);
        IReadOnlyList<WindowOutcome> outcomes = runner.RunAll(work, after);
        if (outcomes.Count != work.Units.Count || outcomes.Any(u => u is null || u.Options.Count != options.Count))
        {
            throw new InvalidOperationException($"the window runner returned {outcomes.Count} outcomes for the {work.Units.Count} units of the noise follow-up");
        }
        NoiseFollowUp followUp = work.FollowUp!;
        for (int o = 0; o < options.Count; o++)
        {
            OptionProjection option = options[o];
            var months = option.Months.ToList();
            IReadOnlyList<FineTuningJobResult> fineTuning = option.FineTuning;
            foreach (int m in followUp.Months.Where(m => followUp.OptionsIn(m).Contains(o)))
            {
                var second = new WindowMetrics();
                for (int k = 0; k < work.Units.Count; k++)
                {
                    if (work.Units[k].MonthIndex == m)
                    {
                        second.Merge(outcomes[k].Options[o].Metrics);
                    }
                }
                MonthlyOutcome first = months[m];
                months[m] = first with { Replicates = [Replicate(first), Replicate(Outcome(scenario, scenario.Options[o], m, second, fineTuning))] };
            }
            long requests = outcomes.Sum(u => u.Options[o].RequestsSimulated);
            options[o] = option with { Months = months, SimulatedRequests = option.SimulatedRequests + requests };
        }
        return (outcomes.Sum(u => u.Options.Sum(x => x.RequestsSimulated)), outcomes.Sum(u => u.Options.Sum(x => x.EventsProcessed)));
    }

    /// <summary>Progress of a second pass, counted on from the first's.</summary>
    private sealed class OffsetProgress(IProgress<(int Done, int Total)> inner, int offset) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => inner.Report((offset + value.Done, offset + value.Total));
    }

    /// <summary>
    /// The seed of an option's own randomness (latency draws, outages, routing, spot) in one window:
    /// from the scenario seed, the window and the option's name, so that an option's figures do
    /// not depend on which other options the scenario compares it with, or in what order.
    /// </summary>
    public static ulong ServiceSeed(ulong seed, int monthIndex, int windowIndex, string optionName) =>
        SeedSequence.Derive(seed, (ulong)monthIndex, (ulong)windowIndex, NameKey(optionName));

    /// <summary>A stable 64-bit key of a name (FNV-1a), for seeds.</summary>
    public static ulong NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>The self-hosted fleet of an option, if it has one.</summary>
    public static SelfHostedOptionSpec? SelfHostedPart(OptionSpec option) => option switch
    {
        SelfHostedOptionSpec s => s,
        HybridOptionSpec h => h.Primary,
        _ => null,
    };

    /// <summary>
    /// An API's performance source with the figures it rests on: the latency the scenario states
    /// for the provider, which no measurement in Planner checks. voice-agent's API misses its 300 ms
    /// TTFT target only because its scenario says the provider's p95 is 900 ms, and the report named
    /// neither the figure nor where it came from.
    /// </summary>
    internal static string ApiLatencySource(OptionSpec option)
    {
        if (option is not ApiOptionSpec api)
        {
            return "provider latency model from the scenario (TTFT distribution and output rate)";
        }
        ApiLatencySpec l = api.Latency;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"provider latency as the scenario states it, not a measurement: time to first token lognormal with median {l.TtftMedianMs:#,##0.#} ms and p95 {l.TtftP95Ms:#,##0.#} ms, then {l.OutputTokensPerSecond:#,##0.#} output tokens/s; availability {api.Availability * 100:0.0##}%");
    }

    /// <summary>The named baseline, else the cheapest API option, else the cheapest option.</summary>
    public static OptionProjection ChooseBaseline(ScenarioSpec scenario, IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (scenario.BaselineOptionName is string name)
        {
            return options.First(o => o.Name == name);
        }
        var apis = options.Where(o => o.Option is ApiOptionSpec).ToList();
        return CostOrder.Cheapest(apis.Count > 0 ? apis : options);
    }

    /// <summary>A fresh simulator for one option.</summary>
    public static OptionSimulator CreateSimulator(ScenarioSpec scenario, OptionSpec option, IPerformanceProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return option switch
        {
            ApiOptionSpec api => new ApiSimulator(api, scenario.Workload, scenario.Slo),
            SelfHostedOptionSpec s => new SelfHostedSimulator(s, scenario.Workload, scenario.Slo, profile ?? PerformanceProfiles.For(s)),
            HybridOptionSpec h => new HybridSimulator(h, scenario.Workload, scenario.Slo, profile ?? PerformanceProfiles.For(h.Primary)),
            _ => throw new ArgumentException($"unknown option kind {option?.GetType().Name}", nameof(option)),
        };
    }

    /// <summary>
    /// Costs and statistics of one option in month <paramref name="monthIndex"/> from its merged window metrics;
    /// <paramref name="fineTuning"/> is the option's fine-tuning results computed once per projection (null simulates them here: same seeds, same numbers).
    /// </summary>
    public static MonthlyOutcome Outcome(ScenarioSpec scenario, OptionSpec option, int monthIndex, WindowMetrics m, IReadOnlyList<FineTuningJobResult>? fineTuning = null) =>
        Outcome(scenario, option, monthIndex, MonthStats.From(m), fineTuning);

    /// <summary>Costs and statistics of one option in month <paramref name="monthIndex"/> from the month's totals and percentiles, with the scenario's price events applied.</summary>
    public static MonthlyOutcome Outcome(ScenarioSpec scenario, OptionSpec option, int monthIndex, MonthStats m, IReadOnlyList<FineTuningJobResult>? fineTuning = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(m);
        DateOnly month = scenario.StartMonth.AddMonths(monthIndex);
        double hours = (month.AddMonths(1).DayNumber - month.DayNumber) * 24.0;
        int monthNumber = monthIndex + 1;
        IReadOnlyList<PriceEventSpec> events = scenario.PriceEvents;
        double api = 0;
        GpuCharges gpu = default;
        switch (option)
        {
            case ApiOptionSpec a:
                api = CostModel.ApiTokensUsd(a, m, PriceTimeline.ApiPriceFactor(events, option.Name, monthNumber));
                break;
            case SelfHostedOptionSpec s:
                gpu = CostModel.GpuUsd(s, m, hours,
                    PriceTimeline.GpuPriceFactor(events, option.Name, monthNumber), PriceTimeline.Reservations(events, option.Name, monthNumber));
                break;
            case HybridOptionSpec h:
                gpu = CostModel.GpuUsd(h.Primary, m, hours,
                    PriceTimeline.GpuPriceFactor(events, option.Name, monthNumber), PriceTimeline.Reservations(events, option.Name, monthNumber));
                api = CostModel.ApiTokensUsd(h.Overflow, m, PriceTimeline.ApiPriceFactor(events, option.Name, monthNumber));
                break;
        }
        // Each line of the month's bill in whole cents, as an invoice states it: the month's cost is
        // then the sum of its lines, and the cumulative cost the sum of the months, to the cent in
        // every file (monthly.csv's cumulative column had drifted up to $0.09 from the sum of its
        // rounded months, and a month's lines $0.02 from its total). The GPU bill is one line, the
        // instance-hours at their price, split by what the GPU time did into parts that add up to it.
        double[] gpuLines = CostModel.SplitCents(gpu.ServingUsd, gpu.IdleUsd, gpu.ColdStartUsd, gpu.StrandedUsd);
        var cost = new CostBreakdown
        {
            ApiTokensUsd = CostModel.Cents(api),
            GpuServingUsd = gpuLines[0],
            GpuIdleUsd = gpuLines[1],
            GpuColdStartUsd = gpuLines[2],
            GpuStrandedUsd = gpuLines[3],
            FixedUsd = CostModel.Cents(CostModel.FixedUsd(option)),
            OneTimeUsd = CostModel.Cents(CostModel.OneTimeUsd(option, monthNumber)),
            FineTuningUsd = CostModel.Cents(FineTuningPlan.UsdInMonth(fineTuning ?? FineTuningPlan.Run(scenario, option), monthNumber)),
        };
        double ttft95 = m[Stat.TtftP95Seconds] * 1000;
        double tpot95 = m[Stat.TpotP95Seconds] * 1000;
        double e2e99 = m[Stat.E2eP99Seconds] * 1000;
        double requests = m[Stat.RequestsArrived];
        // Requests still unfinished when the simulated days ended count as failing, as rejected ones
        // do: an overloaded fleet finishes few, and its percentiles describe only those few.
        double unfinished = Math.Max(0, requests - m[Stat.RequestsServed] - m[Stat.RequestsRejected]);
        double failedShare = requests > 0 ? (m[Stat.RequestsRejected] + unfinished) / requests : 0;
        SloSpec slo = scenario.Slo;
        bool met = Within(ttft95, slo.TtftP95Ms) && Within(tpot95, slo.TpotP95Ms) && Within(e2e99, slo.E2eP99Ms) && failedShare <= MaxFailedShare;
        double realtime = requests - m[Stat.BatchRequests];
        double busy = m[Stat.GpuSecondsBusy];
        double readySeconds = busy + m[Stat.GpuSecondsIdle];
        double covered = m[Stat.CoveredSeconds];
        return new MonthlyOutcome
        {
            Month = monthNumber,
            CalendarMonth = month,
            RequestsPerDay = scenario.Workload.Volume.RequestsPerDay(monthIndex),
            Requests = requests,
            RequestsServed = m[Stat.RequestsServed],
            RequestsRejected = m[Stat.RequestsRejected],
            Backoffs = m[Stat.Backoffs],
            RateLimitBackoffs = m[Stat.RateLimitBackoffs],
            RateLimitWaitSeconds = m[Stat.RateLimitWaitSeconds],
            OutageBackoffs = m[Stat.OutageBackoffs],
            OutageWaitSeconds = m[Stat.OutageWaitSeconds],
            RejectedAfterRateLimit = m[Stat.RejectedAfterRateLimit],
            RejectedAfterOutage = m[Stat.RejectedAfterOutage],
            RejectedOverContext = m[Stat.RejectedOverContext],
            CapacityQueueWaits = m[Stat.CapacityQueueWaits],
            CapacityQueueWaitSeconds = m[Stat.CapacityQueueWaitSeconds],
            ReplicaStartWaits = m[Stat.ReplicaStartWaits],
            ReplicaStartWaitSeconds = m[Stat.ReplicaStartWaitSeconds],
            InputTokens = m[Stat.InputTokens],
            CachedInputTokens = m[Stat.CachedInputTokens],
            OutputTokens = m[Stat.OutputTokens],
            Cost = cost,
            TtftP50Ms = m[Stat.TtftP50Seconds] * 1000,
            TtftP95Ms = ttft95,
            TpotP95Ms = tpot95,
            ItlP50Ms = m[Stat.ItlP50Seconds] * 1000,
            E2eP50Ms = m[Stat.E2eP50Seconds] * 1000,
            E2eP99Ms = e2e99,
            SloAttainment = realtime > 0 ? m[Stat.RequestsWithinSlo] / realtime : 1,
            SloMet = met,
            GpuHours = gpu.GpuHours,
            SpotGpuHours = gpu.SpotGpuHours,
            MeanReplicas = covered > 0 ? m[Stat.ReplicaSeconds] / covered : 0,
            PeakReplicas = m[Stat.PeakReplicas],
            MeanInstances = covered > 0 ? m[Stat.InstanceSeconds] / covered : 0,
            PeakInstances = m[Stat.PeakInstances],
            Utilization = readySeconds > 0 ? busy / readySeconds : 0,
            ColdStarts = m[Stat.ColdStarts],
            SecondsAtZero = m[Stat.FleetAtZeroSeconds],
            Preemptions = m[Stat.Preemptions],
            RequeuedRequests = m[Stat.RequeuedRequests],
            SpotInterruptions = m[Stat.SpotInterruptions],
            OverflowedRequests = m[Stat.OverflowedRequests],
            ComplianceRequests = m[Stat.ComplianceRequests],
            ApiInputTokens = m[Stat.ApiInputTokens],
            ApiCachedInputTokens = m[Stat.ApiCachedInputTokens],
            ApiOutputTokens = m[Stat.ApiOutputTokens],
            BatchSizeP50 = m[Stat.BatchSizeP50],
            BatchSizeP95 = m[Stat.BatchSizeP95],
            KvUtilizationP50 = m[Stat.KvUtilizationP50],
            KvUtilizationP95 = m[Stat.KvUtilizationP95],
            IdleOrColdShareOfGpuCost = gpu.TotalUsd > 0 ? (gpu.IdleUsd + gpu.ColdStartUsd + gpu.StrandedUsd) / gpu.TotalUsd : 0,
            StrandedShareOfGpuCost = gpu.TotalUsd > 0 ? gpu.StrandedUsd / gpu.TotalUsd : 0,
        };
    }

    /// <summary>Hour-by-hour means of a window's measured segments (warm-up excluded).</summary>
    internal static List<DayTimelinePoint> DayTimeline(IReadOnlyList<SegmentSample> samples, SimulationWindow planned)
    {
        var points = new List<DayTimelinePoint>(24);
        for (int hour = 0; hour < 24; hour++)
        {
            double seconds = 0, arrivals = 0, replicas = 0, queued = 0;
            foreach (SegmentSample s in samples)
            {
                if (s.HourOfDay == hour && s.Weight > 0)
                {
                    seconds += s.DurationSeconds;
                    arrivals += s.Arrivals * s.Scale;
                    replicas += s.ReplicaSeconds * s.Scale;
                    queued += s.QueuedRequestSeconds * s.Scale;
                }
            }
            if (seconds > 0)
            {
                // The planned day's own hour (before slices and compression, whole-fleet traffic).
                double plannedSeconds = 0, plannedRequests = 0;
                foreach (LoadSegment s in planned.Segments)
                {
                    if (s.HourOfDay == hour && s.Weight > 0)
                    {
                        plannedSeconds += s.DurationSeconds;
                        plannedRequests += s.ExpectedRequests;
                    }
                }
                points.Add(new DayTimelinePoint(hour, arrivals / seconds, replicas / seconds, queued / seconds)
                {
                    PlannedRequestsPerSecond = plannedSeconds > 0 ? plannedRequests / plannedSeconds : double.NaN,
                });
            }
        }
        return points;
    }

    /// <summary>Largest share of a month's requests that may be rejected or left unfinished in a month that meets the SLO.</summary>
    public const double MaxFailedShare = 0.01;

    private static bool Within(double value, double? target) => target is not double t || double.IsNaN(value) || value <= t;
}
