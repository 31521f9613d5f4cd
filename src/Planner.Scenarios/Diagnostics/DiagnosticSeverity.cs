namespace Planner.Scenarios.Diagnostics;

/// <summary>Whether a finding stops the scenario from loading.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input is wrong; no spec is produced.</summary>
    Error,

    /// <summary>The input loads but deserves a second look (for example a stale price).</summary>
    Warning,
}
