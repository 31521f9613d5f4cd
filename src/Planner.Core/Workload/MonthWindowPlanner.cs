using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>
/// Chooses what to simulate for a month, in real time. The month's traffic is a weekly cycle of
/// weekdays and weekend days, each following the daily shape. Each day type is simulated as one
/// representative day: a warm-up followed by 24 hours whose rate changes smoothly (the shape's
/// hourly weights are the rates at the middle of each hour, joined by straight lines, which keeps
/// the day's total and moves a little of each hour's volume to its neighbours, as real traffic
/// ramps rather than steps). Each simulated second is weighted by the number of such days in the
/// month; with <see cref="SimulationSettings.DaysPerMonth"/> d &gt; 1, d independent days of each
/// type share that weight, and the month's figures are their mean. In the months
/// <see cref="IsNoiseCheckMonth"/> names, each day type is simulated d times more with other seeds
/// (replicate 1): the month's figures are replicate 0's, and the difference between the two is
/// the seed-to-seed spread reported beside them.
/// How a day is then sliced or compressed for one option, when it is too large to simulate in
/// full, is the <see cref="Projection.FidelityPlanner"/>'s choice.
/// </summary>
public static class MonthWindowPlanner
{
    /// <summary>
    /// Windows for month <paramref name="monthIndex"/> (0-based) of the scenario: a weekday and a
    /// weekend day (replicate 0; d of each with <see cref="SimulationSettings.DaysPerMonth"/> d),
    /// and in a noise-check month the same again with other seeds (replicate 1, the window indices
    /// after replicate 0's).
    /// </summary>
    public static IReadOnlyList<SimulationWindow> Plan(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Windows(scenario, monthIndex, 0, IsNoiseCheckMonth(scenario, monthIndex) ? 2 : 1);
    }

    /// <summary>
    /// The windows of replicate 1 of month <paramref name="monthIndex"/>, as <see cref="Plan"/> gives
    /// them in a noise-check month (the same indices, so the same seeds): a month checked after the
    /// run (<see cref="Projection.NoiseFollowUp"/>) is simulated again exactly as a scheduled check
    /// of it would have been.
    /// </summary>
    public static IReadOnlyList<SimulationWindow> SecondReplicate(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Windows(scenario, monthIndex, 1, 2);
    }

    private static List<SimulationWindow> Windows(ScenarioSpec scenario, int monthIndex, int firstReplicate, int replicates)
    {
        DateOnly month = scenario.StartMonth.AddMonths(monthIndex);
        (int weekdays, int weekendDays) = CountDays(month);
        WorkloadSpec workload = scenario.Workload;
        (double weekdayVolume, double weekendVolume) = DayVolumes(workload, workload.Volume.RequestsPerDay(monthIndex));
        int days = Math.Max(1, scenario.Simulation.DaysPerMonth);
        var windows = new List<SimulationWindow>(2 * replicates * days);
        for (int r = firstReplicate; r < replicates; r++)
        {
            for (int d = 0; d < days; d++)
            {
                // Window indices (which seed the days) run 0, 1 for the first weekday and weekend
                // day, then 2, 3 for the next, through both replicates.
                int slot = r * days + d;
                windows.Add(DayWindow("weekday", 2 * slot, r, weekdayVolume, weekdays / (double)days, workload.HourlyWeights, scenario.Simulation));
                if (weekendDays > 0)
                {
                    windows.Add(DayWindow("weekend", 2 * slot + 1, r, weekendVolume, weekendDays / (double)days, workload.HourlyWeights, scenario.Simulation));
                }
            }
        }
        return windows;
    }

