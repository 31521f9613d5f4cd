using System.Globalization;
using Planner.Core.Formatting;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>
/// Names fleet behaviour a CTO should fix rather than pay for, from what the projection measured.
/// An autoscaled fleet oscillates when its load sits at the boundary between two fleet sizes, or
/// when any shortfall (a cold start on a rising load) builds a queue that counts as in-flight
/// demand, so the autoscaler overshoots and then sheds replicas, and the cycle repeats. It shows
/// as far more cold starts a day than the day's load ramp needs.
/// </summary>
public static class FleetDiagnostics
{
    /// <summary>Cold starts beyond this multiple of what the daily ramp needs (plus a margin for noise) name an oscillation.</summary>
    public const double OscillationFactor = 4;

    /// <summary>Warnings for the projection's options, in option order.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        foreach (OptionProjection o in options)
        {
            if (Projector.SelfHostedPart(o.Option) is SelfHostedOptionSpec hosted && SpansMachines(o.Name, hosted) is string spans)
            {
                warnings.Add(spans);
            }
            if (Projector.SelfHostedPart(o.Option) is not { Autoscaler: AutoscalerSpec a } fleet || o.Months.Count == 0)
            {
                continue;
            }
            if (AtCeiling(o, a) is string ceiling)
            {
                warnings.Add(ceiling);
            }
            if (AboveMaximum(o, a, fleet) is string above)
            {
                warnings.Add(above);
            }
            if (o.Timeline.Count == 0)
            {
                continue;
            }
            if (NeverAtZero(o, a, fleet) is string zero)
            {
                warnings.Add(zero);
            }
            if (Oscillation(o, a, InstancePacking.Of(fleet).ReplicasPerUnit) is string oscillation)
            {
                warnings.Add(oscillation);
            }
        }
        return warnings;
    }

    /// <summary>
    /// A fleet whose cold starts a day run far beyond what its load ramp needs, in any month: the
    /// month furthest over names it. Each month's ramp is its own weekday's (<see cref="MonthlyOutcome.RampScaleUps"/>);
    /// where a month has none recorded, the last month's charted day in proportion to the month's
    /// mean replicas (the ramp has the same shape at another volume). None otherwise.
    /// </summary>
    private static string? Oscillation(OptionProjection o, AutoscalerSpec a, int perUnit)
    {
        List<(int MonthIndex, double PerDay, double Needed, double Excess)> months = Excesses(o, perUnit).Where(x => x.Excess > 1).ToList();
        if (months.Count == 0)
        {
            return null;
        }
        // The month furthest over, the first of equals.
        var worst = months.Aggregate((best, x) => x.Excess > best.Excess ? x : best);
        var w = (Month: o.Months[worst.MonthIndex], worst.PerDay, worst.Needed);
        int over = months.Count;
        string max = w.Month.PeakReplicas >= a.MaxReplicas ? string.Create(CultureInfo.InvariantCulture, $" (to its maximum of {a.MaxReplicas})") : "";
        string others = over > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {over - 1} other month{(over == 2 ? "" : "s")})") : "";
        string found = string.Create(CultureInfo.InvariantCulture,
            $"{o.Name} oscillates: {w.PerDay:#,##0} cold starts a day in {w.Month.CalendarMonth:yyyy-MM}{others} where its daily load ramp needs about {Math.Max(1, w.Needed):#,##0}. ");
        string why = string.Create(CultureInfo.InvariantCulture,
            $"Either the load sits at a boundary between two fleet sizes, so each scale-down is undone within minutes, or the queues that build while a replica starts count as demand at the autoscaler's target of {a.TargetValue:0.##}, so it overshoots{max} and sheds again. ");
        // Which way the target should move is not knowable from here: chat-seed-stage's A10G fleet
        // oscillated at 8 and at 4 alike, and 4 cost $17,295 more over the horizon (while missing the
        // SLO less); the advice used to say a lower target would cost less.
        return found + why + "Each cold start is paid GPU time; a longer scale_down_stabilization_s keeps replicas through the lulls. "
            + "A lower target buys headroom with more replicas, a higher one fewer replicas with longer queues: which costs less within the SLO is what planner optimize searches.";
    }

    /// <summary>
    /// The 0-based months in which an autoscaled fleet oscillated (<see cref="OscillationExcess"/> above
    /// 1), with how far over; none for an option without an autoscaler or a charted day.
    /// </summary>
    public static IReadOnlyList<(int MonthIndex, double Excess)> OscillatingMonths(OptionProjection o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (Projector.SelfHostedPart(o.Option) is not { Autoscaler: not null } fleet || o.Months.Count == 0 || o.Timeline.Count == 0)
        {
            return [];
        }
        return [.. Excesses(o, InstancePacking.Of(fleet).ReplicasPerUnit).Where(x => x.Excess > 1).Select(x => (x.MonthIndex, x.Excess))];
    }

    /// <summary>
    /// Each month's cold starts a day, the scale-ups its load ramp needs and <see cref="OscillationExcess"/>.
    /// Each month's ramp is its own weekday's (<see cref="MonthlyOutcome.RampScaleUps"/>); where a
    /// month has none recorded, the last month's charted day in proportion to the month's mean
    /// replicas (the ramp has the same shape at another volume).
    /// </summary>
    private static IEnumerable<(int MonthIndex, double PerDay, double Needed, double Excess)> Excesses(OptionProjection o, int perUnit)
    {
        MonthlyOutcome last = o.Months[^1];
        double neededLast = NeededScaleUps(o.Timeline);
        for (int i = 0; i < o.Months.Count; i++)
        {
            MonthlyOutcome m = o.Months[i];
            int days = m.CalendarMonth.AddMonths(1).DayNumber - m.CalendarMonth.DayNumber;
            double perDay = m.ColdStarts / days;
            double needed = double.IsFinite(m.RampScaleUps) ? m.RampScaleUps
                : last.MeanReplicas > 0 ? neededLast * m.MeanReplicas / last.MeanReplicas : neededLast;
            yield return (i, perDay, needed, OscillationExcess(perDay, needed, perUnit));
        }
    }

    /// <summary>
    /// Cold starts a day over the most a fleet that follows its load would make: <see cref="OscillationFactor"/>
    /// times the scale-ups its daily ramp needs, plus ten steps of the autoscaler (noise alone
    /// starts a few); above 1, the fleet oscillates. <c>planner run</c> and <c>planner optimize</c>
    /// use the same test.
    /// </summary>
    public static double OscillationExcess(double coldStartsPerDay, double neededScaleUps, int replicasPerUnit) =>
        coldStartsPerDay / (OscillationFactor * Math.Max(0, neededScaleUps) + 10 * Math.Max(1, replicasPerUnit));

    /// <summary>
    /// A replica of more GPUs than the named instance holds: its tensor-parallel group spans
    /// machines and all-reduces over their network, which the step times (the GPU's own
    /// interconnect) do not model, so its throughput is optimistic. A price per GPU with no
    /// machine named (a marketplace renting GPUs singly) may put them in one machine. None otherwise.
    /// </summary>
    public static string? SpansMachines(string name, SelfHostedOptionSpec s)
    {
        ArgumentNullException.ThrowIfNull(s);
        int perInstance = s.Pricing.GpusPerInstance;
        if (s.GpusPerReplica <= perInstance || s.Pricing.InstanceType is not string type)
        {
            return null;
        }
        int instances = (s.GpusPerReplica + perInstance - 1) / perInstance;
        return FormattableString.Invariant($"{name}'s replicas of {s.GpusPerReplica} GPUs span {instances} {type} instances of {perInstance} GPU{(perInstance == 1 ? "" : "s")} each: ")
            + FormattableString.Invariant($"tensor parallelism across machines all-reduces over their network, which Planner's step times do not model (they use the {s.Gpu.Id}'s own interconnect), ")
            + "so its throughput and latency are optimistic; price an instance that holds a whole replica.";
    }

    /// <summary>A spot fleet at its ceiling whose mean stays under this share of max_replicas reaches it in bursts (<see cref="AtCeiling"/>).</summary>
    public const double BurstMeanShare = 1.0 / 3;

    /// <summary>Least share of a month's requests waiting 1 s or more for capacity that counts as queueing at the ceiling.</summary>
    public const double CeilingQueueShare = 0.001;

    /// <summary>
    /// A fleet that reaches its <c>max_replicas</c> in months where requests queue for capacity
    /// (or the SLO is missed): at that ceiling more load lengthens queues instead of adding
    /// replicas, so its cost stops following the load and its latency does; none otherwise.
    /// </summary>
    private static string? AtCeiling(OptionProjection o, AutoscalerSpec a)
    {
        List<MonthlyOutcome> capped = [.. o.Months.Where(m => m.PeakReplicas >= a.MaxReplicas
            && (!m.SloMet || m.CapacityQueueWaits >= CeilingQueueShare * Math.Max(1, m.Requests)))];
        if (capped.Count == 0)
        {
            return null;
        }
        double queued = capped.Sum(m => m.CapacityQueueWaits) / Math.Max(1, capped.Sum(m => m.Requests));
        int missed = capped.Count(m => !m.SloMet);
        string misses = missed > 0 ? FormattableString.Invariant($" and {missed} of those months {(missed == 1 ? "misses" : "miss")} the SLO") : "";
        string lead = FormattableString.Invariant(
            $"{o.Name} runs at its max_replicas of {a.MaxReplicas} while requests queue in {capped.Count} of {o.Months.Count} months (from {capped[0].CalendarMonth:yyyy-MM}): ")
            + FormattableString.Invariant($"{queued:0.0%} of those months' requests waited at least 1 s for capacity{misses}. ");
        // A spot fleet far below its ceiling on average reaches it in bursts, not with its load:
        // document-extraction's H200 spot fleet peaked at 64 in three months while averaging 14 to
        // 17 replicas, and without interruptions peaked at 40 at most. Raising the ceiling is then
        // no cure for the load.
        double mostMean = capped.Max(m => m.MeanReplicas);
        if (Projector.SelfHostedPart(o.Option) is { Spot: not null } && capped.All(m => m.SpotInterruptions > 0) && mostMean <= BurstMeanShare * a.MaxReplicas)
        {
            return lead + FormattableString.Invariant($"In those months ({SloMisses.List([.. capped.Select(m => m.CalendarMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))])}) it averaged no more than {mostMean:0.#} replicas, so it reaches the ceiling in bursts, not with its load, ")
                + "as when a spot interruption takes every replica on an instance at once and the requests that queue while replacements start count as demand for more; "
                + "a higher max_replicas only lets such bursts start more replicas, whereas more on-demand base replicas or spot instances of fewer GPUs make each interruption smaller.";
        }
        // Replicas that miss the SLO even with each request alone (its latency floor) are not cured by more of them.
        string reach = o.LatencyFloor is { AboveSlo: true } && o.Months.All(m => !m.SloMet)
            ? ", though not meet the SLO, which its replicas miss even with each request alone (its latency floor)"
            : "";
        return lead
            + "At that ceiling more traffic lengthens queues instead of adding replicas, so its cost stops following the load; a higher max_replicas lets it scale" + reach
            + (o.Option is HybridOptionSpec h ? HybridRelief(h, capped) : ".");
    }

    /// <summary>
    /// What a hybrid at its ceiling can still send to its API: a lower threshold helps only while
    /// less than <see cref="OverflowNearlyAll"/> of what may leave the fleet (all but its
    /// compliance share) already does.
    /// </summary>
    private static string HybridRelief(HybridOptionSpec h, List<MonthlyOutcome> capped)
    {
        double overflowed = capped.Sum(m => m.OverflowedRequests) / Math.Max(1, capped.Sum(m => m.Requests));
        double mayLeave = 1 - h.ComplianceShare;
        if (overflowed < OverflowNearlyAll * mayLeave)
        {
            return ", and a lower overflow_queue_wait_s sends more of the excess to its API.";
        }
        string compliance = h.ComplianceShare > 0 ? FormattableString.Invariant($" (compliance_share keeps {h.ComplianceShare:0.#%} on the fleet)") : "";
        return FormattableString.Invariant($"; a lower overflow_queue_wait_s would move little more, as {overflowed:0.0%} of those months' requests already went to its API, of the {mayLeave:0.#%} that may{compliance}.");
    }

    /// <summary>Share of the traffic that may leave a hybrid's fleet past which its overflow is taken as all it can send.</summary>
    public const double OverflowNearlyAll = 0.8;

    /// <summary>
    /// A spot fleet whose peak replicas exceed its <c>max_replicas</c>: the replicas of an instance
    /// under an interruption notice drain their requests while the autoscaler starts their
    /// replacements, as a cloud's instance group exceeds its maximum size while it rebalances, and
    /// the peak counts both. Said so that a peak above the maximum does not read as a fault; none otherwise.
    /// </summary>
    private static string? AboveMaximum(OptionProjection o, AutoscalerSpec a, SelfHostedOptionSpec fleet)
    {
        List<MonthlyOutcome> above = [.. o.Months.Where(m => m.PeakReplicas > a.MaxReplicas)];
        if (fleet.Spot is null || above.Count == 0)
        {
            return null;
        }
        MonthlyOutcome highest = above.MaxBy(m => m.PeakReplicas)!;
        return FormattableString.Invariant(
            $"{o.Name} peaks above its max_replicas of {a.MaxReplicas} in {above.Count} of {o.Months.Count} months (up to {highest.PeakReplicas:#,##0} in {highest.CalendarMonth:yyyy-MM}): ")
            + "the replicas of a spot instance under an interruption notice finish their requests while their replacements start, as a cloud's instance group briefly exceeds its maximum size to rebalance, and the peak counts both; they are billed while they run.";
    }

    /// <summary>
    /// A fleet allowed to scale to zero (<c>min_replicas: 0</c>, and a schedule that allows zero at
    /// some hour) that never reached zero in some months (<see cref="MonthlyOutcome.SecondsAtZero"/>
    /// 0 on every day simulated for them): it scales down only after a whole stabilization window
    /// with nothing in flight, which traffic that never stops does not give it. Its cost is that of
    /// a warm replica, and a reader who chose scale-to-zero to save it should know why it did not.
    /// The last month's weekday, the one charted hour by hour, gives the quietest hour's traffic
    /// when that month is one of them. What scaling to zero did buy is said beside it: the hours
    /// at zero in the other months and the GPU-hours they did not run against a floor of one billing
    /// unit (valued at the listed price; nothing for reserved GPUs), and the requests that arrived with no
    /// replica ready and waited for a cold start. voice-agent's scale-to-zero fleet reached zero in 8
    /// of 24 months, 1.18 hours in all, worth $0.95, while 125 requests waited 128.8 s each for a
    /// replica; without those figures the warning read as if those 8 months had paid off. None otherwise.
    /// </summary>
    private static string? NeverAtZero(OptionProjection o, AutoscalerSpec a, SelfHostedOptionSpec fleet)
    {
        if (a.MinReplicas > 0)
        {
            return null;
        }
        List<DayTimelinePoint> hours = [.. o.Timeline.Where(p => a.ScheduledMinReplicas is not { Count: 24 } s || s[Math.Clamp(p.Hour, 0, 23)] == 0)];
        List<MonthlyOutcome> never = [.. o.Months.Where(m => !(m.SecondsAtZero > 0))];
        if (hours.Count == 0 || never.Count == 0)
        {
            return null;
        }
        string Month(MonthlyOutcome m) => m.CalendarMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string months = never.Count == 1 ? Month(never[0])
            : never.Count == o.Months.Count ? FormattableString.Invariant($"any of its {o.Months.Count} months")
            : FormattableString.Invariant($"{never.Count} of its {o.Months.Count} months (the first {Month(never[0])}, the last {Month(never[^1])})");
        string quietHour = "";
        if (never[^1] == o.Months[^1] && hours.All(p => p.MeanReplicas >= NeverZeroReplicas))
        {
            // The planned rates pick the hour and give its traffic where known: the simulated ones are a
            // draw around them, and among hours the plan makes equal a draw would name another each seed.
            bool planned = hours.All(p => double.IsFinite(p.PlannedRequestsPerSecond));
            double Rate(DayTimelinePoint p) => planned ? p.PlannedRequestsPerSecond : p.RequestsPerSecond;
            DayTimelinePoint quietest = hours.MinBy(Rate)!;
            double perWindow = Rate(quietest) * a.ScaleDownStabilizationSeconds;
            quietHour = FormattableString.Invariant($"even the quietest hour of {Month(o.Months[^1])}'s weekday ({quietest.Hour:00}:00) brings {Rate(quietest):0.###} requests/s{(planned ? " as planned" : "")}, ")
                + FormattableString.Invariant($"about {perWindow.ToString(perWindow >= 10 ? "#,##0" : "0.#", CultureInfo.InvariantCulture)} in each {a.ScaleDownStabilizationSeconds:#,##0} s scale-down window, and ");
        }
        return FormattableString.Invariant($"{o.Name} may scale to zero but never did in {months}: ")
            + quietHour
            + (quietHour.Length > 0 ? "the fleet goes to zero only after a whole window with no request in flight. "
                : FormattableString.Invariant($"the fleet goes to zero only after a whole scale-down window ({a.ScaleDownStabilizationSeconds:#,##0} s) with no request in flight. "))
            + "In such months it pays for a warm replica around the clock, as min_replicas: 1 would; scaling to zero saves money only where traffic stops for longer than scale_down_stabilization_s."
            + WhatZeroBought(o, never.Count, fleet);
    }

    /// <summary>
    /// " In the other 8 months it was at zero for 1.18 h in all, 1.18 GPU-hours not run (about $0.95
    /// at its listed $0.8048 a GPU-hour, against a floor of one GPU); 125 requests arrived with no
    /// replica ready and waited 128.8 s each on average for one to start."; empty when there is
    /// nothing to say. The value is at the listed price, which is what on-demand GPUs bill; reserved
    /// GPUs bill all month, so for them the hours save nothing.
    /// </summary>
    private static string WhatZeroBought(OptionProjection o, int monthsNever, SelfHostedOptionSpec fleet)
    {
        string said = "";
        int reached = o.Months.Count - monthsNever;
        if (reached > 0)
        {
            int gpusPerUnit = InstancePacking.Of(fleet).GpusPerUnit;
            double hours = o.Months.Sum(m => m.SecondsAtZero) / 3600;
            string unit = gpusPerUnit == 1 ? "one GPU" : FormattableString.Invariant($"one billing unit of {gpusPerUnit} GPUs");
            string value = fleet.Pricing.Model == GpuPricingModel.Reserved
                ? "which saves nothing on reserved GPUs, billed all month"
                : FormattableString.Invariant($"{Amount(hours * gpusPerUnit)} GPU-hours not run (about {Usd(hours * gpusPerUnit * fleet.Pricing.PricePerGpuHourUsd)} at its listed ${fleet.Pricing.PricePerGpuHourUsd:0.####} a GPU-hour, against a floor of {unit})");
            said = FormattableString.Invariant($" In the other {(reached == 1 ? "month" : $"{reached} months")} it was at zero for {Hours(hours)} in all, {value}");
        }
        // Each month's count and seconds as summary.json stores them (whole requests and seconds), so
        // that this sentence and the report's risk on the same waits give the same figures.
        double waits = o.Months.Sum(m => FigureFormat.Store(m.ReplicaStartWaits, 0));
        if (waits >= 1)
        {
            double seconds = o.Months.Sum(m => FigureFormat.Store(m.ReplicaStartWaitSeconds, 0)) / waits;
            said += (said.Length > 0 ? "; " : " ")
                + FormattableString.Invariant($"{(said.Length > 0 ? "" : "Over the horizon ")}{waits:#,##0} request{(waits == 1 ? "" : "s")} arrived with no replica ready and waited {seconds:0.0} s each on average for one to start");
        }
        return said.Length > 0 ? said + "." : "";
    }

    private static string Hours(double hours) => Amount(hours) + " h";

    private static string Amount(double x) => x.ToString(x >= 10 ? "#,##0" : "0.0#", CultureInfo.InvariantCulture);

    private static string Usd(double usd) => "$" + usd.ToString(usd >= 100 ? "#,##0" : "#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>An hour whose mean replicas stay at or above this never reached zero (a minute at zero would take it below).</summary>
    public const double NeverZeroReplicas = 0.999;

    /// <summary>Replicas the day's hourly means climb in all: the scale-ups its load ramp needs.</summary>
    public static double NeededScaleUps(IReadOnlyList<DayTimelinePoint> day)
    {
        ArgumentNullException.ThrowIfNull(day);
        double up = 0;
        for (int h = 0; h < day.Count; h++)
        {
            double next = day[(h + 1) % day.Count].MeanReplicas;
            up += Math.Max(0, next - day[h].MeanReplicas);
        }
        return up;
    }
}
