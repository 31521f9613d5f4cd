using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>
/// The simulation's own noise in an option's figures: in each noise-check month the month was
/// simulated twice with independent seeds, and the spread of two figures a and b is
/// |a − b| / ((a + b) / 2). Cost is the simulated cost (fixed costs left out, as they carry no noise).
/// <para>
/// From the same pairs comes the noise of the horizon's total: two independent runs of a month
/// differ by a − b, whose mean square is twice the variance of one, so the relative standard
/// deviation of a month's simulated cost is σ = √(mean of spread² / 2), pooled over the checked
/// months. Months are seeded independently, so the total's standard deviation is
/// σ · √(Σ simulated cost²) over every month of the horizon. Pooling relative spreads across months
/// errs high for the busy months, whose larger fleets are relatively quieter. One-time, fixed and
/// fine-tuning costs add no noise.
/// </para>
/// <para>
/// A checked month whose cost came out the same to the cent with both seeds (less than half a cent
/// apart, <see cref="Moved"/>; its spread taken as zero) had its fleet pinned
/// (at its floor, or a fixed size): no seed moves it, and pooling its zero would dilute σ for the
/// months that do move (legal-summarisation's fleet sat at one whole instance in two of its five
/// checked months, and its σ read 0.84% where the months that moved give 1.1%). σ and its
/// confidence bound are therefore taken over the months that moved (<see cref="MovingMonths"/>);
/// the total still counts every month's cost, which errs high for months pinned in turn.
/// </para>
/// <para>
/// With <see cref="Specs.SimulationSettings.DaysPerMonth"/> d &gt; 1 every month also measures its
/// own noise: its d independent days (<see cref="MonthlyOutcome.DayCostsUsd"/>, each the month's
/// cost as that day alone measured it) have a relative variance v around their mean c̄, and the
/// month's figure, their mean, one of v / d, with d − 1 degrees of freedom. σ² pools both: (Σ over
/// the pairs that moved of spread² / 2 + Σ over the months whose days moved of Σᵢ ((cᵢ − c̄) / c̄)² / d)
/// / (pairs that moved + Σ (d − 1)), and its confidence bound counts all those degrees of freedom
/// (<see cref="DegreesOfFreedom"/>). On document-extraction (d = 3) the 48 degrees of freedom of
/// the days gave its spot H200 fleet σ = 0.80% where its five checked pairs had given 0.24%: a
/// spot interruption is rare, and five pairs had not met one.
/// </para>
/// </summary>
/// <param name="CheckedMonths">The noise-check months (1-based).</param>
/// <param name="MedianCostSpread">Median of the simulated cost's spread over those months whose cost moved (<see cref="MovingMonths"/>; 0 when none did); null when none was measured.</param>
/// <param name="MaxCostSpread">Largest of them.</param>
/// <param name="MedianTtftP95Spread">Median spread of p95 TTFT (months where both seeds have one).</param>
/// <param name="MaxTtftP95Spread">Largest of them.</param>
/// <param name="MonthlyCostSd">σ, the relative standard deviation of one month's simulated cost; null when none was measured.</param>
/// <param name="TotalCostSdUsd">Standard deviation of the option's total over the horizon that the simulation's noise makes, in USD.</param>
public sealed record NoiseMeasure(
    IReadOnlyList<int> CheckedMonths, double? MedianCostSpread, double? MaxCostSpread, double? MedianTtftP95Spread, double? MaxTtftP95Spread,
    double? MonthlyCostSd, double? TotalCostSdUsd)
{
    /// <summary>Largest spread of p95 TPOT over the checked months (months where both seeds have one); null when none.</summary>
    public double? MaxTpotP95Spread { get; init; }

    /// <summary>Largest spread of p99 end-to-end latency over the checked months; null when none.</summary>
    public double? MaxE2eP99Spread { get; init; }

    /// <summary>The checked months whose simulated cost differed between the two seeds by half a cent or more (<see cref="Moved"/>): those σ is estimated from.</summary>
    public int MovingMonths { get; init; }

    /// <summary>
    /// Degrees of freedom the months' own independent days add to σ's estimate: d − 1 for every
    /// month whose d days' costs were not all alike (<see cref="Moved"/>); 0 with one day a month.
    /// </summary>
    public int DayDegreesOfFreedom { get; init; }

    /// <summary>Degrees of freedom σ is estimated with: the checked pairs that moved and the days within months (<see cref="DayDegreesOfFreedom"/>).</summary>
    public int DegreesOfFreedom => MovingMonths + DayDegreesOfFreedom;

    /// <summary>
    /// The degrees of freedom σ's estimate is worth where its parts measured unlike noise
    /// (Satterthwaite): the pooled sum of squares is Σ Qₖ over its parts (the checked pairs that
    /// moved, as one part of their count's degrees of freedom, and each month whose days moved, of
    /// d − 1), and (Σ Qₖ)² / Σ (Qₖ² / νₖ) of the χ² it follows, at most <see cref="DegreesOfFreedom"/>
    /// (all parts alike) and at least the fewest of one part. The upper confidence bound is taken
    /// at it. voice-agent's scheduled fleet counted 78 degrees of freedom, 36 of them from months its
    /// schedule pinned within 0.01%, while two months that stepped between sizes carried most of
    /// the variance: its bound was 1.12 × σ, and the totals of two seeds were $67 apart against a
    /// tie threshold of $56; over nine seeds the bound covered the seeds' own spread for 3 of them.
    /// Worth 6.7 and 13.1 degrees of freedom at those two seeds, the bound is 1.59 and 1.36 × σ (a
    /// review's recomputation over the nine seeds found it covered 7 of them). This bounds the
    /// total's σ (<see cref="DifferenceNoiseUsd"/>), which the loudest months make; month by
    /// month (<see cref="MonthlyDifferenceNoiseUsd"/>) a loud month is judged by its own noise and the
    /// others by σ at the bound of all its degrees of freedom, as a quiet month is no louder for
    /// sharing a pool with a loud one.
    /// </summary>
    public double EffectiveDegreesOfFreedom { get; init; }

    /// <summary>
    /// A difference between two options' totals is told apart from the simulation's noise when it
    /// is larger than this many standard deviations of the difference (about 95% two-sided).
    /// </summary>
    public const double DecisiveSds = 2;

    /// <summary>A percentile over this many times its target with both seeds marks a saturated month, whose latency spread is left out.</summary>
    public const double SaturatedFactor = 2;

    /// <summary>Largest median seed-to-seed spread of a month's cost a run accepts without a warning.</summary>
    public const double CostTarget = 0.02;

    /// <summary>
    /// The option's noise; null when no month was simulated twice and no month's independent days
    /// measured it. With no month simulated twice (<c>noise_check_months: 0</c>) but several days a
    /// month, σ comes from the days alone, and the pairs' spreads (cost and latency) are null.
    /// </summary>
    /// <param name="option">The option's projection.</param>
    /// <param name="slo">The SLO whose targets tell a saturated month (<see cref="SaturatedFactor"/>), left out of the latency spreads; null keeps every month.</param>
    public static NoiseMeasure? Of(OptionProjection option, SloSpec? slo = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        var checkedMonths = option.Months.Where(m => m.Replicates.Count > 1).ToList();
        if (checkedMonths.Count == 0)
        {
            if (!option.Months.Any(m => m.DayCostsUsd.Count > 1))
            {
                return null;
            }
            // Days that never moved (a fleet pinned all month, every month) measure a σ of zero.
            List<(double Squares, int DegreesOfFreedom)> dayParts = DayParts(option);
            int degrees = dayParts.Sum(p => p.DegreesOfFreedom);
            double daysSd = degrees == 0 ? 0 : Math.Sqrt(dayParts.Sum(p => p.Squares) / degrees);
            return new NoiseMeasure([], null, null, null, null, daysSd, daysSd * Math.Sqrt(option.Months.Sum(m => Square(Simulated(m)))))
            {
                DayDegreesOfFreedom = degrees,
                EffectiveDegreesOfFreedom = Satterthwaite(dayParts),
            };
        }
        // A pair less than half a cent apart is the same cost (Moved).
        List<double> cost = [.. checkedMonths.Select(m => Moved(m.Replicates[0].SimulatedCostUsd, m.Replicates[1].SimulatedCostUsd)
            ? Spread(m.Replicates[0].SimulatedCostUsd, m.Replicates[1].SimulatedCostUsd) : 0).Order()];
        // A month whose percentile is over twice its target with both seeds is saturated: its queue
        // grows all day, the percentile moves by any amount between seeds, and that says nothing of a
        // month near its target (a saturated hybrid's 152%, between 133,628 ms and 18,449 ms against
        // 3,000 ms, was read as the noise of a month 93% over its target). Such months are left out.
        // Only a fleet saturates so: an API's latency over its target is the provider's, as measured as any.
        bool fleet = Projector.SelfHostedPart(option.Option) is not null;
        List<double> Spreads(Func<ReplicateOutcome, double> latency, double? target) => [.. checkedMonths
            .Where(m => double.IsFinite(latency(m.Replicates[0])) && double.IsFinite(latency(m.Replicates[1])))
            .Where(m => !fleet || target is not double t || latency(m.Replicates[0]) <= SaturatedFactor * t || latency(m.Replicates[1]) <= SaturatedFactor * t)
            .Select(m => Spread(latency(m.Replicates[0]), latency(m.Replicates[1]))).Order()];
        List<double> ttft = Spreads(r => r.TtftP95Ms, slo?.TtftP95Ms);
        List<double> tpot = Spreads(r => r.TpotP95Ms, slo?.TpotP95Ms);
        List<double> e2e = Spreads(r => r.E2eP99Ms, slo?.E2eP99Ms);
        // Months pinned alike under both seeds carry no noise to estimate; the others give σ, and the
        // median spread (a pinned month's zero would read as a quiet month: chat-seed-stage's H100
        // fleet, pinned in three of its eight checked months, had a median of 0.25% over all of them
        // and 0.60% over the five that moved).
        int moving = cost.Count(d => d > 0);
        List<(double Squares, int DegreesOfFreedom)> parts = DayParts(option);
        int dayDof = parts.Sum(p => p.DegreesOfFreedom);
        if (moving > 0)
        {
            // The pairs as one part: one degree of freedom each is too few to tell their months apart.
            parts.Add((cost.Sum(d => d * d) / 2, moving));
        }
        double? sd = cost.Count == 0 ? null : moving + dayDof == 0 ? 0 : Math.Sqrt(parts.Sum(p => p.Squares) / (moving + dayDof));
        double? totalSd = sd is double s ? s * Math.Sqrt(option.Months.Sum(m => Square(Simulated(m)))) : null;
        double? median = cost.Count == 0 ? null : moving == 0 ? 0 : Median([.. cost.Where(d => d > 0)]);
        return new NoiseMeasure([.. checkedMonths.Select(m => m.Month)], median, cost.Count > 0 ? cost[^1] : null, Median(ttft), ttft.Count > 0 ? ttft[^1] : null,
            sd, totalSd)
        {
            MaxTpotP95Spread = tpot.Count > 0 ? tpot[^1] : null,
            MaxE2eP99Spread = e2e.Count > 0 ? e2e[^1] : null,
            MovingMonths = moving,
            DayDegreesOfFreedom = dayDof,
            EffectiveDegreesOfFreedom = Satterthwaite(parts),
        };
    }

    /// <summary>(Σ Qₖ)² / Σ (Qₖ² / νₖ) over the parts that measured any noise; the parts' degrees of freedom where none did (<see cref="EffectiveDegreesOfFreedom"/>).</summary>
    private static double Satterthwaite(List<(double Squares, int DegreesOfFreedom)> parts)
    {
        double sum = parts.Sum(p => p.Squares);
        int total = parts.Sum(p => p.DegreesOfFreedom);
        if (!(sum > 0))
        {
            return total;
        }
        double effective = sum * sum / parts.Where(p => p.DegreesOfFreedom > 0).Sum(p => p.Squares * p.Squares / p.DegreesOfFreedom);
        return Math.Clamp(effective, parts.Where(p => p.Squares > 0).Min(p => p.DegreesOfFreedom), total);
    }

    /// <summary>
    /// What the months' own independent days add to σ²'s pooled estimate, month by month: for each
    /// month whose days' costs moved, Σᵢ ((cᵢ − c̄) / c̄)² / d with its d − 1 degrees of freedom.
    /// </summary>
    private static List<(double Squares, int DegreesOfFreedom)> DayParts(OptionProjection option)
    {
        var parts = new List<(double Squares, int DegreesOfFreedom)>();
        foreach (MonthlyOutcome m in option.Months)
        {
            IReadOnlyList<double> days = m.DayCostsUsd;
            if (days.Count < 2 || !Moved(days.Min(), days.Max()))
            {
                continue;
            }
            double mean = days.Average();
            if (mean <= 0)
            {
                continue;
            }
            parts.Add((days.Sum(c => Square((c - mean) / mean)) / days.Count, days.Count - 1));
        }
        return parts;
    }

    /// <summary>
    /// The difference between the totals of <paramref name="a"/> and <paramref name="b"/> that the
    /// simulation's own noise can make: <see cref="DecisiveSds"/> standard deviations of the
    /// difference, taking the two totals as independent (they share their traffic, which makes the
    /// real difference steadier, so this errs high), and each standard deviation at the upper
    /// <see cref="UpperBoundConfidence"/> confidence bound of its estimate (<see cref="UpperBoundFactor"/>):
    /// a few months simulated twice estimate it only roughly, and a fleet of a few replicas, whose
    /// cost moves in whole steps, is the one it underestimates. Null when either option's noise was
    /// not measured.
    /// </summary>
    public static double? DifferenceNoiseUsd(OptionProjection a, OptionProjection b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Of(a) is not { TotalCostSdUsd: double sa } na || Of(b) is not { TotalCostSdUsd: double sb } nb)
        {
            return null;
        }
        // A σ of zero (no checked month moved) stays zero; otherwise it was estimated from the months that moved.
        sa *= sa > 0 ? UpperBoundFactor(na.EffectiveDegreesOfFreedom) : 1;
        sb *= sb > 0 ? UpperBoundFactor(nb.EffectiveDegreesOfFreedom) : 1;
        return DecisiveSds * Math.Sqrt(sa * sa + sb * sb);
    }

    /// <summary>
    /// Month by month, the difference between the monthly COGS of <paramref name="a"/> and
    /// <paramref name="b"/> that the simulation's own noise can make, on the same terms as
    /// <see cref="DifferenceNoiseUsd"/>: <see cref="DecisiveSds"/> standard deviations of the
    /// difference, each option's σ at the upper <see cref="UpperBoundConfidence"/> confidence bound
    /// of its estimate, times that month's simulated cost (fixed costs carry no noise). Null when
    /// either option's noise was not measured.
    /// <para>
    /// Where a month measured more noise of its own than the pooled σ, its own is taken
    /// (<see cref="OwnSd"/>): σ is pooled over months alike and unlike, and a month in which a fleet
    /// steps between sizes moves far more than one pinned by its floor or schedule (voice-agent's
    /// scheduled L4 fleet: a pooled σ of 0.39% at its upper bound 0.44%, where 2028-11's four days
    /// differed by 1.6% and eight seeds of that month by 1.6% too). The total's σ stays pooled, as
    /// it is the average over the months that a total sums.
    /// </para>
    /// </summary>
    public static IReadOnlyList<double>? MonthlyDifferenceNoiseUsd(OptionProjection a, OptionProjection b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (UpperSd(a) is not double sa || UpperSd(b) is not double sb)
        {
            return null;
        }
        int n = Math.Min(a.Months.Count, b.Months.Count);
        var noise = new double[n];
        for (int i = 0; i < n; i++)
        {
            double da = Math.Max(sa, OwnSd(a.Months[i])) * Simulated(a.Months[i]), db = Math.Max(sb, OwnSd(b.Months[i])) * Simulated(b.Months[i]);
            noise[i] = DecisiveSds * Math.Sqrt(da * da + db * db);
        }
        return noise;
    }

    /// <summary>
    /// The relative standard deviation of <paramref name="month"/>'s simulated cost as the month
    /// itself measured it: from its d independent days, √(Σᵢ ((cᵢ − c̄) / c̄)² / (d (d − 1))), the
    /// standard error of their mean; from its two seeds where it was checked, |a − b| / mean / √2;
    /// the larger of the two, and 0 where it measured none.
    /// </summary>
    public static double OwnSd(MonthlyOutcome month)
    {
        ArgumentNullException.ThrowIfNull(month);
        double own = 0;
        IReadOnlyList<double> days = month.DayCostsUsd;
        if (days.Count > 1 && days.Average() is double mean && mean > 0 && Moved(days.Min(), days.Max()))
        {
            own = Math.Sqrt(days.Sum(c => Square((c - mean) / mean)) / (days.Count * (days.Count - 1)));
        }
        if (month.Replicates.Count > 1 && Moved(month.Replicates[0].SimulatedCostUsd, month.Replicates[1].SimulatedCostUsd))
        {
            own = Math.Max(own, Spread(month.Replicates[0].SimulatedCostUsd, month.Replicates[1].SimulatedCostUsd) / Math.Sqrt(2));
        }
        return own;
    }

    /// <summary>The option's σ at the upper confidence bound of all its degrees of freedom, the floor of every month's noise (zero stays zero: no checked month moved); null when not measured.</summary>
    private static double? UpperSd(OptionProjection option) =>
        Of(option) is { MonthlyCostSd: double sd } n ? sd > 0 ? sd * UpperBoundFactor(n.DegreesOfFreedom) : 0 : null;

    /// <summary>The part of a month's COGS the simulation makes: all but the fixed costs.</summary>
    private static double Simulated(MonthlyOutcome month) => month.Cost.CogsUsd - month.Cost.FixedUsd;

    /// <summary>One-sided confidence of the upper bound <see cref="DifferenceNoiseUsd"/> takes of each standard deviation.</summary>
    public const double UpperBoundConfidence = 0.9;

    /// <summary>
    /// The upper <see cref="UpperBoundConfidence"/> confidence bound of a standard deviation
    /// estimated with <paramref name="degreesOfFreedom"/> degrees of freedom (one per pair of
    /// independent runs, d − 1 per month of d independent days; <see cref="EffectiveDegreesOfFreedom"/>
    /// where those measured unlike noise), as a multiple of the estimate: each pair's squared
    /// difference over two is σ² times a χ² of one degree of freedom, so the bound is
    /// √(n / χ²ₙ at 1 − confidence), 1.76 for 5 pairs, 1.38 for 12 and 1.15 for 53.
    /// </summary>
    public static double UpperBoundFactor(double degreesOfFreedom) =>
        degreesOfFreedom < 1 ? double.PositiveInfinity : Math.Sqrt(degreesOfFreedom / MathNet.Numerics.Distributions.ChiSquared.InvCDF(degreesOfFreedom, 1 - UpperBoundConfidence));

    private static double Square(double x) => x * x;

    /// <summary>
    /// A warning for every option whose median cost spread is over <see cref="CostTarget"/>, naming
    /// the days per month that would bring it under (noise falls with the square root of the days).
    /// </summary>
    public static IReadOnlyList<string> Warnings(int daysPerMonth, IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        foreach (OptionProjection o in options)
        {
            if (Of(o)?.MedianCostSpread is double spread && spread > CostTarget)
            {
                int days = (int)Math.Ceiling(daysPerMonth * (spread / CostTarget) * (spread / CostTarget) - 1e-9);
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{o.Name}: the simulation's own seed-to-seed noise in a month's cost is {spread * 100:0.0}% (median over the noise-check months whose cost moved), above the {CostTarget * 100:0}% target, and differences between options smaller than that are within it; ")
                    + string.Create(CultureInfo.InvariantCulture,
                    $"simulation: {{days_per_month: {Math.Min(days, Specs.SimulationSettings.MaxDaysPerMonth)}}} (now {daysPerMonth}) would bring it to about {CostTarget * 100:0}%, at {Math.Min(days, Specs.SimulationSettings.MaxDaysPerMonth) / (double)daysPerMonth:0.#} × the simulation time."));
            }
        }
        return warnings;
    }

    /// <summary>
    /// Whether a month's cost moved between the two seeds: by half a cent or more. Sums of the same
    /// GPU time in another order differ in their last bits (voice-agent's always-on fleet cost
    /// $1,197.54 under both seeds, 10⁻¹² apart), and those are not a seed's doing.
    /// </summary>
    internal static bool Moved(double a, double b) => Math.Abs(a - b) >= 0.005;

    private static double Spread(double a, double b) => a + b > 0 ? Math.Abs(a - b) / ((a + b) / 2) : 0;

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
