using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Reports.Formatting;

namespace Planner.Reports.Json;

/// <summary>
/// Builds summary.json's <c>workload</c> block from the scenario alone (no file is read: a replayed
/// trace's figures come from the rows the scenario loader kept), so that every report states the
/// traffic its figures rest on.
/// </summary>
internal static class WorkloadSections
{
    /// <summary>Decimals of a token mean, a rate per second and a time in seconds.</summary>
    private const int TokenDigits = 1;

    public static WorkloadSection Of(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        WorkloadSpec w = scenario.Workload;
        TraceReplaySpec? replay = w.Replay;
        var classes = w.Classes.Select(c => new RequestClassSection(
            c.Name, c.Share, Distribution(c.InputTokens), Distribution(c.OutputTokens), c.CachedPrefixFraction)).ToList();
        double meanInput = replay is null ? w.Classes.Sum(c => c.Share * c.InputTokens.DrawnMeanTokens) : Mean(replay.InputTokens);
        double meanOutput = replay is null ? w.Classes.Sum(c => c.Share * c.OutputTokens.DrawnMeanTokens) : Mean(replay.OutputTokens);
        return new WorkloadSection(
            Volume(scenario), Shape(w), Arrivals(w), classes, Fmt.Round(meanInput, TokenDigits), Fmt.Round(meanOutput, TokenDigits))
        {
            Trace = replay is null ? null : Trace(replay),
        };
    }

    private static VolumeSection Volume(ScenarioSpec scenario)
    {
        VolumeSpec v = scenario.Workload.Volume;
        IReadOnlyList<double> rates = v.MonthlyGrowthRates;
        // The spec keeps a single rate as a one-element list, as `per_month: [r]` would: both mean r every month.
        GrowthSection growth = rates.Count == 1 ? new GrowthSection { MonthlyRate = rates[0] } : new GrowthSection { PerMonth = [.. rates] };
        return new VolumeSection(
            v.Basis == VolumeBasis.Weekday ? "weekday" : "calendar_day", scenario.Workload.WeekendFactor, growth,
            Month(scenario, 0), Month(scenario, scenario.HorizonMonths - 1));
    }

    private static VolumeMonthSection Month(ScenarioSpec scenario, int monthIndex)
    {
        double perDay = scenario.Workload.Volume.RequestsPerDay(monthIndex);
        (double weekday, double weekend) = MonthWindowPlanner.DayVolumes(scenario.Workload, perDay);
        return new VolumeMonthSection(
            monthIndex + 1, Fmt.Month(scenario.StartMonth.AddMonths(monthIndex)), Fmt.Round(perDay, 0), Fmt.Round(weekday, 0), Fmt.Round(weekend, 0),
            Fmt.Round(MonthWindowPlanner.MonthRequests(scenario, monthIndex), 0));
    }

    private static DailyShapeSection Shape(WorkloadSpec w)
    {
        IReadOnlyList<double> weights = w.HourlyWeights;
        int peakHour = 0;
        for (int hour = 1; hour < weights.Count; hour++)
        {
            if (weights[hour] > weights[peakHour])
            {
                peakHour = hour;
            }
        }
        // The loader scales the weights to average 1; dividing by their mean keeps the ratio right for any other spec.
        double mean = weights.Average();
        return new DailyShapeSection(w.DailyShapeName ?? "custom", Fmt.Round(weights[peakHour] / mean, 4), peakHour, [.. weights.Select(x => Fmt.Round(x, 4) ?? 0)]);
    }

    private static ArrivalsSection Arrivals(WorkloadSpec w) => w.Replay is not null
        ? new ArrivalsSection("trace")
        : w.Arrivals.Kind == ArrivalProcessKind.Gamma
            ? new ArrivalsSection("gamma") { Cv = w.Arrivals.CoefficientOfVariation }
            : new ArrivalsSection("poisson");

    private static TokenDistributionSection Distribution(TokenDistributionSpec d)
    {
        TokenDistributionSection section = d switch
        {
            FixedTokens f => new TokenDistributionSection("fixed") { Tokens = f.Tokens },
            LognormalTokens l when l.Quote == LognormalQuote.MeanAndStandardDeviation => new TokenDistributionSection("lognormal")
            {
                Mean = Written(l.MeanTokens), Sd = Written(l.StandardDeviationTokens), Min = l.MinTokens, Max = l.MaxTokens,
            },
            LognormalTokens l => new TokenDistributionSection("lognormal")
            {
                Median = Written(l.MedianTokens), P95 = Written(l.P95Tokens), Min = l.MinTokens, Max = l.MaxTokens,
            },
            EmpiricalTokens e => new TokenDistributionSection("empirical") { Trace = e.Trace ?? e.Source, Column = e.Column, Rows = e.Values.Count, Credit = e.Credit },
            _ => new TokenDistributionSection(d.GetType().Name),
        };
        return section with { MeanTokens = Fmt.Round(d.DrawnMeanTokens, TokenDigits) };
    }

    /// <summary>
    /// A figure the scenario wrote, recovered from μ and σ: exp and log leave a few units in the
    /// last binary place (900.0000000000001), which the rounding takes away.
    /// </summary>
    private static double? Written(double v) => Fmt.Round(v, 4);

    private static TraceSection Trace(TraceReplaySpec t)
    {
        int rows = t.OffsetSeconds.Count;
        // The arrival stream replays rows / span requests a second before scaling (ArrivalStream).
        double perSecond = rows / t.DurationSeconds;
        return new TraceSection(
            t.Source, rows, Fmt.Round(t.DurationSeconds, 3), Fmt.Round(rows > 0 ? t.OffsetSeconds[^1] : double.NaN, 3), Fmt.Round(perSecond, 4), Fmt.Round(perSecond * 86_400, 0),
            Fmt.Round(Mean(t.InputTokens), TokenDigits), Fmt.Round(Mean(t.OutputTokens), TokenDigits)) { Credit = t.Credit };
    }

    private static double Mean(IReadOnlyList<int> values) => values.Count == 0 ? double.NaN : values.Average();
}
