using Planner.Calibration.Benchmarking;

namespace Planner.Calibration.Fitting;

/// <summary>One whole-model step: its work and its measured (or composed) time; the label says which row(s) it came from.</summary>
public sealed record FitPoint(string Label, StepWork Work, double Seconds);
