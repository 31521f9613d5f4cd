namespace Planner.Core.Projection;

/// <summary>
/// The one comparison every surface of a run states (recommendation text, report cards, charts,
/// tornado, summary.json, console): the recommended option against its best alternative, the
/// cheapest other option over the horizon that meets the SLO every month, or, when no other
/// does, the cheapest other option, flagged by <see cref="MeetsSlo"/> as missing the SLO.
/// The timing figures describe the pair's switch: which of the two is cheaper per month at the
/// horizon, from which month it stays cheaper, and when its cumulative saving has repaid its
/// one-time costs. Defined here once, so no surface picks its own alternative.
/// </summary>
public sealed record BestAlternative
{
    /// <summary>The recommended option.</summary>
    public required string Recommended { get; init; }

    /// <summary>The best alternative to it.</summary>
    public required string Option { get; init; }

    /// <summary>Whether the alternative meets the SLO every month; when false it is no valid alternative, only the cheapest other option.</summary>
    public required bool MeetsSlo { get; init; }

    /// <summary>Months in which the alternative misses the SLO.</summary>
    public required int MonthsMissingSlo { get; init; }

    /// <summary>The calendar months in which the alternative misses the SLO (<see cref="SloMisses.Months"/>).</summary>
    public ValueList<DateOnly> MissingSloMonths { get; init; } = ValueList<DateOnly>.Empty;

    /// <summary>The alternative's max_replicas when its fleet reached it in every month it misses the SLO (<see cref="SloMisses.AtMaxReplicas"/>); null otherwise.</summary>
    public int? MissingSloAtMaxReplicas { get; init; }

    public required double RecommendedTotalCostUsd { get; init; }

    /// <summary>The alternative's total over the horizon, one-time costs included.</summary>
    public required double TotalCostUsd { get; init; }

    /// <summary>What the recommended option saves against the alternative over the horizon (negative when it costs more).</summary>
    public double SavingsUsd => TotalCostUsd - RecommendedTotalCostUsd;

    /// <summary>
    /// How far apart the two totals could come from the simulation's own noise alone
    /// (<see cref="NoiseMeasure.DifferenceNoiseUsd"/>); null when the run measured no noise.
    /// </summary>
    public double? DifferenceNoiseUsd { get; init; }

    /// <summary>Whether the two totals are closer than <see cref="DifferenceNoiseUsd"/>: on cost, a tie the simulation cannot break.</summary>
    public bool WithinNoise => DifferenceNoiseUsd is double noise && Math.Abs(SavingsUsd) <= noise;

    /// <summary>
    /// Every other option of the same standing (meeting the SLO, or not, as the alternative does)
    /// whose total is within the simulation's noise of the alternative's, cheapest first: another
    /// seed may name any of them the best alternative instead. Empty when none is.
    /// </summary>
    public ValueList<RunnerUpOption> RunnersUp { get; init; } = ValueList<RunnerUpOption>.Empty;

    /// <summary>The cheapest of <see cref="RunnersUp"/>; null without one.</summary>
    public string? RunnerUp => RunnersUp.Count > 0 ? RunnersUp[0].Option : null;

    /// <summary>The first runner-up's total over the horizon, one-time costs included; null without a runner-up.</summary>
    public double? RunnerUpTotalCostUsd => RunnersUp.Count > 0 ? RunnersUp[0].TotalCostUsd : null;

    /// <summary>The noise the first runner-up's total is within (<see cref="NoiseMeasure.DifferenceNoiseUsd"/> of it and the alternative); null without a runner-up.</summary>
    public double? RunnerUpNoiseUsd => RunnersUp.Count > 0 ? RunnersUp[0].NoiseUsd : null;

    /// <summary>The one of the pair that costs less per month in the last month (the recommended one on a tie).</summary>
    public required string CheaperAtHorizon { get; init; }

    /// <summary>The other one of the pair.</summary>
    public string MoreExpensiveAtHorizon => CheaperAtHorizon == Recommended ? Option : Recommended;

    /// <summary>First month from which <see cref="CheaperAtHorizon"/> costs less per month (COGS) in every month to the horizon; null on a tie at the horizon.</summary>
    public int? CheaperFromMonth { get; init; }

    public DateOnly? CheaperFromCalendarMonth { get; init; }

    /// <summary>
    /// The months about the crossing and after it in which the pair's monthly costs differ by less
    /// than the simulation's noise (<see cref="Projection.MonthlyTie"/>); null when the run measured
    /// no noise or the two cost the same at the horizon.
    /// </summary>
    public MonthlyTie? MonthlyTie { get; init; }

    /// <summary>Daily volume at which the monthly cost curves last cross (linear between months); null when cheaper from month 1 or tied.</summary>
    public double? CheaperFromRequestsPerDay { get; init; }

