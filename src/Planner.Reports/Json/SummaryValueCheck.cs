using System.Globalization;
using System.Text.Json;

namespace Planner.Reports.Json;

/// <summary>
/// The figures of a summary.json that no run can write: a negative or non-finite amount of money,
/// count, volume or time, or a share outside 0 to 1. <see cref="SummaryJsonWriter.Deserialize"/>
/// checks the shape; this checks the values, so that a hand-edited or damaged file is refused
/// instead of drawn as a report. Margins, savings and swings may be negative and are only
/// required to be finite (a number too large for a double reads as infinity).
/// </summary>
public static class SummaryValueCheck
{
    /// <summary>
    /// Whether <paramref name="name"/> is 1 to 64 ASCII letters, digits, spaces, '.', '_' and '-':
    /// every scenario and option name a scenario allows is (spaces as a summary written by hand or
    /// an older Planner may hold), and none of them is read as Markdown, HTML or a change of
    /// writing direction.
    /// </summary>
    private static bool Named(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.Trim().Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ' ');

    /// <summary>One line per figure out of range: its JSON path, its value and what is allowed; empty when all are in range.</summary>
    public static IReadOnlyList<string> Problems(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var check = new Checker();
        Scenario(check, Name(nameof(SummaryDocument.Scenario)), summary.Scenario);
        Structure(check, summary);
        for (int i = 0; i < summary.Options.Count; i++)
        {
            Option(check, $"{Name(nameof(SummaryDocument.Options))}[{i}]", summary.Options[i]);
        }
        if (summary.Recommendation.Alternative is { } a)
        {
            string at = $"{Name(nameof(SummaryDocument.Recommendation))}.{Name(nameof(RecommendationSection.Alternative))}";
            check.Amount(At(at, nameof(a.TotalCostUsd)), a.TotalCostUsd);
            check.Amount(At(at, nameof(a.RecommendedTotalCostUsd)), a.RecommendedTotalCostUsd);
            check.Finite(At(at, nameof(a.SavingsUsd)), a.SavingsUsd);
            check.Amount(At(at, nameof(a.CheaperFromRequestsPerDay)), a.CheaperFromRequestsPerDay);
            check.Amount(At(at, nameof(a.DifferenceNoiseUsd)), a.DifferenceNoiseUsd);
            check.Amount(At(at, nameof(a.RunnerUpTotalCostUsd)), a.RunnerUpTotalCostUsd);
            check.Amount(At(at, nameof(a.RunnerUpNoiseUsd)), a.RunnerUpNoiseUsd);
            for (int i = 0; i < (a.MoreRunnersUp?.Count ?? 0); i++)
            {
                string more = $"{At(at, nameof(a.MoreRunnersUp))}[{i}]";
                check.Amount(At(more, nameof(RunnerUpSection.TotalCostUsd)), a.MoreRunnersUp![i].TotalCostUsd);
                check.Amount(At(more, nameof(RunnerUpSection.NoiseUsd)), a.MoreRunnersUp[i].NoiseUsd);
            }
        }
        for (int i = 0; i < summary.BreakEven.Count; i++)
        {
            BreakEvenSection b = summary.BreakEven[i];
            string at = $"{Name(nameof(SummaryDocument.BreakEven))}[{i}]";
            check.Amount(At(at, nameof(b.CrossoverRequestsPerDay)), b.CrossoverRequestsPerDay);
            check.Finite(At(at, nameof(b.SavingsAtHorizonUsd)), b.SavingsAtHorizonUsd);
        }
        if (summary.Workload is { } w)
        {
            Workload(check, Name(nameof(SummaryDocument.Workload)), w);
        }
        SimulationSection s = summary.Simulation;
        string simulation = Name(nameof(SummaryDocument.Simulation));
        check.Amount(At(simulation, nameof(s.SimulatedRequests)), s.SimulatedRequests);
        check.Amount(At(simulation, nameof(s.SimulatedEvents)), s.SimulatedEvents);
        check.Amount(At(simulation, nameof(s.MinSegmentSeconds)), s.MinSegmentSeconds);
        check.Amount(At(simulation, nameof(s.WarmUpSeconds)), s.WarmUpSeconds);
        if (summary.Uncertainty is { } u)
        {
            Uncertainty(check, Name(nameof(SummaryDocument.Uncertainty)), u);
        }
        if (summary.Sensitivity is { } t)
        {
            string at = Name(nameof(SummaryDocument.Sensitivity));
            check.Finite(At(at, nameof(t.BaseSavingsUsd)), t.BaseSavingsUsd);
            for (int i = 0; i < t.Bars.Count; i++)
            {
                TornadoBarSection bar = t.Bars[i];
                string barAt = $"{At(at, nameof(t.Bars))}[{i}]";
                check.Finite(At(barAt, nameof(bar.LowValue)), bar.LowValue);
                check.Finite(At(barAt, nameof(bar.HighValue)), bar.HighValue);
                check.Finite(At(barAt, nameof(bar.SavingsAtLowUsd)), bar.SavingsAtLowUsd);
                check.Finite(At(barAt, nameof(bar.SavingsAtHighUsd)), bar.SavingsAtHighUsd);
                check.Amount(At(barAt, nameof(bar.SwingUsd)), bar.SwingUsd);
            }
        }
        if (check.Problems.Count == 0)
        {
            Consistency(check, summary);
        }
        return check.Problems;
    }

