using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>
/// Months simulated a second time after the run, option by option, so that each option's noise
/// rests on months in which its cost can move. The scheduled noise-check months
/// (<see cref="Workload.MonthWindowPlanner.IsNoiseCheckMonth"/>) are spread evenly over the
/// horizon and chosen before anything is simulated; a fleet pinned at its floor in most of them
/// gives σ from the one or two that moved. chat-seed-stage's H100 fleet sat at one replica for 24
/// months and moved in the last 12: two of its five checked months moved, both calm (0.44% and
/// 0.002%), and σ read 0.22% where the months that move spread by 0.8% (a month moved by 2.3%
/// between seeds 42 and 9), so the total's stated ±$33 was a third of what four seeds showed.
/// <para>
/// An option whose fleet first needs a new size in a large step (a tenth of its mean size or more,
/// <see cref="StepShare"/>) gets the largest <see cref="LargeStepMonths"/> such months checked
/// too. An option whose scheduled checks moved in fewer months than were scheduled gets as many
/// months in all (those steps counted),
/// from the months in which its fleet changed size (<see cref="CanMove"/>): first those in which
/// it oscillated (<see cref="FleetDiagnostics.OscillatingMonths"/>, the worst first), then those in
/// which it first reached a new peak size (<see cref="IsStep"/>), where a seed moves cost most, then
/// evenly over the rest. Choosing the months that move most errs high for the others: σ is pooled
/// over the months checked, and a tie called where a calm month's difference was not one is the
/// safer error. Each is simulated for that option alone, as
/// replicate 1 with the seeds a scheduled check of the month would have used
/// (<see cref="Workload.MonthWindowPlanner.SecondReplicate"/>), so it changes no month's
/// figures, only the noise measured; and it depends on nothing but the option itself, so adding
/// an option to a scenario leaves the others' noise as it was.
/// </para>
/// </summary>
/// <param name="MonthIndices">0-based month of each follow-up, ascending.</param>
/// <param name="OptionIndices">Option simulated in that month, in the scenario's order (pairs with <paramref name="MonthIndices"/>; a month may appear once per option).</param>
public sealed record NoiseFollowUp(IReadOnlyList<int> MonthIndices, IReadOnlyList<int> OptionIndices)
{
    /// <summary>The months to simulate again, ascending, each once.</summary>
    public IReadOnlyList<int> Months => [.. MonthIndices.Distinct().Order()];

    /// <summary>The options to simulate in month <paramref name="monthIndex"/>, in scenario order.</summary>
    public IReadOnlyList<int> OptionsIn(int monthIndex) =>
        [.. MonthIndices.Zip(OptionIndices).Where(p => p.First == monthIndex).Select(p => p.Second).Distinct().Order()];

    /// <summary>
    /// The follow-ups the run's <paramref name="options"/> need (their months as simulated, the
    /// scheduled checks' replicates included); null when none does.
    /// </summary>
    public static NoiseFollowUp? Choose(ScenarioSpec scenario, IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var months = new List<int>();
        var optionIndices = new List<int>();
        for (int o = 0; o < options.Count; o++)
        {
            foreach (int m in MonthsFor(options[o]))
            {
                months.Add(m);
                optionIndices.Add(o);
            }
        }
        if (months.Count == 0)
        {
            return null;
        }
        var order = Enumerable.Range(0, months.Count).OrderBy(i => months[i]).ThenBy(i => optionIndices[i]).ToList();
        return new NoiseFollowUp([.. order.Select(i => months[i])], [.. order.Select(i => optionIndices[i])]);
    }

