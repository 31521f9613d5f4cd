using Planner.Core.Specs;

namespace Planner.Core.Optimization;

/// <summary>
/// Groups a scenario's months into load levels so that months of similar volume share one
/// search: months whose volume lies between the same two consecutive powers of the step (times
/// the lowest month's volume) form a level, simulated at the largest volume among them
/// (conservative: a configuration chosen for a month has been simulated at no less traffic
/// than the month has, and at most one step more).
/// </summary>
public static class LoadLevels
{
    public static IReadOnlyList<LoadLevel> Plan(ScenarioSpec scenario, double step)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!(step > 1) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "the level step must be a finite number above 1");
        }
        int months = scenario.HorizonMonths;
        var volumes = new double[months];
        for (int m = 0; m < months; m++)
        {
            volumes[m] = scenario.Workload.Volume.RequestsPerDay(m);
        }
        double lowest = volumes.Min();
        var byExponent = new SortedDictionary<int, List<int>>();
        for (int m = 0; m < months; m++)
        {
            int j = lowest > 0 ? (int)Math.Ceiling(Math.Log(volumes[m] / lowest) / Math.Log(step) - 1e-9) : 0;
            j = Math.Max(0, j);
            if (!byExponent.TryGetValue(j, out List<int>? list))
            {
                byExponent[j] = list = [];
            }
            list.Add(m + 1);
        }
        var levels = new List<LoadLevel>(byExponent.Count);
        foreach ((int j, List<int> mapped) in byExponent)
        {
            levels.Add(new LoadLevel
            {
                Index = levels.Count,
                RequestsPerDay = mapped.Max(m => volumes[m - 1]),
                Months = mapped,
                CalendarMonth = scenario.StartMonth.AddMonths(mapped[0] - 1),
            });
        }
        return levels;
    }
}
