using System.Globalization;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// What the executive summary says, derived from summary.json alone so that the HTML and the
/// Markdown report say the same thing: headline figures, the comparison table and the risks.
/// Every sentence is plain text; writers escape it for their format.
/// </summary>
internal sealed class ReportFacts
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private ReportFacts(SummaryDocument summary)
    {
        Summary = summary;
        Recommended = summary.Options.FirstOrDefault(o => o.Name == summary.Recommendation.Option) ?? summary.Options[0];
        Baseline = summary.Options.FirstOrDefault(o => o.Name == summary.Baseline) ?? summary.Options[0];
        Months = summary.Options[0].Monthly.Count;
        FirstMonth = summary.Options[0].Monthly[0].CalendarMonth;
        LastMonth = summary.Options[0].Monthly[^1].CalendarMonth;
        Alternative = summary.Recommendation.Alternative;
        Rows = summary.Options.Select(Row).ToList();
        KeyFigures = BuildKeyFigures();
        SloMisses = BuildSloMisses();
        Risks = BuildRisks();
    }

    public SummaryDocument Summary { get; }
    public OptionSection Recommended { get; }
    public OptionSection Baseline { get; }
    public int Months { get; }
    public string FirstMonth { get; }
    public string LastMonth { get; }
    /// <summary>The recommended option's best alternative, as the projection defined it; null with a single option.</summary>
    public AlternativeSection? Alternative { get; }
    public IReadOnlyList<OptionRow> Rows { get; }
    public IReadOnlyList<KeyFigure> KeyFigures { get; }
    public IReadOnlyList<string> Risks { get; }

    /// <summary>
    /// One sentence per option that misses the SLO in some month, the recommended option first: how
    /// many months, and which target the first of them missed and by how much ("llama-8b-a10g misses
    /// the SLO in 36 of 36 months (first in 2027-01: p95 TTFT 2,351 ms against 1,500 ms)."). The
    /// report's main risks open with these, and the console prints them under its options table.
    /// </summary>
    public IReadOnlyList<string> SloMisses { get; }

    public bool HasRevenue => Summary.Scenario.RevenuePerRequestUsd is not null;

    public static ReportFacts From(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new ReportFacts(summary);
    }

    /// <summary>"month 8 (2027-08)", or why there is none.</summary>
    public string BreakEvenText(string option)
    {
        if (option == Summary.Baseline)
        {
            return "baseline";
        }
        BreakEvenSection? b = Summary.BreakEven.FirstOrDefault(x => x.Option == option);
        return b?.Month is int m ? $"month {m.ToString(C)} ({b.CalendarMonth})" : "not within horizon";
    }

    /// <summary>
    /// A break-even's savings at the horizon as the two cumulative costs are shown (whole dollars):
    /// the baseline's minus the option's, so that the table's figure adds up by hand with the totals
    /// beside it (and, for the recommended option and its alternative, is the difference the
    /// recommendation states).
    /// </summary>
    public double? ShownSavings(BreakEvenSection b) => ShownSavings(Summary, b);

    /// <inheritdoc cref="ShownSavings(BreakEvenSection)"/>
    public static double? ShownSavings(SummaryDocument summary, BreakEvenSection b)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(b);
        if (b.SavingsAtHorizonUsd is not double savings)
        {
            return null;
        }
        double? baseline = summary.Options.FirstOrDefault(o => o.Name == b.Baseline)?.Monthly is { Count: > 0 } months ? months[^1].CumulativeCostUsd : null;
        return baseline is double total ? Core.Formatting.FigureFormat.ShownDifferenceUsd(total, total - savings) : savings;
    }

    private OptionRow Row(OptionSection o)
    {
        BreakEvenSection? b = Summary.BreakEven.FirstOrDefault(x => x.Option == o.Name);
        return new OptionRow(o, o.Name == Summary.Baseline, o.Name == Recommended.Name,
            o.Monthly[0].CostPer1kRequestsUsd, o.Monthly[^1].CostPer1kRequestsUsd, o.TotalCostUsd,
            o.Name == Summary.Baseline ? null : b is null ? null : ShownSavings(b), BreakEvenText(o.Name),
            o.Monthly[^1].GrossMargin, o.Monthly.Count(m => m.SloMet), o.Monthly.Count);
    }

    private List<KeyFigure> BuildKeyFigures()
    {
        OptionSection r = Recommended;
        var figures = new List<KeyFigure>
        {
            new("Cost per 1K requests served",
                $"{Fmt.UsdPrecise(r.Monthly[0].CostPer1kRequestsUsd ?? double.NaN)} → {Fmt.UsdPrecise(r.Monthly[^1].CostPer1kRequestsUsd ?? double.NaN)}",
                $"{r.Name}, {FirstMonth} → {LastMonth}"),
        };

        if (Alternative is { } a)
        {
            figures.AddRange(AlternativeFigures(a));
        }

        if (DecisionNarrative.Confidence(Summary) is KeyFigure confidence)
        {
            figures.Add(confidence);
        }

        if (Summary.Scenario.RevenuePerRequestUsd is double revenue && r.Monthly[^1].GrossMargin is double margin)
        {
            figures.Add(new("Gross margin at horizon", Fmt.Percent(margin),
                $"{r.Name}; month 1: {Fmt.Percent(r.Monthly[0].GrossMargin ?? double.NaN)}; revenue {Fmt.UsdPrecise(revenue)} per request"));
        }
        figures.Add(new("Total cost", Fmt.Usd(r.TotalCostUsd ?? double.NaN), $"{r.Name}, {Months.ToString(C)} months incl. one-time costs"));
        figures.Add(new("SLO", $"{r.Monthly.Count(m => m.SloMet).ToString(C)} of {Months.ToString(C)} months",
            $"{Fmt.Percent(r.Monthly[^1].SloAttainment ?? double.NaN)} of requests within the SLO in {LastMonth}"));
        return figures;
    }

    /// <summary>The best alternative, the break-even and the savings cards: every figure read from the one <see cref="AlternativeSection"/>.</summary>
    private List<KeyFigure> AlternativeFigures(AlternativeSection a)
    {
        string r = Recommended.Name;
        string cheaper = a.CheaperAtHorizon, dearer = a.MoreExpensiveAtHorizon(r);
        string months = Months.ToString(C);
        // With no option meeting the SLO (the recommendation is the one that comes closest), the
        // alternative is the cheapest other, no more valid than the recommendation, and no figure is
        // the cost of meeting the SLO.
        bool noneMeets = !Recommended.MeetsSloThroughout && !a.MeetsSlo;
        var figures = new List<KeyFigure>
        {
            new(noneMeets ? "Cheapest other option" : "Best alternative", Fmt.Usd(a.TotalCostUsd ?? double.NaN),
                a.MeetsSlo
                    ? $"{a.Option}, {months} months incl. one-time costs; meets the SLO every month"
                    : noneMeets
                    ? $"{a.Option}, {months} months incl. one-time costs; misses the SLO in {a.MonthsMissingSlo.ToString(C)} of {months} months, as every option misses it in some month"
                    : $"{a.Option}, {months} months incl. one-time costs; misses the SLO in {a.MonthsMissingSlo.ToString(C)} of {months} months, so no valid alternative (no other option meets it)"),
        };
        string since = a.CheaperFromMonth switch
        {
            null => $"{cheaper} and {dearer} cost the same per month at the horizon",
            1 => $"{cheaper} costs less per month from month 1",
            int m => $"{cheaper} costs less per month from {a.CheaperFromCalendarMonth} (month {m.ToString(C)}; the monthly costs cross between months {(m - 1).ToString(C)} and {m.ToString(C)}, at about {Fmt.Count(a.CheaperFromRequestsPerDay ?? double.NaN)} requests/day)",
        };
        string breakEvenLabel = noneMeets ? "Break-even against the cheapest other option" : "Break-even against the best alternative";
        KeyFigure breakEven = a.CheaperOnlyByMissingSlo(Recommended.MeetsSloThroughout)
            ? new(breakEvenLabel, "None valid",
                $"{since}, but it misses the SLO in {a.MissingSloText(Months)}: {r} is the only option that meets it, and there is nothing to break even against")
            : a.BreakEvenMonth == 1 && a.CheaperFromMonth == 1 && cheaper == r && r == Summary.Baseline
            // The baseline stays, cheaper every month: the alternative never breaks even, and no switch is made to pay back.
            ? new(breakEvenLabel, "Never", $"{dearer} costs more than {cheaper}, the baseline, every month, one-time costs included: it never breaks even against it")
            : a.BreakEvenMonth == 1 && a.CheaperFromMonth == 1
            // Cheaper from the first month on, one-time costs included: no switch waits to pay back.
            // With months the noise cannot order, it says from when the order is settled, as the recommendation does.
            ? new(breakEvenLabel, $"From the start ({FirstMonth})", $"{cheaper} costs less than {dearer} every month{ClearlyFrom(a)}, one-time costs included: there is nothing to pay back")
            : a.BreakEvenMonth is int be
            ? new(breakEvenLabel, $"Month {be.ToString(C)} ({a.BreakEvenCalendarMonth})", $"{cheaper} against {dearer}, cumulative cost incl. one-time costs; {since}"
                // Two totals a tie on cost cross where noise puts them: another seed moves the month, or undoes it.
                + (a.MeetsSlo && a.WithinNoise() ? $"; their totals are within the simulation's noise (±{Fmt.Usd(a.DifferenceNoiseUsd!.Value)}), a tie on cost, so another seed may move this month or find no break-even" : ""))
            : new(breakEvenLabel, $"Not within {months} months", $"{cheaper} against {dearer}: {since}, but counting its one-time costs and the months it cost more, it has not paid for itself by {LastMonth}");
        // The months whose order the noise decides, in the recommendation's words.
        figures.Add(a.MonthlyTieSentence() is string monthlyTie ? breakEven with { Note = $"{breakEven.Note}. {monthlyTie.TrimEnd('.')}" } : breakEven);
        // Which card by the saving itself, as the recommendation says "more" or "less"; its figure the
        // difference of the two totals as shown, so that it adds up by hand (both may show one dollar).
        double saving = a.SavingsUsd ?? double.NaN;
        double s = a.TotalCostUsd is double altTotal && a.RecommendedTotalCostUsd is double recTotal
            ? Math.CopySign(Math.Abs(Core.Formatting.FigureFormat.ShownDifferenceUsd(altTotal, recTotal)), saving)
            : saving;
        string tie = a.MeetsSlo && a.WithinNoise() ? $"; within the simulation's noise (±{Fmt.Usd(a.DifferenceNoiseUsd!.Value)}), a tie on cost" : "";
        figures.Add(saving >= 0
            // Named as the card before it names the alternative: with no option meeting the SLO it is no
            // "best alternative" (a 10× consumer scenario's cards said "Cheapest other option", then this).
            ? new(noneMeets ? "Saved against the cheapest other option" : "Saved against the best alternative", Fmt.Usd(s), $"{r} against {a.Option}, cumulative to {LastMonth}{tie}")
            : noneMeets
            ? new("More than the cheapest other option", Fmt.Usd(-s),
                $"{r} costs more than {a.Option} by {LastMonth}; it comes closer to the SLO, which {a.Option} misses in {a.MissingSloText(Months)}")
            : new("Cost of meeting the SLO", Fmt.Usd(-s),
                $"{r} costs more than {a.Option} by {LastMonth}" + (a.MeetsSlo ? tie : $"; {a.Option} misses the SLO in {a.MissingSloText(Months)}{FallsBehind(a.Option)}")));
        return figures;
    }

    /// <summary>
    /// ", and leaves up to 36% of a month's requests unanswered (2028-12), so its cost counts only
    /// what it could serve" where the option falls behind its traffic
    /// (<see cref="Unanswered"/>); empty otherwise. At 10× document-extraction's traffic the cost of
    /// meeting the SLO, $16,955,439, was measured against a spot fleet that served 64% of its
    /// requests in its last month, and the card did not say so.
    /// </summary>
    private string FallsBehind(string option)
    {
        if (Summary.Options.FirstOrDefault(o => o.Name == option) is not { } o)
        {
            return "";
        }
        MonthSection? worst = MostBehind(Behind(o));
        return worst is null ? ""
            : $", and leaves up to {Fmt.Percent(worst.Unfinished()!.Value / Math.Max(1, worst.Requests ?? 0))} of a month's requests unanswered ({worst.CalendarMonth}), so its cost counts only what it could serve";
    }

    /// <summary>", by more than the simulation's noise from month 3 (2027-03)" where the first months' order is a tie; empty otherwise.</summary>
    private string ClearlyFrom(AlternativeSection a) =>
        a.MonthsWithinNoise is { Count: > 0 } && a.ClearlyCheaperFromMonth is int m && m > 1 && m <= Months
            ? $", by more than the simulation's noise from month {m.ToString(C)} ({Summary.Options[0].Monthly[m - 1].CalendarMonth})"
            : "";

    /// <summary>
    /// Where the options answer with different models: Planner weighs cost and latency, not the
    /// quality of the answers, so a recommendation of another model than the baseline's rests on
    /// that model being good enough; null where every option runs the same models (or a summary
    /// from before models were recorded).
    /// </summary>
    private string? ModelRisk()
    {
        if (Summary.Options.Any(o => o.Models is null))
        {
            return null;
        }
        List<string> all = [.. Summary.Options.SelectMany(o => o.Models!).Distinct(StringComparer.Ordinal)];
        if (all.Count < 2)
        {
            return null;
        }
        string lead = $"The options answer with different models ({string.Join(", ", all)}): Planner compares their cost and latency, not the quality of their answers.";
        OptionSection? baseline = Summary.Options.FirstOrDefault(o => o.Name == Summary.Baseline);
        IReadOnlyList<string> recommended = Recommended.Models!;
        return baseline is not null && !recommended.SequenceEqual(baseline.Models!, StringComparer.Ordinal)
            ? $"{lead} Recommending {Recommended.Name} assumes {string.Join(" and ", recommended)} answer{(recommended.Count == 1 ? "s" : "")} well enough for the product, as {string.Join(" and ", baseline.Models!)} in the baseline {baseline.Name} do{(baseline.Models!.Count == 1 ? "es" : "")}; check that on real requests before switching."
            : $"{lead} An alternative on another model is a choice only if that model answers well enough for the product.";
    }

    private List<string> BuildSloMisses()
    {
        var sentences = new List<string>();
        foreach (OptionSection o in Summary.Options.OrderBy(o => o.Name == Recommended.Name ? 0 : 1))
        {
            List<MonthSection> missed = o.Monthly.Where(m => !m.SloMet).ToList();
            if (missed.Count > 0)
            {
                string who = o.Name == Recommended.Name ? $"The recommended option, {o.Name}," : o.Name;
                // Where its replicas miss even alone, the line says so, as the risk does at length.
                string reach = BeyondReach(o, Summary) is string floor ? $"; alone on an idle replica its requests would still give {floor}, so no fleet size meets it" : "";
                sentences.Add($"{who} misses the SLO in {missed.Count.ToString(C)} of {o.Monthly.Count.ToString(C)} months (first in {missed[0].CalendarMonth}: {MissReason(missed[0])}){reach}.");
            }
        }
        return sentences;
    }

    private List<string> BuildRisks()
    {
        var risks = new List<string>(SloMisses);
        IEnumerable<OptionSection> ordered = Summary.Options.OrderBy(o => o.Name == Recommended.Name ? 0 : 1);
        foreach (OptionSection o in ordered)
        {
            if (SloEdge.Sentence(Summary, o, o.Name == Recommended.Name ? $"The recommended option, {o.Name}," : null) is string edge)
            {
                risks.Add(edge);
            }
        }
        foreach (OptionSection o in ordered)
        {
            if (Unanswered(o) is string unanswered)
            {
                risks.Add(unanswered);
            }
            risks.AddRange(WaitRisks(o));
        }
        risks.AddRange(ordered.Select(BusyButEmpty).OfType<string>());
        risks.AddRange(ordered.Select(IdleAtItsFloor).OfType<string>());
        List<string> outages = ordered.Where(o => o.Availability is < 1)
            .Select(o => $"{o.Name} {Fmt.Number(o.Availability!.Value, "0.0##%")} (about {Fmt.Number((1 - o.Availability.Value) * 30 * 24 * 60, "#,##0")} minutes of outage in a 30-day month)")
            .ToList();
        // An API left at the default availability of 1 is simulated without a single outage: the
        // Azure replay recommended an API on that assumption, and no risk said so.
        List<string> never = [.. ordered.Where(o => o.Availability is >= 1).Select(o => o.Name)];
        string always = never.Count == 0 ? ""
            : $"{string.Join(" and ", never)} {(never.Count == 1 ? "is" : "are")} taken as always available (the scenario sets no availability below 1), so no outage is simulated; "
                + "a provider's typical 99.9% (availability: 0.999) is about 43 minutes of outage in a 30-day month";
        if (outages.Count > 0 || never.Count > 0)
        {
            string stated = outages.Count > 0 ? string.Join("; ", outages) + (never.Count > 0 ? "; " : "") : "";
            risks.Add($"API availability is an assumption: {stated}{always}. A longer outage delays or rejects more requests.");
        }
        // An API's latency is what its scenario states for the provider, which nothing in Planner
        // measures: voice-agent's API was ruled out, against a $173,766 saving, on a p95 TTFT of 900 ms
        // written in its scenario, and no risk said where that figure came from. Whether those figures
        // or its throttling and outages make it miss, the risks above say; this one says what rests on a statement.
        foreach (OptionSection o in ordered.Where(o => o.Kind == "api" && !o.MeetsSloThroughout))
        {
            int missed = o.Monthly.Count(m => !m.SloMet);
            risks.Add($"{o.Name} misses the SLO in {missed.ToString(C)} of {o.Monthly.Count.ToString(C)} months, and its latency rests on what its scenario states for the provider ({o.PerformanceSource}), which no measurement here checks: "
                + "measure the provider's latency on real requests before ruling it in or out.");
        }
        if (ModelRisk() is string models)
        {
            risks.Add(models);
        }
        // Priced at spot rates as a whole (pricing: {model: spot}) is not interrupted; spot capacity (spot:) is.
        List<string> spot = ordered.Where(o => o.PricingModel == "spot" && o.Fleet?.Spot is null).Select(o => o.Name).ToList();
        if (spot.Count > 0)
        {
            risks.Add($"{string.Join(", ", spot)} {(spot.Count == 1 ? "is" : "are")} priced at spot rates; spot interruptions are not simulated, so cost and latency may be optimistic.");
        }
        risks.AddRange(ordered.Select(SpotCapacity).OfType<string>());
        List<AssumptionSection> stale = Summary.Assumptions.Where(a => a.Stale).ToList();
        if (stale.Count > 0)
        {
            // Counted as the console counts them, by price; each price may set several inputs (an API's input, output and cached rates).
            List<string> sources = stale.Select(a => a.Source.Split(": ", 2)[0]).Distinct(StringComparer.Ordinal).ToList();
            string prices = sources.Count == 1 ? "1 price is" : $"{sources.Count.ToString(C)} prices are";
            risks.Add($"{prices} more than 12 months older than the start month ({string.Join(", ", sources)}; {stale.Count.ToString(C)} of the {Summary.Assumptions.Count.ToString(C)} inputs under Assumptions); {(sources.Count == 1 ? "it" : "they")} may have moved.");
        }
        List<string> estimated = Summary.Options.Where(o => o.Kind != "api" && o.PerformanceSource.Contains("roofline", StringComparison.OrdinalIgnoreCase)).Select(o => o.Name).ToList();
        if (estimated.Count > 0)
        {
            List<string> notChecked = Summary.Options.Where(o => estimated.Contains(o.Name) && o.PerformanceSource.Contains(Core.Specs.PerformanceValidationSpec.UncheckedPhrase, StringComparison.Ordinal)).Select(o => o.Name).ToList();
            risks.Add($"Throughput and latency of {string.Join(", ", estimated)} are roofline estimates from GPU specifications, not measurements; GPU counts and costs move with them."
                + (notChecked.Count == 0 ? ""
                    : notChecked.Count == estimated.Count ? " No published measurement on their GPUs checks these estimates (calibration/VALIDATION.md)."
                    : $" No published measurement on the GPUs of {string.Join(", ", notChecked)} checks them; each option's performance source says how published measurements bear out the others (calibration/VALIDATION.md)."));
        }
        risks.AddRange(OverContext(Summary));
        risks.AddRange(ThinSloMargins(Summary));
        risks.AddRange(SlowAtAnyLoad(Summary));
        risks.AddRange(UnsettledByStepTimes(Summary));
        bool measured = SimulationNoise.Measured(Summary);
        if (DecisionNarrative.HasUncertainty(Summary))
        {
            risks.Add(DecisionNarrative.UncertaintyRisk(Summary));
        }
        else if (measured)
        {
            risks.Add("The report shows no uncertainty bands: prices, traffic and performance are taken as given (an uncertainty: section and planner run --samples N put bands on them).");
        }
        if (measured || !DecisionNarrative.HasUncertainty(Summary))
        {
            risks.Add(SimulationNoise.Sentence(Summary));
        }
        return risks;
    }

    /// <summary>
    /// Requests an API refused for exceeding its model's context window: a scenario of 500,000-token
    /// prompts against a 128,000-token model once had its API serve them all, and recommended it.
    /// </summary>
    internal static IEnumerable<string> OverContext(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        foreach (OptionSection o in s.Options)
        {
            double refused = o.Monthly.Sum(m => m.RejectedOverContext ?? 0);
            if (refused <= 0)
            {
                continue;
            }
            double requests = o.Monthly.Sum(m => m.Requests ?? 0);
            string window = o.ContextWindowTokens is int w ? $" of {Fmt.Count(w)} tokens" : "";
            yield return $"{o.Name} refused {Fmt.Count(refused)} requests ({Fmt.Percent(refused / Math.Max(1, requests))} of its requests over the horizon) whose prompt and answer exceed its model's context window{window}: "
                + "they are neither billed nor served, so its cost leaves them out; serving them needs a model with a longer context, or shorter prompts.";
        }
    }

    /// <summary>The SLO's three targets: name, limit (null where the scenario sets none) and each month's figure.</summary>
    private static (string Name, double? Limit, Func<MonthSection, double?> Value)[] SloTargets(SummaryDocument s) =>
    [
        ("p95 TTFT", s.Scenario.SloTtftP95Ms, m => m.TtftP95Ms),
        ("p95 time per output token", s.Scenario.SloTpotP95Ms, m => m.TpotP95Ms),
        ("p99 end-to-end", s.Scenario.SloE2eP99Ms, m => m.E2eP99Ms),
    ];

    /// <summary>
    /// Options that meet the SLO every month with less to spare, at their closest, than their step
    /// times were off on their GPU's published measurements (<see cref="OptionSection.PerformanceError"/>,
    /// each source held out): chat-seed-stage's L4 fleet kept its p99 end-to-end 3.3% under the
    /// 40,000 ms target in 2029-12, where its step-time model was 8.0% off, and the report called
    /// the SLO met without a word.
    /// </summary>
    internal static IEnumerable<string> ThinSloMargins(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        (string Name, double? Limit, Func<MonthSection, double?> Value)[] targets = SloTargets(s);
        foreach (OptionSection o in s.Options)
        {
            if (!o.MeetsSloThroughout || o.PerformanceError is not { } error)
            {
                continue;
            }
            var closest = o.Monthly
                .SelectMany(m => targets
                    .Where(t => t.Limit is > 0 && t.Value(m) is double v && double.IsFinite(v))
                    .Select(t => (Month: m, t.Name, Value: t.Value(m)!.Value, Limit: t.Limit!.Value)))
                .Select(x => (x.Month, x.Name, x.Value, x.Limit, Margin: 1 - x.Value / x.Limit))
                .OrderBy(x => x.Margin)
                .FirstOrDefault();
            if (closest.Month is null || closest.Margin >= error.MedianAbsErrorSourceHeldOut)
            {
                continue;
            }
            yield return $"{o.Name} meets the SLO every month, but with {Fmt.Percent(closest.Margin)} to spare at its closest ({closest.Month.CalendarMonth}: {closest.Name} {Fmt.Ms(closest.Value)} against {Fmt.Ms(closest.Limit)}), "
                + $"less than the {Fmt.Percent(error.MedianAbsErrorSourceHeldOut)} its step times were off on this GPU's published {(error.Rows == 1 ? "measurement" : "measurements")} (each source held out"
                + (error.BiasSourceHeldOut > 0 ? $", the model {Fmt.Percent(error.BiasSourceHeldOut)} faster than published{(error.Rows == 1 ? "" : " on average")}" : "")
                + "): replicas that much slower may miss it.";
        }
    }

    /// <summary>
    /// Pairs of neighbours in the ranking of the options that meet the SLO every month (the
    /// recommendation and its best alternative, the best alternative and the next) whose totals are
    /// closer than their step-time models' published errors could move their GPU cost (each fleet's
    /// GPU cost over the horizon times its GPU's median error, each source held out): chat-seed-stage's
    /// L4 and H100 fleets are $1,590 apart, where 8.0% of the L4's $85,655 of GPU time and 10.3% of
    /// the H100's $87,245 come to some $16,000, and the report named the L4 the best alternative
    /// without a caveat. A difference within the seed noise is said elsewhere; this is the model's.
    /// </summary>
    internal static IEnumerable<string> UnsettledByStepTimes(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var ranked = s.Options.Where(o => o.MeetsSloThroughout && o.TotalCostUsd is double t && double.IsFinite(t)).OrderBy(o => o.TotalCostUsd).Take(3).ToList();
        for (int i = 0; i + 1 < ranked.Count; i++)
        {
            OptionSection a = ranked[i], b = ranked[i + 1];
            double difference = b.TotalCostUsd!.Value - a.TotalCostUsd!.Value;
            var exposed = new[] { a, b }
                .Where(o => o.PerformanceError is not null)
                .Select(o => (Option: o, Gpu: GpuCost(o), Error: o.PerformanceError!.MedianAbsErrorSourceHeldOut))
                .Where(x => x.Gpu > 0)
                .ToList();
            // Two options on one step-time model (the same model, GPU and engine: a fleet and a hybrid
            // built on it) are off together: an error moves both GPU bills the same way, and the
            // difference only by the error's share of the difference in GPU time. Legal
            // summarisation's hybrid, which never overflowed, was said to be unsettled against its
            // own fleet by 9.2% of the fleet's whole GPU bill.
            bool shared = exposed.Count == 2 && a.PerformanceSource == b.PerformanceSource && a.PerformanceError == b.PerformanceError;
            double exposure = shared ? Math.Abs(exposed[0].Gpu - exposed[1].Gpu) * exposed[0].Error : exposed.Sum(x => x.Gpu * x.Error);
            if (exposed.Count == 0 || difference >= exposure)
            {
                continue;
            }
            int horizon = a.Monthly.Count;
            string share = a.TotalCostUsd > 0 ? $", {Fmt.Percent(difference / a.TotalCostUsd.Value)}" : "";
            string each = shared
                ? $"both run one step-time model, so its error moves their GPU cost together and their difference by {Fmt.Percent(exposed[0].Error)} of the {Fmt.Usd(Math.Abs(exposed[0].Gpu - exposed[1].Gpu))} by which their GPU time differs"
                : string.Join(" and ", exposed.Select(x => $"{Fmt.Percent(x.Error)} of {x.Option.Name}'s {Fmt.Usd(x.Gpu)}")) + " of GPU time";
            yield return $"{b.Name} costs {Fmt.Usd(difference)} more than {a.Name} over the {horizon.ToString(C)} months{share}, less than the published errors of the step times could move the GPU cost ({each}, about {Fmt.Usd(exposure)}): "
                + "which of the two costs less is not settled by this model; measured step times on their GPUs would settle it (calibration/README.md).";
        }
    }

    /// <summary>Largest median batch at which a fleet's replicas count as running small batches (<see cref="SlowAtAnyLoad"/>).</summary>
    public const double IdleBatch = 2;

    /// <summary>
    /// Fleets whose replicas ran small batches in every month they missed the SLO (a median batch of
    /// at most <see cref="IdleBatch"/> sequences, almost no request waiting for capacity): the
    /// latency that misses is how fast one replica works, which more replicas or another autoscaler
    /// setting cannot change. voice-agent's L4 fleets missed its 6,000 ms p99
    /// end-to-end target in every month at a tenth, one and ten times the traffic alike, with
    /// batches of one or two, and the report said only that they missed.
    /// </summary>
    internal static IEnumerable<string> SlowAtAnyLoad(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        (string Name, double? Limit, Func<MonthSection, double?> Value)[] targets = SloTargets(s);
        // Fleets of the same replicas share a floor (voice-agent's three L4 fleets): one sentence names them together.
        List<(OptionSection Option, string Metrics)> beyond = [.. s.Options.Where(o => o.Kind != "api" && !o.MeetsSloThroughout)
            .Select(o => (Option: o, Metrics: BeyondReach(o, s)!)).Where(x => x.Metrics is not null)];
        foreach (IGrouping<string, (OptionSection Option, string Metrics)> same in beyond.GroupBy(x => x.Metrics))
        {
            List<string> names = [.. same.Select(x => x.Option.Name)];
            string who = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
            int drawn = same.First().Option.LatencyFloor!.Requests;
            yield return $"{who} cannot meet the SLO at any traffic or fleet size: with each request alone on an idle replica (nothing queued or batched beside it, no cold start), "
                + $"{(names.Count == 1 ? "its" : "their")} replicas would still give {same.Key} over the scenario's mix of requests ({Fmt.Count(drawn)} drawn). "
                + "A queue, a fuller batch or a cold start only adds to that, so more replicas or another autoscaler setting cannot bring it under the target; only faster replicas (another GPU, precision, tensor-parallel degree or engine) or shorter requests can.";
        }
        foreach (OptionSection o in s.Options.Where(o => o.Kind != "api" && !o.MeetsSloThroughout && !beyond.Any(x => x.Option == o)))
        {
            List<MonthSection> missed = [.. o.Monthly.Where(m => !m.SloMet)];
            bool Idle(MonthSection m) => m.BatchSizeP50 is double b && b <= IdleBatch
                && (m.CapacityQueueWaits ?? 0) <= Core.Projection.FleetDiagnostics.CeilingQueueShare * Math.Max(1, m.Requests ?? 0)
                && (m.RequestsRejected ?? 0) <= 0;
            if (missed.Count == 0 || !missed.All(Idle))
            {
                continue;
            }
            var over = targets.Where(t => t.Limit is double limit && missed.Any(m => t.Value(m) is double v && v > limit)).ToList();
            if (over.Count == 0)
            {
                continue;
            }
            string Range(Func<MonthSection, double?> value)
            {
                double[] v = [.. missed.Select(value).OfType<double>()];
                (double lo, double hi) = (v.Min(), v.Max());
                return Fmt.Ms(lo) == Fmt.Ms(hi) ? Fmt.Ms(lo) : $"{Fmt.Ms(lo)}–{Fmt.Ms(hi)}";
            }
            string metrics = string.Join(" and ", over.Select(t => $"{t.Name} of {Range(t.Value)} against {Fmt.Ms(t.Limit!.Value)}"));
            double batch = missed.Max(m => m.BatchSizeP50!.Value);
            string tpot = over.Any(t => t.Name != "p95 time per output token") && missed.Any(m => m.TpotP95Ms is double)
                ? $" (p95 time per output token {Range(m => m.TpotP95Ms)})" : "";
            yield return $"{o.Name} misses the SLO in {missed.Count.ToString(C)} of {o.Monthly.Count.ToString(C)} months with its replicas running small batches "
                + $"(a median of at most {Fmt.Number(batch, "0.#")} sequence{(batch == 1 ? "" : "s")}, and next to no request waiting for capacity): its {metrics} is how fast one replica works{tpot}, "
                + "so more replicas or another autoscaler setting cannot bring it under the target, at any traffic; only faster replicas (another GPU, precision or engine) or shorter requests can.";
        }
    }

    /// <summary>
    /// A fleet whose replicas miss an SLO target even with each request alone on an idle replica
    /// (<see cref="OptionSection.LatencyFloor"/>): no fleet size, autoscaler or traffic meets it.
    /// A coding assistant's Llama 3.1 70B on four A100s missed a 40 s p99 end-to-end target at a
    /// tenth, one and ten times its traffic (about 36 ms a token for its p99 answers of some 1,300
    /// tokens), while its report suggested a higher autoscaler target and a higher max_replicas.
    /// Its floors above their targets ("a p99 end-to-end of 8,339 ms against 6,000 ms"); null where
    /// the floor is under every target, or was not recorded.
    /// </summary>
    private static string? BeyondReach(OptionSection o, SummaryDocument s)
    {
        // Only where every month missed: a month that met the SLO (a small month's percentile can
        // land low by chance) would contradict "at any traffic".
        if (o.LatencyFloor is not { } floor || o.Monthly.Any(m => m.SloMet))
        {
            return null;
        }
        (string Name, double? Limit, double Floor)[] above = [.. new (string Name, double? Limit, double Floor)[]
            {
                ("p95 TTFT", s.Scenario.SloTtftP95Ms, floor.TtftP95Ms),
                ("p95 time per output token", s.Scenario.SloTpotP95Ms, floor.TpotP95Ms),
                ("p99 end-to-end", s.Scenario.SloE2eP99Ms, floor.E2eP99Ms),
            }.Where(t => Core.Serving.LatencyFloor.Above(t.Floor, t.Limit))];
        if (above.Length == 0)
        {
            return null;
        }
        return string.Join(" and ", above.Select(t => $"a {t.Name} of {Fmt.Ms(t.Floor)} against {Fmt.Ms(t.Limit!.Value)}"));
    }

    /// <summary>
    /// "Alone on an idle replica, its requests would see …": the fleet's latency floor, which the
    /// performance model's line in both reports ends with, so that a month's latency reads as that
    /// floor plus queueing, fuller batches and cold starts; null without a floor.
    /// </summary>
    internal static string? LatencyFloorSentence(OptionSection o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.LatencyFloor is { } f
            ? $"Alone on an idle replica, its requests would see a p95 TTFT of {Fmt.Ms(f.TtftP95Ms)}, a p95 time per output token of {Fmt.Ms(f.TpotP95Ms)} and a p99 end-to-end latency of {Fmt.Ms(f.E2eP99Ms)}: "
                + "the least a month can show (within the 1% its percentiles resolve and the sampling of its requests); the rest of a month's figure is queueing, fuller batches and cold starts"
            : null;
    }

    /// <summary>An option's GPU time over the horizon: serving, idle, cold start and stranded.</summary>
    private static double GpuCost(OptionSection o) =>
        o.Monthly.Sum(m => (m.CostBreakdown.GpuServingUsd ?? 0) + (m.CostBreakdown.GpuIdleUsd ?? 0) + (m.CostBreakdown.GpuColdStartUsd ?? 0) + (m.CostBreakdown.GpuStrandedUsd ?? 0));

    /// <summary>Share of a month's requests left unfinished at which an option is said to fall behind its traffic.</summary>
    public const double UnansweredShare = 0.01;

    /// <summary>
    /// An option that leaves more than <see cref="UnansweredShare"/> of a month's requests queued or
    /// in flight when its simulated days end: its fleet falls behind the traffic, its queues grow all
    /// day, and its cost per request and margin count only what it served, so they flatter it. Only
    /// monthly.csv and summary.json had these counts; at 10× document-extraction's traffic two fleets
    /// left a third of their requests unanswered while the report showed their cost per 1K. None otherwise.
    /// </summary>
    private static string? Unanswered(OptionSection o)
    {
        var behind = Behind(o).ToList();
        if (behind.Count == 0)
        {
            return null;
        }
        MonthSection worst = MostBehind(behind)!;
        double left = worst.Unfinished()!.Value, requests = worst.Requests ?? 0;
        string months = behind.Count == o.Monthly.Count ? "every month" : $"{behind.Count.ToString(C)} of {o.Monthly.Count.ToString(C)} months";
        return $"{o.Name} falls behind its traffic: in {months} more than {Fmt.Percent(UnansweredShare)} of its requests were still queued or in flight when the simulated days ended, "
            + $"most in {worst.CalendarMonth} ({Fmt.Count(left)} of {Fmt.Count(requests)}, {Fmt.Percent(left / Math.Max(1, requests))}){AtCap(o, worst, monthNamed: true)}. "
            + "Its cost per request and margin in those months count only the requests it served, so they flatter it.";
    }

    /// <summary>The months in which <paramref name="o"/> left more than <see cref="UnansweredShare"/> of its requests unfinished.</summary>
    private static IEnumerable<MonthSection> Behind(OptionSection o) =>
        o.Monthly.Where(m => (m.Unfinished() ?? 0) > UnansweredShare * Math.Max(1, m.Requests ?? 0));

    /// <summary>Of <paramref name="months"/>, the one that left the largest share unfinished; null when there is none.</summary>
    private static MonthSection? MostBehind(IEnumerable<MonthSection> months) =>
        months.MaxBy(m => m.Unfinished()!.Value / Math.Max(1, m.Requests ?? 0));

    /// <summary>
    /// Where the month that queued most had the fleet at its max_replicas: more replicas there take
    /// a higher cap first, which the sentence must say, or it reads as if the autoscaler could add them.
    /// </summary>
    private static string AtCap(OptionSection o, MonthSection worst, bool monthNamed = false)
    {
        if (o.Fleet?.MaxReplicas is not int max || !(worst.PeakReplicas >= max))
        {
            return "";
        }
        string reached = $"{(monthNamed ? ", with" : $", and in {worst.CalendarMonth}")} its fleet {(monthNamed ? "reaching" : "reached")} its max_replicas of {max.ToString(C)} at its peak";
        // A spot fleet far below its cap on average reached it in a burst after interruptions, not
        // with its load (Core's FleetDiagnostics says why): a higher cap is no cure there.
        return worst.SpotInterruptions > 0 && worst.MeanReplicas is double mean && mean <= Core.Projection.FleetDiagnostics.BurstMeanShare * max
            ? $"{reached} in a burst after spot interruptions (it averaged {Fmt.Number(mean, "0.#")} replicas that month)"
            : $"{reached}, so a higher max_replicas comes first";
    }

    /// <summary>
    /// Each cause of waiting an option shows, named by that cause (rate limits, outages, capacity
    /// queueing), with what it did to latency (the mean wait, and the p99 end-to-end latency of the
    /// month it weighed most) and to cost (rejected requests are neither billed nor served).
    /// </summary>
    private List<string> WaitRisks(OptionSection o)
    {
        var risks = new List<string>();
        IReadOnlyList<MonthSection> months = o.Monthly;
        double requests = months.Sum(m => m.Requests ?? 0);
        bool byCause = months.Any(m => m.RateLimitBackoffs is not null || m.OutageBackoffs is not null);
        if (!byCause)
        {
            // A summary written before waits were counted by cause: say what it holds, and no more.
            double backoffs = months.Sum(m => m.Backoffs ?? 0), rejected = months.Sum(m => m.RequestsRejected ?? 0);
            if (backoffs > 0 || rejected > 0)
            {
                risks.Add($"{o.Name} waited {Fmt.Count(backoffs)} times and rejected {Fmt.Count(rejected)} requests after waiting over the horizon (rate limits or outages: this summary does not tell them apart).");
            }
        }
        else
        {
            double rateLimit = months.Sum(m => m.RateLimitBackoffs ?? 0), rejectedRate = months.Sum(m => m.RejectedAfterRateLimit ?? 0);
            if (rateLimit > 0 || rejectedRate > 0)
            {
                MonthSection worst = months.MaxBy(m => ((m.RateLimitBackoffs ?? 0) + (m.RejectedAfterRateLimit ?? 0)) / Math.Max(1, m.Requests ?? 0))!;
                risks.Add($"{o.Name} is throttled by its rate limits (RPM/TPM): {Fmt.Count(rateLimit)} rate-limit back-offs{MeanWait(rateLimit, months.Sum(m => m.RateLimitWaitSeconds ?? 0))} " +
                    $"and {Fmt.Count(rejectedRate)} requests rejected after waiting over the horizon{Latency(worst)}{Cost(rejectedRate)}; a higher limit tier removes these waits.");
            }
            double outage = months.Sum(m => m.OutageBackoffs ?? 0), rejectedOutage = months.Sum(m => m.RejectedAfterOutage ?? 0);
            if (outage > 0 || rejectedOutage > 0)
            {
                MonthSection worst = months.MaxBy(m => ((m.OutageBackoffs ?? 0) + (m.RejectedAfterOutage ?? 0)) / Math.Max(1, m.Requests ?? 0))!;
                string availability = o.Availability is double a ? $" (availability {Fmt.Number(a, "0.0##%")})" : "";
                string notLimits = rateLimit == 0 && rejectedRate == 0 ? ", not by its rate limits" : "";
                risks.Add($"{o.Name} is held up by API outages{availability}{notLimits}: {Fmt.Count(outage)} back-offs while the API was down{MeanWait(outage, months.Sum(m => m.OutageWaitSeconds ?? 0))} " +
                    $"and {Fmt.Count(rejectedOutage)} requests rejected after waiting over the horizon{Latency(worst)}{Cost(rejectedOutage)}.");
            }
        }
        if (Overflow(o) is string overflow)
        {
            risks.Add(overflow);
        }
        // Requests that arrived with no replica ready waited for a cold start, which more replicas
        // do not shorten; the rest waited to be admitted to a batch on a replica that was up: for a
        // sequence slot, KV cache or the prefill of the prompts queued ahead (a step takes at most its
        // token budget of prompt tokens, so a queue of long prompts waits even with slots and cache free).
        double starting = months.Sum(m => m.ReplicaStartWaits ?? 0);
        double queued = months.Sum(m => m.CapacityQueueWaits ?? 0) - starting;
        // A wait for a cold start lasts minutes, which a caller or a user notices whatever the share:
        // voice-agent's warm pool left 112 requests waiting 85 s each, 0.0002% of its requests, that
        // the report did not name. Any such request is named.
        if (starting >= 0.5)
        {
            MonthSection worst = months.MaxBy(m => (m.ReplicaStartWaits ?? 0) / Math.Max(1, m.Requests ?? 0))!;
            risks.Add($"{o.Name} makes requests wait for a replica to start: {Fmt.Count(starting)} requests ({SmallPercent(starting / Math.Max(1, requests))}) arrived while no replica was ready "
                + $"(the fleet scaled to zero, or every replica still starting) and waited {Fmt.Number(months.Sum(m => m.ReplicaStartWaitSeconds ?? 0) / starting, "0.0")} s each on average for one to start, over the horizon{Latency(worst)}; "
                + "more replicas do not shorten these waits, a floor does (min_replicas, or schedule_min_replicas in the hours they arrive), at the GPU cost of keeping it.");
        }
        // Below one request in a thousand, waiting a few seconds to be admitted to a batch is noise next to the SLO figures.
        if (queued > 0 && queued / Math.Max(1, requests) >= 0.001)
        {
            MonthSection worst = months.MaxBy(m => ((m.CapacityQueueWaits ?? 0) - (m.ReplicaStartWaits ?? 0)) / Math.Max(1, m.Requests ?? 0))!;
            double waited = months.Sum(m => (m.CapacityQueueWaitSeconds ?? 0) - (m.ReplicaStartWaitSeconds ?? 0));
            string others = starting > 0 ? " on a replica that was up" : "";
            risks.Add($"{o.Name} queues for capacity: {Fmt.Count(queued)} requests ({SmallPercent(queued / Math.Max(1, requests))}) waited at least 1 s to be admitted to a batch, for a sequence slot, KV cache or the prefill of the prompts queued ahead{others} " +
                $"(all requests together waited {Duration(waited)} in its queues) over the horizon{Latency(worst)}; shorter waits take more replicas, at more GPU cost{AtCap(o, worst)}"
                // A hybrid has a second lever: its threshold is a mean wait, so a lower one sends more of the queue to its API.
                + (o.Hybrid is { } h && OverflowHasRoom(o, h) ? $", or a lower overflow_queue_wait_s (now {Fmt.Number(h.OverflowQueueWaitS, "0.##")} s), which sends more of them to its API at its token prices and latency" : "")
                + ".");
        }
        return risks;
    }

    /// <summary>
    /// A fleet with spot capacity above an on-demand base: what the simulation assumed of it and what
    /// the interruptions came to. A support fleet interrupted 398 times over a year had its spot
    /// capacity named nowhere in its report or console; null for a fleet without spot capacity.
    /// </summary>
    internal static string? SpotCapacity(OptionSection o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Fleet?.Spot is not { } spot)
        {
            return null;
        }
        double interruptions = o.Monthly.Sum(m => m.SpotInterruptions ?? 0);
        double requeued = o.Monthly.Sum(m => m.RequeuedRequests ?? 0);
        string happened = interruptions < 0.5
            ? "no interruption fell in its simulated days"
            : $"over the horizon the simulation interrupted {Fmt.Count(interruptions)} spot instance{(interruptions < 1.5 ? "" : "s")}, each replaced after a cold start"
                + (requeued >= 0.5 ? $", and {Fmt.Count(requeued)} requests in flight on them were queued again" : ", with no request in flight lost (the notice let them finish)");
        // The base is kept as whole instances, as the fleet rents them: 2 replicas on an 8-replica
        // instance keep 8 on demand (a document fleet's report said "above 2" while its bills kept 8).
        int perInstance = Math.Max(1, o.Instance?.ReplicasPerInstance ?? 1);
        int onDemand = spot.OnDemandReplicas ?? (spot.OnDemandBaseReplicas + perInstance - 1) / perInstance * perInstance;
        string baseReplicas = onDemand == spot.OnDemandBaseReplicas
            ? Fmt.Count(onDemand)
            : $"{Fmt.Count(onDemand)} (its on_demand_base_replicas of {Fmt.Count(spot.OnDemandBaseReplicas)}, rounded up to whole instances of {Fmt.Count(perInstance)})";
        bool usedSpot = o.Monthly.Any(m => (m.SpotGpuHours ?? 0) > 0);
        string never = o.Monthly.Any(m => m.SpotGpuHours is not null) && !usedSpot ? " (in this run it never needed more, so no spot capacity ran)" : "";
        return $"{o.Name} runs its replicas above {baseReplicas} on spot capacity{never} at {Fmt.UsdPrice(spot.PricePerGpuHourUsd)} a GPU-hour, which the provider takes back "
            + $"{Fmt.Number(spot.InterruptionsPerHour, "0.###")} times per instance-hour on average with {Fmt.Number(spot.NoticeSeconds, "0")} s notice (as the scenario states): {happened}. "
            + "A higher interruption rate costs more cold starts and more work done twice; providers publish interruption rates only in coarse bands, so the rate is the scenario's estimate.";
    }

    /// <summary>
    /// Whether a hybrid's API can still take more: a lower threshold moves little once its overflow
    /// is <see cref="Core.Projection.FleetDiagnostics.OverflowNearlyAll"/> of what may leave the fleet
    /// (all but its compliance share), as the ceiling warning says (a saturated hybrid at 10× support
    /// traffic was told both that a lower threshold would move little and that it sends more).
    /// </summary>
    private static bool OverflowHasRoom(OptionSection o, HybridPolicySection h)
    {
        double requests = o.Monthly.Sum(m => m.Requests ?? 0);
        double overflowed = o.Monthly.Sum(m => m.OverflowedRequests ?? 0);
        return overflowed < Core.Projection.FleetDiagnostics.OverflowNearlyAll * (1 - h.ComplianceShare) * Math.Max(1, requests);
    }

    /// <summary>
    /// What a hybrid sent to its API over the horizon, and what that cost; when it sent nothing,
    /// that it was its fleet alone, whatever its name and description say. None for other kinds
    /// and for summaries written before overflow was counted.
    /// </summary>
    internal static string? Overflow(OptionSection o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Kind != "hybrid" || o.Monthly.All(m => m.OverflowedRequests is null))
        {
            return null;
        }
        double overflowed = o.Monthly.Sum(m => m.OverflowedRequests ?? 0);
        if (overflowed < 0.5)
        {
            return $"{o.Name} sent no request to its API over the horizon: its fleet's queue wait was never above the overflow threshold " +
                "(overflow_queue_wait_s) when a request that may leave the fleet arrived, so its costs and latency are its fleet's alone; a lower threshold sends bursts to the API.";
        }
        double requests = o.Monthly.Sum(m => m.Requests ?? 0);
        double apiUsd = o.Monthly.Sum(m => m.CostBreakdown.ApiTokensUsd ?? 0);
        MonthSection most = o.Monthly.MaxBy(m => (m.OverflowedRequests ?? 0) / Math.Max(1, m.Requests ?? 0))!;
        double mostShare = (most.OverflowedRequests ?? 0) / Math.Max(1, most.Requests ?? 0);
        // The month overflow starts is where its cost steps up: the API's tokens start there.
        string first = o.Monthly.First(m => (m.OverflowedRequests ?? 0) >= 0.5).CalendarMonth;
        string from = first == o.Monthly[0].CalendarMonth ? "" : $" (none before {first})";
        // What the compliance share kept on the fleet, so that kept + sent + the rest adds up to the requests.
        double kept = o.Monthly.Sum(m => m.ComplianceRequests ?? 0);
        string compliance = o.Monthly.Any(m => m.ComplianceRequests is not null) && o.Hybrid is { ComplianceShare: > 0 } h
            ? $"; its compliance_share of {Fmt.Number(h.ComplianceShare, "0.#%")} kept {Fmt.Count(kept)} ({SmallPercent(kept / Math.Max(1, requests))}) on its fleet by rule, and {Fmt.Count(Math.Max(0, requests - kept - overflowed))} more that could have left stayed on it"
            : "";
        return $"{o.Name} sent {Fmt.Count(overflowed)} requests ({SmallPercent(overflowed / Math.Max(1, requests))}) to its API over the horizon{from}, " +
            $"{Fmt.Usd(apiUsd)} of API tokens in all; the largest share in {most.CalendarMonth} ({SmallPercent(mostShare)} of its requests){compliance}; the monthly figures in the appendix give each month's.";
    }

    /// <summary>
    /// From what daily volume an option costs less per month than the baseline: "217,691
    /// requests/day" where the monthly costs cross, "month 1" where it is cheaper from the start,
    /// "not by the horizon" where it never is. Both reports' break-even columns read it from here.
    /// </summary>
    public static string CheaperPerMonthFrom(BreakEvenSection b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Crossover switch
        {
            "crosses" => Fmt.Count(b.CrossoverRequestsPerDay ?? double.NaN) + " requests/day",
            "cheaper_throughout" => "month 1",
            _ => "not by the horizon",
        } + (b.MonthsWithinNoise is { Count: > 0 } ? " " + WithinNoiseMark : "");
    }

    /// <summary>The mark <see cref="CheaperPerMonthFrom"/> puts on a crossing with months within the simulation's noise, explained by <see cref="CrossingTieNotes"/>.</summary>
    public const string WithinNoiseMark = "†";

    /// <summary>
    /// Below both reports' break-even tables, one note per marked row: "† In 2027-01 and 2027-02
    /// llama-70b's monthly cost and the baseline's differ by less than the simulation's noise: a tie
    /// on cost in those months." Empty when no row is marked.
    /// </summary>
    public static IReadOnlyList<string> CrossingTieNotes(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return [.. s.BreakEven
            .Where(b => b.MonthsWithinNoise is { Count: > 0 })
            .Select(b => WithinNoiseMark + " " + Planner.Core.Projection.MonthlyTie.Sentence(b.MonthsWithinNoise!, b.ClearlyCheaperFromMonth is null, $"{b.Option}'s monthly cost and the baseline's"))];
    }

    /// <summary>
    /// Below both reports' break-even tables, one note per crossing that came before: an option that
    /// was cheaper than the baseline per month in earlier months, then dearer again, before it stays
    /// cheaper from its crossing. Read alone, "cheaper per month from 253,028 requests/day" says the
    /// volume decides; document-extraction's spot fleet had been cheaper than the API in months 6–12
    /// and became dearer again only when the API's price was cut by 30% in month 13. Names a step
    /// price change that falls in the month it became dearer again.
    /// </summary>
    public static IReadOnlyList<string> CrossingHistoryNotes(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var notes = new List<string>();
        OptionSection? baseline = s.Options.FirstOrDefault(o => o.Name == s.Baseline);
        foreach (BreakEvenSection b in s.BreakEven.Where(b => b.Crossover == "crosses"))
        {
            OptionSection? option = s.Options.FirstOrDefault(o => o.Name == b.Option);
            if (baseline is null || option is null || option.Monthly.Count != baseline.Monthly.Count)
            {
                continue;
            }
            bool Cheaper(int i) => option.Monthly[i].CostUsd < baseline.Monthly[i].CostUsd;
            int n = option.Monthly.Count;
            // The crossing: the first month from which the option is cheaper every month to the horizon.
            int from = n;
            while (from > 0 && Cheaper(from - 1))
            {
                from--;
            }
            List<int> earlier = [.. Enumerable.Range(0, Math.Max(0, from - 1)).Where(Cheaper)];
            if (from == 0 || from == n || earlier.Count == 0)
            {
                continue;
            }
            int dearer = Enumerable.Range(earlier[^1] + 1, from - earlier[^1] - 1).First(i => !Cheaper(i));
            string again = option.Monthly[dearer].CalendarMonth;
            List<string> events = [.. (s.PriceEvents ?? [])
                .Where(e => e.Change is double && e.Month == dearer + 1 && (e.Options.Count == 0 || e.Options.Contains(option.Name) || e.Options.Contains(baseline.Name)))
                .Select(e => $"'{e.Name}' ({PriceTargetName(e.Target)} {Fmt.SignedPercent(e.Change!.Value)})")];
            string spans = MonthSpans(earlier.Select(i => option.Monthly[i].CalendarMonth).ToList(), earlier);
            notes.Add($"{b.Option} was already cheaper per month than {s.Baseline} in {spans}, and dearer again from {again}"
                + (events.Count > 0 ? $", when {string.Join(" and ", events)} took effect" : "")
                + $"; it stays cheaper only from {option.Monthly[from].CalendarMonth}, so its crossing in the table ({Fmt.Count(b.CrossoverRequestsPerDay ?? double.NaN)} requests/day) is where it overtook again"
                + (events.Count > 0 ? " after that price change" : "") + ", not the volume at which it first cost less.");
        }
        return notes;
    }

    /// <summary>A price event's target as a reader says it ("API token prices" for api_prices); empty for one that is not a price (a reservation).</summary>
    internal static string PriceTargetName(string target) => target switch
    {
        "api_prices" => "API token prices",
        "gpu_prices" => "GPU-hour prices",
        _ => "",
    };

    /// <summary>"2027-06 to 2027-12" for consecutive months, else the months listed.</summary>
    private static string MonthSpans(IReadOnlyList<string> months, IReadOnlyList<int> indices) =>
        indices[^1] - indices[0] == indices.Count - 1 && indices.Count > 1 ? $"{months[0]} to {months[^1]}"
            : months.Count == 1 ? months[0]
            : $"{string.Join(", ", months.Take(months.Count - 1))} and {months[^1]}";

    /// <summary>Utilization at or above which a fleet reads as saturated.</summary>
    public const double BusyUtilization = 0.9;

    /// <summary>KV-cache use at the 95th percentile at or below which a busy fleet is far from full.</summary>
    public const double EmptyKvCache = 0.2;

    /// <summary>
    /// A fleet whose replicas are busy (a request in flight) nearly all the time in its last month,
    /// yet run small batches in a KV cache mostly empty: utilization there is not compute load, and
    /// a reader who takes 99% utilization for a saturated fleet misreads its cost. What the cost is
    /// then depends on what sizes the fleet (<see cref="FleetSection"/>): a fleet at its floor
    /// (fixed replicas, min_replicas, whole instances) pays for the capacity it must rent; one the
    /// autoscaler holds above its floor pays for a target reached long before a replica is full.
    /// None otherwise.
    /// </summary>
    internal static string? BusyButEmpty(OptionSection o)
    {
        ArgumentNullException.ThrowIfNull(o);
        MonthSection last = o.Monthly[^1];
        if (o.Kind == "api" || last.Utilization is not >= BusyUtilization || last.KvUtilizationP95 is not double kv || kv > EmptyKvCache
            || last.BatchSizeP50 is not double batch)
        {
            return null;
        }
        string lead = $"{o.Name}'s replicas are busy {Fmt.Percent(last.Utilization.Value)} of the time in {last.CalendarMonth} (at least one request in flight), but far from full: "
            + $"a median batch of {Fmt.Number(batch, "0.#")} sequences and {Fmt.Number(kv * 100, "0")}% of the KV cache in use at the 95th percentile. "
            + (o.MeetsSloThroughout
                // Room in memory is not room in latency: each sequence added lengthens every step.
                ? "Utilization here is not compute load: its replicas have memory for many more sequences, though each one added lengthens every step, so how much more traffic they carry within the SLO is what planner optimize measures; and "
                : $"Utilization here is not compute load: its replicas have memory for many more sequences, but it already misses the SLO in {o.Monthly.Count(m => !m.SloMet)} of {o.Monthly.Count} months, so that memory is no headroom as the fleet is configured; and ");
        return lead + CostDriver(o.Fleet, o.Instance?.ReplicasPerInstance ?? 1, last);
    }

    /// <summary>Share of a fleet's GPU cost over the horizon paid for idle GPUs at or above which its floor is named as a risk.</summary>
    public const double IdleShare = 0.5;

    /// <summary>
    /// A fleet whose GPUs are idle for most of what they cost over the horizon while it holds only
    /// its floor (a fixed fleet, or min_replicas rounded up to whole instances): that floor, not the
    /// traffic, is the cost. At 0.1× legal-summarisation's traffic one p5.48xlarge (four 2-GPU
    /// replicas for a min_replicas of 1) was 93.7% idle in its first month, and the report's risks
    /// said nothing of it. None otherwise.
    /// </summary>
    internal static string? IdleAtItsFloor(OptionSection o)
    {
        if (o.Kind == "api" || o.Fleet is not { } fleet)
        {
            return null;
        }
        static double Gpu(MonthSection m) => (m.CostBreakdown.GpuServingUsd ?? 0) + (m.CostBreakdown.GpuIdleUsd ?? 0) + (m.CostBreakdown.GpuColdStartUsd ?? 0) + (m.CostBreakdown.GpuStrandedUsd ?? 0);
        double gpu = o.Monthly.Sum(Gpu), idle = o.Monthly.Sum(m => m.CostBreakdown.GpuIdleUsd ?? 0);
        int perInstance = o.Instance?.ReplicasPerInstance ?? 1;
        double floor = fleet.MeanFloor(perInstance);
        double nearFloor = Math.Max(floor * (1 + AtFloorShare), floor + 0.25);
        var atFloor = o.Monthly.Where(m => m.MeanReplicas is double mean && mean <= nearFloor).ToList();
        // A floor of none (scale to zero) is no cost: a fleet idle there is idling through its scale-down delay, not held by a floor.
        if (gpu <= 0 || idle < IdleShare * gpu || atFloor.Count == 0 || floor < 1)
        {
            return null;
        }
        MonthSection most = o.Monthly.Where(m => Gpu(m) > 0).MaxBy(m => (m.CostBreakdown.GpuIdleUsd ?? 0) / Gpu(m))!;
        string months = atFloor.Count == o.Monthly.Count ? "every month" : $"{atFloor.Count.ToString(C)} of {o.Monthly.Count.ToString(C)} months";
        string what = fleet.Replicas is int fixedReplicas
            ? $"its fixed fleet of {Fmt.Count(fixedReplicas)} replica{(fixedReplicas == 1 ? "" : "s")}"
            : fleet.ScheduledMinReplicas is not null
            ? $"its floor of {Fmt.Number(floor, "0.##")} replica{(floor == 1 ? "" : "s")} on average over the day (min_replicas and its schedule{(perInstance > 1 ? ", in whole instances" : "")})"
            : fleet.MinReplicas is int min && perInstance > 1 && floor > min && o.Instance?.Type is string type
            ? $"its floor of {Fmt.Number(floor, "0.##")} replicas (min_replicas {min.ToString(C)} rounded up to whole {type} instances of {perInstance.ToString(C)} replicas)"
            : $"its floor of {Fmt.Number(floor, "0.##")} replica{(floor == 1 ? "" : "s")} (min_replicas)";
        // "Held no more than its floor" read as false beside months whose mean sat a quarter replica above it
        // and whose peak reached 3 or 4 (voice-agent, chat-seed-stage at 0.1×): say the bound the months were held to.
        // The most those months averaged, as observed (a support fleet's months all averaged 4.00 and read
        // "no more than 4.4", the threshold).
        double observed = atFloor.Max(m => m.MeanReplicas!.Value);
        string held = fleet.Replicas is not null ? $"held {what}" : $"averaged no more than {Fmt.Number(observed, "0.##")} replica{(Fmt.Number(observed, "0.##") == "1" ? "" : "s")}, at or near {what}";
        // A floor of whole instances costs the same for every min_replicas that rounds up to it:
        // "a smaller one costs less" was false for a floor of 1 (or 4) on an instance of 4 replicas.
        int instances = (int)Math.Round(floor / perInstance);
        string smaller = perInstance > 1 && fleet.Replicas is null && fleet.ScheduledMinReplicas is null && fleet.MinReplicas is int && Math.Abs(floor - instances * perInstance) < 1e-9
            ? instances == 1
                ? $"That floor, not the load, is its cost there; any min_replicas from 1 to {perInstance.ToString(C)} rents the same instance, so only scaling to zero (min_replicas 0) or an instance of fewer GPUs costs less, at the price of cold starts when traffic returns."
                : $"That floor, not the load, is its cost there; only a min_replicas of {((instances - 1) * perInstance).ToString(C)} or fewer (a whole instance less) costs less, at the price of cold starts when traffic returns."
            : "That floor, not the load, is its cost there; a smaller one costs less, at the price of cold starts when traffic returns.";
        return $"{o.Name}'s GPUs were idle for {Fmt.Percent(idle / gpu)} of what they cost over the horizon ({Fmt.Usd(idle)} of {Fmt.Usd(gpu)}), "
            + $"most in {most.CalendarMonth} ({Fmt.Percent((most.CostBreakdown.GpuIdleUsd ?? 0) / Gpu(most))}): in {months} it {held}, which its traffic does not fill. "
            + (fleet.Replicas is not null
                ? "That fleet, not the load, is its cost there; fewer replicas, or an autoscaler, would cost less."
                : smaller);
    }

    /// <summary>Mean replicas within this share above the fleet's floor, or a quarter of a replica, count as held at it.</summary>
    private const double AtFloorShare = 0.1;

    /// <summary>What a busy but empty fleet's cost is, by what sizes it.</summary>
    private static string CostDriver(FleetSection? fleet, int replicasPerInstance, MonthSection last)
    {
        if (fleet is null)
        {
            // A summary written before the fleet was recorded: both causes, unweighed.
            return "its cost is the capacity it keeps (whole instances, min_replicas, or an autoscaler target reached long before a replica is full), not its load.";
        }
        if (fleet.Replicas is int replicas)
        {
            return $"its cost is the {Fmt.Count(replicas)} replica{(replicas == 1 ? "" : "s")} it is given (a fixed fleet), not its load.";
        }
        double floor = fleet.MeanFloor(replicasPerInstance);
        // Where replicas come in instances of several, a fleet within a quarter of an instance of its
        // floor's instances is held by them, whatever its replicas do: at 0.1× a consumer scenario's
        // 8-replica instance averaged 9.02 replicas, and a higher target could save one at most.
        double floorInstances = Math.Ceiling(floor / Math.Max(1, replicasPerInstance) - 1e-9);
        bool heldByInstances = replicasPerInstance > 1 && last.MeanInstances is double instances
            && instances <= Math.Max(floorInstances * (1 + AtFloorShare), floorInstances + 0.25);
        if (last.MeanReplicas is not double mean || mean <= Math.Max(floor * (1 + AtFloorShare), floor + 0.25) || heldByInstances)
        {
            return "its cost is the capacity it must rent (whole instances, min_replicas), not its load.";
        }
        string held = $"its autoscaler holds {Fmt.Number(mean, "0.#")} replicas on average against a floor of {Fmt.Number(floor, "0.#")}";
        string target = fleet.AutoscalerTarget is double t ? Fmt.Number(t, "0.###") : "its target";
        return fleet.AutoscalerMetric switch
        {
            "concurrency" => $"{held}: it adds a replica when each has {target} requests in flight, while a replica batches up to {Fmt.Number(fleet.MaxConcurrentSequences, "#,##0")} sequences. "
                + "Its cost is that target, not its load: a higher one carries the same traffic on fewer replicas, at some cost in latency (planner optimize searches targets against the SLO).",
            _ => $"{held}, scaling on {fleet.AutoscalerMetric?.Replace('_', ' ')} at a target of {target} per replica long before a replica is full. "
                + "Its cost is that target, not its load: a higher one carries the same traffic on fewer replicas, at some cost in latency (planner optimize searches targets against the SLO).",
        };
    }

    private static string MeanWait(double waits, double seconds) =>
        waits > 0 ? $" ({Fmt.Number(seconds / waits, "0.0")} s each on average)" : "";

    /// <summary>
    /// "; most frequent, as a share of its requests, in 2027-05, when p99 end-to-end was 28,646 ms against 90,000 ms": the month
    /// where the cause touched the largest share of requests, and its latency (not the horizon's worst).
    /// </summary>
    private string Latency(MonthSection worst)
    {
        string target = Summary.Scenario.SloE2eP99Ms is double e2e ? $" against {Fmt.Ms(e2e)}" : "";
        return worst.E2eP99Ms is double p99
            ? $"; most frequent, as a share of its requests, in {worst.CalendarMonth}, when p99 end-to-end was {Fmt.Ms(p99)}{target} and p95 TTFT {Fmt.Ms(worst.TtftP95Ms ?? double.NaN)}"
            : "";
    }

    /// <summary>What rejections cost: no tokens are billed for them, but with revenue they are sales lost.</summary>
    private string Cost(double rejected)
    {
        if (rejected <= 0)
        {
            return "; the waits add no token cost";
        }
        return Summary.Scenario.RevenuePerRequestUsd is double revenue
            ? $"; the waits add no token cost, the rejected requests are not billed but forgo {Fmt.Usd(rejected * revenue)} of revenue"
            : "; the waits add no token cost, and the rejected requests go unserved";
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 120 => Fmt.Number(seconds, "0") + " s",
        < 7200 => Fmt.Number(seconds / 60, "0") + " min",
        _ => Fmt.Count(seconds / 3600) + " h",
    };

    /// <summary>A share of counts ("58,212 of 5,563,194 requests"): two decimals under 1%, "under 0.01%" below that, else one decimal.</summary>
    internal static string SmallPercent(double share) => share switch
    {
        < 0.0001 => "under 0.01%",
        < 0.01 => Fmt.Number(share, "0.00%"),
        // A share of counts is no stored share: rounded once, as a reader computes it (58,212 of
        // 5,563,194 requests read "1.1%" when first rounded to four decimals, 0.0105); short of all,
        // it keeps two decimals, rounded down, rather than read "100.0%".
        < 1 when Math.Round(share * 1000, MidpointRounding.AwayFromZero) >= 1000 => Fmt.Number(Math.Floor(share * 10_000) / 10_000, "0.00%"),
        _ => Fmt.Number(share, "0.0%"),
    };

    private string MissReason(MonthSection m)
    {
        ScenarioSection s = Summary.Scenario;
        var reasons = new List<string>();
        if (s.SloTtftP95Ms is double ttft && m.TtftP95Ms > ttft)
        {
            reasons.Add($"p95 TTFT {Fmt.Ms(m.TtftP95Ms.Value)} against {Fmt.Ms(ttft)}");
        }
        if (s.SloTpotP95Ms is double tpot && m.TpotP95Ms > tpot)
        {
            reasons.Add($"p95 time per output token {Fmt.Ms(m.TpotP95Ms.Value)} against {Fmt.Ms(tpot)}");
        }
        if (s.SloE2eP99Ms is double e2e && m.E2eP99Ms > e2e)
        {
            reasons.Add($"p99 end-to-end {Fmt.Ms(m.E2eP99Ms.Value)} against {Fmt.Ms(e2e)}");
        }
        double requests = Math.Max(1, m.Requests ?? 0);
        double rejectedShare = (m.RequestsRejected ?? 0) / requests;
        double unfinishedShare = Math.Max(0, (m.Requests ?? 0) - (m.RequestsServed ?? 0) - (m.RequestsRejected ?? 0)) / requests;
        if (rejectedShare + unfinishedShare > Core.Projection.Projector.MaxFailedShare)
        {
            var failed = new List<string>();
            if (rejectedShare > 0)
            {
                failed.Add($"{Fmt.Percent(rejectedShare)} of requests rejected");
            }
            if (unfinishedShare > 0)
            {
                failed.Add($"{Fmt.Percent(unfinishedShare)} still unfinished when its simulated days ended");
            }
            reasons.Add(string.Join(" and ", failed));
        }
        return reasons.Count > 0 ? string.Join("; ", reasons) : $"{Fmt.Percent(m.SloAttainment ?? double.NaN)} of requests within the SLO";
    }
}
