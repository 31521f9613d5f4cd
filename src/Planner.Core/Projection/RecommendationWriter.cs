using System.Globalization;
using Planner.Core.Formatting;

namespace Planner.Core.Projection;

/// <summary>
/// Picks the cheapest option over the horizon among those that meet the SLO every month and
/// explains the choice against its <see cref="BestAlternative"/>, the one comparison every report
/// surface repeats. When none meets it every month, cost alone would pick whichever serves least
/// (an API that rejects two requests in three is cheap because it is not doing the work), so the
/// pick is the option that comes closest (<see cref="Closest"/>), with a warning, and the cheapest
/// other option is named beside it as its alternative.
/// </summary>
public static class RecommendationWriter
{
    public static Recommendation Write(IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var viable = options.Where(o => o.MeetsSloThroughout).ToList();
        bool anyViable = viable.Count > 0;
        OptionProjection best = anyViable ? CostOrder.Cheapest(viable) : Closest(options);
        int horizon = best.Months.Count;
        var sentences = new List<string>
        {
            anyViable
                ? F($"Recommend {best.Name}: at {Usd(best.TotalCostUsd)} over {horizon} months it is the cheapest option that meets the SLO every month.")
                : ClosestSentence(best, horizon),
        };
        BestAlternative? alternative = BestAlternative.Of(options, best.Name);
        if (alternative is not null)
        {
            sentences.AddRange(AlternativeSentences(alternative, horizon, anyViable));
        }
        if (anyViable && CheaperButMissing(best, options, alternative, horizon) is string cheaper)
        {
            sentences.Add(cheaper);
        }
        if (SameFleet(best, options.FirstOrDefault(o => o.Name == alternative?.Option)) is string sizing)
        {
            sentences.Add(sizing);
        }
        if (Approximate(best, options.FirstOrDefault(o => o.Name == alternative?.Option), alternative) is string approximate)
        {
            sentences.Add(approximate);
        }
        HorizonOvertake? overtaken = anyViable ? Overtake(best, viable) : null;
        if (overtaken is not null)
        {
            sentences.Add(OvertakeSentence(best, overtaken, horizon));
        }
        MonthlyOutcome first = best.Months[0], last = best.Months[^1];
        sentences.Add(F($"Cost per 1K requests served goes from {PerThousand(first.CostPerThousandRequestsUsd)} in month 1 to {PerThousand(last.CostPerThousandRequestsUsd)} in month {horizon}; ")
            + (double.IsFinite(last.TtftP95Ms)
                ? F($"p95 TTFT at the horizon is {FigureFormat.Ms(last.TtftP95Ms)} with {Percent(last.SloAttainment)} of requests within the SLO.")
                : F($"no request reached a first token at the horizon, so it has no p95 TTFT ({Percent(last.SloAttainment)} of requests within the SLO).")));
        if (!anyViable)
        {
            sentences.Add("No option meets the SLO in every month: revisit capacity, limits or targets before deciding.");
        }
        return new Recommendation { OptionName = best.Name, Sentences = sentences, Alternative = alternative, Overtaken = overtaken };
    }

    /// <summary>
    /// With no option meeting the SLO every month, the one that comes closest: the most months
    /// meeting the SLO, then the largest share of the horizon's requests within it
    /// (<see cref="ShareWithinSlo"/>), then the lowest total cost.
    /// </summary>
    public static OptionProjection Closest(IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .OrderByDescending(o => o.Months.Count(m => m.SloMet))
            .ThenByDescending(ShareWithinSlo)
            .ThenBy(o => o.TotalCostUsd)
            .First();
    }

    /// <summary>
    /// The share of the horizon's requests served within the SLO: each month's attainment weighted
    /// by its requests (a rejected request is not within it); 0 for a horizon without requests.
    /// </summary>
    public static double ShareWithinSlo(OptionProjection option)
    {
        ArgumentNullException.ThrowIfNull(option);
        double requests = option.Months.Sum(m => m.Requests);
        double share = requests > 0 ? option.Months.Sum(m => m.Requests > 0 ? m.SloAttainment * m.Requests : 0) / requests : 0;
        return double.IsFinite(share) ? share : 0;
    }

    private static string ClosestSentence(OptionProjection best, int horizon)
    {
        return F($"Recommend {best.Name}, provisionally: no option meets the SLO every month, and it comes closest, {SloRecord(best, horizon)}, at {Usd(best.TotalCostUsd)} over {horizon} months.");
    }

