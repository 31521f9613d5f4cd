using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Reports;

namespace Planner.Cli.Tests;

/// <summary>
/// A report with every decision section, written from a synthetic <see cref="RunReport"/>: a
/// quick projection of API options with a fine-tuning job and price events, plus hand-made Monte
/// Carlo and tornado results, so the browser test needs no decision-analysis run.
/// </summary>
internal static class DecisionReport
{
    private static readonly GpuSpec H100 = new() { Id = "h100-sxm", Name = "H100 SXM", MemoryGb = 80, HbmBandwidthGbPerSecond = 3350, Bf16DenseTflops = 989 };

    /// <summary>Writes report.html and the rest (no PDF) into <paramref name="folder"/> and returns the report.</summary>
    public static RunReport WriteInto(string folder)
    {
        RunReport report = Create();
        ReportSet.WriteAll(report, folder, new ReportSetOptions { Pdf = false });
        return report;
    }

    public static RunReport Create()
    {
        const int months = 12;
        ApiOptionSpec Api(string name, double input, IReadOnlyList<FineTuningJobSpec> jobs) => new()
        {
            Name = name, Model = name, PricePerMillionInputTokensUsd = input, PricePerMillionOutputTokensUsd = 4 * input, PricePerMillionCachedInputTokensUsd = input / 2,
            Latency = new ApiLatencySpec { TtftMedianMs = 300, TtftP95Ms = 700, OutputTokensPerSecond = 60 },
            FineTuningJobs = jobs,
        };
        var scenario = new ScenarioSpec
        {
            Name = "decision-browser",
            StartMonth = new DateOnly(2027, 1, 1),
            HorizonMonths = months,
            Seed = 4,
            Workload = new WorkloadSpec
            {
                Classes = [new RequestClassSpec { Name = "chat", Share = 1, InputTokens = new FixedTokens(400), OutputTokens = new FixedTokens(80) }],
                Volume = new VolumeSpec { RequestsPerDayMonth1 = 800, MonthlyGrowthRates = [0.2] },
                HourlyWeights = Enumerable.Repeat(1.0, 24).ToArray(),
            },
            Slo = new SloSpec { TtftP95Ms = 1500 },
            Options =
            [
                Api("frontier-api-with-a-long-name", 2, []),
                Api("fine-tuned-small-model-api", 0.4,
                [
                    new FineTuningJobSpec
                    {
                        Name = "customer-support-supervised-fine-tune", DatasetTokens = 2e8, Gpu = H100, GpuCount = 8, PricePerGpuHourUsd = 3, TokensPerSecond = 5000,
                        FailuresPerGpuHour = 0.01, CheckpointIntervalSeconds = 7200, CheckpointWriteSeconds = 90, Month = 1, EveryMonths = 3,
                    },
                ]),
                Api("mid-tier-api", 0.8, []),
            ],
            PriceEvents =
            [
                new PriceEventSpec { Name = "frontier price cut expected after the next model launch", Target = PriceEventTarget.ApiPrices, Month = 6, Change = -0.4, Options = ["frontier-api-with-a-long-name"] },
                new PriceEventSpec { Name = "yearly API price decline", Target = PriceEventTarget.ApiPrices, Month = 1, ChangePerYear = -0.2 },
            ],
        };
        ProjectionResult projection = new Projector().Run(scenario);
        string baseline = projection.BaselineName;
        UncertainInputSpec Input(string path, string label, double min, double mode, double max, InputEffect effect) => new()
        {
            Path = path, Label = label, Effect = effect,
            Distribution = new DistributionSpec { Kind = DistributionKind.Triangular, Min = min, Mode = mode, Max = max },
        };
        List<UncertainInputSpec> inputs =
        [
            Input("workload.volume.growth.monthly_rate", "monthly traffic growth rate", 0.1, 0.2, 0.35, InputEffect.Load),
            Input("options[frontier-api-with-a-long-name].input_per_million_usd", "frontier API input token price", 1.5, 2, 2.5, InputEffect.Cost),
            Input("price_events[frontier price cut expected after the next model launch].change", "size of the expected frontier price cut", -0.6, -0.4, 0, InputEffect.Cost),
            Input("workload.classes[chat].output_tokens", "output tokens per chat request", 60, 80, 140, InputEffect.Physics),
        ];
        var monteCarlo = new MonteCarloResult
        {
            Samples = 2000,
            Seed = 11,
            DiscountRatePerYear = 0.12,
            BaselineName = baseline,
            Inputs = inputs,
            Options = [.. projection.Options.Select((o, k) => new OptionUncertainty
            {
                Name = o.Name,
                MonthlyCogsUsd = [.. o.Months.Select((m, i) => new Band(m.Cost.CogsUsd * (1 - 0.02 * i), m.Cost.CogsUsd, m.Cost.CogsUsd * (1 + 0.04 * i), m.Cost.CogsUsd * (1 + 0.01 * i)))],
                TotalCostUsd = new Band(o.TotalCostUsd * 0.85, o.TotalCostUsd, o.TotalCostUsd * 1.3, o.TotalCostUsd * 1.05),
                NpvCostUsd = new Band(o.TotalCostUsd * 0.8, o.TotalCostUsd * 0.95, o.TotalCostUsd * 1.2, o.TotalCostUsd),
                NpvSavingsUsd = o.Name == baseline ? null : new Band(-1_234_567, 45_678, 2_345_678, 60_000),
                PaidOffByMonth = o.Name == baseline ? [] : [.. Enumerable.Range(1, months).Select(m => Math.Min(1, m * (0.05 + 0.02 * k)))],
                ProbabilityNeverPaysOff = o.Name == baseline ? 0 : 0.2,
                MedianBreakEvenMonth = o.Name == baseline ? null : 7,
                ProbabilityMeetsSlo = 0.95,
                ProbabilityCheapest = 1.0 / projection.Options.Count,
            })],
            Surrogate = new SurrogateInfo { DayVolumes = [600, 720, 864, 1037, 1244, 1493], PhysicsInputs = ["output tokens per chat request"], SimulatedRequests = 2_345_678, BuildSeconds = 21.5, EvaluateSeconds = 0.4 },
            Checks = [.. projection.Options.Select(o => new SurrogateCheck
            {
                Sample = 0, Option = o.Name, SurrogateTotalCostUsd = o.TotalCostUsd * 1.01, SimulatedTotalCostUsd = o.TotalCostUsd,
                MaxMonthlyCogsError = 0.03, SeedMaxMonthlyCogsError = 0.02, SeedTotalCostError = 0.004, SloVerdictMismatches = 0,
            })],
        };
        string option = projection.Options.First(o => o.Name != baseline).Name;
        var tornado = new TornadoResult
        {
            Option = option,
            Baseline = baseline,
            BaseSavingsUsd = 45_678,
            BaseBreakEvenMonth = 7,
            Bars = [.. inputs.Select((input, i) => new TornadoBar
            {
                Label = input.Label, Path = input.Path, LowValue = input.Distribution.Quantile(0.1), HighValue = input.Distribution.Quantile(0.9),
                SavingsAtLowUsd = 45_678 - 400_000.0 / (i + 1), SavingsAtHighUsd = 45_678 + 900_000.0 / (i + 1), BreakEvenAtLow = null, BreakEvenAtHigh = 3 + i,
            })],
        };
        return new RunReport { Projection = projection, ScenarioPath = "scenarios/decision-browser.yaml", MonteCarlo = monteCarlo, Tornado = tornado };
    }
}
