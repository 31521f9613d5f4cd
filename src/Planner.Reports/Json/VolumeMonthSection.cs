namespace Planner.Reports.Json;

/// <summary>
/// One month's volume: the scenario's daily figure for the month (growth applied), a weekday's and
/// a weekend day's requests, and the month's planned requests (its weekdays and weekend days at those volumes).
/// </summary>
public sealed record VolumeMonthSection(int Month, string CalendarMonth, double? RequestsPerDay, double? RequestsPerWeekday, double? RequestsPerWeekendDay, double? PlannedRequests);
