using System.Globalization;
using Planner.Core.Formatting;
using Planner.Core.Projection;

namespace Planner.Core.Optimization;

/// <summary>
/// What the verification's second set of random draws found for the path: the path's GPU cost
/// under it against the first, the month that moved most, and whether any month's SLO verdict
/// differs between the two. The console and the reports (from optimization.json) say it in the
/// same words.
/// </summary>
public static class PathSecondSeed
{
    /// <summary>A path month's GPU cost and SLO verdict under each set of draws (NaN cost where nothing was simulated).</summary>
    public readonly record struct Month(string CalendarMonth, double GpuUsd, bool SloMet, double SecondGpuUsd, bool SecondSloMet);

    /// <summary>"Every month's configuration was simulated again … on a second set of random draws: …", or null when no month has both.</summary>
    public static string? Sentence(IReadOnlyList<Month> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var both = path.Where(m => double.IsFinite(m.GpuUsd) && double.IsFinite(m.SecondGpuUsd) && m.GpuUsd > 0).ToList();
        if (both.Count == 0)
        {
            return null;
        }
        double first = both.Sum(m => m.GpuUsd), second = both.Sum(m => m.SecondGpuUsd);
        Month most = both.MaxBy(m => Math.Abs(m.SecondGpuUsd - m.GpuUsd) / m.GpuUsd);
        double mostShare = (most.SecondGpuUsd - most.GpuUsd) / most.GpuUsd;
        List<string> differ = [.. both.Where(m => m.SloMet != m.SecondSloMet).Select(m => m.CalendarMonth)];
        string verdict = differ.Count > 0
            ? F($"the SLO verdict differs between the two in {SloMisses.List(differ)}, so {(differ.Count == 1 ? "that month's configuration is" : "those months' configurations are")} at risk")
            : both.All(m => m.SloMet && m.SecondSloMet)
                ? "every month meets the SLO under both"
                : "each month's SLO verdict is the same under both";
        return F($"Every month's configuration was simulated again at the month's own volume on a second set of random draws (arrivals and service times): the path's GPU cost there is {FigureFormat.Usd(second)} against {FigureFormat.Usd(first)} ({FigureFormat.SignedPercent((second - first) / first)}), ")
            + F($"{FigureFormat.SignedPercent(mostShare)} in the month that moved most ({most.CalendarMonth}); {verdict}.");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