    /// <summary>
    /// Whether month <paramref name="monthIndex"/> is simulated a second time to measure the noise:
    /// up to <see cref="SimulationSettings.NoiseCheckMonths"/> months spread evenly over the
    /// horizon, first and last included.
    /// </summary>
    public static bool IsNoiseCheckMonth(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int checks = Math.Min(scenario.Simulation.NoiseCheckMonths, scenario.HorizonMonths);
        if (checks <= 0)
        {
            return false;
        }
        if (checks == 1)
        {
            return monthIndex == scenario.HorizonMonths - 1;
        }
        for (int i = 0; i < checks; i++)
        {
            if ((int)Math.Round(i * (scenario.HorizonMonths - 1) / (double)(checks - 1)) == monthIndex)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// One representative day of <paramref name="dayVolume"/> requests weighted as a single day,
    /// shaped exactly as <see cref="Plan"/> shapes a month's days: the building block of response
    /// surfaces that interpolate between simulated volumes.
    /// </summary>
    public static SimulationWindow Day(ScenarioSpec scenario, double dayVolume, int index)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return DayWindow("day", index, 0, dayVolume, 1, scenario.Workload.HourlyWeights, scenario.Simulation);
    }

    /// <summary>
    /// The whole calendar month as one continuous run, hour by hour with the same smooth shape,
    /// each weight 1: the reference the representative windows are tested against.
    /// </summary>
    public static SimulationWindow WholeMonth(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        DateOnly month = scenario.StartMonth.AddMonths(monthIndex);
        WorkloadSpec workload = scenario.Workload;
        (double weekdayVolume, double weekendVolume) = DayVolumes(workload, workload.Volume.RequestsPerDay(monthIndex));
        double Rate(DateOnly day, int hour) => HourRate(IsWeekend(day) ? weekendVolume : weekdayVolume, workload.HourlyWeights, hour);
        var segments = new List<LoadSegment>();
        if (scenario.Simulation.WarmUpSeconds > 0)
        {
            DateOnly before = month.AddDays(-1);
            segments.Add(new LoadSegment(scenario.Simulation.WarmUpSeconds, (Rate(before, 23) + Rate(month, 0)) / 2, 0, 23));
        }
        for (var day = month; day < month.AddMonths(1); day = day.AddDays(1))
        {
            for (int hour = 0; hour < 24; hour++)
            {
                double previous = hour > 0 ? Rate(day, hour - 1) : Rate(day.AddDays(-1), 23);
                double next = hour < 23 ? Rate(day, hour + 1) : Rate(day.AddDays(1), 0);
                AddHour(segments, previous, Rate(day, hour), next, 1, hour);
            }
        }
        return new SimulationWindow { Label = "whole-month", Segments = segments, Index = 0 };
    }

    /// <summary>Calendar weekdays and weekend days in the month starting at <paramref name="month"/>.</summary>
    public static (int Weekdays, int WeekendDays) CountDays(DateOnly month)
    {
        int weekdays = 0, weekend = 0;
        for (var day = month; day < month.AddMonths(1); day = day.AddDays(1))
        {
            if (IsWeekend(day))
            {
                weekend++;
            }
            else
            {
                weekdays++;
            }
        }
        return (weekdays, weekend);
    }

    /// <summary>
    /// A weekday's and a weekend day's requests from the scenario's requests per day: the average
    /// over a calendar week (5 weekdays at v, 2 weekend days at v × weekend factor average the
    /// figure), or a weekday's when the scenario gives <c>requests_per_weekday</c>.
    /// </summary>
    public static (double Weekday, double Weekend) DayVolumes(WorkloadSpec workload, double requestsPerDay)
    {
        ArgumentNullException.ThrowIfNull(workload);
        double weekday = workload.Volume.Basis == VolumeBasis.Weekday
            ? requestsPerDay
            : 7 * requestsPerDay / (5 + 2 * workload.WeekendFactor);
        return (weekday, weekday * workload.WeekendFactor);
    }

    /// <summary>Days in the calendar month starting at <paramref name="month"/>.</summary>
    public static int DaysIn(DateOnly month) => DateTime.DaysInMonth(month.Year, month.Month);

    /// <summary>Expected requests in calendar month <paramref name="monthIndex"/> (0-based): its weekdays and weekend days at their volumes.</summary>
    public static double MonthRequests(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        (int weekdays, int weekend) = CountDays(scenario.StartMonth.AddMonths(monthIndex));
        (double wd, double we) = DayVolumes(scenario.Workload, scenario.Workload.Volume.RequestsPerDay(monthIndex));
        return weekdays * wd + weekend * we;
    }

    private static SimulationWindow DayWindow(string label, int index, int replicate, double dayVolume, double dayCount, IReadOnlyList<double> hourlyWeights, SimulationSettings settings)
    {
        var segments = new List<LoadSegment>(49);
        double Rate(int hour) => HourRate(dayVolume, hourlyWeights, (hour + 24) % 24);
        if (settings.WarmUpSeconds > 0)
        {
            // The end of the day before, at the rate midnight is reached with.
            segments.Add(new LoadSegment(settings.WarmUpSeconds, (Rate(23) + Rate(0)) / 2, 0, 23));
        }
        for (int hour = 0; hour < 24; hour++)
        {
            AddHour(segments, Rate(hour - 1), Rate(hour), Rate(hour + 1), dayCount, hour);
        }
        return new SimulationWindow { Label = label, Segments = segments, Index = index, Replicate = replicate };
    }

    /// <summary>An hour as two half-hour ramps: from the midpoint with the hour before to this hour's rate at its middle, and on to the midpoint with the next.</summary>
    private static void AddHour(List<LoadSegment> segments, double previous, double rate, double next, double weight, int hour)
    {
        segments.Add(new LoadSegment(1800, (previous + rate) / 2, weight, hour) { EndRequestsPerSecond = rate });
        segments.Add(new LoadSegment(1800, rate, weight, hour) { EndRequestsPerSecond = (rate + next) / 2 });
    }

    private static double HourRate(double dayVolume, IReadOnlyList<double> hourlyWeights, int hour) =>
        dayVolume * hourlyWeights[hour] / 24.0 / 3600.0;

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
