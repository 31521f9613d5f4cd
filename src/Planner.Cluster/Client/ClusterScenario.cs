namespace Planner.Cluster.Client;

/// <summary>
/// The scenario as workers receive it: its text, and the absolute folders its relative paths and
/// catalog resolve against (the same files must be at those paths on every worker).
/// </summary>
public sealed record ClusterScenario(string ScenarioText, string ScenarioPath, string BaseDirectory, string CatalogDirectory);
