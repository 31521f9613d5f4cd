using Planner.Scenarios.Yaml;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Bounds on inputs the format would otherwise only ask to be positive. Each is far beyond any
/// business Planner is meant for, and each keeps the simulation finite: dates that cannot leave
/// the calendar, traffic and fleets the engine can hold, money whose totals stay finite, times
/// and rates that cannot make the engine take infinitely many steps. They apply to scenarios and
/// catalogs alike and are listed in scenarios/README.md ("Limits").
/// </summary>
internal static class Plausible
{
    /// <summary>The first month a projection may start in.</summary>
    public static DateOnly FirstStartMonth { get; } = new(2000, 1, 1);

    /// <summary>The last month a projection may start in: with the longest horizon it still ends before 2205.</summary>
    public static DateOnly LastStartMonth { get; } = new(2199, 12, 1);

    /// <summary>Requests a day in any month of the horizon, growth included: a billion, the scale of the largest consumer AI products.</summary>
    public const double MaxRequestsPerDay = 1e9;

    /// <summary>
    /// Requests a day in any month: one every hundred days. Traffic that shrinks towards zero would
    /// otherwise make the cost per request overflow.
    /// </summary>
    public const double MinRequestsPerDay = 0.01;

    /// <summary>Month-over-month growth: above −100% (traffic cannot go negative) and at most +1,000% a month.</summary>
    public static ValueRange GrowthRate { get; } = new(-1, false, 10, true);

    /// <summary>Replicas of one deployment (fixed, at most under an autoscaler, or an on-demand base).</summary>
    public const int MaxReplicas = 1_000;

    /// <summary>Items of one list of fixed costs, one-time costs, fine-tuning jobs or price events.</summary>
    public const int MaxCostItems = 100;

    /// <summary>Request classes of a workload: each has its own token distributions and share.</summary>
    public const int MaxRequestClasses = 100;

    /// <summary>Tokens of one request (input or output): two million, beyond the longest context windows offered; sums over a batch stay in 32 bits.</summary>
    public const int MaxTokensPerRequest = 2_000_000;

    /// <summary>Sequences one replica's engine may run at once.</summary>
    public const int MaxConcurrentSequences = 65_536;

    /// <summary>Engineers (full-time equivalents) behind one fixed cost.</summary>
    public static ValueRange Ftes { get; } = new(0, false, 10_000, true);

    /// <summary>Loaded salary of one engineer a year, USD.</summary>
    public static ValueRange SalaryPerYearUsd { get; } = ValueRange.Between(0, 10_000_000);

    /// <summary>One fixed cost a month, USD.</summary>
    public static ValueRange MonthlyUsd { get; } = ValueRange.Between(0, 1e9);

    /// <summary>One one-time cost, USD.</summary>
    public static ValueRange AmountUsd { get; } = ValueRange.Between(0, 1e12);

    /// <summary>A GPU-hour price, USD.</summary>
    public static ValueRange GpuHourUsd { get; } = ValueRange.Between(0, 1_000);

    /// <summary>An instance-hour price (up to 64 GPUs), USD.</summary>
    public static ValueRange InstanceHourUsd { get; } = ValueRange.Between(0, 64_000);

    /// <summary>A token price per million tokens, USD.</summary>
    public static ValueRange PerMillionTokensUsd { get; } = ValueRange.Between(0, 10_000);

    /// <summary>Revenue per request, USD.</summary>
    public static ValueRange RevenuePerRequestUsd { get; } = ValueRange.Between(0, 1_000);

    /// <summary>A step change of prices: above −100% and at most +10,000%.</summary>
    public static ValueRange PriceChange { get; } = new(-1, false, 100, true);

    /// <summary>A yearly price trend: above −100% and at most +1,000% a year.</summary>
    public static ValueRange PriceChangePerYear { get; } = new(-1, false, 10, true);

    /// <summary>GPUs of a reservation.</summary>
    public const int MaxReservedGpus = 100_000;

    /// <summary>Months a reservation may run.</summary>
    public const int MaxTermMonths = 120;

    /// <summary>An SLO target, milliseconds: up to a day.</summary>
    public static ValueRange SloMs { get; } = new(0, false, 86_400_000, true);

    /// <summary>An API's time to first token (median or p95), milliseconds: 1 ms to ten minutes, so that its lognormal spread stays finite.</summary>
    public static ValueRange ApiTtftMs { get; } = ValueRange.Between(1, 600_000);

    /// <summary>An API's streaming rate, tokens per second.</summary>
    public static ValueRange TokensPerSecond { get; } = ValueRange.Between(0.1, 1_000_000);

