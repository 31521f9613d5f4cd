using FsCheck;
using FsCheck.Fluent;
using Planner.Core.Engine;

namespace Planner.Core.Tests.Engine;

/// <summary>The queue's order is exactly (time, phase, insertion sequence), with no tolerance.</summary>
public sealed class EventQueueTests
{
    [Fact]
    public void DequeuesByTimeFirst()
    {
        var q = new EventQueue();
        q.Schedule(new SimEvent(3.0, EventKind.Custom, 3, 0), EventPhase.Boundary);
        q.Schedule(new SimEvent(1.0, EventKind.Custom, 1, 0), EventPhase.Control);
        q.Schedule(new SimEvent(2.0, EventKind.Custom, 2, 0), EventPhase.Arrival);

        Assert.Equal(1.0, q.PeekTime());
        Assert.Equal(new[] { 1, 2, 3 }, Drain(q).Select(e => e.Target));
    }

    [Fact]
    public void EqualTimesDequeueByPhaseThenInsertionOrder()
    {
        var q = new EventQueue();
        // Two events per phase, phases inserted from the highest value down.
        EventPhase[] phases = [.. Enum.GetValues<EventPhase>().OrderByDescending(p => (int)p)];
        var expected = new List<int>();
        int target = 0;
        foreach (EventPhase phase in phases)
        {
            q.Schedule(new SimEvent(5.0, EventKind.Custom, target, (int)phase), phase);
            q.Schedule(new SimEvent(5.0, EventKind.Custom, target + 1, (int)phase), phase);
            // Lower phases come out first; within a phase, the first scheduled comes first.
            expected.InsertRange(0, [target, target + 1]);
            target += 2;
        }

        List<SimEvent> order = Drain(q);

        Assert.Equal(expected, order.Select(e => e.Target));
        Assert.Equal(order.Select(e => e.Version).Order(), order.Select(e => e.Version));
        Assert.Equal(phases.Length * 2, order.Count);
    }

    [Fact]
    public void SegmentBoundariesAndCapacitySettleBeforeArrivalsAndControlComesLast()
    {
        // The documented meaning of the phases, independent of their numeric values.
        Assert.True(EventPhase.Boundary < EventPhase.Capacity);
        Assert.True(EventPhase.Capacity < EventPhase.Arrival);
        Assert.True(EventPhase.Arrival < EventPhase.Control);
        Assert.True(EventPhase.Completion < EventPhase.Control);
        Assert.Equal(EventPhase.Boundary, Enum.GetValues<EventPhase>().Min());
    }

    [Fact]
    public void EarlierTimeBeatsLowerPhase()
    {
        var q = new EventQueue();
        q.Schedule(new SimEvent(1.0000000000000002, EventKind.Custom, 1, 0), EventPhase.Boundary);
        q.Schedule(new SimEvent(1.0, EventKind.Custom, 0, 0), EventPhase.Control);
        Assert.Equal(new[] { 0, 1 }, Drain(q).Select(e => e.Target));
    }

