using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Optimization;

/// <summary>
/// Roofline bounds of a configuration (see <see cref="CandidateBound"/>) and the lower bound on
/// its monthly GPU cost that the search uses to skip simulations.
/// </summary>
public static class CandidateBounds
{
    /// <summary>
    /// The autoscaler adds replicas when in-flight requests per replica exceed its target, so a
    /// replica runs at most about the target's batch; scale-up delay and cold starts let the
    /// fleet lag that for a while, hence the allowance.
    /// </summary>
    public const double TargetAllowance = 0.9;

    /// <summary>Bounds of <paramref name="option"/> over the sampled requests, from <paramref name="profile"/>.</summary>
    public static CandidateBound Compute(SelfHostedOptionSpec option, IPerformanceProfile profile, WorkloadSample sample)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(sample);
        ServingEngineSpec engine = option.Engine;
        int budget = Math.Max(1, engine.MaxBatchedTokens);
        // Requests the fleet refuses (longer than the model's context or a replica's KV cache) have no
        // latency in the simulation, as in the latency floor; only where it would refuse them all do
        // they stand in, so that such a configuration is bounded rather than left without a bound.
        long kvCapacity = LatencyFloor.KvCapacity(option);
        int[] served = [.. Enumerable.Range(0, sample.Count).Where(i => LatencyFloor.Serves(option, kvCapacity, sample.PromptTokens[i], sample.OutputTokens[i]))];
        if (served.Length == 0)
        {
            served = [.. Enumerable.Range(0, sample.Count)];
        }
        int n = served.Length;
        var ttft = new double[n];
        var tpot = new List<double>(n);
        var e2e = new double[n];
        double uncached = 0, output = 0, context = 0, meanE2e = 0;
        for (int i = 0; i < n; i++)
        {
            int prompt = sample.PromptTokens[served[i]];
            int outTokens = sample.OutputTokens[served[i]];
            double prefill = LatencyFloor.PrefillSeconds(engine, profile, prompt, sample.CachedTokens[served[i]], out int fresh);
            uncached += fresh;
            double step = profile.StepSeconds(new StepShape(0, 0, 1, prompt));
            ttft[i] = prefill;
            e2e[i] = prefill + (outTokens - 1) * step;
            if (outTokens > 1)
            {
                tpot.Add(step);
            }
            output += outTokens;
            context += prompt + outTokens / 2.0;
            meanE2e += e2e[i];
        }
        uncached /= n;
        output /= n;
        context /= n;
        meanE2e /= n;

        var footprint = ReplicaFootprint.Compute(option.Model, option.Gpu, option.GpusPerReplica, engine);
        int batch = (int)Math.Clamp(Math.Floor(footprint.KvCapacityTokens / Math.Max(1, context)), 1, Math.Max(1, engine.MaxConcurrentSequences));
        // Each kind of work has a floor of its own: prefill tokens at the largest step, decode
        // tokens at the largest batch, and every token at the cheapest per-token step shape.
        double perPrefillToken = profile.StepSeconds(new StepShape(budget, 0, 0, 0)) / budget;
        double perDecodeToken = profile.StepSeconds(new StepShape(0, 0, batch, 0)) / batch;
        double perAnyToken = Math.Min(perPrefillToken, profile.StepSeconds(new StepShape(0, 0, budget, 0)) / budget);
        double work = Math.Max(Math.Max(uncached * perPrefillToken, output * perDecodeToken), (uncached + output) * perAnyToken);

        // Steady state at the concurrency the autoscaler aims for: each step decodes that many
        // sequences and prefills new prompts in the same proportion as requests need them.
        int aimed = option.Autoscaler is { Metric: AutoscalerMetric.Concurrency } a
            ? (int)Math.Clamp(Math.Ceiling(a.TargetValue), 1, batch)
            : batch;
        double meanPrompt = served.Average(i => sample.PromptTokens[i]);
        double prefillPerStep = output > 0 ? Math.Min(aimed * uncached / output, Math.Max(0, budget - aimed)) : 0;
        double steadyStep = profile.StepSeconds(new StepShape(
            (int)Math.Round(prefillPerStep), (long)(prefillPerStep * meanPrompt / 2), aimed, (long)(aimed * context)));
        double requestsPerStep = uncached > 0
            ? Math.Min(aimed / Math.Max(output, 1), Math.Max(1, budget - aimed) / uncached)
            : aimed / Math.Max(output, 1);
        double atTarget = Math.Max(work, steadyStep / requestsPerStep);

        return new CandidateBound
        {
            TtftP95Ms = Quantile(ttft, 0.95) * 1000,
            TpotP95Ms = tpot.Count > 0 ? Quantile([.. tpot], 0.95) * 1000 : 0,
            E2eP99Ms = Quantile(e2e, 0.99) * 1000,
            MeanE2eSeconds = meanE2e,
            ReplicaSecondsPerRequest = Math.Max(work, 1e-9),
            ReplicaSecondsPerRequestAtTarget = Math.Max(atTarget, 1e-9),
            MaxBatch = batch,
        };
    }

    /// <summary>
    /// Replicas a pool must run, on average over a stretch at <paramref name="requestsPerSecond"/>:
    /// the most of its minimum, the replicas the work needs at full batch, the replicas the work
    /// needs at the batch the autoscaler's concurrency target keeps (a replica running more
    /// sequences than the target is scaled out), and what the target asks for by Little's law
    /// with batch-1 latencies; the last two with <see cref="TargetAllowance"/>.
    /// </summary>
    public static double ReplicasNeeded(SelfHostedOptionSpec option, CandidateBound bound, double requestsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(bound);
        if (option.FixedReplicas is int fixedReplicas)
        {
            return fixedReplicas;
        }
        AutoscalerSpec a = option.Autoscaler!;
        double work = requestsPerSecond * bound.ReplicaSecondsPerRequest;
        double aimed = TargetAllowance * requestsPerSecond * bound.ReplicaSecondsPerRequestAtTarget;
        double little = a.Metric == AutoscalerMetric.Concurrency ? TargetAllowance * requestsPerSecond * bound.MeanE2eSeconds / a.TargetValue : 0;
        return Math.Max(a.MinReplicas, Math.Max(work, Math.Max(aimed, little)));
    }

    /// <summary>
    /// Lower bound on the GPU cost of the simulated month <paramref name="windows"/> stand for:
    /// every measured segment's replicas needed (<see cref="ReplicasNeeded"/>) at the pool's
    /// share of the segment's rate, times its real duration, at the GPU-hour price.
    /// </summary>
    public static double MonthlyGpuUsd(SelfHostedOptionSpec option, CandidateBound bound, IReadOnlyList<SimulationWindow> windows, Func<double, double>? share = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(windows);
        double perReplicaSecond = option.Pricing.PricePerGpuHourUsd * option.GpusPerReplica / 3600.0;
        double replicaSeconds = 0;
        foreach (SimulationWindow w in windows)
        {
            foreach (LoadSegment s in w.Segments)
            {
                if (s.Weight > 0)
                {
                    double rate = share is null ? s.MeanRate : share(s.MeanRate);
                    replicaSeconds += ReplicasNeeded(option, bound, rate) * s.DurationSeconds * s.Weight;
                }
            }
        }
        return replicaSeconds * perReplicaSecond;
    }

    private static double Quantile(double[] values, double q)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        int index = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
