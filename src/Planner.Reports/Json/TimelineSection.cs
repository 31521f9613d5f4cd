namespace Planner.Reports.Json;

/// <summary>One representative day of one option: which month and day it is, and its time buckets in order.</summary>
public sealed record TimelineSection(int Month, string CalendarMonth, string Day, double BucketSeconds, IReadOnlyList<TimelinePointSection> Points);
