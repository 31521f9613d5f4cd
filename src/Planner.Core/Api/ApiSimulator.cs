using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Api;

/// <summary>
/// A model API seen from the client: each request must fit the RPM and TPM buckets and find the
/// API up; otherwise it backs off exponentially (with jitter) and tries again, and is rejected
/// once its waiting would exceed the maximum. Latency is the waiting plus a lognormal time to
/// first token plus output tokens at the API's output rate. Batch-API traffic skips limits and
/// latency metrics. Outages are stratified: each window is down for exactly its expected share
/// of time, 1 − availability, in outages of the mean length (one shorter outage when the window
/// expects less), each placed at random within its own equal slice of the window. Purely random
/// outages would be unbiased too, but one rare outage landing in a heavily weighted segment
/// would swing a whole month.
/// </summary>
public sealed class ApiSimulator : OptionSimulator
{
    private const double Z95 = 1.6448536269514722;
    private readonly ApiOptionSpec _option;
    private readonly double _ttftMu;
    private readonly double _ttftSigma;
    private readonly double _secondsPerOutputToken;
    private TokenBucket _requests;
    private TokenBucket _tokens;
    private PendingRequest[] _pending = new PendingRequest[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;
    private double[] _outageStarts = [];
    private double _outageSeconds;
    private int _nextOutage;

    public ApiSimulator(ApiOptionSpec option, WorkloadSpec workload, SloSpec slo)
        : base(workload, slo)
    {
        _option = option ?? throw new ArgumentNullException(nameof(option));
        _ttftMu = Math.Log(option.Latency.TtftMedianMs / 1000);
        _ttftSigma = Math.Max(0, Math.Log(option.Latency.TtftP95Ms / option.Latency.TtftMedianMs) / Z95);
        _secondsPerOutputToken = 1 / option.Latency.OutputTokensPerSecond;
    }

    protected override void OnStart()
    {
        _requests = new TokenBucket(_option.RateLimits.RequestsPerMinute ?? double.PositiveInfinity);
        _tokens = new TokenBucket(_option.RateLimits.TokensPerMinute ?? double.PositiveInfinity);
        _freeCount = 0;
        _used = 0;
        _nextOutage = 0;
        _outageStarts = [];
        if (_option.Availability < 1)
        {
            double downtime = (1 - _option.Availability) * WindowSeconds;
            int count = Math.Max(1, (int)Math.Round(downtime / (_option.MeanOutageMinutes * 60)));
            _outageSeconds = downtime / count;
            double slice = WindowSeconds / count;
            _outageStarts = new double[count];
            for (int i = 0; i < count; i++)
            {
                _outageStarts[i] = i * slice + ServiceRandom.NextDouble() * (slice - _outageSeconds);
            }
        }
    }

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens)
    {
        double weight = CurrentWeight;
        if (_option.BatchShare > 0 && ServiceRandom.NextDouble() < _option.BatchShare)
        {
            Metrics.RequestsServed += weight;
            Metrics.BatchRequests += weight;
            Metrics.BatchInputTokens += weight * inputTokens;
            Metrics.BatchCachedInputTokens += weight * cachedTokens;
            Metrics.BatchOutputTokens += weight * outputTokens;
            AddTokens(weight, inputTokens, outputTokens, cachedTokens);
            return;
        }
        int slot = Allocate();
        _pending[slot] = new PendingRequest(Now, inputTokens, outputTokens, cachedTokens, weight, 0);
        Attempt(slot);
    }

    protected override void OnEvent(in SimEvent e)
    {
        if (e.Kind == EventKind.ApiRetry)
        {
            Attempt(e.Target);
        }
    }

    protected override void OnEnd()
    {
        for (int i = 0; i < _used; i++)
        {
            if (_pending[i].Weight >= 0 && !IsFree(i))
            {
                Metrics.RequestsInFlightAtEnd += _pending[i].Weight;
            }
        }
    }

    private void Attempt(int slot)
    {
        ref PendingRequest r = ref _pending[slot];
        double tokens = r.InputTokens + r.OutputTokens;
        if (!IsDown() && _requests.CanTake(Now, 1) && _tokens.CanTake(Now, tokens))
        {
            _requests.Take(Now, 1);
            _tokens.Take(Now, tokens);
            double waited = Now - r.ArrivedAt;
            double ttft = waited + Math.Exp(_ttftMu + _ttftSigma * ServiceRandom.NextNormal());
            double e2e = ttft + r.OutputTokens * _secondsPerOutputToken;
            Slo.Record(Metrics, r.Weight, ttft, e2e, r.OutputTokens);
            AddTokens(r.Weight, r.InputTokens, r.OutputTokens, r.CachedTokens);
            Release(slot);
            return;
        }
        RateLimitSpec limits = _option.RateLimits;
        double backoff = limits.InitialBackoffSeconds * Math.Pow(limits.BackoffMultiplier, r.Attempts);
        // "Equal jitter": half the back-off fixed, half random, so clients do not retry in lockstep.
        backoff *= 0.5 + 0.5 * ServiceRandom.NextDouble();
        if (Now + backoff - r.ArrivedAt > limits.MaxWaitSeconds)
        {
            Metrics.RequestsRejected += r.Weight;
            Release(slot);
            return;
        }
        Metrics.Backoffs += r.Weight;
        r.Attempts++;
        Queue.Schedule(new SimEvent(Now + backoff, EventKind.ApiRetry, slot, 0), EventPhase.Arrival);
    }

    private void AddTokens(double weight, int input, int output, int cached)
    {
        Metrics.InputTokens += weight * input;
        Metrics.CachedInputTokens += weight * cached;
        Metrics.OutputTokens += weight * output;
    }

    private bool IsDown()
    {
        while (_nextOutage < _outageStarts.Length && Now >= _outageStarts[_nextOutage] + _outageSeconds)
        {
            _nextOutage++;
        }
        return _nextOutage < _outageStarts.Length && Now >= _outageStarts[_nextOutage];
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }
        if (_used == _pending.Length)
        {
            Array.Resize(ref _pending, _used * 2);
        }
        return _used++;
    }

    private void Release(int slot)
    {
        _pending[slot] = _pending[slot] with { Weight = -1 };
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _freeCount * 2);
        }
        _free[_freeCount++] = slot;
    }

    private bool IsFree(int slot) => _pending[slot].Weight < 0;

    private record struct PendingRequest(double ArrivedAt, int InputTokens, int OutputTokens, int CachedTokens, double Weight, int Attempts);
}
