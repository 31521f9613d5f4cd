using Planner.Reports.Csv;
using Planner.Reports.Json;
using Planner.Reports.Markdown;
using Planner.Reports.Output;

namespace Planner.Reports;

/// <summary>Writes every report file of a run into one folder, each file atomically.</summary>
public static class ReportSet
{
    /// <summary>Writes summary.json, monthly.csv and report.md; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(RunReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        SummaryDocument summary = SummaryJsonWriter.Build(report);
        var files = new (string Name, string Content)[]
        {
            ("summary.json", SummaryJsonWriter.Serialize(summary)),
            ("monthly.csv", MonthlyCsvWriter.Serialize(summary)),
            ("report.md", MarkdownReportWriter.Write(summary)),
        };
        var written = new List<string>();
        foreach ((string name, string content) in files)
        {
            string path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, content);
            written.Add(path);
        }
        return written;
    }
}
