using Planner.Core.Optimization;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Optimization;

/// <summary>Every month is searched at a level at or above its volume, and at most one step above.</summary>
public sealed class LoadLevelsTests
{
    private static ScenarioSpec Growing(double growth, int months) => TestSpecs.Scenario(
        TestSpecs.Workload() with { Volume = new VolumeSpec { RequestsPerDayMonth1 = 8000, MonthlyGrowthRates = [growth] } },
        [TestSpecs.SelfHosted()],
        horizonMonths: months);

    [Fact]
    public void EachMonthMapsToALevelAtOrAboveItsVolumeWithinOneStep()
    {
        ScenarioSpec s = Growing(0.15, 36);
        IReadOnlyList<LoadLevel> levels = LoadLevels.Plan(s, 1.25);
        Assert.Equal(Enumerable.Range(1, 36), levels.SelectMany(l => l.Months).Order());
        Assert.Equal(Enumerable.Range(0, levels.Count), levels.Select(l => l.Index));
        for (int i = 0; i < levels.Count; i++)
        {
            LoadLevel l = levels[i];
            Assert.Equal(s.StartMonth.AddMonths(l.Months[0] - 1), l.CalendarMonth);
            foreach (int m in l.Months)
            {
                double volume = s.Workload.Volume.RequestsPerDay(m - 1);
                Assert.True(l.RequestsPerDay >= volume * (1 - 1e-12), $"month {m}: level {l.RequestsPerDay} below {volume}");
                Assert.True(l.RequestsPerDay < volume * 1.25 * (1 + 1e-9), $"month {m}: level {l.RequestsPerDay} more than one step above {volume}");
            }
            if (i > 0)
            {
                Assert.True(l.RequestsPerDay > levels[i - 1].RequestsPerDay);
            }
        }
        Assert.Equal(8000, levels[0].RequestsPerDay);
        // 8,000 × 1.15^35 ≈ 1.07M: 23 powers of 1.25 cover it; the top level is the last month's volume.
        Assert.Equal(23, levels.Count);
        Assert.Equal(s.Workload.Volume.RequestsPerDay(35), levels[^1].RequestsPerDay, 6);
        // Each level is simulated at the largest volume of its months.
        Assert.All(levels, l => Assert.Equal(l.Months.Max(m => s.Workload.Volume.RequestsPerDay(m - 1)), l.RequestsPerDay, 9));
    }

    [Fact]
    public void AFlatScenarioIsOneLevel()
    {
        IReadOnlyList<LoadLevel> levels = LoadLevels.Plan(Growing(0, 12), 1.25);
        LoadLevel only = Assert.Single(levels);
        Assert.Equal(12, only.Months.Count);
        Assert.Equal(8000, only.RequestsPerDay);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void AStepMustBeAboveOne(double step) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadLevels.Plan(Growing(0.1, 3), step));
}
