using System.Globalization;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Projection;

/// <summary>
/// Decides how each option simulates each representative day so that a run's work is bounded
/// whatever the traffic, without changing what is measured.
/// <list type="number">
/// <item>A day within the request budget (<see cref="SimulationSettings.MaxRequestsPerDay"/>) is
/// simulated whole, in real time.</item>
/// <item>Above it, a large fleet is simulated as a slice: 1/k of its replicas behind their own
/// router with 1/k of the traffic (thinned as random routing would thin it), counted k times.
/// A slice's autoscaler steps in whole replicas of the slice, k real ones: rounding up then costs
/// (k − 1)/2 real replicas more than the whole fleet on average, a share (k − 1)/(2·n̄) of a fleet
/// of n̄ replicas on average over the day; a slice keeps at least <see cref="MinSliceMeanReplicas"/>
/// replicas on average, which holds that share under 1/(2·50) = 1%, and at least
/// <see cref="MinSliceReplicas"/> at the quietest hour. Where the autoscaler steps in whole
/// instances of several replicas, both bounds count instances instead. An API is sliced with its rate limits; a
/// fixed fleet only into whole replicas.</item>
/// <item>If that is still over budget, the busy hours are compressed: an hour holding more than
/// its share of the budget (1/24) is simulated c-fold faster (in 3600/c s, counted c times; an
/// instance's provisioning and a replica's cold start still count once each, as the day's ramps
/// happen once), so quiet hours, where a small fleet's whole-replica steps and cold starts
/// matter most, stay in real time. A fleet lags the load by its response time (scale-up delay +
/// evaluation interval + cold start); an hour's compression keeps that lag under
/// <see cref="LagTolerance"/> of the rate's change into and out of the hour, and no hour shorter
/// than <see cref="SimulationSettings.MinSegmentSeconds"/>.</item>
/// <item>A replayed trace's hour is compressed only so far as it replays whole repeats of the trace
/// (<see cref="WholeCycles"/>), less than the above where that cuts a repeat.</item>
/// <item>Where none of these brings a day under <see cref="HardBudgetFactor"/> times the budget (a small
/// fleet carrying very high traffic, or a long trace), the day is compressed further, and its plan
/// marked approximate where an hour goes past its lag limit or into less than one repeat of a
/// trace, so that no run's work grows without bound.</item>
/// </list>
/// </summary>
public static class FidelityPlanner
{
    /// <summary>Fewest replicas a slice keeps on average over the day.</summary>
    public const int MinSliceMeanReplicas = 50;

    /// <summary>Fewest replicas a slice keeps at the day's quietest hour.</summary>
    public const int MinSliceReplicas = 3;

    /// <summary>Largest share of an hour-to-hour load change a compressed day may let the fleet lag behind.</summary>
    public const double LagTolerance = 0.1;

    /// <summary>Most requests a day may simulate, as a multiple of its budget, before fidelity gives way.</summary>
    public const double HardBudgetFactor = 8;

    /// <summary>A slice of an API keeps at least this many requests per minute of its rate limit.</summary>
    public const double MinSliceRequestsPerMinute = 600;