    /// <summary>"meeting it in 3 of 36 months, with 69.3% of the horizon's requests within it and 12.0% rejected".</summary>
    private static string SloRecord(OptionProjection option, int horizon)
    {
        double requests = option.Months.Sum(m => m.Requests);
        double rejected = requests > 0 ? option.Months.Sum(m => m.RequestsRejected) / requests : 0;
        int met = option.Months.Count(m => m.SloMet);
        return (met == 0 ? "meeting it in no month" : F($"meeting it in {met} of {horizon} months"))
            + F($", with {Percent(ShareWithinSlo(option))} of the horizon's requests within it")
            + (rejected >= 0.0005 && double.IsFinite(rejected) ? F($" and {Percent(rejected)} rejected") : "");
    }

    /// <summary>How many months past the horizon <see cref="Overtake"/> looks.</summary>
    public const int MonthsBeyondHorizon = 24;

    /// <summary>
    /// Whether the recommendation rests on where the horizon ends: with each of <paramref name="viable"/>'s
    /// monthly cost held at its horizon month's (COGS: no one-time cost again), the first month past the
    /// horizon, up to <see cref="MonthsBeyondHorizon"/>, in which another would be the cheapest over the
    /// longer span. chat-seed-stage recommends its API over 36 months, $28,562 under the H100 fleet, which
    /// costs $19,799 a month less in month 36: over 38 months the H100 is the cheaper, as a run of 38
    /// months found ($317,550 against $336,397). Held flat, not grown, so that the sentence claims no trend.
    /// </summary>
    internal static HorizonOvertake? Overtake(OptionProjection best, IReadOnlyList<OptionProjection> viable)
    {
        if (best.Months.Count == 0 || viable.Count < 2 || viable.Any(o => o.Months.Count != best.Months.Count))
        {
            return null;
        }
        double Monthly(OptionProjection o) => o.Months[^1].Cost.CogsUsd;
        if (viable.Any(o => !double.IsFinite(Monthly(o)) || !double.IsFinite(o.TotalCostUsd)))
        {
            return null;
        }
        for (int k = 1; k <= MonthsBeyondHorizon; k++)
        {
            OptionProjection cheapest = viable.MinBy(o => o.TotalCostUsd + k * Monthly(o))!;
            double margin = best.TotalCostUsd + k * Monthly(best) - (cheapest.TotalCostUsd + k * Monthly(cheapest));
            if (cheapest.Name != best.Name && margin > 0)
            {
                return new HorizonOvertake(cheapest.Name, k, best.Months[^1].CalendarMonth.AddMonths(k),
                    Monthly(best) - Monthly(cheapest), cheapest.TotalCostUsd - best.TotalCostUsd);
            }
        }
        return null;
    }

    private static string OvertakeSentence(OptionProjection best, HorizonOvertake o, int horizon) =>
        F($"That choice rests on where the horizon ends: were every option's monthly cost to stay at month {horizon}'s, {o.Option} would be the cheapest over {horizon + o.MonthsBeyond} months (to {o.CalendarMonth:yyyy-MM}), ")
        + F($"since it then costs {Usd(FigureFormat.ShownDifferenceUsd(best.Months[^1].Cost.CogsUsd, best.Months[^1].Cost.CogsUsd - o.MonthlySavingUsd))} a month less than {best.Name}, which makes up the {Usd(FigureFormat.ShownDifferenceUsd(best.TotalCostUsd + o.ExtraOverHorizonUsd, best.TotalCostUsd))} more it costs over these {horizon} months within {FigureFormat.Counted(o.MonthsBeyond, "month", "months")}.");

    /// <summary>
    /// The sentence for two or more options within the noise of the alternative: every one is
    /// named, so a three-way tie is never told as a tie of two. Those equal to it to the cent are
    /// said to cost exactly as much (no seed moves them apart); the others with their distance and
    /// the noise it is within.
    /// </summary>
    private static string RunnersUpSentence(BestAlternative a, string role)
    {
        static bool Exact(RunnerUpOption r, BestAlternative a) => Math.Round(r.TotalCostUsd, 2) == Math.Round(a.TotalCostUsd, 2);
        string[] runners = [.. a.RunnersUp.Select(r => r.Option)];
        string names = string.Join(", ", runners[..^1]) + " and " + runners[^1];
        int all = a.RunnersUp.Count + 1;
        if (a.RunnersUp.All(r => Exact(r, a)))
        {
            return F($"{names} cost exactly as much ({Usd(a.TotalCostUsd)}): on cost the {all} are a tie, and any of them could be named the {role}.");
        }
        IEnumerable<string> each = a.RunnersUp.Select(r => Exact(r, a)
            ? F($"{r.Option} costs exactly as much")
            : F($"{r.Option}, at {Usd(r.TotalCostUsd)}, is {Usd(Math.Abs(FigureFormat.ShownDifferenceUsd(r.TotalCostUsd, a.TotalCostUsd)))} from it, less than the {Usd(r.NoiseUsd)} that noise alone could make of their difference"));
        return F($"{a.RunnersUp.Count} other options are within the simulation's noise of it, so another seed may name any of the {all} as the {role}: {string.Join("; ", each)}.");
    }

