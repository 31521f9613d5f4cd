using System.Text.Json;
using Planner.Core.Decision;
using Planner.Core.FineTuning;
using Planner.Core.Specs;
using Planner.Reports.Formatting;

namespace Planner.Reports.Json;

/// <summary>
/// The summary.json sections of the decision analysis (uncertainty, sensitivity), fine-tuning
/// and price events, built from Core's results with the same rounding rules as the rest:
/// money to the cent, shares to four decimals.
/// </summary>
internal static class DecisionSections
{
    public static UncertaintySection Uncertainty(MonteCarloResult mc) => new(
        mc.Samples,
        mc.Seed,
        mc.DiscountRatePerYear,
        mc.BaselineName,
        [.. mc.Inputs.Select(i => new UncertainInputSection(
            i.Path, i.Label, i.Distribution.Describe(), SnakeCase(i.Effect.ToString()),
            Fmt.Round(i.Distribution.Quantile(0.1), 6), Fmt.Round(i.Distribution.Quantile(0.5), 6), Fmt.Round(i.Distribution.Quantile(0.9), 6)))],
        [.. mc.Options.Select(o =>
        {
            bool baseline = o.Name == mc.BaselineName;
            return new OptionUncertaintySection(
                o.Name,
                [.. o.MonthlyCogsUsd.Select(Usd)],
                Usd(o.TotalCostUsd),
                Usd(o.NpvCostUsd),
                o.NpvSavingsUsd is Band savings ? Usd(savings) : null,
                baseline || o.PaidOffByMonth.Count == 0 ? null : [.. o.PaidOffByMonth.Select(p => Share(p) ?? 0)],
                baseline ? null : Share(o.ProbabilityNeverPaysOff),
                o.MedianBreakEvenMonth,
                Share(o.ProbabilityMeetsSlo) ?? 0,
                Share(o.ProbabilityCheapest) ?? 0);
        })],
        new SurrogateSection(
            mc.Surrogate.DayVolumes.Count,
            [.. mc.Surrogate.DayVolumes.Select(v => Fmt.Round(v, 0) ?? 0)],
            mc.Surrogate.PhysicsInputs,
            mc.Surrogate.SimulatedRequests)
        {
            Checks = mc.Checks.Count == 0 ? null : [.. mc.Checks.Select(c => new SurrogateCheckSection(
                c.Sample, c.Option, Fmt.Round(c.SurrogateTotalCostUsd, 2), Fmt.Round(c.SimulatedTotalCostUsd, 2), Share(c.TotalCostError),
                Share(c.MaxMonthlyCogsError), Share(c.SeedMaxMonthlyCogsError), Share(c.SeedTotalCostError), c.SloVerdictMismatches))],
        })
    {
        FullySimulated = mc.FullySimulated ? true : null,
        SamplesFile = mc.SampleOutcomes.Count > 0 ? Csv.SamplesCsvWriter.FileName : null,
    };

    public static SensitivitySection Sensitivity(TornadoResult t) => new(
        t.Option, t.Baseline, Fmt.Round(t.BaseSavingsUsd, 2), t.BaseBreakEvenMonth,
        [.. t.Bars.Select(b => new TornadoBarSection(
            b.Label, b.Path, Fmt.Round(b.LowValue, 6), Fmt.Round(b.HighValue, 6), Fmt.Round(b.SavingsAtLowUsd, 2), Fmt.Round(b.SavingsAtHighUsd, 2),
            b.BreakEvenAtLow, b.BreakEvenAtHigh, Fmt.Round(b.SwingUsd, 2)))]);

    /// <summary>The option's jobs; null when it has none, so the key is left out.</summary>
    public static List<FineTuningJobSection>? FineTuning(IReadOnlyList<FineTuningJobResult> jobs, int horizonMonths) =>
        jobs.Count == 0 ? null : [.. jobs.Select(r => new FineTuningJobSection(
            r.Job.Name, r.Job.Gpu.Name, r.Job.GpuCount, r.Job.Month, Enumerable.Range(1, horizonMonths).Count(r.Job.RunsInMonth), r.Samples,
            Fmt.Round(r.WorkHours, 3), Fmt.Round(r.FailureFreeWallHours, 3), Fmt.Round(r.MeanWallHours, 3), Fmt.Round(r.P90WallHours, 3),
            Fmt.Round(r.MeanLostHours, 3), Fmt.Round(r.MeanFailures, 3), Fmt.Round(r.MeanGpuHours, 2), Fmt.Round(r.MeanCostUsd, 2), Fmt.Round(r.P90CostUsd, 2),
            r.Job.CheckpointIntervalSeconds, Fmt.Round(r.BestCheckpointIntervalSeconds, 1), Fmt.Round(r.BestIntervalExpectedCostUsd, 2),
            r.YoungDalyIntervalSeconds is double yd ? Fmt.Round(yd, 1) : null, r.YoungDalyExpectedCostUsd is double yc ? Fmt.Round(yc, 2) : null)
        {
            EveryMonths = r.Job.EveryMonths,
        })];

    /// <summary>The scenario's price events in their order; null when there are none.</summary>
    public static List<PriceEventSection>? PriceEvents(IReadOnlyList<PriceEventSpec> events, DateOnly startMonth) =>
        events.Count == 0 ? null : [.. events.Select(e => new PriceEventSection(
            e.Name, SnakeCase(e.Target.ToString()), e.Month, Fmt.Month(startMonth.AddMonths(e.Month - 1)), e.Options)
        {
            Change = e.Change is double c ? Fmt.Round(c, 6) : null,
            ChangePerYear = e.ChangePerYear is double y ? Fmt.Round(y, 6) : null,
            Reservation = e.Reservation is { } r ? new ReservationSection(r.Gpus, r.PricePerGpuHourUsd, r.TermMonths) : null,
        })];

    private static BandSection Usd(Band b) => new(Fmt.Round(b.P10, 2), Fmt.Round(b.P50, 2), Fmt.Round(b.P90, 2), Fmt.Round(b.Mean, 2));

    private static double? Share(double v) => Fmt.Round(v, 4);

    private static string SnakeCase(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
