namespace Planner.Reports;

/// <summary>How <see cref="ReportSet"/> writes the charts and the PDF.</summary>
public sealed record ReportSetOptions
{
    /// <summary>Print report.pdf from report.html with headless Chromium.</summary>
    public bool Pdf { get; init; } = true;
    /// <summary>Browser to print with; null finds one (<see cref="Pdf.ChromiumLocator"/>).</summary>
    public string? ChromiumPath { get; init; }
    /// <summary>
    /// A browser started earlier to print with (its start-up overlapping other work); null
    /// starts one for the print. Should the session fail, a one-off print is tried.
    /// </summary>
    public Pdf.ChromiumSession? Browser { get; init; }
    /// <summary>Folders the chart font is looked for in; null for <see cref="Charts.ChartFonts.SearchFolders"/>.</summary>
    public IReadOnlyList<string>? FontFolders { get; init; }
    /// <summary>
    /// Told once, with a sentence to show, when another Planner process is writing into the folder
    /// and this one waits for it (<see cref="Output.OutputFolder.Lock(string, Action{string}?)"/>);
    /// null waits in silence.
    /// </summary>
    public Action<string>? Waiting { get; init; }
    /// <summary>How long printing may take before Chromium is stopped.</summary>
    public TimeSpan PdfTimeout { get; init; } = TimeSpan.FromSeconds(90);
    /// <summary>The moves and deletions that put the set in place; null for the file system's (tests fail them on purpose).</summary>
    internal Output.FileOperations? Files { get; init; }
}
