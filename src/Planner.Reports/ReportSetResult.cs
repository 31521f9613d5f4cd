namespace Planner.Reports;

/// <summary>
/// The files a <see cref="ReportSet"/> call wrote, why report.pdf is missing when it is, and why
/// the charts are when they are (the chart font is not installed: every other file is written).
/// </summary>
public sealed record ReportSetResult(IReadOnlyList<string> Written, string? PdfProblem, string? ChartsProblem = null)
{
    /// <summary>Why charts of an earlier run are still in the charts folder beside the new set; null when none are.</summary>
    public string? StaleChartsProblem { get; init; }
}