    /// <summary>The option kinds a run writes.</summary>
    private static readonly string[] Kinds = ["api", "self_hosted", "hybrid"];

    /// <summary>
    /// What every page of a report rests on: at least one option, each with one month per month of
    /// the horizon, a start month that is a month, kinds a run writes, and a baseline and a
    /// recommendation that name options of the summary. A summary edited out of that shape is refused
    /// here, with what is wrong, instead of failing half-way through a report.
    /// </summary>
    /// <summary>
    /// Whether the summary agrees with itself as a run writes it, once every figure is in range
    /// (an edited figure is named once, by its range, not again by what it no longer adds up to):
    /// each month's cost is the sum of its lines, and an option's total is
    /// its last month's cumulative cost (an edited total read "$1.00" beside a recommendation that
    /// said $1,459,932).
    /// </summary>
    private static void Consistency(Checker check, SummaryDocument summary)
    {
        string options = Name(nameof(SummaryDocument.Options));
        for (int i = 0; i < summary.Options.Count; i++)
        {
            OptionSection o = summary.Options[i];
            for (int m = 0; m < o.Monthly.Count; m++)
            {
                MonthSection month = o.Monthly[m];
                CostBreakdownSection c = month.CostBreakdown;
                double lines = (c.GpuServingUsd ?? 0) + (c.GpuIdleUsd ?? 0) + (c.GpuColdStartUsd ?? 0) + (c.GpuStrandedUsd ?? 0) + (c.ApiTokensUsd ?? 0) + (c.FixedUsd ?? 0);
                if (month.CostUsd is double cost && double.IsFinite(lines) && Math.Abs(cost - lines) > LinesTolerance)
                {
                    check.Problems.Add(FormattableString.Invariant($"{options}[{i}].{Name(nameof(OptionSection.Monthly))}[{m}].{Name(nameof(MonthSection.CostUsd))} is {cost}, but its cost_breakdown's lines add up to {Math.Round(lines, 2)} (allowed: the sum of the GPU, API token and fixed lines, as `planner run` writes it)"));
                }
            }
            if (o.TotalCostUsd is double total && o.Monthly.Count > 0 && o.Monthly[^1].CumulativeCostUsd is double cumulative && Math.Abs(total - cumulative) > LinesTolerance)
            {
                check.Problems.Add(FormattableString.Invariant($"{options}[{i}].{Name(nameof(OptionSection.TotalCostUsd))} is {total}, but the last month's cumulative_cost_usd is {cumulative} (allowed: the same figure, as `planner run` writes it)"));
            }
        }
    }

    /// <summary>The longest text a scenario holds (its YAML's scalar limit).</summary>
    private const int MaxText = 10_000;

    /// <summary>The most options a scenario holds.</summary>
    private const int MaxOptions = 50;

    /// <summary>How far a month's lines may sum from its cost, and an option's total from its last cumulative cost: runs before bills were kept in whole cents drifted by up to $0.09.</summary>
    private const double LinesTolerance = 0.10;

