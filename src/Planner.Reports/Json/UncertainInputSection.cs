namespace Planner.Reports.Json;

/// <summary>One uncertain input: where it is in the scenario, its distribution in words, what it acts on (cost, load, physics) and its 10th, 50th and 90th percentiles.</summary>
public sealed record UncertainInputSection(string Path, string Label, string Distribution, string Effect, double? P10, double? P50, double? P90);
