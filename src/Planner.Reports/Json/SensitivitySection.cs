namespace Planner.Reports.Json;

/// <summary>A one-at-a-time tornado of one option's savings against the baseline, bars with the largest swing first.</summary>
public sealed record SensitivitySection(string Option, string Baseline, double? BaseSavingsUsd, int? BaseBreakEvenMonth, IReadOnlyList<TornadoBarSection> Bars);
