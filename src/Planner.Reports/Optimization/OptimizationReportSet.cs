using Planner.Core.Optimization;
using Planner.Reports.Charts;
using Planner.Reports.Output;

namespace Planner.Reports.Optimization;

/// <summary>
/// Writes the results of <c>planner optimize</c> beside a run's reports, each file atomically:
/// optimization.json (the data), charts/optimization-*.svg and optimization.md.
/// </summary>
public static class OptimizationReportSet
{
    public const string JsonFile = "optimization.json";
    public const string MarkdownFile = "optimization.md";

    /// <summary>Writes every file into <paramref name="directory"/> and returns their paths, data first.</summary>
    public static IReadOnlyList<string> Write(OptimizationResult result, string scenarioPath, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        OptimizationDocument document = OptimizationJsonWriter.Build(result, scenarioPath);
        var written = new List<string> { WriteFile(directory, JsonFile, OptimizationJsonWriter.Serialize(document)) };
        IReadOnlyList<ChartSpec> charts = OptimizationCharts.Build(document);
        written.Add(WriteFile(directory, MarkdownFile, OptimizationMarkdownWriter.Write(document, charts, ReportSet.ChartFolder)));
        foreach (ChartSpec chart in charts)
        {
            written.Add(WriteFile(Path.Combine(directory, ReportSet.ChartFolder), chart.Id + ".svg", SvgChartRenderer.Render(chart)));
        }
        return written;
    }

    private static string WriteFile(string directory, string name, string content)
    {
        string path = Path.Combine(directory, name);
        AtomicFile.WriteAllText(path, content);
        return path;
    }
}
