using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Calibration.Validation;

/// <summary>
/// Runs a published setup through the same <see cref="OptionSimulator"/> that <c>planner run</c>
/// uses and reads off the metric the source published.
/// </summary>
public static class ValidationSimulator
{
    /// <summary>
    /// The row's metric as the engine simulates it with <paramref name="engine"/>'s limits and
    /// efficiencies; NaN when the model does not fit or the run cannot finish.
    /// <para>
    /// One replica (one tensor-parallel group) is simulated; its share of the requests arrive
    /// within a microsecond, in order, from a one-row trace replayed at a very high rate (which
    /// spaces arrivals evenly and deterministically) — or from the row's lengths file, read in
    /// order — followed by a long quiet segment in which the replica drains. The replica counts as busy from the first arrival until the last
    /// request finishes, so its busy seconds are the run's makespan.
    /// </para>
    /// </summary>
    public static double Simulate(PublishedMeasurement row, ServingEngineSpec engine, bool ownEngine = false)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(engine);
        if (row.IsOnline)
        {
            return SimulateOnline(row, engine, ownEngine);
        }
        int requests = row.Regime == PublishedMeasurement.BatchRegime ? row.Concurrency!.Value : (int)Math.Ceiling((double)row.Requests / row.Replicas);
        SelfHostedOptionSpec option = Option(row, engine, ownEngine);
        var workload = new WorkloadSpec
        {
            Classes = [new RequestClassSpec { Name = "published", Share = 1, InputTokens = new FixedTokens(row.InputTokens), OutputTokens = new FixedTokens(row.OutputTokens) }],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = requests, MonthlyGrowthRates = [0] },
            HourlyWeights = [.. Enumerable.Repeat(1.0, 24)],
            Replay = row.Lengths is RequestLengths lengths
                ? new TraceReplaySpec
                {
                    // The file's requests, evenly spaced, in order from a row the run's seed picks.
                    Source = lengths.Name,
                    OffsetSeconds = [.. Enumerable.Range(0, lengths.Input.Count).Select(i => (double)i / lengths.Input.Count)],
                    InputTokens = lengths.Input,
                    OutputTokens = lengths.Output,
                    DurationSeconds = 1,
                }
                : new TraceReplaySpec { Source = row.Id, OffsetSeconds = [0], InputTokens = [row.InputTokens], OutputTokens = [row.OutputTokens], DurationSeconds = 1 },
        };
        ScenarioSpec scenario = Scenario(workload, option);
        const double BurstSeconds = 1e-6;
        var window = new SimulationWindow
        {
            Label = row.Id,
            Index = 0,
            Segments = [new LoadSegment(BurstSeconds, (requests - 0.5) / BurstSeconds, 1, 0), new LoadSegment(1e7, 0, 1, 0)],
        };
        OptionSimulator simulator;
        try
        {
            simulator = Projector.CreateSimulator(scenario, option, null);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
        WindowMetrics m = simulator.Run(window, 1, 2);
        if (m.RequestsServed < requests || m.RequestsInFlightAtEnd > 0 || m.RequestsRejected > 0 || !(m.GpuSecondsBusy > 0))
        {
            return double.NaN;
        }
        double makespan = m.GpuSecondsBusy / option.GpusPerReplica;
        return row.Metric switch
        {
            "output_tokens_per_s" => m.OutputTokens / makespan * row.Replicas,
            "requests_per_s" => requests / makespan * row.Replicas,
            "e2e_latency_ms" => makespan * 1000,
            // With one output token the request ends when its first token comes: exact, not histogram-rounded.
            "ttft_ms" => row.OutputTokens == 1 ? makespan * 1000 : m.TimeToFirstToken.Quantile(0.5) * 1000,
            "itl_ms" => m.InterTokenLatency.Quantile(0.5) * 1000,
            _ => m.TimePerOutputToken.Quantile(0.5) * 1000,
        };
    }

    /// <summary>
    /// A concurrency or rate row: one replica with its share of the clients (or of the rate) and of
    /// the requests, sent by the benchmark's client through <see cref="OptionSimulator.ScheduleArrival"/>
    /// into a window without traffic of its own, long enough for every request to finish. Lengths
    /// and Poisson gaps come from a stream seeded by the row's id, so a row simulates the same
    /// requests under every engine setting. Throughput is output tokens over the time from the first
    /// arrival to the last completion (as benchmark clients report it), times the replicas; TTFT
    /// and end-to-end latency are exact medians, means or percentiles over the requests, the mean
    /// ITL exact, TPOT and the ITL's quantiles read from the engine's histograms (within their 1%
    /// resolution).
    /// A concurrency row measured in its steady state is summarised by <see cref="Steady"/> instead.
    /// </summary>
    private static double SimulateOnline(PublishedMeasurement row, ServingEngineSpec engine, bool ownEngine)
    {
        int replicas = row.Replicas;
        int requests = (int)Math.Ceiling((double)row.Requests / replicas);
        SelfHostedOptionSpec option = Option(row, engine, ownEngine);
        var workload = new WorkloadSpec
        {
            Classes = [new RequestClassSpec { Name = "published", Share = 1, InputTokens = new FixedTokens(row.InputTokens), OutputTokens = new FixedTokens(row.OutputTokens) }],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = requests, MonthlyGrowthRates = [0] },
            HourlyWeights = [.. Enumerable.Repeat(1.0, 24)],
        };
        OptionSimulator simulator;
        try
        {
            simulator = Projector.CreateSimulator(Scenario(workload, option), option, null);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
        var random = new RandomStream(SeedSequence.Derive(Projector.NameKey(row.Id), 11));
        int Length(int nominal)
        {
            if (row.LengthSpread <= 0)
            {
                return nominal;
            }
            int low = Math.Max(1, (int)Math.Round(nominal * (1 - row.LengthSpread)));
            int high = Math.Max(low, (int)Math.Round(nominal * (1 + row.LengthSpread)));
            return low + random.NextInt(high - low + 1);
        }
        int sent = 0;
        double lastSend = 0;
        // A lengths file is read in order from a row the run's seed picks, as the offline regime's replay reads it.
        int firstRow = row.Lengths is RequestLengths file ? random.NextInt(file.Input.Count) : 0;
        void Send(double at)
        {
            if (row.Lengths is RequestLengths lengths)
            {
                (int input, int output) = lengths[firstRow + sent];
                simulator.ScheduleArrival(at, input, output);
            }
            else
            {
                simulator.ScheduleArrival(at, Length(row.InputTokens), Length(row.OutputTokens));
            }
            sent++;
            lastSend = at;
        }
        var done = new List<Finished>(requests);
        double lastEnd = 0;
        bool closedLoop = row.Regime == PublishedMeasurement.ConcurrencyRegime;
        simulator.RequestCompleted = (arrival, ttft, e2e, output) =>
        {
            done.Add(new Finished(arrival, ttft, e2e, output, simulator.NowSeconds));
            lastEnd = simulator.NowSeconds;
            if (closedLoop && sent < requests)
            {
                Send(simulator.NowSeconds);
            }
        };
        if (closedLoop)
        {
            int clients = Math.Min(requests, row.Concurrency!.Value / replicas);
            for (int c = 0; c < clients; c++)
            {
                Send(0);
            }
        }
        else
        {
            double ratePerReplica = row.RequestRate!.Value / replicas;
            double at = 0;
            for (int i = 0; i < requests; i++)
            {
                Send(at);
                at += random.NextExponential() / ratePerReplica;
            }
        }
        var window = new SimulationWindow
        {
            Label = row.Id,
            Index = 0,
            Segments = [new LoadSegment(1e7, 0, 1, 0)],
        };
        WindowMetrics m = simulator.Run(window, 1, 2);
        if (done.Count < requests || m.RequestsInFlightAtEnd > 0 || m.RequestsRejected > 0 || !(lastEnd > 0))
        {
            return double.NaN;
        }
        if (row.Measurement == PublishedMeasurement.SteadyMeasurement)
        {
            return Steady(row, done, lastSend, replicas);
        }
        List<double> ttfts = [.. done.Select(f => f.Ttft)];
        List<double> latencies = [.. done.Select(f => f.E2e)];
        double quantile = row.Quantile ?? 0.5;
        return row.Metric switch
        {
            "output_tokens_per_s" => m.OutputTokens / lastEnd * replicas,
            "requests_per_s" => done.Count / lastEnd * replicas,
            "e2e_latency_ms" => Summary(row, latencies),
            "ttft_ms" => Summary(row, ttfts),
            // Every gap after a request's first token, over their count: Σ(e2e − TTFT) / Σ(output − 1).
            "itl_ms" when row.Quantile is null => m.OutputTokens > ttfts.Count ? (latencies.Sum() - ttfts.Sum()) / (m.OutputTokens - ttfts.Count) * 1000 : double.NaN,
            "itl_ms" => m.InterTokenLatency.Quantile(quantile) * 1000,
            _ => m.TimePerOutputToken.Quantile(quantile) * 1000,
        };
    }

    /// <summary>The row's statistic of <paramref name="seconds"/> (mean, median or percentile), in milliseconds; NaN when there are none.</summary>
    private static double Summary(PublishedMeasurement row, List<double> seconds) =>
        seconds.Count == 0 ? double.NaN : (row.Quantile is double q ? Percentile(seconds, q) : seconds.Average()) * 1000;

    /// <summary>
    /// The <paramref name="q"/>-quantile of <paramref name="values"/>, linear between the two nearest
    /// ranks (NumPy's default, which vLLM's and AIPerf's clients use): rank q × (n − 1) from 0.
    /// The median is the mean of the middle two of an even count.
    /// </summary>
    internal static double Percentile(List<double> values, double q)
    {
        values.Sort();
        double rank = q * (values.Count - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(values.Count - 1, low + 1);
        return values[low] + (rank - low) * (values[high] - values[low]);
    }

    /// <summary>A request the run finished: when it arrived, its TTFT and end-to-end latency (s), the tokens it generated and when it finished (the clock, not arrival + latency, so that it compares exactly with the sends it triggered).</summary>
    private readonly record struct Finished(double Arrival, double Ttft, double E2e, int Output, double End);

    /// <summary>
    /// A closed loop's figure over its steady state (<see cref="PublishedMeasurement.SteadyMeasurement"/>):
    /// from the moment the last of the opening burst (the requests sent at time 0) has finished to
    /// the moment the last request is sent, every client is busy. Latencies summarise the requests
    /// sent in that window; throughput is the output of the requests that finished in it over its
    /// length; TPOT is each request's (e2e − TTFT) / (output − 1). NaN when the window is empty.
    /// </summary>
    private static double Steady(PublishedMeasurement row, List<Finished> done, double lastSend, int replicas)
    {
        double from = done.Where(f => f.Arrival == 0).Max(f => f.End);
        double to = lastSend;
        List<Finished> sent = [.. done.Where(f => f.Arrival >= from && f.Arrival <= to)];
        if (!(to > from) || sent.Count == 0)
        {
            return double.NaN;
        }
        long gaps = sent.Sum(f => (long)f.Output - 1);
        return row.Metric switch
        {
            "output_tokens_per_s" => done.Where(f => f.End > from && f.End <= to).Sum(f => (double)f.Output) / (to - from) * replicas,
            "requests_per_s" => done.Count(f => f.End > from && f.End <= to) / (to - from) * replicas,
            "e2e_latency_ms" => Summary(row, [.. sent.Select(f => f.E2e)]),
            "ttft_ms" => Summary(row, [.. sent.Select(f => f.Ttft)]),
            "itl_ms" => gaps > 0 ? sent.Sum(f => f.E2e - f.Ttft) / gaps * 1000 : double.NaN,
            _ => Summary(row, [.. sent.Where(f => f.Output > 1).Select(f => (f.E2e - f.Ttft) / (f.Output - 1))]),
        };
    }

    private static ScenarioSpec Scenario(WorkloadSpec workload, SelfHostedOptionSpec option) => new()
    {
        Name = "validate-performance",
        StartMonth = new DateOnly(2025, 1, 1),
        HorizonMonths = 1,
        Seed = 1,
        Workload = workload,
        Slo = new SloSpec(),
        Options = [option],
    };

    /// <summary>
    /// The self-hosted option that reproduces <paramref name="row"/>: one replica per
    /// tensor-parallel group, the source's precisions, <paramref name="engine"/>'s everything else;
    /// with <paramref name="ownEngine"/>, the scheduling defaults of the row's engine on its GPU
    /// (<see cref="PublishedMeasurement.EngineProfile"/>) instead of <paramref name="engine"/>'s,
    /// which then gives only its efficiencies, step overhead, activation reserve and the screened roofline terms (activation passes, the vocabulary in the step time); in both, the
    /// limits the source states (<see cref="PublishedMeasurement.Limits"/>) over the engine's own.
    /// </summary>
    public static SelfHostedOptionSpec Option(PublishedMeasurement row, ServingEngineSpec engine, bool ownEngine = false)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(engine);
        ServingEngineSpec limits = row.Limits.ApplyTo(ownEngine ? ServingEngineProfiles.Defaults(row.EngineProfile, row.Gpu) : engine);
        return new SelfHostedOptionSpec
        {
            Name = row.Id,
            Model = row.Model,
            Gpu = row.Gpu,
            GpusPerReplica = row.TensorParallel,
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 1 },
            FixedReplicas = 1,
            Engine = limits with
            {
                WeightPrecision = row.WeightPrecision,
                KvCachePrecision = row.KvPrecision,
                ComputeEfficiency = engine.ComputeEfficiency,
                MemoryEfficiency = engine.MemoryEfficiency,
                StepOverheadMs = engine.StepOverheadMs,
                PcieAllReduceEfficiency = engine.PcieAllReduceEfficiency,
                TensorParallelAttentionSerialShare = engine.TensorParallelAttentionSerialShare,
                ActivationReserveGb = engine.ActivationReserveGb,
                ActivationPasses = engine.ActivationPasses,
                VocabularyInStepTime = engine.VocabularyInStepTime,
            },
        };
    }
}