    /// <summary>The 0-based months <paramref name="option"/> is to be simulated again in, ascending: its largest steps, and as many in all as its scheduled checks did not move in where that is more; none when neither.</summary>
    public static IReadOnlyList<int> MonthsFor(OptionProjection option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (NoiseMeasure.Of(option) is not { } noise)
        {
            return [];
        }
        // Only pairs that moved count: a month's own independent days add to σ's degrees of
        // freedom, but the median and largest spreads (and the 2% warning) are the pairs'.
        int deficit = Math.Max(0, noise.CheckedMonths.Count - noise.MovingMonths);
        var candidates = Enumerable.Range(0, option.Months.Count)
            .Where(m => option.Months[m].Replicates.Count < 2 && CanMove(option, option.Months[m]))
            .ToList();
        var chosen = new List<int>();
        // Months in which the fleet first needs a new size that is a large step for it, whether or
        // not the scheduled checks moved: evenly spaced checks seldom land on them, and they are
        // where a seed moves cost most (legal-summarisation's fleet of 8-GPU instances: its GPU cost
        // moved by 6.1%, 8.2%, 6.0% and 5.3% between seeds 11 and 9 in months 11, 12, 19 and 20,
        // about the months it first needed a second and a third instance, while the months seed 11
        // checked had measured σ = 0.85%).
        foreach (int m in candidates.Where(m => StepShare(option, m) >= LargeStepShare).OrderByDescending(m => StepShare(option, m)).ThenBy(m => m).Take(LargeStepMonths))
        {
            chosen.Add(m);
        }
        // They move, so they stand in for scheduled checks that did not.
        deficit = Math.Max(deficit, chosen.Count);
        if (deficit <= 0)
        {
            return [];
        }
        foreach ((int month, double _) in FleetDiagnostics.OscillatingMonths(option).OrderByDescending(x => x.Excess).ThenBy(x => x.MonthIndex))
        {
            if (chosen.Count < deficit && candidates.Contains(month))
            {
                chosen.Add(month);
            }
        }
        // Then the months in which the fleet first reached a new peak size, evenly over them; then
        // evenly over the rest.
        Spread(chosen, [.. candidates.Except(chosen).Where(m => IsStep(option, m))], deficit);
        Spread(chosen, [.. candidates.Except(chosen)], deficit);
        return [.. chosen.Order()];
    }

    /// <summary>Adds to <paramref name="chosen"/>, up to <paramref name="limit"/> in all, months of <paramref name="from"/> spread evenly over it, first and last included (as the scheduled checks are spread).</summary>
    private static void Spread(List<int> chosen, IReadOnlyList<int> from, int limit)
    {
        int more = Math.Min(limit - chosen.Count, from.Count);
        for (int i = 0; i < more; i++)
        {
            chosen.Add(from[more == 1 ? from.Count / 2 : (int)Math.Round(i * (from.Count - 1) / (double)(more - 1))]);
        }
    }

    /// <summary>Most months simulated again for large steps (<see cref="LargeStepShare"/>), over the scheduled checks.</summary>
    public const int LargeStepMonths = 2;

    /// <summary>A step of the fleet's peak at least this share of its mean size (in the same units) is a large one.</summary>
    public const double LargeStepShare = 0.1;

    /// <summary>
    /// How large a step month <paramref name="m"/> (0-based) is for the fleet: the change of its peak
    /// from the month before, as a share of the month's mean (in instances where it is billed by the
    /// instance, else in replicas); 0 where it is no step (<see cref="IsStep"/>) or has no fleet.
    /// </summary>
    public static double StepShare(OptionProjection option, int m)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (!IsStep(option, m))
        {
            return 0;
        }
        MonthlyOutcome now = option.Months[m], before = option.Months[m - 1];
        bool instances = now.PeakInstances > 0;
        double mean = instances ? now.MeanInstances : now.MeanReplicas;
        double step = Math.Abs((instances ? now.PeakInstances : now.PeakReplicas) - (instances ? before.PeakInstances : before.PeakReplicas));
        return mean > 0 ? step / mean : 0;
    }

    /// <summary>
    /// Whether month <paramref name="m"/> (0-based) is one in which the fleet's peak (in instances where
    /// it is billed by the instance, else in replicas) differs from the month before: the month a
    /// fleet first needs a new size, whether a seed's busiest minutes reach it decides whether the
    /// month pays for it. legal-summarisation's fleet of 8-GPU instances moved by 5.9%, 12.5%, 5.8%
    /// and 1.5% between seeds 11 and 9 in the months its peak went from one instance to two (11 and
    /// 12) and to three and four (19, 23), and by 2.0% at most in the ten other months that moved.
    /// </summary>
    public static bool IsStep(OptionProjection option, int m)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (m <= 0 || m >= option.Months.Count)
        {
            return false;
        }
        static double Peak(MonthlyOutcome o) => o.PeakInstances > 0 ? o.PeakInstances : o.PeakReplicas;
        return Peak(option.Months[m]) != Peak(option.Months[m - 1]);
    }

    /// <summary>
    /// Whether a seed can move the option's cost in <paramref name="month"/>: an API's (or a hybrid's
    /// overflow) tokens are drawn, a fleet's cost moves when its size changed during the day (a
    /// replica started, the fleet scaled down from its peak, or a spot replica was interrupted). A
    /// fleet held at one size all month costs the same whatever the seed.
    /// </summary>
    public static bool CanMove(OptionProjection option, MonthlyOutcome month)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(month);
        if (Projector.SelfHostedPart(option.Option) is null)
        {
            return month.Requests > 0;
        }
        return month.ColdStarts > 0 || month.SpotInterruptions > 0 || month.OverflowedRequests > 0 || month.PeakReplicas - month.MeanReplicas > 1e-9;
    }
}
