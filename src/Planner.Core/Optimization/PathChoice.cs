namespace Planner.Core.Optimization;

/// <summary>A configuration available in one month of the path, with its cost that month.</summary>
/// <param name="Id">The configuration (<see cref="DeploymentCandidate.Id"/>).</param>
/// <param name="Hardware">Its hardware (<see cref="DeploymentCandidate.Hardware"/>).</param>
/// <param name="CostUsd">Its cost in the month.</param>
public readonly record struct PathChoice(string Id, string Hardware, double CostUsd);
