namespace Planner.Core.Specs;

/// <summary>Requests per day in month 1 and its growth month over month.</summary>
public sealed record VolumeSpec
{
    /// <summary>Requests per day in month 1, in the sense <see cref="Basis"/> gives.</summary>
    public required double RequestsPerDayMonth1 { get; init; }
    /// <summary>Growth rate applied going into month i+1 is MonthlyGrowthRates[min(i, Count-1)].</summary>
    public required IReadOnlyList<double> MonthlyGrowthRates { get; init; }
    /// <summary>What a day's volume means: the average over the calendar week (the default), or a weekday's.</summary>
    public VolumeBasis Basis { get; init; } = VolumeBasis.AverageDay;

    /// <summary>Requests per day in month <paramref name="monthIndex"/> (0-based), in the sense <see cref="Basis"/> gives.</summary>
    public double RequestsPerDay(int monthIndex)
    {
        double volume = RequestsPerDayMonth1;
        for (int m = 1; m <= monthIndex; m++)
        {
            volume *= 1 + MonthlyGrowthRates[Math.Min(m - 1, MonthlyGrowthRates.Count - 1)];
        }
        return volume;
    }
}

/// <summary>What a scenario's requests per day counts.</summary>
public enum VolumeBasis
{
    /// <summary>The average day of the calendar week (<c>requests_per_day</c>): a 30-day month carries about 30 times it.</summary>
    AverageDay,
    /// <summary>A weekday (<c>requests_per_weekday</c>): weekend days carry it times the weekend factor.</summary>
    Weekday,
}