    /// <summary>A mean replica count to one decimal, rounded from the two decimals summary.json stores (64.75 reads 64.8, not 64.7).</summary>
    private static double StoredReplicas(double meanReplicas) => FigureFormat.Store(FigureFormat.Store(meanReplicas, 2), 1);

    /// <summary>What the alternative would cost, and when the cheaper-per-month one of the pair takes over and pays back.</summary>
    /// <param name="a">The recommendation's best alternative.</param>
    /// <param name="horizon">Months in the horizon.</param>
    /// <param name="recommendedMeetsSlo">Whether the recommended option meets the SLO every month (false: no option does, and the alternative is the cheapest other, not a valid one).</param>
    public static IReadOnlyList<string> AlternativeSentences(BestAlternative a, int horizon, bool recommendedMeetsSlo = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        var sentences = new List<string>();
        // A share of nothing is no figure: a recommendation that costs nothing (no traffic) gives the difference alone.
        // The difference is that of the two totals as shown, so that it adds up by hand.
        double shown = FigureFormat.ShownDifferenceUsd(a.TotalCostUsd, a.RecommendedTotalCostUsd);
        string difference = a.RecommendedTotalCostUsd <= 0
            ? F($"{Usd(Math.Abs(shown))} {(a.SavingsUsd >= 0 ? "more" : "less")}")
            : a.SavingsUsd >= 0
            ? F($"{Usd(shown)} or {Percent(a.SavingsUsd / a.RecommendedTotalCostUsd)} more")
            : F($"{Usd(-shown)} or {Percent(-a.SavingsUsd / a.RecommendedTotalCostUsd)} less");
        sentences.Add(a.MeetsSlo
            ? F($"The best alternative, {a.Option}, would cost {Usd(a.TotalCostUsd)} ({difference}).")
            : !recommendedMeetsSlo
            ? F($"The cheapest other option, {a.Option}, would cost {Usd(a.TotalCostUsd)} ({difference}) and misses the SLO in {a.MonthsMissingSlo} of {horizon} months too.")
            : F($"No other option meets the SLO every month; the cheapest other, {a.Option}, would cost {Usd(a.TotalCostUsd)} ({difference}) but misses the SLO in {a.MonthsMissingSlo} of {horizon} months, so it is no valid alternative."));
        string role = a.MeetsSlo ? "best alternative" : "cheapest other";
        if (a.RunnersUp.Count > 1)
        {
            sentences.Add(RunnersUpSentence(a, role));
        }
        else if (a.RunnerUp is string runnerUp && a.RunnerUpTotalCostUsd is double runnerUpTotal && a.RunnerUpNoiseUsd is double runnerUpNoise)
        {
            // Equal to the cent (a hybrid that never overflows costs what its fleet alone does): a tie, not noise.
            sentences.Add(Math.Round(runnerUpTotal, 2) == Math.Round(a.TotalCostUsd, 2)
                ? F($"{runnerUp} costs exactly as much ({Usd(runnerUpTotal)}): on cost the two are a tie, and either could be named the {role}.")
                : F($"{runnerUp}, at {Usd(runnerUpTotal)}, is within the simulation's noise of it: {Usd(Math.Abs(FigureFormat.ShownDifferenceUsd(runnerUpTotal, a.TotalCostUsd)))} apart, less than the {Usd(runnerUpNoise)} that noise alone could make of their difference, so another seed may name either as the {role}."));
        }
        if (a.MeetsSlo && a.WithinNoise)
        {
            sentences.Add(F($"That difference is within the simulation's own noise (±{Usd(a.DifferenceNoiseUsd!.Value)}: two standard deviations of the difference, each at the upper 90% confidence bound of what the months simulated again with other seeds measured): on cost the two are a tie, so let latency, risk and effort decide."));
        }
        if (a.CheaperFromMonth is not int from || a.CheaperFromCalendarMonth is not DateOnly fromMonth)
        {
            return sentences;
        }
        string payback = a.BreakEvenMonth is int m && a.BreakEvenCalendarMonth is DateOnly when
            ? m == 1 ? "" : F($"; counting its one-time costs and the months it cost more, it has paid for itself by month {m} ({when:yyyy-MM})")
            : "; counting its one-time costs and the months it cost more, it has not paid for itself within the horizon";
        string since = from == 1
            ? "in every month"
            : F($"every month from month {from} ({fromMonth:yyyy-MM}; the monthly costs cross between months {from - 1} and {from}, at about {Count(a.CheaperFromRequestsPerDay ?? double.NaN)} requests/day)");
        // Where months after the crossing are a tie (named in the sentence after), say from when the
        // cheaper one is cheaper beyond the noise, so "in every month" does not read as "by a margin
        // in every month": document-extraction's hybrid cost $195 less in 2027-01, against ±$1,445.
        if (a.MonthlyTie is { Months.Count: > 0, ClearlyCheaperFromMonth: int clearly } && clearly > from)
        {
            since += F($", by more than the simulation's noise from month {clearly} ({fromMonth.AddMonths(clearly - from):yyyy-MM})");
        }
        if (a.CheaperAtHorizon == a.Recommended)
        {
            sentences.Add(F($"{a.Recommended} costs less than {a.Option} {since}{payback}."));
        }
        else if (a.SavingsUsd >= 0)
        {
            sentences.Add(F($"{a.Recommended} is the cheapest over the {horizon} months, but {a.Option} costs less {since}{payback}."));
        }
        else
        {
            // The alternative costs less over the horizon too, which only an option missing the SLO can:
            // when it pays back is no reason to switch to it. Which months it misses, and whether its
            // fleet's cap is why, tell the reader whether a saving is there to be had.
            sentences.Add(MissesSentence(a, since, horizon));
        }
        if (a.MonthlyTie?.Sentence() is string tie)
        {
            sentences.Add(tie);
        }
        return sentences;
    }