    [Fact]
    public void RandomInsertsMatchAStableSortedReference()
    {
        // Times from a small grid so that ties in time (and in time and phase) are frequent.
        Gen<(int Time, int Phase)> item = Gen.Zip(Gen.Choose(0, 20), Gen.Choose(0, 4));
        Arbitrary<(int Time, int Phase)[]> arb = Arb.From(Gen.ArrayOf(item));
        Property property = Prop.ForAll(arb, items =>
        {
            var q = new EventQueue(initialCapacity: 2); // small, so growth is exercised
            for (int i = 0; i < items.Length; i++)
            {
                q.Schedule(new SimEvent(items[i].Time * 0.25, EventKind.Custom, i, 0), (EventPhase)items[i].Phase);
            }
            // OrderBy is stable, so index order breaks (time, phase) ties just as the sequence should.
            int[] expected = [.. Enumerable.Range(0, items.Length).OrderBy(i => items[i].Time).ThenBy(i => items[i].Phase)];
            int[] actual = [.. Drain(q).Select(e => e.Target)];
            return expected.SequenceEqual(actual) && q.Count == 0;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(400), property);
    }

    [Fact]
    public void InterleavedScheduleAndDequeueKeepOrder()
    {
        // A simulation schedules while it dequeues; everything scheduled at or after the
        // last dequeued time must still come out in (time, phase, sequence) order.
        Arbitrary<int[]> arb = Arb.From(Gen.ArrayOf(Gen.Choose(0, 1000)));
        Property property = Prop.ForAll(arb, seeds =>
        {
            var q = new EventQueue(initialCapacity: 1);
            var reference = new List<(double Time, int Phase, int Seq)>();
            int seq = 0;
            double now = 0;
            var taken = new List<int>();
            var expected = new List<int>();
            foreach (int s in seeds)
            {
                double time = now + (s % 7) * 0.5;
                int phase = s % 5;
                q.Schedule(new SimEvent(time, EventKind.Custom, seq, 0), (EventPhase)phase);
                reference.Add((time, phase, seq++));
                if (s % 3 == 0)
                {
                    SimEvent e = q.Dequeue();
                    var min = reference.OrderBy(r => r.Time).ThenBy(r => r.Phase).ThenBy(r => r.Seq).First();
                    reference.Remove(min);
                    expected.Add(min.Seq);
                    taken.Add(e.Target);
                    now = e.TimeSeconds;
                }
            }
            return taken.SequenceEqual(expected) && q.Count == reference.Count;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void ClearEmptiesAndRestartsTheSequence()
    {
        var q = new EventQueue();
        for (int i = 0; i < 10; i++)
        {
            q.Schedule(new SimEvent(i, EventKind.Custom, i, 0), EventPhase.Arrival);
        }
        q.Clear();

        Assert.Equal(0, q.Count);
        Assert.Equal(0UL, q.Scheduled);
        Assert.Equal(double.PositiveInfinity, q.PeekTime());
        Assert.Throws<InvalidOperationException>(() => q.Dequeue());

        q.Schedule(new SimEvent(2.0, EventKind.Custom, 20, 0), EventPhase.Arrival);
        q.Schedule(new SimEvent(1.0, EventKind.Custom, 10, 0), EventPhase.Arrival);
        q.Schedule(new SimEvent(1.0, EventKind.Custom, 11, 0), EventPhase.Arrival);
        Assert.Equal(3UL, q.Scheduled);
        Assert.Equal(new[] { 10, 11, 20 }, Drain(q).Select(e => e.Target));
    }

    [Fact]
    public void AnEventHeldOutsideWithAReservedKeyOrdersAsIfItWereQueued()
    {
        // One event at a time is held outside the queue (as the simulator holds its next
        // arrival); taking whichever of it and the queue's head comes first must give the
        // order of a queue holding everything.
        Arbitrary<int[]> arb = Arb.From(Gen.ArrayOf(Gen.Choose(0, 1000)));
        Property property = Prop.ForAll(arb, seeds =>
        {
            var split = new EventQueue(initialCapacity: 1);
            var whole = new EventQueue(initialCapacity: 1);
            (double Time, ulong Key, int Target)? held = null;
            var fromSplit = new List<int>();
            var fromWhole = new List<int>();
            for (int i = 0; i < seeds.Length; i++)
            {
                int s = seeds[i];
                var e = new SimEvent((s % 9) * 0.5, EventKind.Custom, i, 0);
                var phase = (EventPhase)(s % 5);
                whole.Schedule(e, phase);
                if (held is null && s % 4 == 0)
                {
                    held = (e.TimeSeconds, split.ReserveKey(phase), i);
                }
                else
                {
                    split.Schedule(e, phase);
                }
                if (s % 3 == 0)
                {
                    fromWhole.Add(whole.Dequeue().Target);
                    if (held is { } h && split.Precedes(h.Time, h.Key))
                    {
                        fromSplit.Add(h.Target);
                        held = null;
                    }
                    else
                    {
                        fromSplit.Add(split.Dequeue().Target);
                    }
                }
            }
            return fromSplit.SequenceEqual(fromWhole) && whole.Count == split.Count + (held is null ? 0 : 1);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void NaNTimeIsRejectedAndLeavesTheQueueUnchanged()
    {
        var q = new EventQueue();
        q.Schedule(new SimEvent(1.0, EventKind.Custom, 1, 0), EventPhase.Arrival);
        Assert.Throws<ArgumentException>(() => q.Schedule(new SimEvent(double.NaN, EventKind.Custom, 2, 0), EventPhase.Arrival));
        Assert.Equal(1, q.Count);
        Assert.Equal(1.0, q.PeekTime());
    }

    [Fact]
    public void EmptyQueuePeeksInfinityAndRefusesDequeue()
    {
        var q = new EventQueue();
        Assert.Equal(double.PositiveInfinity, q.PeekTime());
        Assert.Throws<InvalidOperationException>(() => q.Dequeue());
    }

    private static List<SimEvent> Drain(EventQueue q)
    {
        var list = new List<SimEvent>();
        while (q.Count > 0)
        {
            list.Add(q.Dequeue());
        }
        return list;
    }
}
