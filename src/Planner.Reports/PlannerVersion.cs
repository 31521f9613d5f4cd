using System.Reflection;

namespace Planner.Reports;

/// <summary>
/// Planner's version as the build stamps it (<c>Version</c> in Directory.Build.props): the text
/// <c>planner --version</c> prints, written into summary.json and the reports.
/// </summary>
public static class PlannerVersion
{
    /// <summary>The informational version of Planner's assemblies, for example <c>0.1.0</c>.</summary>
    public static string Current { get; } =
        typeof(PlannerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PlannerVersion).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";
}