    /// <summary>
    /// Where the recommendation and its alternative run the same model on the same GPUs with the
    /// same engine settings and are sized differently, the reader is told how each is sized, with what
    /// each held and the latency it gave in the last month, so that a cheaper fleet is not taken for
    /// better hardware or a better kind of option: document-extraction's hybrid beat the same H100
    /// fleet by $108,369 over 24 months, sending 1.5% of its requests to its API and scaling on queue
    /// wait where the other scales at 4 requests in flight per replica. Other costs (commitments,
    /// price events, fixed and one-time costs, the hybrid's API tokens) may differ too, and the
    /// sentence claims nothing of them. None otherwise.
    /// </summary>
    internal static string? SameFleet(OptionProjection best, OptionProjection? other)
    {
        if (other is null || Projector.SelfHostedPart(best.Option) is not { } a || Projector.SelfHostedPart(other.Option) is not { } b
            || a.Model.Id != b.Model.Id || a.Gpu.Id != b.Gpu.Id || a.GpusPerReplica != b.GpusPerReplica || a.Engine != b.Engine || a.Router != b.Router
            || a.Pricing.PricePerGpuHourUsd != b.Pricing.PricePerGpuHourUsd || a.Pricing.GpusPerInstance != b.Pricing.GpusPerInstance || a.Pricing.Model != b.Pricing.Model
            || a.Spot is not null || b.Spot is not null || Sizing(a) == Sizing(b) || best.Months.Count == 0 || other.Months.Count == 0)
        {
            return null;
        }
        MonthlyOutcome x = best.Months[^1], y = other.Months[^1];
        string Overflow(OptionProjection o) => o.Option is Specs.HybridOptionSpec
            ? F($", sending {Percent(o.Months.Sum(m => m.OverflowedRequests) / Math.Max(1, o.Months.Sum(m => m.Requests)))} of its requests to its API")
            : "";
        string first = Overflow(best);
        string held = double.IsFinite(x.MeanReplicas) && double.IsFinite(y.MeanReplicas) && double.IsFinite(x.E2eP99Ms) && double.IsFinite(y.E2eP99Ms)
            ? F($"In {x.CalendarMonth:yyyy-MM} {best.Name} held {StoredReplicas(x.MeanReplicas):0.#} replicas on average, at a p99 end-to-end of {FigureFormat.Ms(x.E2eP99Ms)}, and {other.Name} {StoredReplicas(y.MeanReplicas):0.#}, at {FigureFormat.Ms(y.E2eP99Ms)}; ")
            : "";
        return F($"{best.Name} and {other.Name} run the same model on the same GPUs ({a.Model.Name} on {a.GpusPerReplica} × {a.Gpu.Id} per replica, with the same engine settings) but are sized differently: ")
            + F($"{best.Name} by {Sizing(a)}{first}{(first.Length > 0 ? "," : "")} and {other.Name} by {Sizing(b)}{Overflow(other)}. ")
            + held + (held.Length > 0 ? "planner optimize" : "Planner optimize") + " tunes a fleet's sizing against the SLO.";
    }

