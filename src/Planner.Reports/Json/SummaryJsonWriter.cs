using System.Text.Encodings.Web;
using System.Text.Json;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Reports.Formatting;

namespace Planner.Reports.Json;

/// <summary>Builds and serialises summary.json: snake_case, invariant, byte-identical for the same run.</summary>
public static class SummaryJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(SummaryDocument summary) => JsonSerializer.Serialize(summary, Options) + "\n";

    public static SummaryDocument Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ProjectionResult p = report.Projection;
        ScenarioSpec s = p.Scenario;
        var options = p.Options.Select(o => new OptionSection(
            o.Name, o.Option.Kind, o.PerformanceSource, Fmt.Round(o.TotalCostUsd, 2), o.MeetsSloThroughout,
            Months(o, s.RevenuePerRequestUsd))).ToList();
        var breakEven = p.BreakEven.Select(b => new BreakEvenSection(
            b.Option, b.Baseline, b.Month, b.CalendarMonth is DateOnly d ? Fmt.Month(d) : null,
            b.CrossoverRequestsPerDay is double v ? Fmt.Round(v, 0) : null,
            SnakeCase(b.Crossover.ToString()), Fmt.Round(b.SavingsAtHorizonUsd, 2))).ToList();
        var assumptions = s.Sources.Select(a => new AssumptionSection(a.Path, a.Value, a.Source, a.AsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.IsStale)).ToList();
        return new SummaryDocument(
            report.PlannerVersion,
            new ScenarioSection(s.Name, s.Description, report.ScenarioPath.Replace('\\', '/'), Fmt.Month(s.StartMonth), s.HorizonMonths, s.Currency,
                s.Slo.TtftP95Ms, s.Slo.TpotP95Ms, s.Slo.E2eP99Ms, s.RevenuePerRequestUsd),
            s.Seed,
            p.BaselineName,
            new RecommendationSection(p.Recommendation.OptionName, p.Recommendation.Text),
            options,
            breakEven,
            assumptions,
            report.Warnings,
            new SimulationSection(p.SimulatedRequests, p.SimulatedEvents, s.Simulation.MaxRequestsPerDay, s.Simulation.MinSegmentSeconds, s.Simulation.WarmUpSeconds));
    }

    private static List<MonthSection> Months(OptionProjection o, double? revenuePerRequest)
    {
        IReadOnlyList<double> cumulative = o.CumulativeCostUsd();
        var list = new List<MonthSection>(o.Months.Count);
        for (int i = 0; i < o.Months.Count; i++)
        {
            MonthlyOutcome m = o.Months[i];
            double? revenue = revenuePerRequest is double r ? m.RequestsServed * r : null;
            double? margin = revenue is double rev && rev > 0 ? (rev - m.Cost.CogsUsd) / rev : null;
            list.Add(new MonthSection(
                m.Month, Fmt.Month(m.CalendarMonth), Fmt.Round(m.RequestsPerDay, 0), Fmt.Round(m.Requests, 0), Fmt.Round(m.RequestsServed, 0),
                Fmt.Round(m.RequestsRejected, 0), Fmt.Round(m.Backoffs, 0),
                Fmt.Round(m.InputTokens, 0), Fmt.Round(m.CachedInputTokens, 0), Fmt.Round(m.OutputTokens, 0),
                Fmt.Round(m.Cost.CogsUsd, 2),
                new CostBreakdownSection(Fmt.Round(m.Cost.GpuServingUsd, 2), Fmt.Round(m.Cost.GpuIdleUsd, 2), Fmt.Round(m.Cost.GpuColdStartUsd, 2),
                    Fmt.Round(m.Cost.ApiTokensUsd, 2), Fmt.Round(m.Cost.FixedUsd, 2), Fmt.Round(m.Cost.OneTimeUsd, 2)),
                Fmt.Round(cumulative[i], 2), Fmt.Round(m.CostPerThousandRequestsUsd, 4), Fmt.Round(m.CostPerMillionTokensUsd, 4),
                revenue is double rv ? Fmt.Round(rv, 2) : null, margin is double g ? Fmt.Round(g, 4) : null,
                Fmt.Round(m.TtftP50Ms, 1), Fmt.Round(m.TtftP95Ms, 1), Fmt.Round(m.TpotP95Ms, 2), Fmt.Round(m.E2eP50Ms, 1), Fmt.Round(m.E2eP99Ms, 1),
                Fmt.Round(m.SloAttainment, 4), m.SloMet,
                Fmt.Round(m.GpuHours, 1), Fmt.Round(m.MeanReplicas, 2), Fmt.Round(m.PeakReplicas, 0), Fmt.Round(m.Utilization, 4), Fmt.Round(m.ColdStarts, 0)));
        }
        return list;
    }

    private static string SnakeCase(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
