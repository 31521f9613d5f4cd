using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Projection;
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
    /// spaces arrivals evenly and deterministically), followed by a long quiet segment in which
    /// the replica drains. The replica counts as busy from the first arrival until the last
    /// request finishes, so its busy seconds are the run's makespan.
    /// </para>
    /// </summary>
    public static double Simulate(PublishedMeasurement row, ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(engine);
        int requests = row.Regime == PublishedMeasurement.BatchRegime ? row.Concurrency!.Value : (int)Math.Ceiling((double)row.Requests / row.Replicas);
        SelfHostedOptionSpec option = Option(row, engine);
        var workload = new WorkloadSpec
        {
            Classes = [new RequestClassSpec { Name = "published", Share = 1, InputTokens = new FixedTokens(row.InputTokens), OutputTokens = new FixedTokens(row.OutputTokens) }],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = requests, MonthlyGrowthRates = [0] },
            HourlyWeights = [.. Enumerable.Repeat(1.0, 24)],
            Replay = new TraceReplaySpec { Source = row.Id, OffsetSeconds = [0], InputTokens = [row.InputTokens], OutputTokens = [row.OutputTokens], DurationSeconds = 1 },
        };
        var scenario = new ScenarioSpec
        {
            Name = "validate-performance",
            StartMonth = new DateOnly(2025, 1, 1),
            HorizonMonths = 1,
            Seed = 1,
            Workload = workload,
            Slo = new SloSpec(),
            Options = [option],
        };
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
            "e2e_latency_ms" => makespan * 1000,
            // With one output token the request ends when its first token comes: exact, not histogram-rounded.
            "ttft_ms" => row.OutputTokens == 1 ? makespan * 1000 : m.TimeToFirstToken.Quantile(0.5) * 1000,
            "itl_ms" => m.InterTokenLatency.Quantile(0.5) * 1000,
            _ => m.TimePerOutputToken.Quantile(0.5) * 1000,
        };
    }

    /// <summary>The self-hosted option that reproduces <paramref name="row"/>: one replica per tensor-parallel group, the source's precisions, <paramref name="engine"/>'s everything else.</summary>
    public static SelfHostedOptionSpec Option(PublishedMeasurement row, ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(engine);
        return new SelfHostedOptionSpec
        {
            Name = row.Id,
            Model = row.Model,
            Gpu = row.Gpu,
            GpusPerReplica = row.TensorParallel,
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 1 },
            FixedReplicas = 1,
            Engine = engine with { WeightPrecision = row.WeightPrecision, KvCachePrecision = row.KvPrecision },
        };
    }
}
