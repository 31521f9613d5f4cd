namespace Planner.Core.Specs;

/// <summary>Requests per day in month 1 and its growth month over month.</summary>
public sealed record VolumeSpec
{
    public required double RequestsPerDayMonth1 { get; init; }
    /// <summary>Growth rate applied going into month i+1 is MonthlyGrowthRates[min(i, Count-1)].</summary>
    public required IReadOnlyList<double> MonthlyGrowthRates { get; init; }

    /// <summary>Average weekday-equivalent requests per day in month <paramref name="monthIndex"/> (0-based).</summary>
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