    /// <summary>
    /// How a fleet is sized, in words: a fixed count, or its autoscaler's metric, target and bounds,
    /// with the floor that whole instances make where it is above min_replicas (2 replicas of 2 GPUs
    /// on 8-GPU instances run as 4: "2 to 12 replicas, at least 4 as an instance holds 4").
    /// </summary>
    private static string Sizing(Specs.SelfHostedOptionSpec s)
    {
        if (s.Autoscaler is not { } au)
        {
            return F($"a fixed fleet of {s.FixedReplicas ?? 0} replica{(s.FixedReplicas == 1 ? "" : "s")}");
        }
        var packing = Serving.InstancePacking.Of(s);
        int floor = Math.Min(packing.UnitsFor(au.MinReplicas) * packing.ReplicasPerUnit, Math.Max(au.MaxReplicas, au.MinReplicas));
        string whole = floor > au.MinReplicas ? F($", at least {floor} as an instance holds {packing.ReplicasPerUnit}") : "";
        return F($"an autoscaler at {Target(au.Metric, au.TargetValue)} ({au.MinReplicas} to {au.MaxReplicas} replicas{whole}{(au.ScheduledMinReplicas is null ? "" : ", with a schedule")})");
    }

    /// <summary>
    /// An autoscaler's target with its unit and what it is measured over: "4 requests in flight per
    /// replica", "2 s of mean queue wait across the fleet", "80% mean KV-cache use across its
    /// replicas". Queue wait is the fleet's, not a replica's (Router.QueueWaitSeconds).
    /// </summary>
    private static string Target(Specs.AutoscalerMetric metric, double target) => metric switch
    {
        Specs.AutoscalerMetric.Concurrency => F($"{target:0.###} requests in flight per replica"),
        Specs.AutoscalerMetric.RequestRate => F($"{target:0.###} requests/s per replica"),
        Specs.AutoscalerMetric.QueueWait => F($"{target:0.###} s of mean queue wait across the fleet"),
        Specs.AutoscalerMetric.KvUtilization => F($"{target:0.#%} mean KV-cache use across its replicas"),
        _ => F($"{target:0.###} ({metric})"),
    };

    /// <summary>
    /// The cheapest option that costs less than the recommendation over the horizon but misses the
    /// SLO in some month, where it is not already the alternative named: legal-summarisation at 10×
    /// its traffic recommended its hybrid and named the API, $8.8 million dearer, as its
    /// alternative, without a word on the fleet alone, $822,010 cheaper than the hybrid but missing
    /// the SLO in its last three months, which rest on days compressed past the fidelity limit.
    /// </summary>
    private static string? CheaperButMissing(OptionProjection best, IReadOnlyList<OptionProjection> options, BestAlternative? alternative, int horizon)
    {
        OptionProjection? cheaper = options
            .Where(o => o != best && !o.MeetsSloThroughout && o.Name != alternative?.Option && o.TotalCostUsd < best.TotalCostUsd && o.Months.Count == horizon)
            .MinBy(o => o.TotalCostUsd);
        if (cheaper is null)
        {
            return null;
        }
        IReadOnlyList<DateOnly> missed = SloMisses.Months(cheaper);
        string months = SloMisses.Describe([.. missed.Select(m => F($"{m:yyyy-MM}"))], SloMisses.AtMaxReplicas(cheaper));
        double saving = best.TotalCostUsd - cheaper.TotalCostUsd;
        double shown = FigureFormat.ShownDifferenceUsd(best.TotalCostUsd, cheaper.TotalCostUsd);
        string less = best.TotalCostUsd > 0 ? F($"{Usd(shown)} or {Percent(saving / best.TotalCostUsd)} less") : F($"{Usd(shown)} less");
        int approximate = cheaper.Months.Count(m => !m.SloMet && m.Fidelity.Approximate);
        string caveat = approximate == 0 ? ""
            : approximate == missed.Count ? F($", whose figures rest on days compressed past the fidelity limit and are approximate (see the warnings)")
            : F($", {approximate} of which rest on days compressed past the fidelity limit (see the warnings)");
        string what = missed.Count >= horizon ? "in every month" : F($"in {missed.Count} of {horizon} months ({months})");
        return F($"{cheaper.Name} would cost less, {Usd(cheaper.TotalCostUsd)} ({less}), but it is not recommended: it misses the SLO {what}{caveat}.");
    }