    /// <summary>The plan of <paramref name="option"/> for <paramref name="day"/> (a real-time day of <see cref="MonthWindowPlanner"/>).</summary>
    public static FidelityPlan Plan(ScenarioSpec scenario, OptionSpec option, SimulationWindow day, FleetEstimate? fleet)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(day);
        double requests = RequestStream.ExpectedRequests(day);
        double budget = Math.Max(1, scenario.Simulation.MaxRequestsPerDay);
        if (!(requests > budget))
        {
            return FidelityPlan.Full;
        }
        double slice = Math.Max(1, Math.Min(requests / budget, MaxSlice(option, day, fleet)));
        if (Projector.SelfHostedPart(option) is { FixedReplicas: int fixedReplicas } fixedFleet)
        {
            // Whole replicas only: the slice holds round(N/k) of them, and k is what that makes. On
            // instances of several replicas, whole instances (SliceFleet).
            InstancePacking packing = InstancePacking.Of(fixedFleet);
            double units = packing.ReplicasPerUnit > 1 ? packing.UnitsFor(fixedReplicas) : fixedReplicas;
            slice = units / Math.Max(1.0, Math.Round(units / slice));
        }
        else if (Projector.SelfHostedPart(option) is { Autoscaler: AutoscalerSpec autoscaler } hosted && slice > 1)
        {
            // The slice's max_replicas is a whole number of replicas, max/k rounded: k is what makes
            // it exact (the next whole number up, so k only shrinks), so that a slice held at its cap
            // stands for the fleet at its max_replicas, not a replica past it (the chat scenario at
            // 10× its traffic reported a peak of 81 replicas against a max_replicas of 80). Where the
            // autoscaler steps in instances of several replicas, in the whole instances max_replicas
            // takes, also where it fills its last instance in part (SliceFleet): counted in replicas,
            // a consumer fleet capped at 300 replicas on 8-GPU instances (38) was sliced 300/265-fold,
            // and its slice's 34 instances billed 38.49 of them at the cap.
            InstancePacking packing = InstancePacking.Of(hosted);
            double units = packing.ReplicasPerUnit > 1 ? packing.UnitsFor(autoscaler.MaxReplicas) : autoscaler.MaxReplicas;
            slice = units / Math.Ceiling(units / slice - 1e-9);
        }
        double perSlice = requests / slice;
        if (perSlice <= budget)
        {
            return new FidelityPlan(slice, 1, false);
        }
        // Requests and the steepest adjacent change of each hour, of the slice.
        var hourRequests = new double[24];
        var hourRate = new double[24];
        // The warm-up before the day (weight 0) counts towards the day's work: left out, it ran in
        // real time at the day's starting rate whatever the bound, and a consumer scenario at 200
        // million requests a day simulated 15 million requests of a day bounded at 480,000. It stays
        // in real time, as the quiet hours do, until the day goes past the bound.
        double warmUpRequests = 0;
        foreach (LoadSegment s in day.Segments)
        {
            if (s.Weight > 0 && s.HourOfDay is >= 0 and < 24)
            {
                hourRequests[s.HourOfDay] += s.ExpectedRequests / slice;
                hourRate[s.HourOfDay] += s.ExpectedRequests / 3600;
            }
            else if (s.Weight <= 0)
            {
                warmUpRequests += s.ExpectedRequests / slice;
            }
        }
        double hourBudget = budget / 24;
        var compression = new double[24];
        var limits = new double[24];
        double simulated = 0;
        for (int h = 0; h < 24; h++)
        {
            limits[h] = MaxCompression(scenario, option, Steepness(hourRate, h));
            compression[h] = Math.Clamp(hourRequests[h] / hourBudget, 1, limits[h]);
            simulated += hourRequests[h] / compression[h];
        }
        simulated += warmUpRequests;
        // A replayed trace repeats every `cycle` requests (of the slice): a compressed hour replays
        // whole repeats of it, so that its count and its burstiness are the trace's.
        double cycle = scenario.Workload.Replay is { } replay ? replay.OffsetSeconds.Count / slice : 0;
        if (cycle > 0)
        {
            simulated = 0;
            for (int h = 0; h < 24; h++)
            {
                compression[h] = WholeCycles(hourRequests[h], cycle, compression[h]);
                simulated += hourRequests[h] / compression[h];
            }
            simulated += warmUpRequests;
        }
        bool approximate = false;
        double warmUpCompression = 1;
        if (simulated > HardBudgetFactor * budget)
        {
            // Past the bound: compress every hour further in proportion, and say so where that goes past
            // the fleet's lag limit or, for a replay, cuts a repeat of the trace. A replay's hour keeps
            // whole repeats where one fits at the higher compression (rounded towards more, so the
            // bound holds); whole-repeat rounding alone must not lift a day's work past the bound.
            double factor = simulated / (HardBudgetFactor * budget);
            warmUpCompression = factor;
            for (int h = 0; h < 24; h++)
            {
                double c = Math.Max(1, compression[h] * factor);
                bool cut = false;
                if (cycle > 0 && c > 1)
                {
                    double repeats = Math.Floor(hourRequests[h] / (c * cycle) + 1e-9);
                    cut = repeats < 1;
                    c = cut ? c : hourRequests[h] / (repeats * cycle);
                }
                compression[h] = c;
                approximate |= cut || c > limits[h] + 1e-9;
            }
        }
        return (compression.All(c => c == 1) ? new FidelityPlan(slice, 1, approximate) : new FidelityPlan(slice, compression, approximate))
            with { WarmUpCompression = warmUpCompression };
    }

    /// <summary>
    /// One warning per option with months whose days had to be compressed past the fidelity limit
    /// (<see cref="FidelityPlan.Approximate"/>): the reports must say so, not only the console.
    /// </summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Options approximate in the same months share one warning.
        var groups = options
            .Select(o => (o.Name, Months: o.Months.Where(m => m.Fidelity.Approximate).Select(m => m.CalendarMonth).ToList(), Of: o.Months.Count))
            .Where(x => x.Months.Count > 0)
            .GroupBy(x => string.Join(",", x.Months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture))) + "/" + x.Of.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var g in groups)
        {
            List<DateOnly> months = g.First().Months;
            string span = months.Count == 1
                ? months[0].ToString("yyyy-MM", CultureInfo.InvariantCulture)
                : FormattableString.Invariant($"{months[0]:yyyy-MM} to {months[^1]:yyyy-MM}");
            List<string> names = [.. g.Select(x => x.Name)];
            string who = names.Count == 1 ? $"{names[0]}'s figures" : $"The figures of {string.Join(", ", names)}";
            warnings.Add(FormattableString.Invariant(
                $"{who} in {months.Count} of {g.First().Of} months ({span}) are approximate: to keep the run's work bounded, their busiest hours were compressed further than the fleet's response to a change in load allows (or, for a replayed trace, into less than one repeat of it), ")
                + "so the fleet's lag behind the load, and the queueing, cold starts and GPU cost that follow, may be off by more than the noise; raise simulation.max_requests_per_day to simulate them in full.");
        }
        return warnings;
    }

    /// <summary>
    /// A compression of at most <paramref name="compression"/> under which an hour of
    /// <paramref name="hourRequests"/> replays a whole number of repeats of a trace of
    /// <paramref name="cycle"/> requests; 1 (real time) where the hour holds less than one repeat.
    /// A compressed hour otherwise replays an arbitrary stretch of the trace: azure-conversation-
    /// replay's 1,200 s windows each took 58% of its hour-long trace at 1.7 × its pace, and the
    /// hourly rates of a flat day swung ±13% where real time swings ±3%.
    /// </summary>
    internal static double WholeCycles(double hourRequests, double cycle, double compression)
    {
        if (compression <= 1 || hourRequests < cycle)
        {
            return 1;
        }
        double repeats = Math.Ceiling(hourRequests / (compression * cycle) - 1e-9);
        return Math.Max(1, hourRequests / (repeats * cycle));
    }

    /// <summary>The rate's largest change into or out of hour <paramref name="h"/>, relative to their mean (the day wraps around).</summary>
    private static double Steepness(double[] hourRate, int h)
    {
        double Change(double a, double b) => a + b > 0 ? Math.Abs(b - a) / ((a + b) / 2) : 0;
        return Math.Max(Change(hourRate[(h + 23) % 24], hourRate[h]), Change(hourRate[h], hourRate[(h + 1) % 24]));
    }

    /// <summary>Requests a day simulated by <paramref name="plan"/> is expected to draw (warm-up included).</summary>
    public static double ExpectedSimulatedRequests(SimulationWindow day, FidelityPlan plan)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(plan);
        double sum = 0;
        foreach (LoadSegment s in day.Segments)
        {
            sum += s.ExpectedRequests / plan.SliceFactor / (s.Weight > 0 ? plan.CompressionAt(s.HourOfDay) : plan.WarmUpCompression);
        }
        return sum;
    }

    /// <summary>
    /// The day and the option as the plan simulates them: rates divided and weights multiplied by
    /// the slice factor, the option's fleet bounds and rate limits divided by it; hours shortened
    /// and weighted by the compression; the fleet warm at the start.
    /// </summary>
    public static (SimulationWindow Window, OptionSpec Option) Apply(SimulationWindow day, OptionSpec option, FidelityPlan plan, FleetEstimate? fleet)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(plan);
        double k = plan.SliceFactor;
        var segments = new List<LoadSegment>(day.Segments.Count);
        foreach (LoadSegment s in day.Segments)
        {
            // The warm-up by its own compression: 1 unless the day went past the work bound (Plan).
            double c = s.Weight > 0 ? plan.CompressionAt(s.HourOfDay) : plan.WarmUpCompression;
            double duration = s.DurationSeconds / c;
            segments.Add(new LoadSegment(duration, s.RequestsPerSecond / k, s.Weight * k * c, s.HourOfDay)
            {
                EndRequestsPerSecond = s.EndRequestsPerSecond is double end ? end / k : null,
                EventWeight = s.EventWeightOrTime * k,
            });
        }
        int? warm = null;
        if (fleet is not null && segments.Count > 0)
        {
            warm = (int)Math.Ceiling(fleet.ReplicasAt(segments[0].RequestsPerSecond * k) / k - 1e-9);
        }
        SimulationWindow window = day with
        {
            Segments = segments,
            TrafficShare = day.TrafficShare / k,
            InitialReplicas = warm,
        };
        return (window, k == 1 ? option : Slice(option, k));
    }

    /// <summary>The option as 1/<paramref name="k"/> of itself: fleet bounds and API rate limits divided by k.</summary>
    public static OptionSpec Slice(OptionSpec option, double k)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option switch
        {
            SelfHostedOptionSpec s => SliceFleet(s, k),
            ApiOptionSpec a => SliceApi(a, k),
            HybridOptionSpec h => h with { Primary = SliceFleet(h.Primary, k), Overflow = SliceApi(h.Overflow, k) },
            _ => option,
        };
    }

    private static SelfHostedOptionSpec SliceFleet(SelfHostedOptionSpec s, double k)
    {
        int Down(int n) => n == 0 ? 0 : Math.Max(1, (int)Math.Round(n / k));
        InstancePacking packing = InstancePacking.Of(s);
        // A fleet's size at its cap (max_replicas, or a fixed fleet's replicas) on instances of p
        // replicas: the slice holds round(U/k) = u of the U instances the fleet's cap takes, which
        // Plan makes exactly U/k, so that the slice at its cap is billed the fleet's instances. Its
        // replicas are N/k rounded down (never more than the fleet may run), but at least enough to
        // fill into the u-th instance: a cap of 300 replicas on 8-replica instances (38, the last
        // holding 4) sliced 38/34-fold holds 268 replicas on 34 instances, standing for 299.5
        // replicas on 38.
        int Cap(int n)
        {
            int p = packing.ReplicasPerUnit;
            if (p == 1 || n == 0)
            {
                return Down(n);
            }
            int u = Math.Max(1, (int)Math.Round(packing.UnitsFor(n) / k));
            return Math.Clamp((int)Math.Floor(n / k + 1e-9), p * (u - 1) + 1, p * u);
        }
        return s with
        {
            FixedReplicas = s.FixedReplicas is int n ? Cap(n) : null,
            Autoscaler = s.Autoscaler is AutoscalerSpec a
                ? a with
                {
                    MinReplicas = Math.Min(Down(a.MinReplicas), Cap(a.MaxReplicas)),
                    MaxReplicas = Cap(a.MaxReplicas),
                    ScheduledMinReplicas = a.ScheduledMinReplicas?.Select(n => Math.Min(Down(n), Cap(a.MaxReplicas))).ToArray(),
                }
                : null,
            Spot = s.Spot is SpotSpec spot ? spot with { OnDemandBaseReplicas = (int)Math.Round(spot.OnDemandBaseReplicas / k) } : null,
        };
    }

    private static ApiOptionSpec SliceApi(ApiOptionSpec a, double k) => a with
    {
        RateLimits = a.RateLimits with
        {
            RequestsPerMinute = a.RateLimits.RequestsPerMinute / k,
            TokensPerMinute = a.RateLimits.TokensPerMinute / k,
        },
    };

    /// <summary>Most slices the option may be cut into for this day.</summary>
    private static double MaxSlice(OptionSpec option, SimulationWindow day, FleetEstimate? fleet)
    {
        double limit = double.PositiveInfinity;
        if (Projector.SelfHostedPart(option) is not null && fleet is null)
        {
            // Without an estimate of the fleet, nothing says a slice would keep enough replicas.
            return 1;
        }
        if (fleet is not null)
        {
            double quietest = double.PositiveInfinity, replicaSeconds = 0, seconds = 0;
            foreach (LoadSegment s in day.Segments)
            {
                if (s.Weight > 0)
                {
                    quietest = Math.Min(quietest, Math.Min(s.RequestsPerSecond, s.EndRate));
                    replicaSeconds += fleet.ReplicasAt(s.MeanRate) * s.DurationSeconds;
                    seconds += s.DurationSeconds;
                }
            }
            double mean = seconds > 0 ? replicaSeconds / seconds : 0;
            // An autoscaler steps in whole instances (InstancePacking): the bounds are in them.
            int perUnit = Projector.SelfHostedPart(option) is SelfHostedOptionSpec self ? InstancePacking.Of(self).ReplicasPerUnit : 1;
            limit = Math.Min(mean / (MinSliceMeanReplicas * perUnit), fleet.ReplicasAt(double.IsFinite(quietest) ? quietest : 0) / (MinSliceReplicas * perUnit));
        }
        ApiOptionSpec? api = option switch
        {
            ApiOptionSpec a => a,
            HybridOptionSpec h => h.Overflow,
            _ => null,
        };
        if (api?.RateLimits.RequestsPerMinute is double rpm)
        {
            limit = Math.Min(limit, rpm / MinSliceRequestsPerMinute);
        }
        return Math.Max(1, limit);
    }

    /// <summary>
    /// Largest compression of an hour whose rate changes by <paramref name="steepness"/> (relative)
    /// into or out of it: no hour shorter than the scenario's minimum, and, for an autoscaled fleet,
    /// a lag behind that change of at most <see cref="LagTolerance"/>.
    /// </summary>
    public static double MaxCompression(ScenarioSpec scenario, OptionSpec option, double steepness)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(option);
        double limit = 3600 / Math.Clamp(scenario.Simulation.MinSegmentSeconds, 1, 3600);
        if (Projector.SelfHostedPart(option)?.Autoscaler is AutoscalerSpec a)
        {
            double response = a.ScaleUpDelaySeconds + a.EvaluationIntervalSeconds + a.ColdStartSeconds;
            if (response > 0 && steepness > 0)
            {
                limit = Math.Min(limit, LagTolerance * 3600 / (response * steepness));
            }
        }
        return Math.Max(1, limit);
    }

    /// <summary>The largest change of the rate from one hour to the next, relative to their mean (the day wraps around).</summary>
    public static double SteepestHourlyChange(IReadOnlyList<double> hourlyWeights)
    {
        ArgumentNullException.ThrowIfNull(hourlyWeights);
        double steepest = 0;
        for (int h = 0; h < hourlyWeights.Count; h++)
        {
            double a = hourlyWeights[h], b = hourlyWeights[(h + 1) % hourlyWeights.Count];
            if (a + b > 0)
            {
                steepest = Math.Max(steepest, Math.Abs(b - a) / ((a + b) / 2));
            }
        }
        return steepest;
    }
}
