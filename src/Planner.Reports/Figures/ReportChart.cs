using Planner.Reports.Charts;

namespace Planner.Reports.Figures;

/// <summary>A chart of the report: its spec, the group it is shown under and a caption that says how to read it.</summary>
public sealed record ReportChart(ChartSpec Spec, string Group, string Caption)
{
    /// <summary>File name of the SVG inside charts/.</summary>
    public string FileName => Spec.Id + ".svg";

    /// <summary>File name of the PNG (for slides) beside it.</summary>
    public string PngFileName => Spec.Id + ".png";
}
