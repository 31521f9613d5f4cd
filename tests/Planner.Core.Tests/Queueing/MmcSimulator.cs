using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Queueing;

/// <summary>
/// An M/M/c queue expressed through the engine: Poisson arrivals come from the base class,
/// service times are exponential draws from <c>ServiceRandom</c>, waiting is FIFO, and
/// completions are <see cref="EventKind.Custom"/> events. Waits of customers that arrive in
/// weighted (measured) segments are kept in arrival order, for batch means.
/// </summary>
internal sealed class MmcSimulator(int servers, double serviceRate)
    : OptionSimulator(TestSpecs.Workload(), new SloSpec())
{
    private readonly Queue<(double ArrivedAt, bool Measured)> _waiting = new();
    private int _busy;

    public List<double> Waits { get; } = [];

    protected override void OnStart()
    {
        _waiting.Clear();
        _busy = 0;
        Waits.Clear();
    }

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens)
    {
        bool measured = CurrentWeight > 0;
        if (_busy < servers)
        {
            StartService(0, measured);
        }
        else
        {
            _waiting.Enqueue((Now, measured));
        }
    }

    protected override void OnEvent(in SimEvent e)
    {
        Assert.Equal(EventKind.Custom, e.Kind);
        _busy--;
        if (_waiting.TryDequeue(out var next))
        {
            StartService(Now - next.ArrivedAt, next.Measured);
        }
    }

    private void StartService(double wait, bool measured)
    {
        if (measured)
        {
            Waits.Add(wait);
        }
        _busy++;
        Queue.Schedule(new SimEvent(Now + ServiceRandom.NextExponential() / serviceRate, EventKind.Custom, 0, 0), EventPhase.Completion);
    }
}
