namespace Planner.Reports.Json;

/// <summary>One time bucket of a representative day: offered traffic and replicas (null for API options).</summary>
public sealed record TimelinePointSection(double StartSeconds, double RequestsPerSecond, double? Replicas);
