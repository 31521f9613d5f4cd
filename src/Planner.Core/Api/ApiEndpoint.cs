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
public sealed class ApiEndpoint
{
    private const double Z95 = 1.6448536269514722;
    private readonly ApiOptionSpec _option;
    private readonly SimulationContext _context;
    private readonly double _ttftMu;
    private readonly double _ttftSigma;
    private readonly double _secondsPerOutputToken;
    private TokenBucket _requests;
    private TokenBucket _tokens;
    private double[] _outageStarts = [];
    private double _outageSeconds;
    private int _nextOutage;

    public ApiEndpoint(ApiOptionSpec option, SimulationContext context)
    {
        _option = option ?? throw new ArgumentNullException(nameof(option));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _ttftMu = Math.Log(option.Latency.TtftMedianMs / 1000);
        _ttftSigma = Math.Max(0, Math.Log(option.Latency.TtftP95Ms / option.Latency.TtftMedianMs) / Z95);
        _secondsPerOutputToken = 1 / option.Latency.OutputTokensPerSecond;
    }

    /// <summary>
    /// Called for a request that finds the API down, before it backs off; returning true means
    /// the caller took the request elsewhere (a hybrid's fail-over).
    /// </summary>
    public Func<int, bool>? OnOutage { get; set; }

    /// <summary>Starts a window: full buckets, and this window's outages.</summary>
    public void Reset(double windowSeconds)
    {
        _requests = new TokenBucket(_option.RateLimits.RequestsPerMinute ?? double.PositiveInfinity);
        _tokens = new TokenBucket(_option.RateLimits.TokensPerMinute ?? double.PositiveInfinity);
        _nextOutage = 0;
        _outageStarts = [];
        if (_option.Availability < 1)
        {
            double downtime = (1 - _option.Availability) * windowSeconds;
            int count = Math.Max(1, (int)Math.Round(downtime / (_option.MeanOutageMinutes * 60)));
            _outageSeconds = downtime / count;
            double slice = windowSeconds / count;
            _outageStarts = new double[count];
            for (int i = 0; i < count; i++)
            {
                _outageStarts[i] = i * slice + _context.Random.NextDouble() * (slice - _outageSeconds);
            }
        }
    }

    /// <summary>Whether the API is in an outage now.</summary>
    public bool IsDown()
    {
        double now = _context.Now;
        while (_nextOutage < _outageStarts.Length && now >= _outageStarts[_nextOutage] + _outageSeconds)
        {
            _nextOutage++;
        }
        return _nextOutage < _outageStarts.Length && now >= _outageStarts[_nextOutage];
    }

    /// <summary>Takes a new request (already in the request table).</summary>
    public void Submit(int id)
    {
        if (_option.ContextWindowTokens is int window && _context.Requests[id].Input + _context.Requests[id].Output > window)
        {
            // The provider refuses it outright, batch API or not: never billed, never served.
            _context.Metrics.RejectedOverContext += _context.Requests[id].Weight;
            _context.Reject(id);
            return;
        }
        if (_option.BatchShare > 0 && _context.BatchRandom.NextDouble() < _option.BatchShare)
        {
            RequestTable t = _context.Requests;
            double w = t[id].Weight;
            var m = _context.Metrics;
            m.RequestsServed += w;
            m.BatchRequests += w;
            m.BatchInputTokens += w * t[id].Input;
            m.BatchCachedInputTokens += w * t[id].Cached;
            m.BatchOutputTokens += w * t[id].Output;
            AddTokens(id);
            t.Remove(id);
            return;
        }
        Attempt(id);
    }

    /// <summary>Handles an <see cref="EventKind.ApiRetry"/> event.</summary>
    public void Retry(int id) => Attempt(id);

    private void Attempt(int id)
    {
        RequestTable t = _context.Requests;
        double now = _context.Now;
        bool down = IsDown();
        if (down && OnOutage is not null && OnOutage(id))
        {
            return;
        }
        ref InFlightRequest q = ref t[id];
        double tokens = q.Input + q.Output;
        if (!down && _requests.CanTake(now, 1) && _tokens.CanTake(now, tokens))
        {
            _requests.Take(now, 1);
            _tokens.Take(now, tokens);
            double ttft = now - q.ArrivedAt + Math.Exp(_ttftMu + _ttftSigma * _context.Random.NextNormal());
            double e2e = ttft + q.Output * _secondsPerOutputToken;
            _context.RequestCompleted?.Invoke(q.ArrivedAt, ttft, e2e, q.Output);
            _context.Slo.Record(_context.Metrics, q.Weight, ttft, e2e, q.Output);
            if (q.Output > 1)
            {
                // Tokens stream at the output rate: every gap after the first token is the same.
                _context.Metrics.InterTokenLatency.Record(_secondsPerOutputToken, q.Weight * (q.Output - 1));
            }
            AddTokens(id);
            t.Remove(id);
            return;
        }
        RateLimitSpec limits = _option.RateLimits;
        double backoff = limits.InitialBackoffSeconds * Math.Pow(limits.BackoffMultiplier, q.Attempts);
        // "Equal jitter": half the back-off fixed, half random, so clients do not retry in lockstep.
        backoff *= 0.5 + 0.5 * _context.Random.NextDouble();
        var metrics = _context.Metrics;
        if (now + backoff - q.ArrivedAt > limits.MaxWaitSeconds)
        {
            if (down)
            {
                metrics.RejectedAfterOutage += q.Weight;
            }
            else
            {
                metrics.RejectedAfterRateLimit += q.Weight;
            }
            _context.Reject(id);
            return;
        }
        metrics.Backoffs += q.Weight;
        // Named by cause: a refusal while the API is down is an outage, at any load; otherwise a bucket was empty.
        if (down)
        {
            metrics.OutageBackoffs += q.Weight;
            metrics.OutageWaitSeconds += q.Weight * backoff;
        }
        else
        {
            metrics.RateLimitBackoffs += q.Weight;
            metrics.RateLimitWaitSeconds += q.Weight * backoff;
        }
        q.Attempts++;
        _context.Queue.Schedule(new SimEvent(now + backoff, EventKind.ApiRetry, id, 0), EventPhase.Arrival);
    }

    private void AddTokens(int id)
    {
        ref InFlightRequest q = ref _context.Requests[id];
        double w = q.Weight;
        var m = _context.Metrics;
        m.InputTokens += w * q.Input;
        m.CachedInputTokens += w * q.Cached;
        m.OutputTokens += w * q.Output;
        m.ApiInputTokens += w * q.Input;
        m.ApiCachedInputTokens += w * q.Cached;
        m.ApiOutputTokens += w * q.Output;
    }
}
