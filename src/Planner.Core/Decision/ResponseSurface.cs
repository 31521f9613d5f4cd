using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Decision;

/// <summary>
/// Every option of one scenario simulated on representative days at a geometric grid of daily
/// volumes. A month of any volume is then a weighted mixture of the grid days that bracket its
/// weekday and weekend volumes (linear in volume): totals add up with those weights and latency
/// percentiles are those of the mixed histograms, so no month has to be simulated again.
/// </summary>
public sealed class ResponseSurface
{
    private readonly double[] _volumes;
    private readonly Point[][] _points;

    private ResponseSurface(double[] volumes, Point[][] points)
    {
        _volumes = volumes;
        _points = points;
    }

    /// <summary>Daily volumes simulated, ascending.</summary>
    public IReadOnlyList<double> Volumes => _volumes;

    /// <summary>Simulated requests behind the surface.</summary>
    public long SimulatedRequests { get; private init; }

    /// <summary>Day volumes from <paramref name="minDayVolume"/> to <paramref name="maxDayVolume"/>, neighbours at most <paramref name="maxRatio"/> apart.</summary>
    public static double[] Grid(double minDayVolume, double maxDayVolume, double maxRatio)
    {
        if (!(minDayVolume > 0) || !(maxDayVolume >= minDayVolume) || !(maxRatio > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minDayVolume), "grid needs 0 < min ≤ max and a ratio above 1");
        }
        int n = Math.Max(2, (int)Math.Ceiling(Math.Log(maxDayVolume / minDayVolume) / Math.Log(maxRatio) - 1e-9) + 1);
        var volumes = new double[n];
        for (int i = 0; i < n; i++)
        {
            volumes[i] = minDayVolume * Math.Pow(maxDayVolume / minDayVolume, i / (double)(n - 1));
        }
        return volumes;
    }

    /// <summary>
    /// Day volumes on a fixed lattice, <paramref name="anchor"/> × <paramref name="ratio"/>^j for whole
    /// j, from the last point at or below <paramref name="minDayVolume"/> to the first at or above
    /// <paramref name="maxDayVolume"/>, with each point's j as its key (what seeds its simulation).
    /// The points and their traffic depend on the anchor alone, not on which samples were drawn: a
    /// grid spread evenly between the samples' extremes put its points, and so the surface at the
    /// median inputs, elsewhere for every sample count and seed (chat-seed-stage's tornado base moved
    /// from −$21,937 at 1,000 samples to −$21,428 at 200).
    /// </summary>
    public static (double[] Volumes, int[] Keys) AnchoredGrid(double minDayVolume, double maxDayVolume, double ratio, double anchor)
    {
        if (!(minDayVolume > 0) || !(maxDayVolume >= minDayVolume) || !(ratio > 1) || !(anchor > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minDayVolume), "grid needs 0 < min ≤ max, a ratio above 1 and an anchor above 0");
        }
        int low = (int)Math.Floor(Math.Log(minDayVolume / anchor) / Math.Log(ratio));
        int high = Math.Max(low + 1, (int)Math.Ceiling(Math.Log(maxDayVolume / anchor) / Math.Log(ratio)));
        var volumes = new double[high - low + 1];
        var keys = new int[volumes.Length];
        for (int i = 0; i < volumes.Length; i++)
        {
            keys[i] = low + i;
            volumes[i] = anchor * Math.Pow(ratio, keys[i]);
        }
        return (volumes, keys);
    }

    /// <summary>
    /// Simulates each option of each scenario in <paramref name="settings"/> at each volume (one job
    /// per setting × option × volume, all in parallel, heaviest first); the seeds depend on the
    /// scenario seed and the grid index only, so every setting and option sees the same traffic.
    /// </summary>
    public static IReadOnlyList<ResponseSurface> Build(IReadOnlyList<ScenarioSpec> settings, double[] volumes,
        Func<SelfHostedOptionSpec, IPerformanceProfile>? profiles = null, IProgress<(int Done, int Total)>? progress = null, int? maxParallelism = null,
        IReadOnlyList<int>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(volumes);
        profiles ??= PerformanceProfiles.For;
        var jobs = new List<(int Setting, int Option, int Point)>();
        var profileOf = new IPerformanceProfile?[settings.Count][];
        var fleetOf = new FleetEstimate?[settings.Count][];
        for (int s = 0; s < settings.Count; s++)
        {
            profileOf[s] = new IPerformanceProfile?[settings[s].Options.Count];
            fleetOf[s] = new FleetEstimate?[settings[s].Options.Count];
            Optimization.WorkloadSample sample = FleetEstimate.SampleOf(settings[s]);
            for (int o = 0; o < settings[s].Options.Count; o++)
            {
                if (Projector.SelfHostedPart(settings[s].Options[o]) is SelfHostedOptionSpec fleet)
                {
                    profileOf[s][o] = profiles(fleet);
                }
                fleetOf[s][o] = FleetEstimate.For(settings[s].Options[o], profileOf[s][o], sample);
                for (int k = 0; k < volumes.Length; k++)
                {
                    jobs.Add((s, o, k));
                }
            }
        }
        var points = new Point[settings.Count][][];
        for (int s = 0; s < settings.Count; s++)
        {
            points[s] = new Point[settings[s].Options.Count][];
            for (int o = 0; o < settings[s].Options.Count; o++)
            {
                points[s][o] = new Point[volumes.Length];
            }
        }
        var simulated = new long[jobs.Count];
        int done = 0;
        int[] order = [.. Enumerable.Range(0, jobs.Count).OrderByDescending(i => jobs[i].Point).ThenBy(i => i)];
        var partitioner = System.Collections.Concurrent.Partitioner.Create(order, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitioner, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount }, i =>
        {
            (int s, int o, int k) = jobs[i];
            ScenarioSpec scenario = settings[s];
            SimulationWindow baseDay = MonthWindowPlanner.Day(scenario, volumes[k], k);
            OptionSpec option = scenario.Options[o];
            FidelityPlan plan = FidelityPlanner.Plan(scenario, option, baseDay, fleetOf[s][o]);
            (SimulationWindow day, OptionSpec sliced) = FidelityPlanner.Apply(baseDay, option, plan, fleetOf[s][o]);
            OptionSimulator sim = Projector.CreateSimulator(scenario, sliced, profileOf[s][o]);
            // A point's key (its place on an anchored lattice), not its place in this grid, seeds its traffic.
            ulong key = keys is null ? (ulong)k : unchecked((ulong)(long)keys[k]);
            ulong traffic = SeedSequence.Derive(scenario.Seed, 0x5352_4641, key);
            ulong service = SeedSequence.Derive(scenario.Seed, 0x5352_4641, key, Projector.NameKey(option.Name));
            points[s][o][k] = new Point(sim.Run(day, traffic, service));
            simulated[i] = sim.RequestsSimulated;
            progress?.Report((Interlocked.Increment(ref done), jobs.Count));
        });
        long total = simulated.Sum();
        var surfaces = new ResponseSurface[settings.Count];
        for (int s = 0; s < settings.Count; s++)
        {
            surfaces[s] = new ResponseSurface(volumes, points[s]) { SimulatedRequests = s == 0 ? total : 0 };
        }
        return surfaces;
    }

    /// <summary>
    /// Totals and percentiles of option <paramref name="option"/> over a month of
    /// <paramref name="weekdays"/> days at <paramref name="weekdayVolume"/> and
    /// <paramref name="weekendDays"/> days at <paramref name="weekendVolume"/> requests.
    /// </summary>
    public MonthStats Month(int option, int weekdays, double weekdayVolume, int weekendDays, double weekendVolume)
    {
        Point[] points = _points[option];
        Span<int> index = stackalloc int[4];
        Span<double> weight = stackalloc double[4];
        int n = 0;
        n = Bracket(weekdayVolume, weekdays, index, weight, n);
        n = Bracket(weekendVolume, weekendDays, index, weight, n);
        var stats = new MonthStats();
        double[] values = stats.Values;
        double[] above = stats.GpuSecondsAboveCommitted;
        for (int j = 0; j < n; j++)
        {
            Point p = points[index[j]];
            double w = weight[j];
            for (int v = 0; v < (int)Stat.PeakReplicas; v++)
            {
                values[v] += w * p.Stats.Values[v];
            }
            for (int c = 0; c < above.Length; c++)
            {
                above[c] += w * p.Stats.GpuSecondsAboveCommitted[c];
            }
        }
        // Peaks: the larger of the two day types, each interpolated between its grid days.
        foreach (Stat peakStat in (ReadOnlySpan<Stat>)[Stat.PeakReplicas, Stat.PeakInstances])
        {
            double peak = 0;
            for (int day = 0; day < 2; day++)
            {
                double sumW = 0, sumP = 0;
                for (int j = day * 2; j < Math.Min(n, day * 2 + 2); j++)
                {
                    sumW += weight[j];
                    sumP += weight[j] * points[index[j]].Stats[peakStat];
                }
                if (sumW > 0)
                {
                    peak = Math.Max(peak, sumP / sumW);
                }
            }
            stats[peakStat] = peak;
        }
        var ttft = new double[n][];
        var tpot = new double[n][];
        var itl = new double[n][];
        var e2e = new double[n][];
        var batch = new double[n][];
        var kv = new double[n][];
        for (int j = 0; j < n; j++)
        {
            Point p = points[index[j]];
            (ttft[j], tpot[j], itl[j], e2e[j], batch[j], kv[j]) = (p.Ttft, p.Tpot, p.Itl, p.E2e, p.Batch, p.Kv);
        }
        ReadOnlySpan<double> w4 = weight[..n];
        stats[Stat.TtftP50Seconds] = LatencyHistogram.MixtureQuantile(ttft, w4, 0.5);
        stats[Stat.TtftP95Seconds] = LatencyHistogram.MixtureQuantile(ttft, w4, 0.95);
        stats[Stat.TpotP95Seconds] = LatencyHistogram.MixtureQuantile(tpot, w4, 0.95);
        stats[Stat.ItlP50Seconds] = LatencyHistogram.MixtureQuantile(itl, w4, 0.5);
        stats[Stat.E2eP50Seconds] = LatencyHistogram.MixtureQuantile(e2e, w4, 0.5);
        stats[Stat.E2eP99Seconds] = LatencyHistogram.MixtureQuantile(e2e, w4, 0.99);
        stats[Stat.BatchSizeP50] = BucketMixtureQuantile(batch, w4, 0.5, 1);
        stats[Stat.BatchSizeP95] = BucketMixtureQuantile(batch, w4, 0.95, 1);
        stats[Stat.KvUtilizationP50] = BucketMixtureQuantile(kv, w4, 0.5, WindowMetrics.KvBucketWidth);
        stats[Stat.KvUtilizationP95] = BucketMixtureQuantile(kv, w4, 0.95, WindowMetrics.KvBucketWidth);
        return stats;
    }

    /// <summary>Adds the two grid days around <paramref name="volume"/> with weights summing to <paramref name="days"/>.</summary>
    private int Bracket(double volume, int days, Span<int> index, Span<double> weight, int n)
    {
        if (days <= 0)
        {
            return n;
        }
        int k = Array.BinarySearch(_volumes, volume);
        if (k < 0)
        {
            k = ~k - 1;
        }
        k = Math.Clamp(k, 0, _volumes.Length - 2);
        double t = Math.Clamp((volume - _volumes[k]) / (_volumes[k + 1] - _volumes[k]), 0, 1);
        index[n] = k;
        weight[n] = days * (1 - t);
        index[n + 1] = k + 1;
        weight[n + 1] = days * t;
        return n + 2;
    }

    private static double BucketMixtureQuantile(double[][] cumulative, ReadOnlySpan<double> weights, double q, double width)
    {
        int length = cumulative[0].Length;
        double total = 0;
        for (int j = 0; j < cumulative.Length; j++)
        {
            total += weights[j] * cumulative[j][^1];
        }
        if (!(total > 0))
        {
            return double.NaN;
        }
        int low = 0, high = length - 1;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            double sum = 0;
            for (int j = 0; j < cumulative.Length; j++)
            {
                sum += weights[j] * cumulative[j][mid];
            }
            if (sum >= q * total * (1 - 1e-12))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low * width;
    }

    /// <summary>One simulated day: its totals and the running sums of its distributions.</summary>
    private sealed class Point
    {
        public Point(WindowMetrics m)
        {
            Stats = MonthStats.From(m);
            Ttft = m.TimeToFirstToken.CumulativeWeights();
            Tpot = m.TimePerOutputToken.CumulativeWeights();
            Itl = m.InterTokenLatency.CumulativeWeights();
            E2e = m.EndToEnd.CumulativeWeights();
            Batch = Running(m.BatchSizeSeconds);
            Kv = Running(m.KvUtilizationSeconds);
        }

        public MonthStats Stats { get; }
        public double[] Ttft { get; }
        public double[] Tpot { get; }
        public double[] Itl { get; }
        public double[] E2e { get; }
        public double[] Batch { get; }
        public double[] Kv { get; }

        private static double[] Running(double[] buckets)
        {
            var sums = new double[buckets.Length];
            double sum = 0;
            for (int i = 0; i < buckets.Length; i++)
            {
                sum += buckets[i];
                sums[i] = sum;
            }
            return sums;
        }
    }
}
