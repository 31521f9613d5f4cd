using Planner.Core.Decision;
using Planner.Core.FineTuning;
using Planner.Core.Specs;
using Planner.Reports.Json;

namespace Planner.Reports.Tests;

/// <summary>
/// Hand-built decision-analysis results for <see cref="SampleSummary"/>'s three options: a
/// Monte Carlo with a surrogate check, a tornado of gpu-l4, fine-tuning jobs on two options and
/// three price events, turned into summary sections the way <see cref="SummaryJsonWriter"/> does.
/// </summary>
internal static class DecisionSample
{
    public static readonly GpuSpec H100 = new() { Id = "h100-sxm", Name = "H100 SXM", MemoryGb = 80, HbmBandwidthGbPerSecond = 3350, Bf16DenseTflops = 989 };

    /// <summary>The sample summary with every decision section filled in.</summary>
    public static SummaryDocument Create()
    {
        SummaryDocument s = SampleSummary.Create();
        var fineTuning = FineTuning();
        return s with
        {
            Options = [.. s.Options.Select(o => o with { FineTuning = fineTuning.TryGetValue(o.Name, out var jobs) ? DecisionSections.FineTuning(jobs, SampleSummary.Months) : null })],
            PriceEvents = DecisionSections.PriceEvents(PriceEvents(), new DateOnly(2027, 1, 1)),
            Finance = new FinanceSection(0.1),
            Uncertainty = DecisionSections.Uncertainty(MonteCarlo()),
            Sensitivity = DecisionSections.Sensitivity(Tornado()),
        };
    }

    public static MonteCarloResult MonteCarlo()
    {
        static IReadOnlyList<Band> Fan(Func<int, double> cost, double down, double up) =>
            [.. Enumerable.Range(0, SampleSummary.Months).Select(i =>
            {
                double c = cost(i);
                return new Band(c * (1 - down * (i + 1)), c, c * (1 + up * (i + 1)), c * (1 + (up - down) / 2 * (i + 1)));
            })];
        return new MonteCarloResult
        {
            Samples = 1000,
            Seed = 7,
            DiscountRatePerYear = 0.1,
            BaselineName = "api-mini",
            Inputs =
            [
                Input("workload.volume.growth.monthly_rate", "monthly growth", new DistributionSpec { Kind = DistributionKind.Triangular, Min = 0.1, Mode = 0.2, Max = 0.3 }, InputEffect.Load),
                Input("options[gpu-l4].pricing.per_gpu_hour_usd", "L4 price per GPU-hour", new DistributionSpec { Kind = DistributionKind.Uniform, Min = 0.6, Max = 1.0 }, InputEffect.Cost),
                Input("price_events[api-cut].change", "API price change", new DistributionSpec { Kind = DistributionKind.Discrete, Values = [-0.5, 0], Weights = [0.3, 0.7] }, InputEffect.Cost),
                Input("workload.classes[chat].output_tokens.median", "output tokens <median>", new DistributionSpec { Kind = DistributionKind.Lognormal, LogMean = Math.Log(150), StandardDeviation = 0.2 }, InputEffect.Physics),
            ],
            Options =
            [
                new OptionUncertainty
                {
                    Name = "api-mini",
                    MonthlyCogsUsd = Fan(i => 6000 * Math.Pow(1.2, i), 0.06, 0.09),
                    TotalCostUsd = new Band(51_200, 59_580, 71_900, 60_400),
                    NpvCostUsd = new Band(49_100, 57_150, 69_000, 57_900),
                    ProbabilityMeetsSlo = 0.97,
                    ProbabilityCheapest = 0.31,
                },
                new OptionUncertainty
                {
                    Name = "gpu-l4",
                    MonthlyCogsUsd = Fan(i => 6320 + 255 * i, 0.01, 0.015),
                    TotalCostUsd = new Band(49_900, 51_745, 54_300, 51_900),
                    NpvCostUsd = new Band(47_800, 49_600, 52_100, 49_750),
                    NpvSavingsUsd = new Band(-3_400, 7_550, 19_800, 8_150),
                    PaidOffByMonth = [0, 0.02, 0.15, 0.46, 0.71, 0.83],
                    ProbabilityNeverPaysOff = 0.17,
                    MedianBreakEvenMonth = 5,
                    ProbabilityMeetsSlo = 0.91,
                    ProbabilityCheapest = 0.66,
                },
                new OptionUncertainty
                {
                    Name = "gpu-h100 spot",
                    MonthlyCogsUsd = Fan(i => 10_000 + 100 * i, 0.005, 0.01),
                    TotalCostUsd = new Band(60_900, 61_500, 62_600, 61_600),
                    NpvCostUsd = new Band(58_300, 58_900, 59_950, 59_000),
                    NpvSavingsUsd = new Band(-10_700, -1_750, 10_100, -1_100),
                    PaidOffByMonth = [0, 0, 0, 0, 0.01, 0.04],
                    ProbabilityNeverPaysOff = 0.96,
                    ProbabilityMeetsSlo = 0.0005,
                    ProbabilityCheapest = 0.03,
                },
            ],
            Surrogate = new SurrogateInfo
            {
                DayVolumes = [9000, 10_800, 12_960, 15_552, 18_662.4],
                PhysicsInputs = ["output tokens <median>"],
                SimulatedRequests = 3_456_789,
                BuildSeconds = 12.3456,
                EvaluateSeconds = 0.2104,
            },
            Checks =
            [
                Check(0, "api-mini", 58_900, 59_100, 0.012, 0.015, 0.004, 0),
                Check(0, "gpu-l4", 51_600, 51_500, 0.021, 0.018, -0.006, 1),
                Check(1, "gpu-l4", 52_800, 53_300, 0.033, 0.02, 0.01, 0),
            ],
        };
    }

