using Planner.Core.Specs;

namespace Planner.Core.Metrics;

/// <summary>Records a finished request's latencies and whether it met every per-request SLO threshold.</summary>
public readonly struct SloTracker
{
    private readonly double _ttftLimitSeconds;
    private readonly double _tpotLimitSeconds;
    private readonly double _e2eLimitSeconds;

    public SloTracker(SloSpec slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        _ttftLimitSeconds = (slo.TtftP95Ms ?? double.PositiveInfinity) / 1000;
        _tpotLimitSeconds = (slo.TpotP95Ms ?? double.PositiveInfinity) / 1000;
        _e2eLimitSeconds = (slo.E2eP99Ms ?? double.PositiveInfinity) / 1000;
    }

    public void Record(WindowMetrics metrics, double weight, double ttftSeconds, double e2eSeconds, int outputTokens)
    {
        metrics.RequestsServed += weight;
        metrics.TimeToFirstToken.Record(ttftSeconds, weight);
        metrics.EndToEnd.Record(e2eSeconds, weight);
        double tpot = 0;
        if (outputTokens > 1)
        {
            tpot = (e2eSeconds - ttftSeconds) / (outputTokens - 1);
            metrics.TimePerOutputToken.Record(tpot, weight);
        }
        if (ttftSeconds <= _ttftLimitSeconds && tpot <= _tpotLimitSeconds && e2eSeconds <= _e2eLimitSeconds)
        {
            metrics.RequestsWithinSlo += weight;
        }
    }
}
