using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>
/// Arrival times over a window's segments. Arrivals are drawn in operational time (unit mean
/// rate) — exponential gaps for Poisson, gamma gaps with the given CV for bursty traffic, or a
/// trace's own gaps — and mapped through the cumulative intensity of the segments (each with a
/// rate constant or changing linearly), so a time-varying rate keeps each process's burstiness.
/// <para>
/// A window that simulates a share p &lt; 1 of the traffic (a slice of a large fleet) sees what
/// random routing would hand that slice: the traffic thinned with probability p. Thinning a
/// Poisson process is Poisson; thinning a renewal process with Gamma(k) gaps gives gaps that are
/// sums of a geometric number of them, Gamma(G·k) with G ~ Geometric(p), drawn exactly; a trace
/// keeps each row with probability p.
/// </para>
/// </summary>
public sealed class ArrivalStream
{
    private readonly double[] _segmentStart;
    private readonly double[] _cumulativeStart;
    private readonly double[] _rate;
    private readonly double[] _slope;
    private readonly double _share;
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

    /// <param name="segments">The window's segments, whose rates are already the simulated share's.</param>
    /// <param name="workload">Arrival process (or trace) of the traffic.</param>
    /// <param name="random">The stream arrival gaps are drawn from.</param>
    /// <param name="share">Share of the whole traffic these rates are (1 for all of it).</param>
    public ArrivalStream(IReadOnlyList<LoadSegment> segments, WorkloadSpec workload, RandomStream random, double share = 1)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(workload);
        if (!(share > 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "a traffic share is in (0, 1]");
        }
        _random = random;
        _share = share;
        int n = segments.Count;
        _segmentStart = new double[n + 1];
        _cumulativeStart = new double[n + 1];
        _rate = new double[n];
        _slope = new double[n];
        for (int i = 0; i < n; i++)
        {
            LoadSegment s = segments[i];
            _rate[i] = s.RequestsPerSecond;
            _slope[i] = s.DurationSeconds > 0 ? (s.EndRate - s.RequestsPerSecond) / s.DurationSeconds : 0;
            _segmentStart[i + 1] = _segmentStart[i] + s.DurationSeconds;
            _cumulativeStart[i + 1] = _cumulativeStart[i] + s.ExpectedRequests;
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
        else if (_kind == ArrivalProcessKind.Gamma && share >= 1)
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
            // A slice keeps each row of the trace with probability share, at the time the whole
            // trace would put it (operational time of the slice = the trace's × share).
            do
            {
                _operationalTime = (_traceTileOrigin + _trace.OffsetSeconds[_traceRow] * _traceScale) * _share;
                LastTraceRow = _traceRow;
                if (++_traceRow == _trace.OffsetSeconds.Count)
                {
                    _traceRow = 0;
                    _traceTileOrigin += _trace.OffsetSeconds.Count;
                }
            }
            while (_share < 1 && _random.NextDouble() >= _share);
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
        while (_segment < _rate.Length && (_operationalTime > _cumulativeStart[_segment + 1] || _cumulativeStart[_segment + 1] <= _cumulativeStart[_segment]))
        {
            _segment++;
        }
        if (_segment >= _rate.Length)
        {
            return double.PositiveInfinity;
        }
        double u = Math.Max(0, _operationalTime - _cumulativeStart[_segment]);
        return _segmentStart[_segment] + TimeToIntensity(_rate[_segment], _slope[_segment], u);
    }

    /// <summary>
    /// Time t into a segment whose rate starts at <paramref name="rate"/> and grows by
    /// <paramref name="slope"/> per second, at which its integrated rate reaches
    /// <paramref name="intensity"/>: the root of slope·t²/2 + rate·t = intensity, in the form that
    /// stays exact as the slope goes to 0.
    /// </summary>
    internal static double TimeToIntensity(double rate, double slope, double intensity)
    {
        if (slope == 0)
        {
            return intensity / rate;
        }
        double root = Math.Sqrt(Math.Max(0, rate * rate + 2 * slope * intensity));
        return 2 * intensity / (rate + root);
    }

    /// <summary>A gap in the simulated share's operational time (mean 1).</summary>
    private double NextGap()
    {
        if (_kind != ArrivalProcessKind.Gamma)
        {
            return _random.NextExponential();
        }
        if (_share >= 1)
        {
            return _gammaGap.Sample(_random) / _gammaShape;
        }
        // The whole traffic's gaps until the next one routed to this share: G ~ Geometric(share) of
        // them, whose sum is Gamma(G·k); in the share's time, scaled by share so the mean is 1.
        double g = 1 + Math.Floor(Math.Log(_random.NextOpenDouble()) / Math.Log(1 - _share));
        return _random.NextGamma(g * _gammaShape) / _gammaShape * _share;
    }
}