    /// <summary>
    /// An alternative that costs less than the recommendation only while it misses the SLO in some
    /// months: in every month, or in the months named, and where its fleet was held at its
    /// max_replicas in each, that the cap, not the option, is what misses them.
    /// </summary>
    private static string MissesSentence(BestAlternative a, string since, int horizon)
    {
        if (a.MonthsMissingSlo >= horizon)
        {
            return F($"{a.Option} costs less {since}, but misses the SLO in every month.");
        }
        string months = SloMisses.Describe([.. a.MissingSloMonths.Select(m => F($"{m:yyyy-MM}"))], a.MissingSloAtMaxReplicas);
        int met = horizon - a.MonthsMissingSlo;
        string misses = F($"{a.Option} costs less {since} and meets the SLO in the other {(met == 1 ? "month" : F($"{met} months"))}; it misses it in {months}");
        return a.MissingSloAtMaxReplicas is int
            ? misses + ", so a higher max_replicas, at more GPU cost in those months, may make it a valid alternative (see the warnings)."
            : misses + ".";
    }

    /// <summary>
    /// Where the recommendation or its alternative rests on months whose days were compressed past
    /// the fidelity limit (<see cref="FidelityPlan.Approximate"/>), which months, and whether the
    /// month the pair's costs cross or the alternative pays back is among them; null otherwise.
    /// </summary>
    internal static string? Approximate(OptionProjection best, OptionProjection? other, BestAlternative? alternative)
    {
        OptionProjection[] pair = other is null ? [best] : [best, other];
        var months = pair.SelectMany(o => o.Months).Where(m => m.Fidelity.Approximate).Select(m => m.Month).Distinct().ToHashSet();
        if (months.Count == 0)
        {
            return null;
        }
        string Which(IReadOnlyList<int> list)
        {
            string Calendar(int month) => F($"{best.Months[month - 1].CalendarMonth:yyyy-MM}");
            return list.Count == 1 ? Calendar(list[0])
                : list[^1] - list[0] + 1 == list.Count ? $"{Calendar(list[0])} to {Calendar(list[^1])}"
                : F($"{list.Count} months from {Calendar(list[0])} to {Calendar(list[^1])}");
        }
        // Each option with its own months: the two need not share them.
        var parts = pair
            .Select(o => (o.Name, Months: (IReadOnlyList<int>)[.. o.Months.Where(m => m.Fidelity.Approximate).Select(m => m.Month).Order()]))
            .Where(x => x.Months.Count > 0)
            .Select(x => $"{x.Name}'s figures in {Which(x.Months)}")
            .ToList();
        var decisive = new List<string>();
        if (alternative?.CheaperFromMonth is int from && from > 1 && (months.Contains(from) || months.Contains(from - 1)))
        {
            decisive.Add("the month their costs cross");
        }
        if (alternative?.BreakEvenMonth is int payback && payback > 1 && months.Contains(payback))
        {
            decisive.Add("the month it pays back");
        }
        return $"{string.Join(" and ", parts)} rest on days compressed past the fidelity limit (see the warnings), so they are approximate"
            + (decisive.Count > 0 ? $", and so {(decisive.Count == 1 ? "is" : "are")} {string.Join(" and ", decisive)}." : ".");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    // The same text for each figure as the console table and the report cards (one formatter per kind).
    private static string Usd(double v) => FigureFormat.Usd(v);

    private static string Usd2(double v) => FigureFormat.UsdPrecise(v);

    /// <summary>A month's cost per 1K requests served, or what stands for it in a month that served none.</summary>
    private static string PerThousand(double v) => double.IsFinite(v) ? Usd2(v) : "n/a (no request served)";

    private static string Count(double v) => FigureFormat.Count(v);

    private static string Percent(double v) => FigureFormat.Percent(v);
}
