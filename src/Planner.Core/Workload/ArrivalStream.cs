using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>
/// Arrival times over a window's segments. Arrivals are drawn in operational time (unit mean
/// rate) — exponential gaps for Poisson, gamma gaps with the given CV for bursty traffic, or a
/// trace's own gaps — and mapped through the cumulative intensity of the segments, so a
/// piecewise-constant rate keeps each process's burstiness.
/// </summary>
public sealed class ArrivalStream
{
    private readonly double[] _segmentStart;
    private readonly double[] _cumulativeStart;
    private readonly double[] _rate;
    private readonly RandomStream _random;
    private readonly ArrivalProcessKind _kind;
    private readonly double _gammaShape;
    private readonly GammaSampler _gammaGap;
    private readonly TraceReplaySpec? _trace;
    private readonly double _traceScale;
    private int _segment;
    private double _operationalTime;
    private int _traceRow;
    private double _traceTileOrigin;
    private double _firstArrival = double.NaN;

    public ArrivalStream(IReadOnlyList<LoadSegment> segments, WorkloadSpec workload, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(workload);
        _random = random;
        int n = segments.Count;
        _segmentStart = new double[n + 1];
        _cumulativeStart = new double[n + 1];
        _rate = new double[n];
        for (int i = 0; i < n; i++)
        {
            _rate[i] = segments[i].RequestsPerSecond;
            _segmentStart[i + 1] = _segmentStart[i] + segments[i].DurationSeconds;
            _cumulativeStart[i + 1] = _cumulativeStart[i] + segments[i].RequestsPerSecond * segments[i].DurationSeconds;
        }
        _kind = workload.Arrivals.Kind;
        _gammaShape = 1 / (workload.Arrivals.CoefficientOfVariation * workload.Arrivals.CoefficientOfVariation);
        _gammaGap = new GammaSampler(_gammaShape);
        _trace = workload.Replay;
        if (_trace is not null)
        {
            int rows = _trace.OffsetSeconds.Count;
            _traceScale = rows / _trace.DurationSeconds;
            _traceRow = random.NextInt(rows);
            _traceTileOrigin = -_trace.OffsetSeconds[_traceRow] * _traceScale;
        }
        else if (_kind == ArrivalProcessKind.Gamma)
        {
            // Start in equilibrium, as if the process had been running: the gap spanning time 0 is
            // length-biased (for a unit-mean Gamma(k) gap that is Gamma(k+1)/k) and the first
            // arrival lies a uniform share of it ahead.
            _firstArrival = random.NextGamma(_gammaShape + 1) / _gammaShape * random.NextDouble();
        }
    }

    /// <summary>Trace row of the last arrival returned (replay only), else -1.</summary>
    public int LastTraceRow { get; private set; } = -1;

    /// <summary>Next arrival time, or +∞ when the window has no more arrivals.</summary>
    public double Next()
    {
        if (_trace is not null)
        {
            _operationalTime = _traceTileOrigin + _trace.OffsetSeconds[_traceRow] * _traceScale;
            LastTraceRow = _traceRow;
            if (++_traceRow == _trace.OffsetSeconds.Count)
            {
                _traceRow = 0;
                _traceTileOrigin += _trace.OffsetSeconds.Count;
            }
        }
        else if (!double.IsNaN(_firstArrival))
        {
            _operationalTime = _firstArrival;
            _firstArrival = double.NaN;
        }
        else
        {
            _operationalTime += NextGap();
        }
        while (_segment < _rate.Length && (_operationalTime > _cumulativeStart[_segment + 1] || _rate[_segment] <= 0))
        {
            _segment++;
        }
        if (_segment >= _rate.Length)
        {
            return double.PositiveInfinity;
        }
        double intoSegment = Math.Max(0, _operationalTime - _cumulativeStart[_segment]) / _rate[_segment];
        return _segmentStart[_segment] + intoSegment;
    }

    private double NextGap() => _kind == ArrivalProcessKind.Gamma
        ? _gammaGap.Sample(_random) / _gammaShape
        : _random.NextExponential();
}
