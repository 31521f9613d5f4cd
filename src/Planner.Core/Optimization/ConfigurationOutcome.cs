namespace Planner.Core.Optimization;

/// <summary>What simulating one configuration over one month (or load level) measured; latencies in ms, NaN when nothing was measured.</summary>
public sealed record ConfigurationOutcome
{
    /// <summary>GPU serving, idle and cold-start cost of the month (fixed costs excluded: every candidate shares them).</summary>
    public required double GpuUsd { get; init; }
    public required double GpuHours { get; init; }
    /// <summary>GPUs provisioned on average (replicas × GPUs per replica, summed over pools).</summary>
    public required double MeanGpus { get; init; }
    /// <summary>Most replicas live at once (summed over pools).</summary>
    public required double PeakReplicas { get; init; }
    public required double TtftP95Ms { get; init; }
    public required double TpotP95Ms { get; init; }
    public required double E2eP99Ms { get; init; }
    public required double Requests { get; init; }
    public required double RequestsServed { get; init; }
    public required double RequestsRejected { get; init; }
    /// <summary>Whether every pool met every SLO target with under 1% of requests rejected or unfinished.</summary>
    public required bool SloMet { get; init; }
    /// <summary>Cold starts in the month (summed over pools; NaN where the simulation stopped early).</summary>
    public double ColdStarts { get; init; }
    /// <summary>
    /// Replicas the weekday's hourly means climb in all: the scale-ups its load ramp needs, as
    /// <c>planner run</c> reads them (<see cref="Projection.FleetDiagnostics.NeededScaleUps"/>);
    /// NaN where no weekday was simulated.
    /// </summary>
    public double RampScaleUps { get; init; } = double.NaN;
    /// <summary>Replicas the autoscaler adds and removes at once (a whole instance's), for <see cref="Projection.FleetDiagnostics.OscillationExcess"/>.</summary>
    public int ReplicasPerUnit { get; init; } = 1;
    /// <summary>Requests per second per live replica in the busiest hour: what one replica sustained at its autoscaler target (0 for a mix).</summary>
    public double PeakRequestsPerReplicaSecond { get; init; }

    /// <summary>
    /// Why the simulation stopped before the month's last window (it then counts as not meeting
    /// the SLO; costs and counts are NaN and latencies are those of the windows simulated).
    /// </summary>
    public EarlyStop Stopped { get; init; }

    /// <summary>Whether the simulation stopped early (see <see cref="Stopped"/>).</summary>
    public bool Partial => Stopped != EarlyStop.None;

    public double RejectedShare => Requests > 0 ? RequestsRejected / Requests : 0;

    /// <summary>Two independent pools as one deployment: costs and capacity add, latency is the worse pool's.</summary>
    public static ConfigurationOutcome Combine(ConfigurationOutcome a, ConfigurationOutcome b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new ConfigurationOutcome
        {
            GpuUsd = a.GpuUsd + b.GpuUsd,
            GpuHours = a.GpuHours + b.GpuHours,
            MeanGpus = a.MeanGpus + b.MeanGpus,
            PeakReplicas = a.PeakReplicas + b.PeakReplicas,
            TtftP95Ms = Worse(a.TtftP95Ms, b.TtftP95Ms),
            TpotP95Ms = Worse(a.TpotP95Ms, b.TpotP95Ms),
            E2eP99Ms = Worse(a.E2eP99Ms, b.E2eP99Ms),
            Requests = a.Requests + b.Requests,
            RequestsServed = a.RequestsServed + b.RequestsServed,
            RequestsRejected = a.RequestsRejected + b.RequestsRejected,
            SloMet = a.SloMet && b.SloMet,
            Stopped = a.Stopped != EarlyStop.None ? a.Stopped : b.Stopped,
            ColdStarts = a.ColdStarts + b.ColdStarts,
            RampScaleUps = Sum(a.RampScaleUps, b.RampScaleUps),
            ReplicasPerUnit = Math.Max(a.ReplicasPerUnit, b.ReplicasPerUnit),
        };
    }

    private static double Sum(double x, double y) => double.IsNaN(x) ? y : double.IsNaN(y) ? x : x + y;

    private static double Worse(double x, double y) => double.IsNaN(x) ? y : double.IsNaN(y) ? x : Math.Max(x, y);
}