    public static TornadoResult Tornado() => new()
    {
        Option = "gpu-l4",
        Baseline = "api-mini",
        BaseSavingsUsd = 7_835,
        BaseBreakEvenMonth = 5,
        Bars =
        [
            Bar("monthly growth", "workload.volume.growth.monthly_rate", 0.1447, 0.2553, -2_100, 19_800, null, 4),
            Bar("API price change", "price_events[api-cut].change", -0.5, 0, -9_000, 7_835, null, 5),
            Bar("L4 price per GPU-hour", "options[gpu-l4].pricing.per_gpu_hour_usd", 0.64, 0.96, 10_900, 4_700, 5, 6),
            Bar("output tokens <median>", "workload.classes[chat].output_tokens.median", 115.9, 194.1, 8_600, 9_100, 5, 5),
        ],
    };

    public static IReadOnlyList<PriceEventSpec> PriceEvents() =>
    [
        new() { Name = "API price cut", Target = PriceEventTarget.ApiPrices, Month = 4, Change = -0.3 },
        new() { Name = "GPU price trend", Target = PriceEventTarget.GpuPrices, Month = 1, ChangePerYear = -0.15, Options = ["gpu-l4", "gpu-h100 spot"] },
        new() { Name = "L4 reservation", Target = PriceEventTarget.ReservedCommitment, Month = 2, Options = ["gpu-l4"], Reservation = new ReservedCommitmentSpec { Gpus = 2, PricePerGpuHourUsd = 0.55, TermMonths = 12 } },
    ];

    /// <summary>Fine-tuning results by option: a recurring job whose checkpoints are too far apart, and a one-off job that never fails.</summary>
    public static Dictionary<string, IReadOnlyList<FineTuningJobResult>> FineTuning() => new(StringComparer.Ordinal)
    {
        ["gpu-l4"] =
        [
            new FineTuningJobResult
            {
                Job = Job("support-sft", gpus: 8, failuresPerGpuHour: 0.01, checkpointSeconds: 7200, month: 1, every: 2),
                Samples = 2000, WorkHours = 10.5, FailureFreeWallHours = 10.9, MeanWallHours = 11.8, WallHoursStandardError = 0.02, P90WallHours = 13.1,
                ExpectedWallHoursClosedForm = 11.79, MeanGpuHours = 94.4, MeanCostUsd = 283.2, P90CostUsd = 314.4, MeanLostHours = 0.9, MeanFailures = 0.84,
                BestCheckpointIntervalSeconds = 1800, BestIntervalExpectedCostUsd = 268.5, YoungDalyIntervalSeconds = 1650.4, YoungDalyExpectedCostUsd = 268.9, SearchGridRatio = 1.25,
            },
        ],
        ["gpu-h100 spot"] =
        [
            new FineTuningJobResult
            {
                Job = Job("eval-distill", gpus: 1, failuresPerGpuHour: 0, checkpointSeconds: 3600, month: 2, every: null),
                Samples = 2000, WorkHours = 3, FailureFreeWallHours = 3.05, MeanWallHours = 3.05, WallHoursStandardError = 0, P90WallHours = 3.05,
                ExpectedWallHoursClosedForm = 3.05, MeanGpuHours = 3.05, MeanCostUsd = 9.15, P90CostUsd = 9.15, MeanLostHours = 0, MeanFailures = 0,
                BestCheckpointIntervalSeconds = 3600, BestIntervalExpectedCostUsd = 9.15, YoungDalyIntervalSeconds = null, YoungDalyExpectedCostUsd = null, SearchGridRatio = 1.25,
            },
        ],
    };

    private static FineTuningJobSpec Job(string name, int gpus, double failuresPerGpuHour, double checkpointSeconds, int month, int? every) => new()
    {
        Name = name, DatasetTokens = 2e8, Gpu = H100, GpuCount = gpus, PricePerGpuHourUsd = 3, TokensPerSecond = 5000,
        FailuresPerGpuHour = failuresPerGpuHour, CheckpointIntervalSeconds = checkpointSeconds, CheckpointWriteSeconds = 60, Month = month, EveryMonths = every,
    };

    private static UncertainInputSpec Input(string path, string label, DistributionSpec distribution, InputEffect effect) =>
        new() { Path = path, Label = label, Distribution = distribution, Effect = effect };

    private static SurrogateCheck Check(int sample, string option, double surrogate, double simulated, double monthly, double seedMonthly, double seedTotal, int mismatches) => new()
    {
        Sample = sample, Option = option, SurrogateTotalCostUsd = surrogate, SimulatedTotalCostUsd = simulated, MaxMonthlyCogsError = monthly,
        SeedMaxMonthlyCogsError = seedMonthly, SeedTotalCostError = seedTotal, SloVerdictMismatches = mismatches,
    };

    private static TornadoBar Bar(string label, string path, double low, double high, double atLow, double atHigh, int? breakEvenLow, int? breakEvenHigh) => new()
    {
        Label = label, Path = path, LowValue = low, HighValue = high, SavingsAtLowUsd = atLow, SavingsAtHighUsd = atHigh, BreakEvenAtLow = breakEvenLow, BreakEvenAtHigh = breakEvenHigh,
    };
}
