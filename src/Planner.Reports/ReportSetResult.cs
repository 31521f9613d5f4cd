namespace Planner.Reports;

/// <summary>The files a <see cref="ReportSet"/> call wrote, and why report.pdf is missing when it is.</summary>
public sealed record ReportSetResult(IReadOnlyList<string> Written, string? PdfProblem);
