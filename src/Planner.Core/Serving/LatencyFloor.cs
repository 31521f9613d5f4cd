using Planner.Core.Optimization;
using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// The fastest a fleet's replicas can answer the scenario's requests: each request alone on an idle,
/// warm replica (no queue, no other sequence in its batch, no cold start), its prompt prefilled in the
/// engine's chunks and its output decoded one token a step, with the replica's own step times. A
/// request in the simulation is never faster than this, since a queue, a shared batch or a cold start
/// only adds time; so a month's percentiles sit at or above the floor's, within what the latency
/// histograms resolve (1%) and the sampling of the month's own requests (a replayed trace's stretch
/// may hold shorter requests than its whole), and where a floor is above the SLO's target by more
/// than that, no fleet size, autoscaler or router meets it, at any traffic. The percentiles are those
/// the SLO takes (p95 time to first token, p95 time per output token, p99 end-to-end), over requests
/// drawn from the scenario's mix of classes (or
/// its trace, rows drawn at random; those a replica refuses, longer than the model's context or its
/// whole KV cache, left out as the simulation leaves them out), each taken at a lower 99% confidence
/// bound of the quantile so that sampling does not raise a floor.
/// </summary>
/// <param name="TtftP95Ms">p95 of the time to first token: the prompt's prefill steps.</param>
/// <param name="TpotP95Ms">p95 of the time per output token after the first (requests of two output tokens or more).</param>
/// <param name="E2eP99Ms">p99 of the end-to-end latency: prefill, then one decode step per further output token.</param>
/// <param name="Requests">How many requests were drawn.</param>
/// <param name="AboveSlo">Whether a floor is above its SLO target by more than the latency histograms resolve (<see cref="Above"/>): then no month can meet the SLO, whatever the fleet.</param>
public sealed record LatencyFloor(double TtftP95Ms, double TpotP95Ms, double E2eP99Ms, int Requests, bool AboveSlo)
{
    /// <summary>Requests drawn: the p99's lower 99% bound then sits within about 0.2 percentile points of it.</summary>
    public const int DrawnRequests = 20_000;

    /// <summary>The floor of <paramref name="option"/>'s replicas with step times from <paramref name="profile"/>, for the requests of <paramref name="workload"/>, against <paramref name="slo"/>.</summary>
    public static LatencyFloor Of(WorkloadSpec workload, SelfHostedOptionSpec option, IPerformanceProfile profile, SloSpec slo, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(profile);
        WorkloadSample sample = WorkloadSample.Draw(workload, SeedSequence.Derive(seed, 0x1A7E_F100), DrawnRequests);
        long kvCapacity = KvCapacity(option);
        var ttft = new List<double>(sample.Count);
        var tpot = new List<double>(sample.Count);
        var e2e = new List<double>(sample.Count);
        for (int i = 0; i < sample.Count; i++)
        {
            int input = sample.PromptTokens[i], output = sample.OutputTokens[i];
            if (!Serves(option, kvCapacity, input, output))
            {
                continue;
            }
            (double first, double whole) = Alone(option.Engine, profile, input, output, sample.CachedTokens[i]);
            ttft.Add(first);
            e2e.Add(whole);
            if (output > 1)
            {
                tpot.Add((whole - first) / (output - 1));
            }
        }
        double ttftMs = LowerQuantile(ttft, 0.95) * 1000, tpotMs = LowerQuantile(tpot, 0.95) * 1000, e2eMs = LowerQuantile(e2e, 0.99) * 1000;
        bool above = Above(ttftMs, slo.TtftP95Ms) || Above(tpotMs, slo.TpotP95Ms) || Above(e2eMs, slo.E2eP99Ms);
        return new LatencyFloor(ttftMs, tpotMs, e2eMs, DrawnRequests, above);
    }

