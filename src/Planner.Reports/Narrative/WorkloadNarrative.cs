using System.Globalization;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// The Workload section, from summary.json's <c>workload</c> alone, so that report.md and
/// report.html (and the PDF printed from it) state the same traffic in the same words: the
/// opening sentence, the trace and volume tables, the growth, weekend, daily-shape and arrival
/// lines, and the request classes. Every string is plain text; writers escape it for their format.
/// </summary>
internal static class WorkloadNarrative
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Whether the summary states its workload (summaries written before it was recorded do not).</summary>
    public static bool Has(SummaryDocument s) => s.Workload is not null;

    /// <summary>The opening sentence: where the traffic comes from.</summary>
    public static string Lead(SummaryDocument s)
    {
        WorkloadSection w = s.Workload!;
        string scenario = $"The traffic every option serves, as {s.Scenario.Path} states it";
        return w.Trace is { } t
            ? $"{scenario}: the trace {t.Path} replayed, its arrival times and token counts repeated after its span and time-scaled to each month's volume. Every figure in this report rests on it."
            : $"{scenario}: {Plural(w.Classes.Count, "request class", "request classes")}, each request's class drawn by share, arriving around the daily shape. Every figure in this report rests on it.";
    }

    /// <summary>
    /// "Trace data: Microsoft Azure, …; licensed under CC-BY 4.0; …" for every known public trace
    /// the workload replays or draws token counts from, as its licence asks of any report built on it.
    /// </summary>
    public static IReadOnlyList<string> Credits(SummaryDocument s)
    {
        WorkloadSection w = s.Workload!;
        IEnumerable<string?> credits = [w.Trace?.Credit, .. w.Classes.SelectMany(c => new[] { c.InputTokens.Credit, c.OutputTokens.Credit })];
        return [.. credits.OfType<string>().Distinct(StringComparer.Ordinal).Select(c => $"Trace data: {c}.")];
    }

    /// <summary>The replayed trace's own figures, one row; null without a trace. Column 0 is the trace's path.</summary>
    public static TextTable? TraceTable(SummaryDocument s) => s.Workload!.Trace is { } t
        ? TextTable.Of(
            [("trace", false), ("rows", true), ("span", true), ("its own rate", true), ("mean input tokens", true), ("mean output tokens", true)],
            [[
                t.Path, Fmt.Count(t.Rows), Duration(t.SpanS),
                $"{Count(t.RequestsPerDay)} requests/day ({Number(t.RequestsPerS, "#,##0.###")}/s)",
                Count(t.MeanInputTokens), Count(t.MeanOutputTokens),
            ]])
        : null;

    /// <summary>Month 1 and the horizon month: the scenario's daily figure, a weekday and a weekend day where they differ, and the month's planned requests.</summary>
    public static TextTable VolumeTable(SummaryDocument s)
    {
        VolumeSection v = s.Workload!.Volume;
        var months = new List<VolumeMonthSection> { v.FirstMonth };
        if (v.HorizonMonth.Month != v.FirstMonth.Month)
        {
            months.Add(v.HorizonMonth);
        }
        bool weekday = v.Basis == "weekday";
        var rows = new List<(string Label, Func<VolumeMonthSection, double?> Figure)>
        {
            (weekday ? "requests per weekday (the scenario's figure)" : "requests per day (the scenario's figure: the average day of the week)", m => m.RequestsPerDay),
        };
        if (v.WeekendFactor != 1)
        {
            if (!weekday)
            {
                rows.Add(("requests on a weekday", m => m.RequestsPerWeekday));
            }
            rows.Add(("requests on a Saturday or Sunday", m => m.RequestsPerWeekendDay));
        }
        rows.Add(("requests in the month (planned)", m => m.PlannedRequests));
        return TextTable.Of(
            [("volume", false), .. months.Select(m => ($"month {m.Month.ToString(C)} ({m.CalendarMonth})", true))],
            rows.Select(r => (IReadOnlyList<string>)[r.Label, .. months.Select(m => Count(r.Figure(m)))]));
    }

    /// <summary>
    /// "its busiest hour, 18:00, carries", or for a plateau of hours at the peak weight, "its busiest
    /// hours, 09:00 to 16:00, each carry" (a business-hours day read as if only 09:00 peaked).
    /// </summary>
    private static string BusiestHours(DailyShapeSection d)
    {
        IReadOnlyList<double> w = d.HourlyWeights;
        if (w.Count != 24 || d.PeakHour is < 0 or > 23)
        {
            return $"its busiest hour, {d.PeakHour.ToString("00", C)}:00, carries";
        }
        double top = w[d.PeakHour];
        bool AtPeak(int h) => Math.Abs(w[(h + 24) % 24] - top) <= 1e-9 * Math.Max(1, Math.Abs(top));
        int first = d.PeakHour, last = d.PeakHour;
        while (last - first < 23 && AtPeak(first - 1))
        {
            first--;
        }
        while (last - first < 23 && AtPeak(last + 1))
        {
            last++;
        }
        int count = last - first + 1;
        int others = Enumerable.Range(0, 24).Count(AtPeak) - count;
        string more = others > 0 ? $" (and {others} other hour{(others == 1 ? "" : "s")})" : "";
        return count == 1
            ? $"its busiest hour, {d.PeakHour.ToString("00", C)}:00{more}, carries"
            : $"its busiest hours, {((first + 24) % 24).ToString("00", C)}:00 to {((last + 24) % 24).ToString("00", C)}:00{more}, each carry";
    }

    /// <summary>One line each for growth, weekends, the daily shape, arrivals and, for a trace, the pace it is replayed at.</summary>
    public static IReadOnlyList<string> Lines(SummaryDocument s)
    {
        WorkloadSection w = s.Workload!;
        VolumeSection v = w.Volume;
        var lines = new List<string> { "Growth: " + Growth(v) };
        lines.Add(v.WeekendFactor == 1
            ? "Weekends: a Saturday or Sunday carries as many requests as a weekday (weekend factor 1)."
            : $"Weekends: a Saturday or Sunday carries {Factor(v.WeekendFactor)} × a weekday's requests (weekend factor).");
        DailyShapeSection d = w.DailyShape;
        string shape = d.Name == "custom" ? "custom (24 hourly weights in the scenario)" : d.Name;
        lines.Add(d.PeakToMean is double peak && peak > 1
            ? $"Daily shape: {shape}; {BusiestHours(d)} {Number(peak, "0.00")} × the day's mean hourly rate."
            : $"Daily shape: {shape}; every hour carries the same rate.");
        lines.Add("Arrivals: " + w.Arrivals.Process switch
        {
            "trace" => "the trace's own arrival times, scaled.",
            "gamma" => $"gamma, coefficient of variation of the gaps {Number(w.Arrivals.Cv, "0.###")} (Poisson's is 1; higher is burstier).",
            "poisson" => "Poisson (independent arrivals around the daily shape).",
            string other => other + ".",
        });
        if (w.Trace is { RequestsPerDay: double own } && own > 0)
        {
            string Pace(VolumeMonthSection m) => Number(m.RequestsPerWeekday / own, "0.00") + " ×";
            string horizon = v.HorizonMonth.Month != v.FirstMonth.Month ? $" and {Pace(v.HorizonMonth)} in month {v.HorizonMonth.Month.ToString(C)}" : "";
            string day = v.WeekendFactor == 1 ? "each day" : "a weekday";
            lines.Add($"Pace: {day} replays the trace at {Pace(v.FirstMonth)} its own rate in month 1{horizon}.");
        }
        return lines;
    }

    /// <summary>The request classes with their token counts as written and drawn means, and the average request; null when a trace is replayed (its own counts are used).</summary>
    public static TextTable? ClassTable(SummaryDocument s)
    {
        WorkloadSection w = s.Workload!;
        if (w.Trace is not null)
        {
            return null;
        }
        var rows = w.Classes.Select(c => (IReadOnlyList<string>)
        [
            c.Name, Fmt.Percent(c.Share), Written(c.InputTokens), Written(c.OutputTokens),
            Count(c.InputTokens.MeanTokens), Count(c.OutputTokens.MeanTokens), Fmt.Percent(c.CachedPrefixFraction),
        ]).ToList();
        if (w.Classes.Count > 1)
        {
            // The share of all input tokens that is a cached prefix: each class's prefix weighted by its input tokens.
            double? cached = w.MeanInputTokens is double mean && mean > 0
                ? w.Classes.Sum(c => c.Share * c.CachedPrefixFraction * (c.InputTokens.MeanTokens ?? double.NaN)) / mean
                : null;
            rows.Add(["average request", Fmt.Percent(w.Classes.Sum(c => c.Share)), "", "", Count(w.MeanInputTokens), Count(w.MeanOutputTokens), cached is double x ? Fmt.Percent(x) : "n/a"]);
        }
        return TextTable.Of(
            [("class", false), ("share", true), ("input tokens", false), ("output tokens", false), ("mean input", true), ("mean output", true), ("cached prefix", true)],
            rows);
    }

    /// <summary>What the class table's means are.</summary>
    public static string ClassNote(SummaryDocument s) =>
        "Token counts as the scenario writes them; means are of the counts drawn (a lognormal's rounded to whole tokens and clamped to its min and max). "
        + "Cached prefix: the share of each prompt that is a reused prefix, billed at the cached-input price by APIs and skipped by prefix caching on GPUs"
        + (s.Workload!.Classes.Count > 1 ? "; for the average request, the share of all input tokens." : ".");

    private static string Growth(VolumeSection v)
    {
        GrowthSection g = v.Growth;
        string text = g.PerMonth is { Count: > 0 } rates
            ? $"{string.Join(", ", rates.Select(Rate))} going into months 2 to {(rates.Count + 1).ToString(C)}, then {Rate(rates[^1])} a month"
            : g.MonthlyRate is double r && r != 0 ? $"{Rate(r)} a month, compounding" : "none";
        if (v.HorizonMonth.Month != v.FirstMonth.Month && v.FirstMonth.RequestsPerDay is double first && first > 0 && v.HorizonMonth.RequestsPerDay is double last)
        {
            text += $" (month {v.HorizonMonth.Month.ToString(C)}'s daily volume is {Number(last / first, "#,##0.00")} × month 1's)";
        }
        return text + ".";
    }

    /// <summary>A distribution with the keys and figures the scenario writes it with.</summary>
    private static string Written(TokenDistributionSection d) => d.Distribution switch
    {
        "fixed" => $"fixed: {Count(d.Tokens)}",
        "lognormal" when d.Mean is not null => $"lognormal: mean {Figure(d.Mean)}, sd {Figure(d.Sd)}, min {Count(d.Min)}, max {Count(d.Max)}",
        "lognormal" => $"lognormal: median {Figure(d.Median)}, p95 {Figure(d.P95)}, min {Count(d.Min)}, max {Count(d.Max)}",
        "empirical" => $"empirical: {d.Trace}, column {d.Column} ({Count(d.Rows)} rows)",
        string other => other,
    };

    /// <summary>A span in seconds, with minutes, hours or days beside it from a minute on.</summary>
    private static string Duration(double? seconds)
    {
        if (seconds is not double s)
        {
            return "n/a";
        }
        string text = Number(s, "#,##0.0") + " s";
        return s switch
        {
            >= 2 * 86_400 => $"{text} ({Number(s / 86_400, "#,##0.0")} days)",
            >= 2 * 3_600 => $"{text} ({Number(s / 3_600, "#,##0.0")} h)",
            >= 60 => $"{text} ({Number(s / 60, "#,##0.0")} min)",
            _ => text,
        };
    }

    private static string Rate(double r) => Fmt.Percent(r);

    private static string Factor(double f) => f.ToString("0.###", C);

    /// <summary>A figure the scenario wrote: as written, with thousands separators.</summary>
    private static string Figure(double? v) => Number(v, "#,##0.####");

    private static string Count(double? v) => Fmt.Count(v ?? double.NaN);

    private static string Number(double? v, string format) => Fmt.Number(v ?? double.NaN, format);

    private static string Plural(int n, string one, string many) => $"{n.ToString(C)} {(n == 1 ? one : many)}";
}
