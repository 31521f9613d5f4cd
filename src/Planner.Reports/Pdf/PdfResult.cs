namespace Planner.Reports.Pdf;

/// <summary>Whether report.pdf was written and, when not, why (one line for the user).</summary>
public sealed record PdfResult(bool Written, string? Problem)
{
    public static PdfResult Ok { get; } = new(true, null);

    public static PdfResult Failed(string problem) => new(false, problem);
}
