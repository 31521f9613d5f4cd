using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>
/// Chooses what to simulate for a month. The month's traffic is a weekly cycle of weekdays and
/// weekend days, each following the daily shape. One representative weekday and one weekend
/// day are simulated as 24 consecutive hourly segments after a warm-up; each simulated second
/// is weighted by the number of such days in the calendar month. When a day would exceed the
/// request budget, each hour is simulated as a shorter segment at that hour's real rate (never
/// shorter than <see cref="SimulationSettings.MinSegmentSeconds"/>) and weighted up to an hour:
/// a stratified sample of the day by hour, in which queueing and autoscaling run at true speed.
/// </summary>
public static class MonthWindowPlanner
{
    /// <summary>Windows for month <paramref name="monthIndex"/> (0-based) of the scenario.</summary>
    public static IReadOnlyList<SimulationWindow> Plan(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        DateOnly month = scenario.StartMonth.AddMonths(monthIndex);
        (int weekdays, int weekendDays) = CountDays(month);
        WorkloadSpec workload = scenario.Workload;
        (double weekdayVolume, double weekendVolume) = DayVolumes(workload, scenario.Workload.Volume.RequestsPerDay(monthIndex));

        var windows = new List<SimulationWindow>(2)
        {
            DayWindow("weekday", 0, weekdayVolume, weekdays, workload.HourlyWeights, scenario.Simulation),
        };
        if (weekendDays > 0)
        {
            windows.Add(DayWindow("weekend", 1, weekendVolume, weekendDays, workload.HourlyWeights, scenario.Simulation));
        }
        return windows;
    }

    /// <summary>
    /// One representative day of <paramref name="dayVolume"/> requests weighted as a single day,
    /// windowed exactly as <see cref="Plan"/> windows a month's days: the building block of response
    /// surfaces that interpolate between simulated volumes.
    /// </summary>
    public static SimulationWindow Day(ScenarioSpec scenario, double dayVolume, int index)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return DayWindow("day", index, dayVolume, 1, scenario.Workload.HourlyWeights, scenario.Simulation);
    }

    /// <summary>
    /// The whole calendar month as one continuous run, hour by hour, each weight 1: the
    /// reference the representative windows are tested against.
    /// </summary>
    public static SimulationWindow WholeMonth(ScenarioSpec scenario, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        DateOnly month = scenario.StartMonth.AddMonths(monthIndex);
        WorkloadSpec workload = scenario.Workload;
        (double weekdayVolume, double weekendVolume) = DayVolumes(workload, workload.Volume.RequestsPerDay(monthIndex));
        var segments = new List<LoadSegment>();
        if (scenario.Simulation.WarmUpSeconds > 0)
        {
            segments.Add(new LoadSegment(scenario.Simulation.WarmUpSeconds, HourRate(weekdayVolume, workload.HourlyWeights, 23), 0, 23));
        }
        for (var day = month; day < month.AddMonths(1); day = day.AddDays(1))
        {
            double volume = IsWeekend(day) ? weekendVolume : weekdayVolume;
            for (int hour = 0; hour < 24; hour++)
            {
                segments.Add(new LoadSegment(3600, HourRate(volume, workload.HourlyWeights, hour), 1, hour));
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
    /// The scenario's requests per day is the average over a week; weekend days carry
    /// <see cref="WorkloadSpec.WeekendFactor"/> times a weekday's volume.
    /// </summary>
    public static (double Weekday, double Weekend) DayVolumes(WorkloadSpec workload, double averageRequestsPerDay)
    {
        ArgumentNullException.ThrowIfNull(workload);
        double weekday = 7 * averageRequestsPerDay / (5 + 2 * workload.WeekendFactor);
        return (weekday, weekday * workload.WeekendFactor);
    }

    private static SimulationWindow DayWindow(string label, int index, double dayVolume, int dayCount, IReadOnlyList<double> hourlyWeights, SimulationSettings settings)
    {
        double segmentSeconds = 3600;
        if (dayVolume > settings.MaxRequestsPerDay)
        {
            segmentSeconds = Math.Clamp(3600 * settings.MaxRequestsPerDay / dayVolume, Math.Min(settings.MinSegmentSeconds, 3600), 3600);
        }
        var segments = new List<LoadSegment>(49);
        if (settings.WarmUpSeconds > 0)
        {
            segments.Add(new LoadSegment(Math.Min(settings.WarmUpSeconds, segmentSeconds), HourRate(dayVolume, hourlyWeights, 23), 0, 23));
        }
        for (int hour = 0; hour < 24; hour++)
        {
            double rate = HourRate(dayVolume, hourlyWeights, hour);
            if (segmentSeconds >= 3600)
            {
                segments.Add(new LoadSegment(3600, rate, dayCount, hour));
                continue;
            }
            // The response to the rate change at the top of the hour (scale-up delay, cold start,
            // queue build-up) happens once per real hour, so the segment's first half counts at
            // its true weight and only the settled second half stands for the rest of the hour.
            double head = segmentSeconds / 2;
            double tail = segmentSeconds - head;
            segments.Add(new LoadSegment(head, rate, dayCount, hour));
            segments.Add(new LoadSegment(tail, rate, dayCount * (3600 - head) / tail, hour));
        }
        return new SimulationWindow { Label = label, Segments = segments, Index = index };
    }

    private static double HourRate(double dayVolume, IReadOnlyList<double> hourlyWeights, int hour) =>
        dayVolume * hourlyWeights[hour] / 24.0 / 3600.0;

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
