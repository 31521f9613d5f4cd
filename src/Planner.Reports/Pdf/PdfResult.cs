namespace Planner.Reports.Pdf;

/// <summary>Whether report.pdf was written and, when not, why (one line for the user).</summary>
public sealed record PdfResult(bool Written, string? Problem)
{
    public static PdfResult Ok { get; } = new(true, null);

    public static PdfResult Failed(string problem) => new(false, problem);

    /// <summary>The print ran past its time limit: the browser hangs, and another try would wait as long again.</summary>
    public bool TimedOut { get; init; }
}