    /// <summary>First month from which <see cref="CheaperAtHorizon"/>'s cumulative cost, one-time costs included, stays at or below the other's; null when not within the horizon.</summary>
    public int? BreakEvenMonth { get; init; }

    public DateOnly? BreakEvenCalendarMonth { get; init; }

    /// <summary>
    /// The best alternative to <paramref name="recommended"/> among <paramref name="options"/>;
    /// null when there is no other option. Ties on total cost go to the earlier option.
    /// </summary>
    public static BestAlternative? Of(IReadOnlyList<OptionProjection> options, string recommended)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recommended);
        OptionProjection chosen = options.FirstOrDefault(o => o.Name == recommended)
            ?? throw new ArgumentException($"'{recommended}' is not one of the options", nameof(recommended));
        var others = options.Where(o => o != chosen).ToList();
        if (others.Count == 0)
        {
            return null;
        }
        var viable = others.Where(o => o.MeetsSloThroughout).ToList();
        List<OptionProjection> pool = viable.Count > 0 ? viable : others;
        OptionProjection alternative = CostOrder.Cheapest(pool);
        BestAlternative result = Compare(chosen, alternative);
        var runnersUp = new List<RunnerUpOption>();
        foreach (OptionProjection next in pool.Where(o => o != alternative).OrderBy(o => o.TotalCostUsd))
        {
            // Within the noise, or the same to the cent (a fleet pinned in every month has no noise, and its total may differ in its last bits).
            double noise = NoiseMeasure.DifferenceNoiseUsd(alternative, next) ?? 0;
            if (next.TotalCostUsd - alternative.TotalCostUsd < Math.Max(noise, CostOrder.SameTotalUsd))
            {
                runnersUp.Add(new RunnerUpOption(next.Name, next.TotalCostUsd, noise));
            }
        }
        return runnersUp.Count > 0 ? result with { RunnersUp = new ValueList<RunnerUpOption>(runnersUp) } : result;
    }

    /// <summary>The timing figures of <paramref name="recommended"/> against <paramref name="alternative"/>.</summary>
    public static BestAlternative Compare(OptionProjection recommended, OptionProjection alternative)
    {
        ArgumentNullException.ThrowIfNull(recommended);
        ArgumentNullException.ThrowIfNull(alternative);
        int n = Math.Min(recommended.Months.Count, alternative.Months.Count);
        double Cogs(OptionProjection o, int i) => o.Months[i].Cost.CogsUsd;
        bool alternativeCheaper = n > 0 && Cogs(alternative, n - 1) < Cogs(recommended, n - 1);
        bool tie = n == 0 || Cogs(alternative, n - 1) == Cogs(recommended, n - 1);
        OptionProjection cheaper = alternativeCheaper ? alternative : recommended;
        OptionProjection dearer = alternativeCheaper ? recommended : alternative;

        int? from = null;
        double? volume = null;
        if (!tie && CostCrossing.First(cheaper, dearer, sameCounts: false, out volume) is int first)
        {
            from = first + 1;
        }
        BreakEvenResult breakEven = BreakEvenAnalysis.Compare(cheaper, dearer);
        return new BestAlternative
        {
            Recommended = recommended.Name,
            Option = alternative.Name,
            MeetsSlo = alternative.MeetsSloThroughout,
            MonthsMissingSlo = alternative.Months.Count(m => !m.SloMet),
            MissingSloMonths = new ValueList<DateOnly>(SloMisses.Months(alternative)),
            MissingSloAtMaxReplicas = SloMisses.AtMaxReplicas(alternative),
            RecommendedTotalCostUsd = recommended.TotalCostUsd,
            TotalCostUsd = alternative.TotalCostUsd,
            DifferenceNoiseUsd = NoiseMeasure.DifferenceNoiseUsd(recommended, alternative),
            CheaperAtHorizon = cheaper.Name,
            CheaperFromMonth = from,
            CheaperFromCalendarMonth = from is int f ? cheaper.Months[f - 1].CalendarMonth : null,
            CheaperFromRequestsPerDay = volume,
            MonthlyTie = tie ? null : MonthlyTie.Of(cheaper, dearer),
            BreakEvenMonth = breakEven.Month,
            BreakEvenCalendarMonth = breakEven.CalendarMonth,
        };
    }
}

/// <summary>An option whose total is within the simulation's noise of the best alternative's (<see cref="BestAlternative.RunnersUp"/>).</summary>
/// <param name="Option">Its name.</param>
/// <param name="TotalCostUsd">Its total over the horizon, one-time costs included.</param>
/// <param name="NoiseUsd">The noise of the difference between its total and the alternative's (<see cref="NoiseMeasure.DifferenceNoiseUsd"/>), which the difference is within.</param>
public sealed record RunnerUpOption(string Option, double TotalCostUsd, double NoiseUsd);
