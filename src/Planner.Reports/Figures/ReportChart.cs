using Planner.Reports.Charts;

namespace Planner.Reports.Figures;

/// <summary>A chart of the report: its spec, the group it is shown under and a caption that says how to read it.</summary>
public sealed record ReportChart(ChartSpec Spec, string Group, string Caption)
{
    /// <summary>File name inside charts/.</summary>
    public string FileName => Spec.Id + ".svg";
}
