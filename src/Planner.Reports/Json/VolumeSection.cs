namespace Planner.Reports.Json;

/// <summary>How many requests: what the daily figure counts, the weekend factor, the growth rule, and the first and horizon months' volumes.</summary>
/// <param name="Basis">What <c>requests_per_day</c> counts: <c>calendar_day</c> (the scenario's <c>requests_per_day</c>, the average day of the week) or <c>weekday</c> (its <c>requests_per_weekday</c>).</param>
/// <param name="WeekendFactor">A Saturday's or Sunday's volume relative to a weekday's.</param>
/// <param name="Growth">The growth rule as the scenario gives it.</param>
/// <param name="FirstMonth">Month 1's volume.</param>
/// <param name="HorizonMonth">The last month's volume (month 1's again with a one-month horizon).</param>
public sealed record VolumeSection(string Basis, double WeekendFactor, GrowthSection Growth, VolumeMonthSection FirstMonth, VolumeMonthSection HorizonMonth);
