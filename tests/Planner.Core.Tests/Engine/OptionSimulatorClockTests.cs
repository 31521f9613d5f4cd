using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Engine;

/// <summary>
/// Exact-time tests of the shared event loop: a probe simulator records the clock, weight and
/// segment at every callback. Times are dyadic fractions, so every comparison is exact.
/// </summary>
public sealed class OptionSimulatorClockTests
{
    [Fact]
    public void ClockJumpsExactlyToEachEventTime()
    {
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: [0.5, 1.25, 1.25, 3.0, 5.75]);
        WindowMetrics m = probe.Run(TestSpecs.Window(Seg(1, 0, 1), Seg(2, 0, 1), Seg(3, 0, 1)), 1, 2);

        Assert.Equal(new[] { 0.5, 1.25, 1.25, 3.0, 5.75 }, probe.Log.Where(r => r.What == "event").Select(r => r.Now));
        Assert.Equal(6.0, probe.Log[^1].Now);
        Assert.Equal("end", probe.Log[^1].What);
        Assert.Equal(6.0, m.CoveredSeconds);
        // Each advance starts where the clock is and ends exactly at the next event time
        // (custom events and the segment boundaries at 1 and 3), then at the window's end.
        var advances = probe.Log.Where(r => r.What == "advance").ToList();
        Assert.Equal(new[] { 0.5, 1.0, 1.25, 3.0, 5.75, 6.0 }, advances.Select(r => r.Now + r.Delta));
        Assert.Equal(6.0, advances.Sum(r => r.Delta));
        Assert.DoesNotContain(probe.Log, r => r.What == "advance" && r.Delta <= 0);
    }

    [Fact]
    public void EventsInsideASegmentSeeThatSegmentAndTheAdvanceUsesThePreviousWeight()
    {
        // Boundaries at 0, 1, 3. An event exactly at 1.0 (Completion phase) runs after the
        // boundary (Boundary phase), so it already sees segment 1.
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: [0.5, 1.0, 2.0, 4.0]);
        WindowMetrics m = probe.Run(TestSpecs.Window(Seg(1, 0, 2), Seg(2, 0, 3), Seg(3, 0, 5)), 1, 2);

        var events = probe.Log.Where(r => r.What == "event").ToList();
        Assert.Equal(new[] { 0, 1, 1, 2 }, events.Select(r => r.Segment));
        Assert.Equal(new[] { 2.0, 3.0, 3.0, 5.0 }, events.Select(r => r.Weight));
        // Weighted time integrates to the covered seconds: 1×2 + 2×3 + 3×5.
        Assert.Equal(23.0, m.CoveredSeconds);
        Assert.Equal(23.0, probe.Log.Where(r => r.What == "advance").Sum(r => r.Delta * r.Weight));
    }

    [Fact]
    public void BoundaryUpdatesWeightBeforeAnArrivalAtTheSameInstant()
    {
        // A trace of evenly spaced rows at its own rate puts arrivals at exactly 0, 1, 2, …,
        // whichever row the replay starts from; boundaries fall at 2 and 4.
        TraceReplaySpec trace = new()
        {
            Source = "test",
            OffsetSeconds = [0, 1, 2, 3],
            InputTokens = [10, 20, 30, 40],
            OutputTokens = [1, 2, 3, 4],
            DurationSeconds = 4,
        };
        var probe = new ProbeSimulator(TestSpecs.Workload(replay: trace), customTimes: []);
        WindowMetrics m = probe.Run(TestSpecs.Window(Seg(2, 1, 0), Seg(2, 1, 5), Seg(2, 1, 7)), 3, 4);

        var arrivals = probe.Log.Where(r => r.What == "arrival").ToList();
        Assert.Equal(new[] { 0.0, 1, 2, 3, 4, 5, 6 }, arrivals.Select(r => r.Now));
        Assert.Equal(new[] { 0.0, 0, 5, 5, 7, 7, 7 }, arrivals.Select(r => r.Weight));
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 2 }, arrivals.Select(r => r.Segment));
        Assert.Equal(2 * 5.0 + 3 * 7.0, m.RequestsArrived);
        Assert.Equal(7, probe.RequestsSimulated);
    }

    [Fact]
    public void NothingAfterTheWindowEndIsProcessed()
    {
        // Custom events past the end, and a self-rescheduling chain that would run forever.
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: [9.0, 10.0, 10.000000000000002, 1e9], chainPeriod: 0.75);
        probe.Run(TestSpecs.Window(Seg(4, 3, 1), Seg(6, 2, 1)), 11, 12);

        var callbacks = probe.Log.Where(r => r.What is "event" or "arrival").ToList();
        Assert.Contains(callbacks, r => r.What == "arrival");
        Assert.All(callbacks, r => Assert.True(r.Now <= 10.0, $"{r.What} at {r.Now}"));
        // The event exactly at the end is still processed; the one an ulp later is not.
        Assert.Contains(probe.Log, r => r.What == "event" && r.Target == 1);
        Assert.DoesNotContain(probe.Log, r => r.What == "event" && r.Target is 2 or 3);
        // The chain: 0.75, 1.5, …, 9.75 (13 ticks) and nothing at 10.5.
        Assert.Equal(13, probe.Log.Count(r => r.What == "event" && r.Target == -1));
        Assert.Equal(10.0, probe.Log[^1].Now);
        Assert.Equal(probe.Log.Count(r => r.What is "event" or "arrival") + 2, probe.EventsProcessed); // + two boundaries
    }

    [Fact]
    public void ArrivalsAreNondecreasingAndInsideTheWindow()
    {
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: []);
        probe.Run(TestSpecs.Window(Seg(50, 2, 1), Seg(50, 0, 1), Seg(50, 5, 1)), 5, 6);

        var times = probe.Log.Where(r => r.What == "arrival").Select(r => (r.Now, r.Segment)).ToList();
        Assert.True(times.Count > 100);
        for (int i = 1; i < times.Count; i++)
        {
            Assert.True(times[i].Now >= times[i - 1].Now);
        }
        Assert.All(times, t => Assert.True(t.Now is >= 0 and <= 150));
        // The rate-0 middle segment gets no arrivals at all.
        Assert.DoesNotContain(times, t => t.Segment == 1);
    }

    [Fact]
    public void RunResetsStateSoASecondRunRepeatsTheFirst()
    {
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: [1.5, 2.5], chainPeriod: 1.0);
        SimulationWindow w = TestSpecs.Window(Seg(5, 1.5, 2), Seg(5, 3, 1));
        WindowMetrics first = probe.Run(w, 7, 8);
        var log1 = probe.Log.ToList();
        probe.Log.Clear();
        WindowMetrics second = probe.Run(w, 7, 8);

        Assert.Equal(log1, probe.Log);
        Assert.Equal(first.RequestsArrived, second.RequestsArrived);
        Assert.Equal(first.CoveredSeconds, second.CoveredSeconds);
        Assert.NotSame(first, second);
    }

    private static LoadSegment Seg(double duration, double rate, double weight) => new(duration, rate, weight, 0);

    /// <summary>A simulator that does nothing but write down what the loop tells it.</summary>
    [Fact]
    public void ScheduledArrivalsComeAtTheirTimesWithTheirSizesAndTheSegmentsWeight()
    {
        // Two arrivals queued before the run, one more from the event at 2.5 (a client that
        // answers); boundaries at 0, 1, 3 with weights 2, 3, 5.
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: [2.5]);
        probe.ScheduleArrival(0.75, 11, 1);
        probe.ScheduleArrival(4.0, 13, 2);
        probe.OnEventAt = (sim, now) => sim.ScheduleArrival(now, 12, 3);
        WindowMetrics m = probe.Run(TestSpecs.Window(Seg(1, 0, 2), Seg(2, 0, 3), Seg(3, 0, 5)), 1, 2);

        var arrivals = probe.Log.Where(r => r.What == "arrival").ToList();
        Assert.Equal(new[] { 0.75, 2.5, 4.0 }, arrivals.Select(r => r.Now));
        Assert.Equal(new[] { 11, 12, 13 }, arrivals.Select(r => r.Target));
        Assert.Equal(new[] { 2.0, 3.0, 5.0 }, arrivals.Select(r => r.Weight));
        Assert.Equal(2 + 3 + 5, m.RequestsArrived);
        Assert.Equal(3, probe.RequestsSimulated);
    }

    [Fact]
    public void ScheduledArrivalsAreForOneRunAndNeverInThePast()
    {
        var probe = new ProbeSimulator(TestSpecs.Workload(), customTimes: [1.5]);
        probe.ScheduleArrival(0.5, 10, 1);
        probe.OnEventAt = (sim, now) => Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleArrival(now - 0.25, 10, 1));
        probe.Run(TestSpecs.Window(Seg(2, 0, 1)), 1, 2);
        Assert.Single(probe.Log, r => r.What == "arrival");

        probe.Log.Clear();
        probe.OnEventAt = null;
        probe.Run(TestSpecs.Window(Seg(2, 0, 1)), 1, 2);
        Assert.DoesNotContain(probe.Log, r => r.What == "arrival");
        Assert.Throws<ArgumentOutOfRangeException>(() => probe.ScheduleArrival(-1, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => probe.ScheduleArrival(1, 0, 1));
    }

    private sealed class ProbeSimulator(WorkloadSpec workload, double[] customTimes, double chainPeriod = 0)
        : OptionSimulator(workload, new SloSpec())
    {
        public List<(string What, double Now, double Delta, double Weight, int Segment, int Target)> Log { get; } = [];

        protected override void OnStart()
        {
            Log.Add(("start", Now, 0, CurrentWeight, CurrentSegment, 0));
            for (int i = 0; i < customTimes.Length; i++)
            {
                Queue.Schedule(new SimEvent(customTimes[i], EventKind.Custom, i, 0), EventPhase.Completion);
            }
            if (chainPeriod > 0)
            {
                Queue.Schedule(new SimEvent(chainPeriod, EventKind.Custom, -1, 0), EventPhase.Control);
            }
        }

        protected override void OnTimeAdvance(double deltaSeconds) =>
            Log.Add(("advance", Now, deltaSeconds, CurrentWeight, CurrentSegment, 0));

        protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens) =>
            Log.Add(("arrival", Now, 0, CurrentWeight, CurrentSegment, inputTokens));

        /// <summary>Called at each custom event with the simulator and the clock.</summary>
        public Action<OptionSimulator, double>? OnEventAt { get; set; }

        protected override void OnEvent(in SimEvent e)
        {
            Assert.Equal(e.TimeSeconds, Now);
            Log.Add(("event", Now, 0, CurrentWeight, CurrentSegment, e.Target));
            OnEventAt?.Invoke(this, Now);
            if (e.Target == -1)
            {
                Queue.Schedule(new SimEvent(Now + chainPeriod, EventKind.Custom, -1, 0), EventPhase.Control);
            }
        }

        protected override void OnEnd() => Log.Add(("end", Now, 0, CurrentWeight, CurrentSegment, 0));
    }
}
