using Planner.Core.FineTuning;
using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>The month-by-month projection of one deployment option.</summary>
public sealed record OptionProjection
{
    public required OptionSpec Option { get; init; }
    /// <summary>Where step times came from (self-hosted), or the API's latency model.</summary>
    public required string PerformanceSource { get; init; }
    public required IReadOnlyList<MonthlyOutcome> Months { get; init; }
    /// <summary>A weekday of the last month, hour by hour (self-hosted fleets only; empty otherwise).</summary>
    public IReadOnlyList<DayTimelinePoint> Timeline { get; init; } = [];
    /// <summary>The option's fine-tuning jobs, each simulated once for the projection.</summary>
    public IReadOnlyList<FineTuningJobResult> FineTuning { get; init; } = [];

    /// <summary>The fastest its replicas answer the scenario's requests, each alone on an idle replica (self-hosted options only; null otherwise).</summary>
    public Serving.LatencyFloor? LatencyFloor { get; init; }

    /// <summary>Requests simulated for this option (every window, noise checks included).</summary>
    public long SimulatedRequests { get; init; }

    public string Name => Option.Name;

    /// <summary>COGS over the horizon plus one-time costs.</summary>
    public double TotalCostUsd => Months.Sum(m => m.Cost.CogsUsd + m.Cost.OneTimeUsd + m.Cost.FineTuningUsd);

    /// <summary>Cumulative cost (COGS plus one-time) at the end of each month.</summary>
    public IReadOnlyList<double> CumulativeCostUsd()
    {
        var result = new double[Months.Count];
        double sum = 0;
        for (int i = 0; i < Months.Count; i++)
        {
            sum += Months[i].Cost.CogsUsd + Months[i].Cost.OneTimeUsd + Months[i].Cost.FineTuningUsd;
            result[i] = sum;
        }
        return result;
    }

    /// <summary>True when every month met its SLO.</summary>
    public bool MeetsSloThroughout => Months.All(m => m.SloMet);
}
