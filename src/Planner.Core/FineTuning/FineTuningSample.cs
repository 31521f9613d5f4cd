namespace Planner.Core.FineTuning;

/// <summary>One simulated run: its wall time, the part of it lost to failures (lost progress and restarts), and how many failures it met.</summary>
public readonly record struct FineTuningSample(double WallSeconds, double LostSeconds, int Failures);