    /// <summary>A replica's KV cache in tokens (0 where the model does not fit), for <see cref="Serves"/>.</summary>
    public static long KvCapacity(SelfHostedOptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var footprint = ReplicaFootprint.Compute(option.Model, option.Gpu, option.GpusPerReplica, option.Engine);
        return footprint.Fits ? footprint.KvCapacityTokens : 0;
    }

    /// <summary>
    /// Whether the fleet serves a request of these lengths at all: one longer than the model's context
    /// or a replica's whole KV cache (<paramref name="kvCapacity"/>) is refused at once
    /// (ServingFleet.Submit), and one within half a block of the whole cache is never admitted to
    /// finish; neither has a latency to count.
    /// </summary>
    public static bool Serves(SelfHostedOptionSpec option, long kvCapacity, int input, int output)
    {
        ArgumentNullException.ThrowIfNull(option);
        return (long)input + output <= (option.Model.MaxContextTokens ?? long.MaxValue)
            && input + output + ReplicaFootprint.BlockTokens / 2.0 <= kvCapacity;
    }

    /// <summary>
    /// Whether a floor is above its target by more than a month's percentile can read low: the
    /// latency histograms resolve <see cref="Metrics.LatencyHistogram.RelativeAccuracy"/>, so a month
    /// whose true percentile sits at the floor may read that much under it.
    /// </summary>
    public static bool Above(double floorMs, double? targetMs) =>
        targetMs is double target && floorMs * (1 - Metrics.LatencyHistogram.RelativeAccuracy) > target;

    /// <summary>
    /// One request alone on a replica, as <see cref="BatchScheduler"/> runs it: the uncached prompt in
    /// chunks of the step's token budget (whole without chunked prefill), the first token at the end
    /// of the last, then a decode step per further token at a context growing from the prompt, timed
    /// as the engine times a run of decode steps (the mean of its first and last step).
    /// </summary>
    internal static (double FirstTokenSeconds, double EndToEndSeconds) Alone(ServingEngineSpec engine, IPerformanceProfile profile, int input, int output, int cached)
    {
        double first = PrefillSeconds(engine, profile, input, cached, out _);
        double seconds = first;
        int steps = output - 1;
        if (steps > 0)
        {
            double firstStep = profile.StepSeconds(new StepShape(0, 0, 1, input + 1L));
            double lastStep = steps > 1 ? profile.StepSeconds(new StepShape(0, 0, 1, (long)input + steps)) : firstStep;
            seconds += steps * (firstStep + lastStep) / 2;
        }
        return (first, seconds);
    }

    /// <summary>
    /// A prompt's prefill alone on a replica: its uncached tokens (<paramref name="uncached"/>) in
    /// chunks of the step's token budget, or whole without chunked prefill, each chunk a step with
    /// the attention pairs it forms against the context before it and itself.
    /// </summary>
    public static double PrefillSeconds(ServingEngineSpec engine, IPerformanceProfile profile, int input, int cached, out int uncached)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(profile);
        int prefilled = engine.PrefixCaching ? Math.Min(cached, input - 1) : 0;
        uncached = input - prefilled;
        double seconds = 0;
        int budget = Math.Max(1, engine.MaxBatchedTokens);
        while (prefilled < input)
        {
            int chunk = engine.ChunkedPrefill ? Math.Min(input - prefilled, budget) : input - prefilled;
            long pairs = (long)chunk * prefilled + (long)chunk * (chunk + 1) / 2;
            seconds += profile.StepSeconds(new StepShape(chunk, pairs, 0, 0));
            prefilled += chunk;
        }
        return seconds;
    }

    /// <summary>
    /// The <paramref name="p"/> quantile's lower 99% confidence bound: the order statistic below
    /// n·p by 2.33 binomial standard deviations (0 when there are no values).
    /// </summary>
    internal static double LowerQuantile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        values.Sort();
        int n = values.Count;
        double rank = n * p - 2.3263478740408408 * Math.Sqrt(n * p * (1 - p));
        return values[Math.Clamp((int)Math.Floor(rank) - 1, 0, n - 1)];
    }
}
