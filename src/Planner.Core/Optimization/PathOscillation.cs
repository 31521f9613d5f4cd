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
    /// <summary>A path month's cold starts, the scale-ups its weekday's ramp needs (NaN if unknown) and the autoscaler's step.</summary>
    public readonly record struct Month(string CalendarMonth, int DaysInMonth, double ColdStarts, double RampScaleUps, int ReplicasPerUnit);

    /// <summary>Whether a configuration simulated over a month of <paramref name="daysInMonth"/> days oscillates; false where its cold starts or ramp are unknown.</summary>
    public static bool Oscillates(ConfigurationOutcome outcome, int daysInMonth)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Oscillates(new Month("", daysInMonth, outcome.ColdStarts, outcome.RampScaleUps, outcome.ReplicasPerUnit));
    }

    /// <summary>Whether a month's configuration oscillates; false where its cold starts or ramp are unknown.</summary>
    public static bool Oscillates(Month m) =>
        double.IsFinite(m.ColdStarts) && double.IsFinite(m.RampScaleUps) && m.DaysInMonth > 0
        && FleetDiagnostics.OscillationExcess(m.ColdStarts / m.DaysInMonth, m.RampScaleUps, m.ReplicasPerUnit) > 1;

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
        var measured = path.Where(m => double.IsFinite(m.ColdStarts) && double.IsFinite(m.RampScaleUps) && m.DaysInMonth > 0).ToList();
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
            double most = measured.Max(m => m.ColdStarts / m.DaysInMonth);
            return F($"No month's configuration oscillates: at most {most:#,##0.#} cold starts a day, within {test}")
                + (avoided && replaced > 0 ? "; " + replacedThem + allow : ".");
        }
        Month worst = oscillating.MaxBy(m => FleetDiagnostics.OscillationExcess(m.ColdStarts / m.DaysInMonth, m.RampScaleUps, m.ReplicasPerUnit));
        string months = oscillating.Count <= 4
            ? SloMisses.List([.. oscillating.Select(m => m.CalendarMonth)])
            : F($"between {oscillating[0].CalendarMonth} and {oscillating[^1].CalendarMonth}");
        string what = avoided
            ? F($" The verification replaced {FigureFormat.Counted(replaced, "configuration", "configurations")} that oscillated and found none steadier for {(oscillating.Count == 1 ? "this month" : "these months")} within its {Optimizer.MaxRepairRounds} rounds.")
            : " The path kept the cheapest configuration whatever its cold starts (--allow-oscillation, or an --exhaustive search, which does not repair the path); otherwise the verification replaces one that oscillates, as one that misses the SLO.";
        return F($"In {oscillating.Count} of the path's {FigureFormat.Counted(measured.Count, "month", "months")} its configuration oscillates, as planner run would warn ({months}): ")
            + F($"{worst.ColdStarts / worst.DaysInMonth:#,##0} cold starts a day in {worst.CalendarMonth}, where its weekday load ramp needs about {Math.Max(1, worst.RampScaleUps):#,##0}. ")
            + "Its cost there rests on replicas started and let go within minutes, each cold start paid GPU time; a longer scale_down_stabilization_s keeps replicas through the lulls, and planner run on that configuration shows its day."
            + what;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