    private static void Structure(Checker check, SummaryDocument summary)
    {
        string scenario = Name(nameof(SummaryDocument.Scenario));
        string options = Name(nameof(SummaryDocument.Options));
        int horizon = summary.Scenario.HorizonMonths;
        if (horizon < 1)
        {
            check.Problems.Add(FormattableString.Invariant($"{scenario}.{Name(nameof(ScenarioSection.HorizonMonths))} is {horizon} (allowed: 1 or more, the months of each option's monthly list)"));
        }
        if (!DateOnly.TryParseExact(summary.Scenario.StartMonth, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            check.Problems.Add($"{scenario}.{Name(nameof(ScenarioSection.StartMonth))} is '{summary.Scenario.StartMonth}' (allowed: a month as YYYY-MM, months 01 to 12)");
        }
        if (summary.Options.Count == 0)
        {
            check.Problems.Add($"{options} is empty (allowed: the run's options, at least one)");
        }
        else if (summary.Options.Count > MaxOptions)
        {
            check.Problems.Add(FormattableString.Invariant($"{options} has {summary.Options.Count} options (allowed: 1 to {MaxOptions}, as a scenario's)"));
        }
        for (int i = 0; i < summary.Options.Count; i++)
        {
            OptionSection o = summary.Options[i];
            if (o.Monthly.Count != horizon && horizon >= 1)
            {
                check.Problems.Add(FormattableString.Invariant($"{options}[{i}].{Name(nameof(OptionSection.Monthly))} has {o.Monthly.Count} month{(o.Monthly.Count == 1 ? "" : "s")} (allowed: {horizon}, the scenario's horizon_months)"));
            }
            if (!Kinds.Contains(o.Kind))
            {
                check.Problems.Add($"{options}[{i}].{Name(nameof(OptionSection.Kind))} is '{o.Kind}' (allowed: {string.Join(", ", Kinds)})");
            }
            // Names are unique in a scenario: a second row of the same name, in every table and chart, describes nothing.
            int first = summary.Options.ToList().FindIndex(x => x.Name == o.Name);
            if (first < i)
            {
                check.Problems.Add(FormattableString.Invariant($"{options}[{i}].{Name(nameof(OptionSection.Name))} is '{o.Name}', the name of {options}[{first}] too (allowed: a name no other option has, as a scenario's options have)"));
            }
        }
        var names = summary.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        string allowed = names.Count == 0 ? "an option's name" : $"one of the options: {string.Join(", ", names)}";
        if (summary.Options.Count > 0 && !names.Contains(summary.Baseline))
        {
            check.Problems.Add($"{Name(nameof(SummaryDocument.Baseline))} is '{summary.Baseline}' (allowed: {allowed})");
        }
        string recommendation = Name(nameof(SummaryDocument.Recommendation));
        if (summary.Options.Count > 0 && !names.Contains(summary.Recommendation.Option))
        {
            check.Problems.Add($"{recommendation}.{Name(nameof(RecommendationSection.Option))} is '{summary.Recommendation.Option}' (allowed: {allowed})");
        }
        if (summary.Recommendation.Alternative is { } a && summary.Options.Count > 0)
        {
            string alternative = $"{recommendation}.{Name(nameof(RecommendationSection.Alternative))}";
            foreach ((string key, string? name) in new[] { (nameof(a.Option), a.Option), (nameof(a.CheaperAtHorizon), a.CheaperAtHorizon), (nameof(a.RunnerUp), a.RunnerUp) })
            {
                if (name is not null && !names.Contains(name))
                {
                    check.Problems.Add($"{alternative}.{Name(key)} is '{name}' (allowed: {allowed})");
                }
            }
            for (int i = 0; i < (a.MoreRunnersUp?.Count ?? 0); i++)
            {
                if (!names.Contains(a.MoreRunnersUp![i].Option))
                {
                    check.Problems.Add($"{alternative}.{Name(nameof(a.MoreRunnersUp))}[{i}].{Name(nameof(RunnerUpSection.Option))} is '{a.MoreRunnersUp[i].Option}' (allowed: {allowed})");
                }
            }
            if (a.MoreRunnersUp is { Count: > 0 } && a.RunnerUp is null)
            {
                check.Problems.Add($"{alternative}.{Name(nameof(a.MoreRunnersUp))} is given without {alternative}.{Name(nameof(a.RunnerUp))}");
            }
            if (a.MissingSloAtMaxReplicas is < 1)
            {
                check.Problems.Add(FormattableString.Invariant($"{alternative}.{Name(nameof(a.MissingSloAtMaxReplicas))} is {a.MissingSloAtMaxReplicas} (allowed: 1 or more, a max_replicas)"));
            }
            MonthlyTie(check, alternative, a.MonthsWithinNoise, a.ClearlyCheaperFromMonth, horizon);
        }
        for (int i = 0; i < summary.BreakEven.Count; i++)
        {
            BreakEvenSection b = summary.BreakEven[i];
            MonthlyTie(check, $"{Name(nameof(SummaryDocument.BreakEven))}[{i}]", b.MonthsWithinNoise, b.ClearlyCheaperFromMonth, horizon);
            if (b.CheaperAtHorizon is string cheaper && cheaper != b.Option && cheaper != b.Baseline)
            {
                check.Problems.Add($"{Name(nameof(SummaryDocument.BreakEven))}[{i}].{Name(nameof(b.CheaperAtHorizon))} is '{cheaper}' (allowed: the entry's option or baseline)");
            }
        }
    }

    /// <summary>A pair's months within the noise are months (yyyy-MM), and the month it is clearly cheaper from is one of the horizon's.</summary>
    private static void MonthlyTie(Checker check, string at, IReadOnlyList<string>? months, int? clearlyFrom, int horizon)
    {
        for (int i = 0; i < (months?.Count ?? 0); i++)
        {
            if (!DateOnly.TryParseExact(months![i], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                check.Problems.Add($"{At(at, "MonthsWithinNoise")}[{i}] is '{months[i]}' (allowed: a month as YYYY-MM)");
            }
        }
        if (clearlyFrom is int m && (m < 1 || m > Math.Max(1, horizon)))
        {
            check.Problems.Add(FormattableString.Invariant($"{At(at, "ClearlyCheaperFromMonth")} is {m} (allowed: 1 to {Math.Max(1, horizon)}, a month of the horizon)"));
        }
    }

    private static void Scenario(Checker check, string at, ScenarioSection s)
    {
        // A scenario's texts are 10,000 characters at most (a 60 MiB description took 1.7 GB to draw).
        if (s.Description is { Length: > MaxText })
        {
            check.Problems.Add(FormattableString.Invariant($"{At(at, nameof(s.Description))} is {s.Description.Length:#,##0} characters long (allowed: up to {MaxText:#,##0}, as a scenario's texts are)"));
        }
        // The name titles every report and names the folder: a name planner run writes only.
        if (!Named(s.Name))
        {
            check.Problems.Add($"{At(at, nameof(s.Name))} is not a scenario name `planner run` writes (allowed: 1 to 64 letters, digits, spaces, '.', '_' and '-'; a scenario's own name is lowercase letters, digits and '-')");
        }
        check.Amount(At(at, nameof(s.SloTtftP95Ms)), s.SloTtftP95Ms);
        check.Amount(At(at, nameof(s.SloTpotP95Ms)), s.SloTpotP95Ms);
        check.Amount(At(at, nameof(s.SloE2eP99Ms)), s.SloE2eP99Ms);
        check.Amount(At(at, nameof(s.RevenuePerRequestUsd)), s.RevenuePerRequestUsd);
    }

    private static void Workload(Checker check, string at, WorkloadSection w)
    {
        VolumeSection v = w.Volume;
        string volume = At(at, nameof(w.Volume));
        check.Amount(At(volume, nameof(v.WeekendFactor)), v.WeekendFactor);
        // A rate of growth may be negative (a decline), never -100% or less.
        check.Above(At(At(volume, nameof(v.Growth)), nameof(v.Growth.MonthlyRate)), v.Growth.MonthlyRate, -1);
        for (int i = 0; i < (v.Growth.PerMonth?.Count ?? 0); i++)
        {
            check.Above($"{At(At(volume, nameof(v.Growth)), nameof(v.Growth.PerMonth))}[{i}]", v.Growth.PerMonth![i], -1);
        }
        foreach ((string name, VolumeMonthSection m) in new[] { (nameof(v.FirstMonth), v.FirstMonth), (nameof(v.HorizonMonth), v.HorizonMonth) })
        {
            string monthAt = At(volume, name);
            check.Amount(At(monthAt, nameof(m.RequestsPerDay)), m.RequestsPerDay);
            check.Amount(At(monthAt, nameof(m.RequestsPerWeekday)), m.RequestsPerWeekday);
            check.Amount(At(monthAt, nameof(m.RequestsPerWeekendDay)), m.RequestsPerWeekendDay);
            check.Amount(At(monthAt, nameof(m.PlannedRequests)), m.PlannedRequests);
        }
        string shape = At(at, nameof(w.DailyShape));
        check.Amount(At(shape, nameof(w.DailyShape.PeakToMean)), w.DailyShape.PeakToMean);
        for (int i = 0; i < w.DailyShape.HourlyWeights.Count; i++)
        {
            check.Amount($"{At(shape, nameof(w.DailyShape.HourlyWeights))}[{i}]", w.DailyShape.HourlyWeights[i]);
        }
        check.Amount(At(At(at, nameof(w.Arrivals)), nameof(w.Arrivals.Cv)), w.Arrivals.Cv);
        for (int i = 0; i < w.Classes.Count; i++)
        {
            RequestClassSection c = w.Classes[i];
            string classAt = $"{At(at, nameof(w.Classes))}[{i}]";
            check.Share(At(classAt, nameof(c.Share)), c.Share);
            check.Share(At(classAt, nameof(c.CachedPrefixFraction)), c.CachedPrefixFraction);
            Tokens(check, At(classAt, nameof(c.InputTokens)), c.InputTokens);
            Tokens(check, At(classAt, nameof(c.OutputTokens)), c.OutputTokens);
        }
        check.Amount(At(at, nameof(w.MeanInputTokens)), w.MeanInputTokens);
        check.Amount(At(at, nameof(w.MeanOutputTokens)), w.MeanOutputTokens);
        if (w.Trace is { } t)
        {
            string traceAt = At(at, nameof(w.Trace));
            check.Amount(At(traceAt, nameof(t.Rows)), t.Rows);
            check.Amount(At(traceAt, nameof(t.SpanS)), t.SpanS);
            check.Amount(At(traceAt, nameof(t.LastOffsetS)), t.LastOffsetS);
            check.Amount(At(traceAt, nameof(t.RequestsPerS)), t.RequestsPerS);
            check.Amount(At(traceAt, nameof(t.RequestsPerDay)), t.RequestsPerDay);
            check.Amount(At(traceAt, nameof(t.MeanInputTokens)), t.MeanInputTokens);
            check.Amount(At(traceAt, nameof(t.MeanOutputTokens)), t.MeanOutputTokens);
        }
    }

    private static void Tokens(Checker check, string at, TokenDistributionSection d)
    {
        check.Amount(At(at, nameof(d.Tokens)), d.Tokens);
        check.Amount(At(at, nameof(d.Median)), d.Median);
        check.Amount(At(at, nameof(d.P95)), d.P95);
        check.Amount(At(at, nameof(d.Mean)), d.Mean);
        check.Amount(At(at, nameof(d.Sd)), d.Sd);
        check.Amount(At(at, nameof(d.Min)), d.Min);
        check.Amount(At(at, nameof(d.Max)), d.Max);
        check.Amount(At(at, nameof(d.Rows)), d.Rows);
        check.Amount(At(at, nameof(d.MeanTokens)), d.MeanTokens);
    }

    private static void Option(Checker check, string at, OptionSection o)
    {
        // The name names chart files: one of 300 characters failed only once the charts were written, with .NET's "path is too long".
        // And every name is printed into Markdown, HTML and chart text: letters, digits, '.', '_' and
        // '-' only, as a scenario allows (a name with "<script>" or a right-to-left override passed
        // when any character but a control character did).
        if (!Named(o.Name))
        {
            check.Problems.Add($"{At(at, nameof(o.Name))} is not an option name a scenario allows (allowed: 1 to 64 letters, digits, spaces, '.', '_' and '-'; a scenario's own names are letters, digits, '.', '_' and '-')");
        }
        check.Amount(At(at, nameof(o.TotalCostUsd)), o.TotalCostUsd);
        check.Share(At(at, nameof(o.Availability)), o.Availability);
        if (o.Instance is { } instance)
        {
            check.Amount(At(At(at, nameof(o.Instance)), nameof(instance.PricePerInstanceHourUsd)), instance.PricePerInstanceHourUsd);
        }
        if (o.Timeline is { } timeline)
        {
            for (int i = 0; i < timeline.Points.Count; i++)
            {
                TimelinePointSection p = timeline.Points[i];
                string pointAt = $"{at}.{Name(nameof(o.Timeline))}.{Name(nameof(timeline.Points))}[{i}]";
                check.Amount(At(pointAt, nameof(p.RequestsPerSecond)), p.RequestsPerSecond);
                check.Amount(At(pointAt, nameof(p.Replicas)), p.Replicas);
            }
        }
        for (int i = 0; i < (o.FineTuning?.Count ?? 0); i++)
        {
            FineTuningJobSection j = o.FineTuning![i];
            string jobAt = $"{At(at, nameof(o.FineTuning))}[{i}]";
            check.Amount(At(jobAt, nameof(j.MeanGpuHours)), j.MeanGpuHours);
            check.Amount(At(jobAt, nameof(j.MeanCostUsd)), j.MeanCostUsd);
            check.Amount(At(jobAt, nameof(j.P90CostUsd)), j.P90CostUsd);
        }
        if (o.Noise is { } n)
        {
            string noiseAt = At(at, nameof(o.Noise));
            check.Amount(At(noiseAt, nameof(n.TotalCostSdUsd)), n.TotalCostSdUsd);
            check.Amount(At(noiseAt, nameof(n.MonthlyCostSd)), n.MonthlyCostSd);
            if (n.MovingMonths is int moving && (moving < 0 || moving > n.CheckedMonths.Count))
            {
                check.Problems.Add(FormattableString.Invariant($"{At(noiseAt, nameof(n.MovingMonths))} is {moving} (allowed: 0 to {n.CheckedMonths.Count}, the checked months)"));
            }
            int maxDayDof = o.Monthly.Count * (Core.Specs.SimulationSettings.MaxDaysPerMonth - 1);
            if (n.DayDegreesOfFreedom is int dayDof && (dayDof < 0 || dayDof > maxDayDof))
            {
                check.Problems.Add(FormattableString.Invariant($"{At(noiseAt, nameof(n.DayDegreesOfFreedom))} is {dayDof} (allowed: 0 to {maxDayDof}, days_per_month − 1 for each of the {o.Monthly.Count} months)"));
            }
            if (n.EffectiveDegreesOfFreedom is double effective && !(effective >= 1 && effective <= (n.MovingMonths ?? n.CheckedMonths.Count) + (n.DayDegreesOfFreedom ?? 0) + 0.01))
            {
                check.Problems.Add(FormattableString.Invariant($"{At(noiseAt, nameof(n.EffectiveDegreesOfFreedom))} is {effective} (allowed: 1 to the checked pairs that moved and the days' degrees of freedom, {(n.MovingMonths ?? n.CheckedMonths.Count) + (n.DayDegreesOfFreedom ?? 0)})"));
            }
            foreach ((string name, double? spread) in new[] { (nameof(n.MedianCostSpread), n.MedianCostSpread), (nameof(n.MaxCostSpread), n.MaxCostSpread),
                (nameof(n.MedianTtftP95Spread), n.MedianTtftP95Spread), (nameof(n.MaxTtftP95Spread), n.MaxTtftP95Spread),
                (nameof(n.MaxTpotP95Spread), n.MaxTpotP95Spread), (nameof(n.MaxE2eP99Spread), n.MaxE2eP99Spread) })
            {
                check.Spread(At(noiseAt, name), spread);
            }
        }
        if (o.PerformanceError is { } pe)
        {
            string errorAt = At(at, nameof(o.PerformanceError));
            if (pe.Rows < 1)
            {
                check.Problems.Add(FormattableString.Invariant($"{At(errorAt, nameof(pe.Rows))} is {pe.Rows} (allowed: 1 or more published measurements)"));
            }
            check.Amount(At(errorAt, nameof(pe.MedianAbsErrorSourceHeldOut)), pe.MedianAbsErrorSourceHeldOut);
            check.Amount(At(errorAt, nameof(pe.MedianAbsErrorGpuHeldOut)), pe.MedianAbsErrorGpuHeldOut);
            check.Finite(At(errorAt, nameof(pe.BiasSourceHeldOut)), pe.BiasSourceHeldOut);
        }
        if (o.LatencyFloor is { } lf)
        {
            string floorAt = At(at, nameof(o.LatencyFloor));
            if (o.Kind != "self_hosted")
            {
                check.Problems.Add($"{floorAt} is given for a {o.Kind} option (allowed: self_hosted options only, whose every request its fleet serves)");
            }
            if (lf.Requests < 1)
            {
                check.Problems.Add(FormattableString.Invariant($"{At(floorAt, nameof(lf.Requests))} is {lf.Requests} (allowed: 1 or more requests drawn)"));
            }
            check.Amount(At(floorAt, nameof(lf.TtftP95Ms)), lf.TtftP95Ms);
            check.Amount(At(floorAt, nameof(lf.TpotP95Ms)), lf.TpotP95Ms);
            check.Amount(At(floorAt, nameof(lf.E2eP99Ms)), lf.E2eP99Ms);
        }
        if (o.Fleet is { } f)
        {
            string fleetAt = At(at, nameof(o.Fleet));
            check.Amount(At(fleetAt, nameof(f.Replicas)), f.Replicas);
            check.Amount(At(fleetAt, nameof(f.MinReplicas)), f.MinReplicas);
            check.Amount(At(fleetAt, nameof(f.MaxReplicas)), f.MaxReplicas);
            check.Amount(At(fleetAt, nameof(f.AutoscalerTarget)), f.AutoscalerTarget);
            if (f.Spot is { } spot)
            {
                string spotAt = At(fleetAt, nameof(f.Spot));
                check.Amount(At(spotAt, nameof(spot.OnDemandBaseReplicas)), spot.OnDemandBaseReplicas);
                check.Amount(At(spotAt, nameof(spot.OnDemandReplicas)), spot.OnDemandReplicas);
                check.Amount(At(spotAt, nameof(spot.PricePerGpuHourUsd)), spot.PricePerGpuHourUsd);
                check.Amount(At(spotAt, nameof(spot.InterruptionsPerHour)), spot.InterruptionsPerHour);
                check.Amount(At(spotAt, nameof(spot.NoticeSeconds)), spot.NoticeSeconds);
            }
            check.Amount(At(fleetAt, nameof(f.MaxConcurrentSequences)), f.MaxConcurrentSequences);
            for (int i = 0; i < (f.ScheduledMinReplicas?.Count ?? 0); i++)
            {
                check.Amount($"{At(fleetAt, nameof(f.ScheduledMinReplicas))}[{i}]", f.ScheduledMinReplicas![i]);
            }
        }
        if (o.Hybrid is { } h)
        {
            string hybridAt = At(at, nameof(o.Hybrid));
            check.Amount(At(hybridAt, nameof(h.OverflowQueueWaitS)), h.OverflowQueueWaitS);
            check.Share(At(hybridAt, nameof(h.ComplianceShare)), h.ComplianceShare);
        }
        for (int i = 0; i < o.Monthly.Count; i++)
        {
            Month(check, $"{At(at, nameof(o.Monthly))}[{i}]", o.Monthly[i]);
        }
    }

    private static void Month(Checker check, string at, MonthSection m)
    {
        check.Amount(At(at, nameof(m.RequestsPerDay)), m.RequestsPerDay);
        check.Amount(At(at, nameof(m.Requests)), m.Requests);
        check.Amount(At(at, nameof(m.RequestsUnfinished)), m.RequestsUnfinished);
        check.Amount(At(at, nameof(m.RequestsServed)), m.RequestsServed);
        check.Amount(At(at, nameof(m.RequestsRejected)), m.RequestsRejected);
        check.Amount(At(at, nameof(m.Backoffs)), m.Backoffs);
        check.Amount(At(at, nameof(m.InputTokens)), m.InputTokens);
        check.Amount(At(at, nameof(m.CachedInputTokens)), m.CachedInputTokens);
        check.Amount(At(at, nameof(m.OutputTokens)), m.OutputTokens);
        check.Amount(At(at, nameof(m.CostUsd)), m.CostUsd);
        CostBreakdownSection c = m.CostBreakdown;
        string breakdown = At(at, nameof(m.CostBreakdown));
        check.Amount(At(breakdown, nameof(c.GpuServingUsd)), c.GpuServingUsd);
        check.Amount(At(breakdown, nameof(c.GpuIdleUsd)), c.GpuIdleUsd);
        check.Amount(At(breakdown, nameof(c.GpuColdStartUsd)), c.GpuColdStartUsd);
        check.Amount(At(breakdown, nameof(c.GpuStrandedUsd)), c.GpuStrandedUsd);
        check.Amount(At(breakdown, nameof(c.ApiTokensUsd)), c.ApiTokensUsd);
        check.Amount(At(breakdown, nameof(c.FixedUsd)), c.FixedUsd);
        check.Amount(At(breakdown, nameof(c.OneTimeUsd)), c.OneTimeUsd);
        check.Amount(At(breakdown, nameof(c.FineTuningUsd)), c.FineTuningUsd);
        check.Amount(At(at, nameof(m.CumulativeCostUsd)), m.CumulativeCostUsd);
        check.Amount(At(at, nameof(m.CostPer1kRequestsUsd)), m.CostPer1kRequestsUsd);
        check.Amount(At(at, nameof(m.CostPer1mTokensUsd)), m.CostPer1mTokensUsd);
        check.Amount(At(at, nameof(m.RevenueUsd)), m.RevenueUsd);
        check.Finite(At(at, nameof(m.GrossMargin)), m.GrossMargin);
        check.Amount(At(at, nameof(m.TtftP50Ms)), m.TtftP50Ms);
        check.Amount(At(at, nameof(m.TtftP95Ms)), m.TtftP95Ms);
        check.Amount(At(at, nameof(m.TpotP95Ms)), m.TpotP95Ms);
        check.Amount(At(at, nameof(m.E2eP50Ms)), m.E2eP50Ms);
        check.Amount(At(at, nameof(m.E2eP99Ms)), m.E2eP99Ms);
        check.Share(At(at, nameof(m.SloAttainment)), m.SloAttainment);
        check.Amount(At(at, nameof(m.GpuHours)), m.GpuHours);
        check.Amount(At(at, nameof(m.MeanReplicas)), m.MeanReplicas);
        check.Amount(At(at, nameof(m.PeakReplicas)), m.PeakReplicas);
        check.Amount(At(at, nameof(m.Utilization)), m.Utilization);
        check.Amount(At(at, nameof(m.ColdStarts)), m.ColdStarts);
        check.Amount(At(at, nameof(m.ItlP50Ms)), m.ItlP50Ms);
        check.Amount(At(at, nameof(m.PlannedRequests)), m.PlannedRequests);
        check.Amount(At(at, nameof(m.RateLimitBackoffs)), m.RateLimitBackoffs);
        check.Amount(At(at, nameof(m.RateLimitWaitSeconds)), m.RateLimitWaitSeconds);
        check.Amount(At(at, nameof(m.OutageBackoffs)), m.OutageBackoffs);
        check.Amount(At(at, nameof(m.OutageWaitSeconds)), m.OutageWaitSeconds);
        check.Amount(At(at, nameof(m.RejectedAfterRateLimit)), m.RejectedAfterRateLimit);
        check.Amount(At(at, nameof(m.RejectedAfterOutage)), m.RejectedAfterOutage);
        check.Amount(At(at, nameof(m.RejectedOverContext)), m.RejectedOverContext);
        check.Amount(At(at, nameof(m.CapacityQueueWaits)), m.CapacityQueueWaits);
        check.Amount(At(at, nameof(m.CapacityQueueWaitSeconds)), m.CapacityQueueWaitSeconds);
        check.Amount(At(at, nameof(m.ReplicaStartWaits)), m.ReplicaStartWaits);
        check.Amount(At(at, nameof(m.ReplicaStartWaitSeconds)), m.ReplicaStartWaitSeconds);
        check.Amount(At(at, nameof(m.Preemptions)), m.Preemptions);
        check.Amount(At(at, nameof(m.RequeuedRequests)), m.RequeuedRequests);
        check.Amount(At(at, nameof(m.SpotInterruptions)), m.SpotInterruptions);
        check.Amount(At(at, nameof(m.OverflowedRequests)), m.OverflowedRequests);
        check.Amount(At(at, nameof(m.ComplianceRequests)), m.ComplianceRequests);
        check.Amount(At(at, nameof(m.OverflowInputTokens)), m.OverflowInputTokens);
        check.Amount(At(at, nameof(m.OverflowCachedInputTokens)), m.OverflowCachedInputTokens);
        check.Amount(At(at, nameof(m.OverflowOutputTokens)), m.OverflowOutputTokens);
        check.Amount(At(at, nameof(m.BatchSizeP50)), m.BatchSizeP50);
        check.Amount(At(at, nameof(m.BatchSizeP95)), m.BatchSizeP95);
        check.Amount(At(at, nameof(m.KvUtilizationP50)), m.KvUtilizationP50);
        check.Amount(At(at, nameof(m.KvUtilizationP95)), m.KvUtilizationP95);
        check.Share(At(at, nameof(m.IdleOrColdShareOfGpuCost)), m.IdleOrColdShareOfGpuCost);
        check.Share(At(at, nameof(m.StrandedShareOfGpuCost)), m.StrandedShareOfGpuCost);
        check.Amount(At(at, nameof(m.SliceFactor)), m.SliceFactor);
        check.Amount(At(at, nameof(m.Compression)), m.Compression);
        check.Amount(At(at, nameof(m.SecondSeedSimulatedCostUsd)), m.SecondSeedSimulatedCostUsd);
        check.Amount(At(at, nameof(m.SecondSeedTtftP95Ms)), m.SecondSeedTtftP95Ms);
        for (int i = 0; i < (m.DaySimulatedCostsUsd?.Count ?? 0); i++)
        {
            check.Amount($"{At(at, nameof(m.DaySimulatedCostsUsd))}[{i}]", m.DaySimulatedCostsUsd![i]);
        }
        check.Amount(At(at, nameof(m.MeanInstances)), m.MeanInstances);
        check.Amount(At(at, nameof(m.SpotGpuHours)), m.SpotGpuHours);
        if (m.SpotGpuHours is double spot && m.GpuHours is double all && spot > all)
        {
            check.Problems.Add(FormattableString.Invariant($"{At(at, nameof(m.SpotGpuHours))} is {spot} (allowed: 0 to gpu_hours, {all})"));
        }
        check.Amount(At(at, nameof(m.PeakInstances)), m.PeakInstances);
    }

    private static void Uncertainty(Checker check, string at, UncertaintySection u)
    {
        if (u.SamplesFile is string file && file != Csv.SamplesCsvWriter.FileName)
        {
            check.Problems.Add($"{At(at, nameof(u.SamplesFile))} is '{file}' (allowed: {Csv.SamplesCsvWriter.FileName}, or no key)");
        }
        for (int i = 0; i < u.Inputs.Count; i++)
        {
            UncertainInputSection input = u.Inputs[i];
            string inputAt = $"{At(at, nameof(u.Inputs))}[{i}]";
            check.Finite(At(inputAt, nameof(input.P10)), input.P10);
            check.Finite(At(inputAt, nameof(input.P50)), input.P50);
            check.Finite(At(inputAt, nameof(input.P90)), input.P90);
        }
        for (int i = 0; i < u.Options.Count; i++)
        {
            OptionUncertaintySection o = u.Options[i];
            string optionAt = $"{At(at, nameof(u.Options))}[{i}]";
            for (int m = 0; m < o.MonthlyCogsUsd.Count; m++)
            {
                Band($"{At(optionAt, nameof(o.MonthlyCogsUsd))}[{m}]", o.MonthlyCogsUsd[m], check.Amount);
            }
            Band(At(optionAt, nameof(o.TotalCostUsd)), o.TotalCostUsd, check.Amount);
            Band(At(optionAt, nameof(o.NpvCostUsd)), o.NpvCostUsd, check.Amount);
            if (o.NpvSavingsUsd is { } savings)
            {
                Band(At(optionAt, nameof(o.NpvSavingsUsd)), savings, check.Finite);
            }
            for (int m = 0; m < (o.PaidOffByMonth?.Count ?? 0); m++)
            {
                check.Share($"{At(optionAt, nameof(o.PaidOffByMonth))}[{m}]", o.PaidOffByMonth![m]);
            }
            check.Share(At(optionAt, nameof(o.ProbabilityNeverPaysOff)), o.ProbabilityNeverPaysOff);
            check.Share(At(optionAt, nameof(o.ProbabilityMeetsSlo)), o.ProbabilityMeetsSlo);
            check.Share(At(optionAt, nameof(o.ProbabilityCheapest)), o.ProbabilityCheapest);
        }
        string volumesAt = $"{at}.{Name(nameof(u.Surrogate))}.{Name(nameof(u.Surrogate.DayVolumesRequestsPerDay))}";
        for (int i = 0; i < u.Surrogate.DayVolumesRequestsPerDay.Count; i++)
        {
            check.Amount($"{volumesAt}[{i}]", u.Surrogate.DayVolumesRequestsPerDay[i]);
        }
    }

    private static void Band(string at, BandSection band, Action<string, double?> rule)
    {
        rule(At(at, nameof(band.P10)), band.P10);
        rule(At(at, nameof(band.P50)), band.P50);
        rule(At(at, nameof(band.P90)), band.P90);
        rule(At(at, nameof(band.Mean)), band.Mean);
    }

    /// <summary>A property's name as summary.json spells it.</summary>
    private static string Name(string property) => JsonNamingPolicy.SnakeCaseLower.ConvertName(property);

    /// <summary>The JSON path of a property of the object at <paramref name="at"/>.</summary>
    private static string At(string at, string property) => $"{at}.{Name(property)}";

    /// <summary>
    /// The largest amount accepted: above any a run writes (the scenario's bounds, a billion requests a
    /// day of at most two million tokens each, make some 6e16 tokens in a month).
    /// </summary>
    public const double MaxAmount = 1e18;

    private sealed class Checker
    {
        public List<string> Problems { get; } = [];

        /// <summary>
        /// Money, a count, a volume or a time: finite, not negative, and below <see cref="MaxAmount"/>
        /// (an edited monthly cost of 1e308 was drawn as a 309-digit dollar figure beside a total of $30).
        /// </summary>
        public void Amount(string path, double? value) => Require(path, value, v => v is >= 0 and <= MaxAmount, "a finite number from 0 to 1e18");

        /// <summary>A share or a probability: 0 to 1.</summary>
        public void Share(string path, double? value) => Require(path, value, v => v is >= 0 and <= 1, "a number from 0 to 1");

        /// <summary>A seed-to-seed spread, |a − b| / ((a + b) / 2) of two figures not below 0: 0 to 2.</summary>
        public void Spread(string path, double? value) => Require(path, value, v => v is >= 0 and <= 2, "a number from 0 to 2 (|a − b| / their mean)");

        /// <summary>A rate that may be negative but stays above <paramref name="bound"/> (growth above -100%).</summary>
        public void Above(string path, double? value, double bound) =>
            Require(path, value, v => v > bound && v <= MaxAmount, $"a finite number above {bound.ToString(CultureInfo.InvariantCulture)} and up to 1e18");

        /// <summary>A figure that may be negative (a margin, a saving), but is a number within ±<see cref="MaxAmount"/>.</summary>
        public void Finite(string path, double? value) => Require(path, value, v => Math.Abs(v) <= MaxAmount, "a finite number from -1e18 to 1e18");

        private void Require(string path, double? value, Func<double, bool> inRange, string allowed)
        {
            if (value is double v && !(double.IsFinite(v) && inRange(v)))
            {
                Problems.Add($"{path} {Describe(v)} (allowed: {allowed})");
            }
        }

        /// <summary>The value as read; a JSON number beyond a double's range (1e400) reads as infinity.</summary>
        private static string Describe(double value) => value switch
        {
            double.PositiveInfinity => "is too large for a number (it reads as +infinity)",
            double.NegativeInfinity => "is too large for a number (it reads as -infinity)",
            double.NaN => "is not a number",
            _ => "is " + value.ToString("R", CultureInfo.InvariantCulture),
        };
    }
}
