using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>Draws the class and token counts of each new request.</summary>
public sealed class RequestSampler
{
    private readonly double[] _cumulativeShare;
    private readonly TokenSampler[] _input;
    private readonly TokenSampler[] _output;
    private readonly double[] _cachedFraction;
    private readonly TraceReplaySpec? _trace;

    public RequestSampler(WorkloadSpec workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        _trace = workload.Replay;
        int n = workload.Classes.Count;
        _cumulativeShare = new double[n];
        _input = new TokenSampler[n];
        _output = new TokenSampler[n];
        _cachedFraction = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            RequestClassSpec c = workload.Classes[i];
            sum += c.Share;
            _cumulativeShare[i] = sum;
            _input[i] = new TokenSampler(c.InputTokens);
            _output[i] = new TokenSampler(c.OutputTokens);
            _cachedFraction[i] = c.CachedPrefixFraction;
        }
        if (n > 0)
        {
            _cumulativeShare[n - 1] = double.PositiveInfinity;
        }
    }

    /// <summary>Fills the sizes of one request; <paramref name="traceRow"/> is used when replaying.</summary>
    public void Sample(RandomStream random, int traceRow, out int inputTokens, out int outputTokens, out int cachedTokens)
    {
        if (_trace is not null && traceRow >= 0)
        {
            inputTokens = Math.Max(1, _trace.InputTokens[traceRow]);
            outputTokens = Math.Max(1, _trace.OutputTokens[traceRow]);
            cachedTokens = 0;
            return;
        }
        double u = random.NextDouble();
        int c = 0;
        while (u >= _cumulativeShare[c])
        {
            c++;
        }
        inputTokens = Math.Max(1, _input[c].Sample(random));
        outputTokens = Math.Max(1, _output[c].Sample(random));
        cachedTokens = (int)(inputTokens * _cachedFraction[c]);
    }
}
