using System.Globalization;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// What the Uncertainty, Sensitivity and Fine-tuning sections and the price events say, derived
/// from summary.json alone so that the HTML and the Markdown report agree: sentences built from
/// the numbers, and the tables. Every string is plain text; writers escape it for their format.
/// </summary>
internal static class DecisionNarrative
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Id of the table of surrogate checks, which the method line links to.</summary>
    public const string SurrogateCheckId = "surrogate-check";

    /// <summary>Whether the summary has a Monte Carlo with at least one option to show.</summary>
    public static bool HasUncertainty(SummaryDocument s) => s.Uncertainty is { Options.Count: > 0 };

    /// <summary>Whether the summary has a tornado with at least one bar.</summary>
    public static bool HasSensitivity(SummaryDocument s) => s.Sensitivity is { Bars.Count: > 0 };

    /// <summary>Whether any option has fine-tuning jobs.</summary>
    public static bool HasFineTuning(SummaryDocument s) => s.Options.Any(o => o.FineTuning is { Count: > 0 });

    /// <summary>The opening sentences of the Uncertainty section: one per option against the baseline, then how sure the recommendation is.</summary>
    public static IReadOnlyList<string> UncertaintySentences(SummaryDocument s)
    {
        UncertaintySection u = s.Uncertainty!;
        string samples = Samples(u);
        string last = s.Options[0].Monthly[^1].CalendarMonth;
        var sentences = new List<string>
        {
            $"{(u.Samples == 1 ? "One sample" : $"Each of {samples}")} draws every uncertain input below from its distribution (seed {u.Seed.ToString(C)}{(u.Seed == s.Seed ? "" : $", derived from the run's seed {s.Seed.ToString(C)}")}; a Latin hypercube: each input's range is cut into as many equally likely strata as there are samples, and each stratum is drawn once) and evaluates every option with it, against the baseline {u.Baseline}. " +
            $"An option has paid off in a sample once its cumulative cost, undiscounted and one-time costs included, is at or below the baseline's (the break-even above); " +
            $"the NPV (net present value) figures and which option is cheapest discount each month at {Rate(u.DiscountRatePerYear)}, so an option can pay off by the horizon yet save a negative NPV.",
        };
        foreach (OptionUncertaintySection o in u.Options.Where(o => o.Name != u.Baseline))
        {
            string npv = o.NpvSavingsUsd is { } b
                ? $"; NPV of savings P10–P90 {Usd(b.P10)} to {Usd(b.P90)} (median {Usd(b.P50)}) at {Rate(u.DiscountRatePerYear)}"
                : "";
            IReadOnlyList<double> paid = o.PaidOffByMonth ?? [];
            double byHorizon = paid.Count > 0 ? paid[^1] : 0;
            if (o.MedianBreakEvenMonth is int m && m >= 1 && m <= paid.Count)
            {
                string horizon = m < paid.Count ? $" and by {last} in {Probability(byHorizon)}" : "";
                sentences.Add($"{o.Name} has paid off by month {m.ToString(C)} ({CalendarMonth(s, m)}) in {Probability(paid[m - 1])} of {samples}{horizon}{npv}.");
            }
            else if (byHorizon > 0)
            {
                sentences.Add($"{o.Name} pays off by {last} in only {Probability(byHorizon)} of {samples}{npv}.");
            }
            else
            {
                sentences.Add($"{o.Name} does not pay off by {last} in any of {samples}{npv}.");
            }
        }
        if (u.Options.FirstOrDefault(o => o.Name == s.Recommendation.Option) is { } rec)
        {
            OptionUncertaintySection cheapest = u.Options.MaxBy(o => o.ProbabilityCheapest)!;
            string who = $"The recommended option, {rec.Name},";
            string others = cheapest.Name != rec.Name
                ? $"; {cheapest.Name} has it most often ({Cheapest(u, cheapest)})"
                : "";
            sentences.Add($"{who} has the lowest present cost in {Cheapest(u, rec)} of samples and meets the SLO every month in {Probability(rec.ProbabilityMeetsSlo)}{others}. "
                + "The lowest present cost is counted among all options, those that miss the SLO included, and discounted; the recommendation counts only options that meet the SLO, undiscounted.");
        }
        // The shares are counts over the samples, and as uncertain as any count.
        double halfAtMost = 1.6448536269514722 * Math.Sqrt(0.25 / Math.Max(1, u.Samples));
        sentences.Add($"Every share here is a count over {samples}, so it is uncertain by up to ±{(halfAtMost * 100).ToString("0.#", C)} points at 90% confidence (at 50%, less towards 0% and 100%); "
            + $"a share of 0% or 100% still allows up to {IntervalBound(SamplingInterval(0, u.Samples).High, lower: false)} the other way.");
        // The bands' percentiles are read off the same samples: the sample that stands at P10 is itself a draw.
        double rankHalf = 1.6448536269514722 * Math.Sqrt(0.1 * 0.9 / Math.Max(1, u.Samples));
        sentences.Add($"The P10 and P90 of a cost (the values a tenth and nine tenths of the samples fall below) are read off the same {samples}, and are uncertain too: at 90% confidence the value shown as P10 lies between the "
            + $"{IntervalBound(Math.Max(0, 0.1 - rankHalf), lower: true)} and {IntervalBound(Math.Min(1, 0.1 + rankHalf), lower: false)} quantiles of the cost, and P90's between the "
            + $"{IntervalBound(Math.Max(0, 0.9 - rankHalf), lower: true)} and {IntervalBound(Math.Min(1, 0.9 + rankHalf), lower: false)}, so where a tail is steep another seed moves them by several percent; the medians move least.");
        if (u.SamplesFile is string file)
        {
            sentences.Add($"{file}, written beside summary.json by the run, has a row for every sample and option: the value each uncertain input drew, the option's cost over the horizon (undiscounted and NPV), its NPV of savings, break-even month, whether it met the SLO every month and whether its NPV of cost was the lowest; "
                + "the bands of cost over the horizon, NPV and savings and every share in this section are counted from those rows (their P10, P50 and P90 as NumPy's and R's default quantiles); the monthly bands come from each sample's months, which the file leaves out.");
        }
        return sentences;
    }

    /// <summary>The uncertain inputs: label, path, distribution, percentiles, what they act on.</summary>
    public static TextTable InputTable(SummaryDocument s) => TextTable.Of(
        [("input", false), ("path in the scenario", false), ("distribution", false), ("P10", true), ("median", true), ("P90", true), ("acts on", false)],
        s.Uncertainty!.Inputs.Select(i => (IReadOnlyList<string>)
            [InputUnits.Labelled(i.Label, i.Path), i.Path, i.Distribution, Value(i.P10), Value(i.P50), Value(i.P90), EffectText(i.Effect)]));

    /// <summary>Per option: NPV of cost and of savings (P10/P50/P90), pay-off, SLO and cheapest probabilities.</summary>
    public static TextTable OutcomeTable(SummaryDocument s)
    {
        UncertaintySection u = s.Uncertainty!;
        string last = s.Options[0].Monthly[^1].CalendarMonth;
        return TextTable.Of(
            [("option", false), ("NPV of cost P10", true), ("NPV of cost P50", true), ("NPV of cost P90", true),
             ("NPV of savings P10", true), ("NPV of savings P50", true), ("NPV of savings P90", true),
             ($"paid off by {last}", true), ("median break-even", false), ("meets SLO every month", true), ("lowest NPV of cost", true)],
            u.Options.Select(o =>
            {
                bool baseline = o.Name == u.Baseline;
                IReadOnlyList<double> paid = o.PaidOffByMonth ?? [];
                return (IReadOnlyList<string>)
                [
                    baseline ? o.Name + " (baseline)" : o.Name,
                    Usd(o.NpvCostUsd.P10), Usd(o.NpvCostUsd.P50), Usd(o.NpvCostUsd.P90),
                    o.NpvSavingsUsd is { } b ? Usd(b.P10) : "—", o.NpvSavingsUsd is { } b50 ? Usd(b50.P50) : "—", o.NpvSavingsUsd is { } b90 ? Usd(b90.P90) : "—",
                    baseline ? "—" : Probability(paid.Count > 0 ? paid[^1] : 0),
                    baseline ? "—" : o.MedianBreakEvenMonth is int m ? MonthText(s, m) : "not within horizon",
                    Probability(o.ProbabilityMeetsSlo), Cheapest(u, o),
                ];
            }));
    }

    /// <summary>How the samples were evaluated, and how well the surrogate matched full simulations when that was checked.</summary>
    public static string UncertaintyMethod(SummaryDocument s)
    {
        UncertaintySection u = s.Uncertainty!;
        SurrogateSection g = u.Surrogate;
        string volumes = g.DayVolumesRequestsPerDay.Count > 0
            ? $" from {Fmt.Count(g.DayVolumesRequestsPerDay.Min())} to {Fmt.Count(g.DayVolumesRequestsPerDay.Max())} requests/day"
            : "";
        string physics = g.PhysicsInputs.Count > 0
            ? $", plus runs with {string.Join(", ", g.PhysicsInputs)} at {(g.PhysicsInputs.Count == 1 ? "its" : "their")} 5th and 95th percentiles"
            : "";
        if (u.FullySimulated == true)
        {
            return $"Method: every one of the {Samples(u)} was simulated in full, month by month, at its own input values (no surrogate). " +
                $"The surrogate response surface Planner uses otherwise ({Plural(g.DayVolumeCount, "daily volume")}{volumes} simulated in full{physics}) was evaluated on the same samples, to measure its error. " +
                $"Net present values discount each month's spend, one-time and fine-tuning costs included, at {Compounding(u.DiscountRatePerYear)}. " +
                SurrogateCheckSentence(u);
        }
        string text = $"Method: a surrogate response surface. Planner simulated {Plural(g.DayVolumeCount, "daily volume")}{volumes} in full{physics} " +
            $"({Fmt.Count(g.SimulatedRequests)} simulated requests), fitted each option's monthly figures to daily volume, " +
            $"and evaluated the {Samples(u)} on that surface. " +
            $"Net present values discount each month's spend, one-time and fine-tuning costs included, at {Compounding(u.DiscountRatePerYear)}.";
        return text + " " + SurrogateCheckSentence(u);
    }

    /// <summary>How far the surrogate was from full simulations, read against the simulation's own seed-to-seed noise.</summary>
    public static string SurrogateCheckSentence(UncertaintySection u)
    {
        IReadOnlyList<SurrogateCheckSection> checks = u.Surrogate.Checks ?? [];
        if (checks.Count == 0)
        {
            return "The surrogate was not checked against full simulations in this run.";
        }
        static double Largest(IEnumerable<double?> values) => values.Select(v => Math.Abs(v ?? 0)).DefaultIfEmpty(0).Max();
        int samples = checks.Select(c => c.Sample).Distinct().Count();
        int mismatches = checks.Sum(c => c.SloVerdictMismatches);
        string verdicts = $"{(mismatches == 0 ? "no option-month gets" : Plural(mismatches, "option-month") + (mismatches == 1 ? " gets" : " get"))} another SLO verdict.";
        if (u.FullySimulated == true)
        {
            double meanError = checks.Select(c => Math.Abs(c.TotalCostError ?? 0)).Average();
            int reseeded = checks.Where(c => c.SeedTotalCostError is not null).Select(c => c.Sample).Distinct().Count();
            string noise = reseeded == 0
                ? "the simulation's own seed-to-seed noise was not measured in this run (--check-surrogate K re-simulates K samples with another seed)"
                : $"on the {Plural(reseeded, "sample")} also simulated with another seed, two full simulations differ by up to {Fmt.Percent(Largest(checks.Select(c => c.SeedTotalCostError)))} in total cost " +
                  $"and {Fmt.Percent(Largest(checks.Select(c => c.SeedMaxMonthlyCogsError)))} in a month's COGS";
            return $"Surrogate error on all {Plural(samples, "sample")}: its total cost is {Fmt.Percent(meanError)} from the full simulation's on average and at most {Fmt.Percent(Largest(checks.Select(c => c.TotalCostError)))}; " +
                $"its largest monthly COGS error is {Fmt.Percent(Largest(checks.Select(c => c.MaxMonthlyCogsError)))}; {noise}; {verdicts}";
        }
        return $"Surrogate check: {Plural(samples, "sample")} were also simulated in full. The surrogate's total cost is within {Fmt.Percent(Largest(checks.Select(c => c.TotalCostError)))} of the simulation's " +
            $"(two simulations with different seeds differ by up to {Fmt.Percent(Largest(checks.Select(c => c.SeedTotalCostError)))}); its largest monthly COGS error is {Fmt.Percent(Largest(checks.Select(c => c.MaxMonthlyCogsError)))}, " +
            $"against {Fmt.Percent(Largest(checks.Select(c => c.SeedMaxMonthlyCogsError)))} between seeds; {verdicts}";
    }

    /// <summary>The surrogate checks, one row per sample and option; null when none were run.</summary>
    public static TextTable? SurrogateCheckTable(SummaryDocument s)
    {
        IReadOnlyList<SurrogateCheckSection>? checks = s.Uncertainty?.Surrogate.Checks;
        if (checks is not { Count: > 0 })
        {
            return null;
        }
        return TextTable.Of(
            [("sample", true), ("option", false), ("total cost, surrogate", true), ("total cost, simulated", true), ("error", true),
             ("largest monthly COGS error", true), ("seed-to-seed: monthly COGS", true), ("seed-to-seed: total", true), ("months with another SLO verdict", true)],
            checks.Select(c => (IReadOnlyList<string>)
            [
                c.Sample.ToString(C), c.Option, Usd(c.SurrogateTotalCostUsd), Usd(c.SimulatedTotalCostUsd), SignedShare(c.TotalCostError),
                Share(c.MaxMonthlyCogsError), Share(c.SeedMaxMonthlyCogsError), SignedShare(c.SeedTotalCostError), c.SloVerdictMismatches.ToString(C),
            ]));
    }

    /// <summary>The opening of the Sensitivity section: what moves, the base case and the largest swing.</summary>
    public static IReadOnlyList<string> SensitivitySentences(SummaryDocument s)
    {
        SensitivitySection t = s.Sensitivity!;
        string last = s.Options[0].Monthly[^1].CalendarMonth;
        string breakEven = t.BaseBreakEvenMonth is int m
            ? $"{t.Option} breaks even in {MonthText(s, m)}"
            : $"{t.Option} does not break even by {last}";
        TornadoBarSection top = t.Bars[0];
        return
        [
            $"How {t.Option}'s cumulative savings against {t.Baseline} by {last} move when one input goes from its 10th to its 90th percentile while the others stay at their medians{WhyThisPair(s, t)}.",
            $"With every input at its median the savings are {Usd(t.BaseSavingsUsd)} and {breakEven}{AsWritten(s, t)}. " +
            $"The input that moves them most is {top.Label}: {Usd(top.SavingsAtLowUsd)} at its P10 ({Value(top.LowValue, top.Path)}) and {Usd(top.SavingsAtHighUsd)} at its P90 ({Value(top.HighValue, top.Path)}), a swing of {Swing(top)}.",
        ];
    }

    /// <summary>
    /// Why the tornado looks at its option when the Monte Carlo finds another alternative cheapest
    /// more often: the tornado follows the recommendation's best alternative with the scenario's
    /// values as written, the samples rank by present cost across the whole distribution.
    /// </summary>
    private static string WhyThisPair(SummaryDocument s, SensitivitySection t)
    {
        if (s.Uncertainty is not { Options.Count: > 0 } u)
        {
            return "";
        }
        OptionUncertaintySection? subject = u.Options.FirstOrDefault(o => o.Name == t.Option);
        OptionUncertaintySection? other = u.Options
            .Where(o => o.Name != t.Option && o.Name != t.Baseline)
            .MaxBy(o => o.ProbabilityCheapest);
        string role = t.Option == s.Recommendation.Option ? "the recommended option" : "the best alternative";
        return subject is not null && other is not null && other.ProbabilityCheapest > subject.ProbabilityCheapest
            ? $". {t.Option} is {role} with the scenario's values as written; across the samples of the Uncertainty section {other.Name} has the lowest present cost more often ({Cheapest(u, other)} against {Cheapest(u, subject)}), a ranking over the whole spread of the inputs rather than at their stated values"
            : "";
    }

    /// <summary>
    /// The run's own savings of the same pair, where they differ from the medians' (the scenario
    /// states each input's most likely value, which a skewed distribution's median is not).
    /// </summary>
    private static string AsWritten(SummaryDocument s, SensitivitySection t)
    {
        // As the break-even table shows it (the difference of the two cumulative costs as shown).
        BreakEvenSection? pair = t.Baseline == s.Baseline ? s.BreakEven.FirstOrDefault(b => b.Option == t.Option) : null;
        double? written = pair is null ? null : ReportFacts.ShownSavings(s, pair);
        return written is double w && t.BaseSavingsUsd is double median && Math.Abs(w - median) >= 0.5
            ? $" (with the scenario's values as written, {Usd(w)}: an input's median need not be the value the scenario states, as for a skewed distribution)"
            : "";
    }

    /// <summary>Each input's values and the savings and break-even month at both ends, largest swing first.</summary>
    public static TextTable SensitivityTable(SummaryDocument s) => TextTable.Of(
        [("input", false), ("P10 value", true), ("P90 value", true), ("savings at P10", true), ("savings at P90", true), ("swing", true),
         ("break-even at P10", false), ("break-even at P90", false)],
        s.Sensitivity!.Bars.Select(b => (IReadOnlyList<string>)
        [
            InputUnits.Labelled(b.Label, b.Path), Value(b.LowValue), Value(b.HighValue), Usd(b.SavingsAtLowUsd), Usd(b.SavingsAtHighUsd), Swing(b),
            b.BreakEvenMonthAtLow is int low ? MonthText(s, low) : "not within horizon",
            b.BreakEvenMonthAtHigh is int high ? MonthText(s, high) : "not within horizon",
        ]));

    public static string SensitivityMethod(SummaryDocument s) => HasUncertainty(s)
        ? "Method: one input at a time, evaluated on the same surrogate response surface as the Uncertainty section" +
          (s.Uncertainty!.Surrogate.Checks is { Count: > 0 } ? " (see its surrogate check)." : ".")
        : "Method: one input at a time, evaluated on a surrogate response surface fitted to full simulations at several daily volumes.";

    /// <summary>The opening of the Fine-tuning section and, per job, whether another checkpoint interval would cost less.</summary>
    public static IReadOnlyList<string> FineTuningSentences(SummaryDocument s)
    {
        var jobs = s.Options.SelectMany(o => (o.FineTuning ?? []).Select(j => (Option: o.Name, Job: j))).ToList();
        int samples = jobs.Max(j => j.Job.Samples);
        var sentences = new List<string>
        {
            $"{Plural(jobs.Count, "fine-tuning job")} ({string.Join(", ", jobs.Select(j => j.Job.Job + " for " + j.Option))}). " +
            $"Each run is simulated {Plural(samples, "time")} with random hardware failures: a failure loses the work since the last checkpoint and pays a restart{FailureText(jobs)}. " +
            "Costs are per run; they count towards cumulative cost and break-even in the month a run starts, not towards COGS.",
        };
        foreach ((string option, FineTuningJobSection j) in jobs)
        {
            if (j.BestCheckpointIntervalSeconds is double best && j.BestIntervalExpectedCostUsd is double bestCost && j.MeanCostUsd is double cost
                && cost > bestCost * 1.02 && Math.Abs(best - j.CheckpointIntervalSeconds) > 0.05 * j.CheckpointIntervalSeconds)
            {
                string youngDaly = j.YoungDalyIntervalSeconds is double yd ? $"; Young/Daly's estimate is {Duration(yd)}" : "";
                sentences.Add($"Checkpointing {j.Job} every {Duration(best)} instead of every {Duration(j.CheckpointIntervalSeconds)} would lower its expected cost from {Fmt.Usd(cost)} to {Fmt.Usd(bestCost)} per run{youngDaly}.");
            }
        }
        return sentences;
    }

    public static TextTable FineTuningTable(SummaryDocument s) => TextTable.Of(
        [("job", false), ("option", false), ("runs", false), ("GPUs", false), ("expected cost per run", true), ("P90 cost per run", true),
         ("expected time lost (of wall time)", true), ("checkpoint every: chosen", true), ("cost-optimal", true), ("Young/Daly", true)],
        s.Options.SelectMany(o => (o.FineTuning ?? []).Select(j => (IReadOnlyList<string>)
        [
            j.Job, o.Name, RunsText(s, j), $"{j.GpuCount.ToString(C)} × {j.Gpu}", Usd(j.MeanCostUsd), Usd(j.P90CostUsd),
            $"{Hours(j.MeanLostHours)} of {Hours(j.MeanWallHours)}",
            Duration(j.CheckpointIntervalSeconds), j.BestCheckpointIntervalSeconds is double b ? Duration(b) : "—",
            j.YoungDalyIntervalSeconds is double yd ? Duration(yd) : "no failures",
        ])));

    /// <summary>The scenario's price events: name, what changes, from when, for whom.</summary>
    public static TextTable PriceEventTable(SummaryDocument s) => TextTable.Of(
        [("event", false), ("change", false), ("from", false), ("applies to", false)],
        s.PriceEvents!.Select(e => (IReadOnlyList<string>)
        [
            e.Name, ChangeText(e), $"month {e.Month.ToString(C)} ({e.CalendarMonth})",
            e.Options.Count > 0 ? string.Join(", ", e.Options) : e.Target == "api_prices" ? "every option paying API token prices" : "every option paying for GPU-hours",
        ]));

    /// <summary>The discount rate sentence of the assumptions; null when the summary has no finance section.</summary>
    public static string? FinanceSentence(SummaryDocument s) => s.Finance is { } f
        ? $"Discount rate for net present values: {Compounding(f.DiscountRatePerYear)}."
        : null;

    /// <summary>The last risk, when there are bands: what they cover and what they do not.</summary>
    public static string UncertaintyRisk(SummaryDocument s)
    {
        UncertaintySection u = s.Uncertainty!;
        return $"Each month is one simulation with seed {s.Seed.ToString(C)}; the bands under Uncertainty come from {Plural(u.Samples, "sample")} of {Plural(u.Inputs.Count, "uncertain input")} " +
            "evaluated on a surrogate fitted to full simulations. Inputs not listed there are held at their scenario values, so the bands are narrower than the real uncertainty.";
    }

    /// <summary>A key figure for how sure the case is: the chance that the option of the best-alternative pair that is not the baseline has paid off (against the baseline) by the horizon.</summary>
    public static KeyFigure? Confidence(SummaryDocument s)
    {
        if (!HasUncertainty(s))
        {
            return null;
        }
        UncertaintySection u = s.Uncertainty!;
        string last = s.Options[0].Monthly[^1].CalendarMonth;
        static double ByHorizon(OptionUncertaintySection o) => o.PaidOffByMonth is { Count: > 0 } p ? p[^1] : 0;
        // The pair of the run's best alternative first (the one cheaper per month at the horizon, then the other), so the card speaks of the same switch as the others.
        string[] pair = s.Recommendation.Alternative is { } a
            ? [a.CheaperAtHorizon, a.MoreExpensiveAtHorizon(s.Recommendation.Option)]
            : [s.Recommendation.Option];
        OptionUncertaintySection? subject = pair
            .Select(name => u.Options.FirstOrDefault(o => o.Name == name && o.Name != u.Baseline && o.PaidOffByMonth is not null))
            .FirstOrDefault(o => o is not null);
        if (subject is null && s.Recommendation.Alternative is null)
        {
            subject = u.Options.Where(o => o.Name != u.Baseline && o.PaidOffByMonth is not null).MaxBy(ByHorizon);
        }
        if (subject is null)
        {
            return null;
        }
        string median = subject.MedianBreakEvenMonth is int m ? $"; median break-even {MonthText(s, m)}" : "";
        (double low, double high) = SamplingInterval(ByHorizon(subject), u.Samples);
        string interval = $" (90% interval {IntervalBound(low, lower: true)}–{IntervalBound(high, lower: false)})";
        // Paying off counts cost alone: an option that misses the SLO is said to, beside its chance.
        string slo = "";
        bool costAlone = false;
        if (s.Options.FirstOrDefault(o => o.Name == subject.Name) is { MeetsSloThroughout: false } option)
        {
            int missed = option.Monthly.Count(mo => !mo.SloMet);
            slo = $"; {subject.Name} misses the SLO in {missed.ToString(C)} of {option.Monthly.Count.ToString(C)} months with the scenario's values, and meets it every month in {Probability(subject.ProbabilityMeetsSlo)} of samples";
            costAlone = true;
        }
        // The recommendation rests on meeting the SLO with the scenario's values; where the samples
        // often miss it (at 10× chat-seed-stage's traffic the recommended API met it every month in
        // 78% of them), the card says so beside the chance, not only the Uncertainty section.
        if (u.Options.FirstOrDefault(o => o.Name == s.Recommendation.Option) is { } recommended
            && s.Options.FirstOrDefault(o => o.Name == recommended.Name) is { MeetsSloThroughout: true }
            && SamplingInterval(recommended.ProbabilityMeetsSlo, u.Samples).High < 0.95)
        {
            string who = recommended.Name == subject.Name ? $"{subject.Name}, the recommended option," : $"the recommended {recommended.Name}";
            slo += $"; {who} meets the SLO every month with the scenario's values but in only {Probability(recommended.ProbabilityMeetsSlo)} of samples";
        }
        return new KeyFigure($"Chance of paying off by {last}{(costAlone ? ", on cost alone" : "")}", Probability(ByHorizon(subject)),
            $"{subject.Name} against {u.Baseline}, over {Plural(u.Samples, "sample")}{interval}{median}{slo}");
    }

    /// <summary>
    /// The 90% interval of a share <paramref name="p"/> counted over <paramref name="n"/> samples
    /// (Wilson's score interval, which stays inside 0–1 and is not empty at 0% or 100%: 100 of 100
    /// samples give 97.4%–100%).
    /// </summary>
    public static (double Low, double High) SamplingInterval(double p, int n)
    {
        if (n <= 0)
        {
            return (0, 1);
        }
        const double z = 1.6448536269514722;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// A bound of an interval, rounded outwards (a lower bound down, an upper one up) so the interval
    /// shown holds the one computed: to a tenth of a percent within 2% of 0% or 100% (a lower bound of
    /// 98.67% read "99%"), else to whole percent.
    /// </summary>
    public static string IntervalBound(double p, bool lower)
    {
        if (p <= 0)
        {
            return "0%";
        }
        if (p >= 1)
        {
            return "100%";
        }
        double percent = p * 100;
        bool fine = percent < 2 || percent > 98;
        double step = fine ? 0.1 : 1;
        double rounded = lower ? Math.Floor(percent / step + 1e-9) * step : Math.Ceiling(percent / step - 1e-9) * step;
        return rounded is <= 0 or >= 100 ? $"{rounded.ToString("0", C)}%" : rounded.ToString(fine ? "0.0" : "0", C) + "%";
    }

    /// <summary>A probability in whole percent, never rounding a possibility away ("under 1%", "over 99%"): <see cref="Fmt.Probability"/>.</summary>
    public static string Probability(double p) => Fmt.Probability(p);

    /// <summary>An option's share of the samples in which it is cheapest, as the shares of all options add up to 100% (<see cref="Fmt.Shares"/>).</summary>
    private static string Cheapest(UncertaintySection u, OptionUncertaintySection option) =>
        Fmt.Shares([.. u.Options.Select(o => o.ProbabilityCheapest)])[IndexOf(u.Options, option)];

    private static int IndexOf(IReadOnlyList<OptionUncertaintySection> options, OptionUncertaintySection option)
    {
        for (int i = 0; i < options.Count; i++)
        {
            if (ReferenceEquals(options[i], option))
            {
                return i;
            }
        }
        throw new ArgumentException($"option '{option.Name}' is not among the section's options", nameof(option));
    }

    /// <summary>"month 14 (2028-02)"; past the horizon, the month number alone.</summary>
    public static string MonthText(SummaryDocument s, int month) =>
        month >= 1 && month <= s.Options[0].Monthly.Count ? $"month {month.ToString(C)} ({CalendarMonth(s, month)})" : $"month {month.ToString(C)}";

    /// <summary>A yearly rate: "10%/yr".</summary>
    public static string Rate(double perYear) => perYear.ToString("0.##%", C) + "/yr";

    /// <summary>
    /// "12%/yr effective (0.949% a month, compounded)": month m is discounted by (1 + r)^(m/12), so
    /// r is the effective yearly rate, not a nominal one divided by twelve.
    /// </summary>
    public static string Compounding(double perYear) =>
        $"{Rate(perYear)} effective ({(Math.Pow(1 + perYear, 1.0 / 12) - 1).ToString("0.###%", C)} a month, compounded)";

    /// <summary>A length of time in the unit it is read in: seconds, minutes or hours.</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 120 => Fmt.Number(seconds, "0") + " s",
        < 7200 => Fmt.Number(seconds / 60, "0") + " min",
        _ => Fmt.Number(seconds / 3600, "0.0") + " h",
    };

    private static string CalendarMonth(SummaryDocument s, int month) => s.Options[0].Monthly[month - 1].CalendarMonth;

    private static string Samples(UncertaintySection u) => Plural(u.Samples, "sample");

    private static string Plural(int n, string noun) => $"{Fmt.Count(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Usd(double? v) => Fmt.Usd(v ?? double.NaN);

    private static string Share(double? v) => Fmt.Percent(v ?? double.NaN);

    private static string SignedShare(double? v) => Fmt.SignedPercent(v ?? double.NaN);


    private static string Hours(double? hours) => hours is double h ? Duration(h * 3600) : "n/a";

    /// <summary>A bar's swing as the difference of the savings shown at its two ends.</summary>
    private static string Swing(TornadoBarSection b) =>
        b.SavingsAtLowUsd is double low && b.SavingsAtHighUsd is double high ? Core.Formatting.FigureFormat.UsdSpan(high, low) : Usd(b.SwingUsd);

    /// <summary>An input's value with its unit (<see cref="InputUnits"/>): "0.336 USD per million tokens".</summary>
    private static string Value(double? v, string path) => v is double x ? InputUnits.Value(x, path) : "n/a";

    /// <summary>An input value to four significant digits, with thousands separators from 1,000.</summary>
    private static string Value(double? v) => v is double x ? Fmt.InputValue(x) : "n/a";

    private static string EffectText(string effect) => effect switch
    {
        "cost" => "cost only",
        "load" => "traffic",
        "physics" => "simulated system",
        _ => effect.Replace('_', ' '),
    };

    /// <summary>", about 0.84 failures per run of support-sft" for the jobs that fail at all.</summary>
    private static string FailureText(IEnumerable<(string Option, FineTuningJobSection Job)> jobs)
    {
        List<string> failing = jobs.Where(j => j.Job.MeanFailures is > 0).Select(j => $"{Fmt.Number(j.Job.MeanFailures!.Value, "0.##")} for {j.Job.Job}").ToList();
        return failing.Count == 0 ? "; no job is expected to fail" : $" (expected failures per run: {string.Join(", ", failing)})";
    }

    private static string RunsText(SummaryDocument s, FineTuningJobSection j) =>
        j.EveryMonths is int every
            ? $"{j.RunsInHorizon.ToString(C)}, every {Plural(every, "month")} from {FirstRun(s, j.FirstMonth)}"
            : $"{j.RunsInHorizon.ToString(C)}, in {FirstRun(s, j.FirstMonth)}";

    private static string FirstRun(SummaryDocument s, int month) =>
        month >= 1 && month <= s.Options[0].Monthly.Count ? CalendarMonth(s, month) : $"month {month.ToString(C)}";

    private static string ChangeText(PriceEventSection e)
    {
        string what = ReportFacts.PriceTargetName(e.Target);
        if (e.Reservation is { } r)
        {
            string term = r.TermMonths is int t ? $"for {Plural(t, "month")}" : "until the horizon";
            return $"reserve {Plural(r.Gpus, "GPU")} at {Fmt.UsdPrice(r.PricePerGpuHourUsd)} per GPU-hour {term}, billed whether used or not";
        }
        var parts = new List<string>();
        if (e.Change is double c)
        {
            parts.Add(c.ToString("+0.##%;-0.##%;0%", C) + " at once");
        }
        if (e.ChangePerYear is double y)
        {
            parts.Add(y.ToString("+0.##%;-0.##%;0%", C) + " a year, compounding monthly");
        }
        return $"{what} {(parts.Count > 0 ? string.Join(", then ", parts) : "unchanged")}".Trim();
    }
}
