using Planner.Reports.Charts;

namespace Planner.Reports.Tests;

/// <summary>Axis ticks are 1-2-5 steps that cover the data with few, round values.</summary>
public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(0, 97, 6, 20, 0, 100)]
    [InlineData(0, 1, 6, 0.2, 0, 1)]
    [InlineData(0, 29_647, 6, 10_000, 0, 30_000)]
    [InlineData(0, 0.0873, 5, 0.05, 0, 0.1)]
    [InlineData(0, 0.0873, 6, 0.02, 0, 0.1)]
    [InlineData(-3.2, 7.9, 6, 5, -5, 10)]
    [InlineData(1191, 1215, 4, 10, 1190, 1220)]
    [InlineData(0, 0, 6, 0.2, 0, 1)]
    [InlineData(5, 5, 6, 0.5, 4.5, 5.5)]
    public void LinearTicks(double min, double max, int maxTicks, double step, double first, double last)
    {
        AxisTicks t = NiceScale.Linear(min, max, maxTicks);
        Assert.Equal(step, t.Step, 12);
        Assert.Equal(first, t.Min, 12);
        Assert.Equal(last, t.Max, 12);
        Assert.Equal(t.Values[0], t.Min);
        Assert.Equal(t.Values[^1], t.Max);
    }

    [Fact]
    public void TicksAreExactMultiplesWithoutFloatingPointNoise()
    {
        AxisTicks t = NiceScale.Linear(0, 0.7, 8);
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], t.Values);
    }

    [Fact]
    public void RandomRangesGetCoveringOneTwoFiveTicks()
    {
        var random = new Random(12345);
        for (int i = 0; i < 2000; i++)
        {
            double scale = Math.Pow(10, random.Next(-4, 8));
            double a = (random.NextDouble() - 0.3) * scale, b = a + random.NextDouble() * scale;
            int maxTicks = random.Next(3, 9);
            AxisTicks t = NiceScale.Linear(a, b, maxTicks);
            string context = $"[{a}, {b}] max {maxTicks}: {string.Join(", ", t.Values)}";
            Assert.True(t.Values.Count >= 2 && t.Values.Count <= maxTicks, context);
            Assert.True(t.Min <= a + 1e-9 * scale && t.Max >= b - 1e-9 * scale, context);
            double mantissa = t.Step / Math.Pow(10, Math.Floor(Math.Log10(t.Step) + 1e-12));
            Assert.True(new[] { 1.0, 2.0, 5.0 }.Any(m => Math.Abs(m - mantissa) < 1e-9), context);
            for (int k = 1; k < t.Values.Count; k++)
            {
                Assert.Equal(t.Step, t.Values[k] - t.Values[k - 1], t.Step * 1e-9);
            }
        }
    }

    [Fact]
    public void LogarithmicTicksUseOneTwoFivePerDecade()
    {
        AxisTicks t = NiceScale.Logarithmic(0.4719, 41.2);
        Assert.Equal([0.2, 0.5, 1, 2, 5, 10, 20, 50], t.Values);
    }

    [Fact]
    public void LogarithmicTicksOverManyDecadesArePowersOfTen()
    {
        AxisTicks t = NiceScale.Logarithmic(0.003, 45_000);
        Assert.Equal([0.001, 0.01, 0.1, 1, 10, 100, 1000, 10_000, 100_000], t.Values);
    }

    [Theory]
    [InlineData(0.13, 0.2)]
    [InlineData(3, 5)]
    [InlineData(5, 5)]
    [InlineData(7.1, 10)]
    [InlineData(1500, 2000)]
    public void NiceStepRoundsUp(double rough, double expected) => Assert.Equal(expected, NiceScale.NiceStep(rough), 12);
}
