using Planner.Core.Engine;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Engine;

/// <summary>
/// A cold start or weight load takes its real length whichever hours it spans: in a compressed
/// hour (c-fold) each simulated second is c real ones, so a start that runs from a real-time hour
/// into a compressed one finishes its remainder c-fold faster, and is billed its real length.
/// </summary>
public sealed class RealSecondsTests
{
    // Warm-up (weight 0, real time), a real-time hour, then an hour compressed 3-fold (1,200 simulated s).
    private static SimulationContext Context()
    {
        var context = new SimulationContext();
        context.SetSegments(
        [
            new LoadSegment(600, 1, 0, 0),
            new LoadSegment(3600, 1, 1, 1),
            new LoadSegment(1200, 1, 3, 2) { EventWeight = 1 },
        ]);
        return context;
    }

    [Theory]
    // Within the real-time hour: as long as it is.
    [InlineData(1000, 300, 1300)]
    // 100 s left of the real-time hour, the other 200 s at 3 real seconds per simulated one.
    [InlineData(4100, 300, 4200 + 200.0 / 3)]
    // Wholly inside the compressed hour: a third of its length.
    [InlineData(4500, 300, 4600)]
    // Past the window's end, at its last segment's pace.
    [InlineData(5300, 600, 5400 + 300.0 / 3)]
    // From warm-up into the first hour: warm-up runs in real time.
    [InlineData(500, 300, 800)]
    public void AStartTakesItsRealLengthAcrossHours(double from, double realSeconds, double expected)
    {
        Assert.Equal(expected, Context().AfterRealSeconds(from, realSeconds), 9);
    }

    [Fact]
    public void ItsBilledRealSecondsAreItsLengthWhereverItStarts()
    {
        // Real seconds between two simulated instants: each simulated second counts its segment's scale.
        static double Real(double a, double b)
        {
            double[] starts = [0, 600, 4200], ends = [600, 4200, 5400], scales = [1, 1, 3];
            double real = 0;
            for (int k = 0; k < 3; k++)
            {
                real += Math.Max(0, Math.Min(b, ends[k]) - Math.Max(a, starts[k])) * scales[k];
            }
            return real;
        }
        SimulationContext context = Context();
        for (double from = 0; from < 5000; from += 97)
        {
            Assert.Equal(240, Real(from, context.AfterRealSeconds(from, 240)), 9);
        }
    }

    [Theory]
    // Inside the real-time hour, across into the compressed one, and inside it.
    [InlineData(1000, 1300, 300)]
    [InlineData(4100, 4200 + 200.0 / 3, 300)]
    [InlineData(4500, 4600, 300)]
    // From warm-up, before the first segment's start, as it runs.
    [InlineData(-100, 700, 800)]
    public void RealSecondsBetweenTwoInstantsCountEachHourAtItsPace(double from, double to, double real)
    {
        Assert.Equal(real, Context().RealSecondsBetween(from, to), 9);
    }

    [Fact]
    public void GoingBackARealSpanUndoesGoingForward()
    {
        SimulationContext context = Context();
        for (double from = 0; from < 5000; from += 89)
        {
            double to = context.AfterRealSeconds(from, 3600);
            Assert.Equal(from, context.BeforeRealSeconds(to, 3600), 6);
            Assert.Equal(3600, context.RealSecondsBetween(from, to), 6);
        }
    }
}