    /// <summary>Seconds of a wait, delay or cold start: up to a day.</summary>
    public static ValueRange DelaySeconds { get; } = ValueRange.Between(0, 86_400);

    /// <summary>How often an autoscaler evaluates, seconds: often enough to react, rarely enough that a day is not millions of evaluations.</summary>
    public static ValueRange EvaluationIntervalSeconds { get; } = ValueRange.Between(1, 3_600);

    /// <summary>Billing granularity, seconds: one second to one day.</summary>
    public static ValueRange BillingGranularitySeconds { get; } = ValueRange.Between(1, 86_400);

    /// <summary>Weight loading, GB per second.</summary>
    public static ValueRange WeightLoadGbPerSecond { get; } = ValueRange.Between(0.01, 10_000);

    /// <summary>A client's first back-off after a rate limit, seconds: at least 0.1 s so that a limited request retries a bounded number of times.</summary>
    public static ValueRange InitialBackoffSeconds { get; } = ValueRange.Between(0.1, 3_600);

    /// <summary>Back-off growth per retry.</summary>
    public static ValueRange BackoffMultiplier { get; } = ValueRange.Between(1, 100);

    /// <summary>Longest wait of a rate-limited request before it is rejected, seconds.</summary>
    public static ValueRange MaxWaitSeconds { get; } = ValueRange.Between(0, 3_600);

    /// <summary>Requests (or tokens) per minute of a rate limit: at least one.</summary>
    public static ValueRange PerMinuteLimit { get; } = ValueRange.Between(1, 1e12);

    /// <summary>Mean API outage, minutes: at least six seconds, at most a month.</summary>
    public static ValueRange OutageMinutes { get; } = ValueRange.Between(0.1, 44_640);

    /// <summary>Spot interruptions per replica-hour: at most one a minute.</summary>
    public static ValueRange InterruptionsPerHour { get; } = ValueRange.Between(0, 60);

    /// <summary>Engine overhead per step, milliseconds: up to ten seconds.</summary>
    public static ValueRange StepOverheadMs { get; } = ValueRange.Between(0, 10_000);

    /// <summary>Per-GPU memory kept for activations, GB.</summary>
    public static ValueRange ActivationReserveGb { get; } = ValueRange.Between(0, 10_000);

    /// <summary>Coefficient of variation of gamma inter-arrival times.</summary>
    public static ValueRange ArrivalCv { get; } = ValueRange.Between(0.05, 20);

    /// <summary>One hourly weight of a daily shape (weights are relative).</summary>
    public static ValueRange HourlyWeight { get; } = ValueRange.Between(0, 1e6);

    /// <summary>Token counts of a distribution (median, mean, sd, p95, min, max).</summary>
    public static ValueRange Tokens { get; } = ValueRange.Between(1, MaxTokensPerRequest);

    /// <summary>Tokens of a fine-tuning data set: a quadrillion.</summary>
    public static ValueRange DatasetTokens { get; } = new(0, false, 1e15, true);

    /// <summary>Epochs of a fine-tuning job.</summary>
    public static ValueRange Epochs { get; } = new(0, false, 1_000, true);

    /// <summary>Training throughput, tokens per second.</summary>
    public static ValueRange TrainingTokensPerSecond { get; } = ValueRange.Between(1, 1e9);

    /// <summary>Hardware failures per GPU-hour of a fine-tuning job.</summary>
    public static ValueRange FailuresPerGpuHour { get; } = ValueRange.Between(0, 10);

    /// <summary>Minutes between fine-tuning checkpoints: one minute to a week.</summary>
    public static ValueRange CheckpointIntervalMinutes { get; } = ValueRange.Between(1, 10_080);

    // A model and a GPU, in the catalog or inline.

    /// <summary>Billions of parameters.</summary>
    public static ValueRange ParamsBillion { get; } = ValueRange.Between(0.001, 100_000);

    /// <summary>Layers, heads, head size, hidden size, vocabulary, experts: each below a million but what a model has.</summary>
    public static ValueRange ModelDimension(int max) => ValueRange.Between(1, max);

    /// <summary>GPU memory, GB.</summary>
    public static ValueRange GpuMemoryGb { get; } = ValueRange.Between(1, 100_000);

    /// <summary>GPU memory, interconnect or PCIe bandwidth, GB per second.</summary>
    public static ValueRange BandwidthGbPerSecond { get; } = ValueRange.Between(1, 1e7);

    /// <summary>Dense TFLOPs (or TOPs) of a GPU.</summary>
    public static ValueRange Tflops { get; } = ValueRange.Between(0.1, 1e7);

    /// <summary>A GPU's power, watts.</summary>
    public static ValueRange Watts { get; } = ValueRange.Between(1, 1e6);
}
