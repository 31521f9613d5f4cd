using System.Globalization;
using Planner.Core.Formatting;
using Planner.Core.Projection;

namespace Planner.Core.Optimization;

/// <summary>
/// Whether the path's configurations oscillate at their months' own volumes, by the test
/// <c>planner run</c> warns with (<see cref="FleetDiagnostics.OscillationExcess"/>): cold starts a
/// day far beyond what the weekday's load ramp needs. A search ranks configurations by cost and
/// SLO alone, so an oscillating fleet can be the cheapest one that meets the SLO; its cost then
/// rests on replicas started and let go within minutes, and the console and the reports (from
/// optimization.json) say so in the same words.
/// </summary>
public static class PathOscillation
{
    /// <summary>
    /// A path month's cold starts, the scale-ups its weekday's ramp needs (NaN if unknown) and the
    /// autoscaler's step, under its first set of draws and, where it was verified on a second, under that.
    /// </summary>
    public readonly record struct Month(string CalendarMonth, int DaysInMonth, double ColdStarts, double RampScaleUps, int ReplicasPerUnit,
        double SecondColdStarts = double.NaN, double SecondRampScaleUps = double.NaN)
    {
        /// <summary>The sets of draws whose cold starts and ramp were both measured: cold starts a day and ramp.</summary>
        internal IEnumerable<(double ColdStartsPerDay, double RampScaleUps)> Draws()
        {
            if (DaysInMonth <= 0)
            {
                yield break;
            }
            if (double.IsFinite(ColdStarts) && double.IsFinite(RampScaleUps))
            {
                yield return (ColdStarts / DaysInMonth, RampScaleUps);
            }
            if (double.IsFinite(SecondColdStarts) && double.IsFinite(SecondRampScaleUps))
            {
                yield return (SecondColdStarts / DaysInMonth, SecondRampScaleUps);
            }
        }

        /// <summary>How far the worse set of draws is past the limit (above 1: oscillating); NaN where none was measured.</summary>
        internal double Excess(int replicasPerUnit) =>
            Draws().Select(d => FleetDiagnostics.OscillationExcess(d.ColdStartsPerDay, d.RampScaleUps, replicasPerUnit)).DefaultIfEmpty(double.NaN).Max();
    }

    /// <summary>
    /// Whether a configuration simulated over a month of <paramref name="daysInMonth"/> days
    /// oscillates under either set of draws (<paramref name="second"/>, where it was verified on a
    /// second, as for the SLO); false where its cold starts or ramp are unknown.
    /// </summary>
    public static bool Oscillates(ConfigurationOutcome outcome, int daysInMonth, ConfigurationOutcome? second = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Oscillates(new Month("", daysInMonth, outcome.ColdStarts, outcome.RampScaleUps, outcome.ReplicasPerUnit,
            second?.ColdStarts ?? double.NaN, second?.RampScaleUps ?? double.NaN));
    }

    /// <summary>Whether a month's configuration oscillates under either set of draws; false where neither has its cold starts and ramp.</summary>
    public static bool Oscillates(Month m) => m.Excess(m.ReplicasPerUnit) > 1;

    /// <summary>
    /// "No month's configuration oscillates …" or "In 2 of the path's 36 months its configuration
    /// oscillates …", with what the verification did about it: <paramref name="replaced"/>
    /// configurations replaced for oscillating, where <paramref name="avoided"/> (the default, in a
    /// pruned search: an exhaustive one does not repair the path);
    /// null when no month has both its cold starts and its ramp measured.
    /// </summary>
    public static string? Sentence(IReadOnlyList<Month> path, int replaced, bool avoided)
    {
        ArgumentNullException.ThrowIfNull(path);
        var measured = path.Where(m => m.Draws().Any()).ToList();
        if (measured.Count == 0)
        {
            return null;
        }
        string test = F($"planner run's limit of {FleetDiagnostics.OscillationFactor:0} times what the month's weekday load ramp needs plus 10 of its autoscaler's steps");
        string allow = "; --allow-oscillation keeps the cheapest configuration whatever its cold starts.";
        string replacedThem = F($"the verification replaced {FigureFormat.Counted(replaced, "configuration", "configurations")} that did at a month's own volume");
        var oscillating = measured.Where(Oscillates).ToList();
        if (oscillating.Count == 0)
        {
            double most = measured.Max(m => m.Draws().Max(d => d.ColdStartsPerDay));
            string under = measured.Any(m => m.Draws().Count() > 1) ? " under either set of draws" : "";
            return F($"No month's configuration oscillates{under}: at most {most:#,##0.#} cold starts a day, within {test}")
                + (avoided && replaced > 0 ? "; " + replacedThem + allow : ".");
        }
        Month worst = oscillating.MaxBy(m => m.Excess(m.ReplicasPerUnit));
        (double worstPerDay, double worstRamp) = worst.Draws().MaxBy(d => FleetDiagnostics.OscillationExcess(d.ColdStartsPerDay, d.RampScaleUps, worst.ReplicasPerUnit));
        string months = oscillating.Count <= 4
            ? SloMisses.List([.. oscillating.Select(m => m.CalendarMonth)])
            : F($"between {oscillating[0].CalendarMonth} and {oscillating[^1].CalendarMonth}");
        string what = avoided
            ? F($" The verification replaced {FigureFormat.Counted(replaced, "configuration", "configurations")} that oscillated and found none steadier for {(oscillating.Count == 1 ? "this month" : "these months")} within its {Optimizer.MaxRepairRounds} rounds.")
            : " The path kept the cheapest configuration whatever its cold starts (--allow-oscillation, or an --exhaustive search, which does not repair the path); otherwise the verification replaces one that oscillates, as one that misses the SLO.";
        return F($"In {oscillating.Count} of the path's {FigureFormat.Counted(measured.Count, "month", "months")} its configuration oscillates by planner run's test, under one set of draws or both ({months}): ")
            + F($"{worstPerDay:#,##0} cold starts a day in {worst.CalendarMonth}, where its weekday load ramp needs about {Math.Max(1, worstRamp):#,##0}. ")
            + "Its cost there rests on replicas started and let go within minutes, each cold start paid GPU time; a longer scale_down_stabilization_s keeps replicas through the lulls, and planner run on that configuration shows its day."
            + what;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
