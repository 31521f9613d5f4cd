using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>
/// A window's requests in arrival order — arrival time and token counts — drawn from the
/// traffic seed alone: arrival gaps from one random stream, sizes from another, exactly the
/// draws every option of the window sees (common random numbers). <see cref="Generate"/> draws
/// them a chunk at a time as the simulation reads them, so memory holds one chunk whatever the
/// window's length; <see cref="Record"/> draws the whole window once, and each
/// <see cref="Replay"/> reads the same requests again without drawing them, so the options of a
/// window share one set of draws.
/// </summary>
public sealed class RequestStream
{
    private const int ChunkRequests = 4096;
    private readonly Generator? _generator;
    private double[] _arrivalSeconds;
    private int[] _inputTokens;
    private int[] _outputTokens;
    private int[] _cachedTokens;
    private int _count;
    private int _position;

    private RequestStream(Generator? generator, double[] arrivalSeconds, int[] inputTokens, int[] outputTokens, int[] cachedTokens, int count)
    {
        _generator = generator;
        _arrivalSeconds = arrivalSeconds;
        _inputTokens = inputTokens;
        _outputTokens = outputTokens;
        _cachedTokens = cachedTokens;
        _count = count;
    }

    /// <summary>Requests held in memory: the whole window once recorded, else the current chunk.</summary>
    public int BufferedRequests => _count;

    /// <summary>A stream that draws the window's requests as they are read, one chunk at a time.</summary>
    public static RequestStream Generate(SimulationWindow window, WorkloadSpec workload, ulong trafficSeed)
    {
        var generator = new Generator(window, workload, trafficSeed);
        return new RequestStream(generator, new double[ChunkRequests], new int[ChunkRequests], new int[ChunkRequests], new int[ChunkRequests], 0);
    }

    /// <summary>
    /// Every request of the window, drawn now; read it with <see cref="Replay"/>.
    /// <paramref name="expectedRequests"/> sizes the buffers (they grow if it is short).
    /// </summary>
    public static RequestStream Record(SimulationWindow window, WorkloadSpec workload, ulong trafficSeed, int expectedRequests = ChunkRequests)
    {
        var generator = new Generator(window, workload, trafficSeed);
        int capacity = Math.Max(16, expectedRequests);
        var recorded = new RequestStream(null, new double[capacity], new int[capacity], new int[capacity], new int[capacity], 0);
        while (true)
        {
            if (recorded._count == recorded._arrivalSeconds.Length)
            {
                recorded.Grow();
            }
            int i = recorded._count;
            if (!generator.Next(out recorded._arrivalSeconds[i], out recorded._inputTokens[i], out recorded._outputTokens[i], out recorded._cachedTokens[i]))
            {
                return recorded;
            }
            recorded._count++;
        }
    }

    /// <summary>Expected number of arrivals in the window (rate × duration over its segments).</summary>
    public static double ExpectedRequests(SimulationWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        double sum = 0;
        foreach (LoadSegment s in window.Segments)
        {
            sum += s.ExpectedRequests;
        }
        return sum;
    }

    /// <summary>A reader of a recorded stream from its first request; readers share the recording and may run on different threads.</summary>
    public RequestStream Replay()
    {
        if (_generator is not null)
        {
            throw new InvalidOperationException("only a recorded stream can be replayed; this one is drawn as it is read");
        }
        return new RequestStream(null, _arrivalSeconds, _inputTokens, _outputTokens, _cachedTokens, _count);
    }

    /// <summary>The next request, or false when the window has no more arrivals.</summary>
    public bool Next(out double arrivalSeconds, out int inputTokens, out int outputTokens, out int cachedTokens)
    {
        if (_position == _count && !Refill())
        {
            arrivalSeconds = double.PositiveInfinity;
            inputTokens = outputTokens = cachedTokens = 0;
            return false;
        }
        int i = _position++;
        arrivalSeconds = _arrivalSeconds[i];
        inputTokens = _inputTokens[i];
        outputTokens = _outputTokens[i];
        cachedTokens = _cachedTokens[i];
        return true;
    }

    private bool Refill()
    {
        if (_generator is null)
        {
            return false;
        }
        _count = 0;
        _position = 0;
        while (_count < _arrivalSeconds.Length
            && _generator.Next(out _arrivalSeconds[_count], out _inputTokens[_count], out _outputTokens[_count], out _cachedTokens[_count]))
        {
            _count++;
        }
        return _count > 0;
    }

    private void Grow()
    {
        int size = _arrivalSeconds.Length * 2;
        Array.Resize(ref _arrivalSeconds, size);
        Array.Resize(ref _inputTokens, size);
        Array.Resize(ref _outputTokens, size);
        Array.Resize(ref _cachedTokens, size);
    }

    /// <summary>Draws requests in order: the arrival time from the arrival stream, then the sizes (of the replayed trace row, if any).</summary>
    private sealed class Generator
    {
        private readonly ArrivalStream _arrivals;
        private readonly RequestSampler _sampler;
        private readonly RandomStream _sizeRandom;
        private readonly double _endSeconds;
        private bool _done;

        public Generator(SimulationWindow window, WorkloadSpec workload, ulong trafficSeed)
        {
            ArgumentNullException.ThrowIfNull(window);
            ArgumentNullException.ThrowIfNull(workload);
            _arrivals = new ArrivalStream(window.Segments, workload, new RandomStream(SeedSequence.Derive(trafficSeed, 1)), window.TrafficShare);
            _sampler = new RequestSampler(workload);
            _sizeRandom = new RandomStream(SeedSequence.Derive(trafficSeed, 2));
            // Summed in segment order, as the event loop sums them, so both agree on the last instant.
            foreach (LoadSegment s in window.Segments)
            {
                _endSeconds += s.DurationSeconds;
            }
        }

        public bool Next(out double arrivalSeconds, out int inputTokens, out int outputTokens, out int cachedTokens)
        {
            arrivalSeconds = _done ? double.PositiveInfinity : _arrivals.Next();
            if (!(arrivalSeconds <= _endSeconds))
            {
                // The first arrival past the window's end closes it: nothing later is drawn.
                _done = true;
                inputTokens = outputTokens = cachedTokens = 0;
                return false;
            }
            _sampler.Sample(_sizeRandom, _arrivals.LastTraceRow, out inputTokens, out outputTokens, out cachedTokens);
            return true;
        }
    }
}
