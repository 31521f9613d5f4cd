using Planner.Reports;

namespace Planner.Cli.Commands;

/// <summary>Tells the user which report files were written and, once, why report.pdf is missing.</summary>
internal static class ReportOutput
{
    public static void Print(ReportSetResult result, TextWriter stdout, TextWriter stderr)
    {
        string chartPrefix = Path.DirectorySeparatorChar + ReportSet.ChartFolder + Path.DirectorySeparatorChar;
        List<string> charts = result.Written.Where(p => p.Contains(chartPrefix, StringComparison.Ordinal)).ToList();
        IEnumerable<string> files = result.Written.Except(charts).Select(Relative);
        if (charts.Count > 0)
        {
            int svg = charts.Count(c => c.EndsWith(".svg", StringComparison.Ordinal));
            int png = charts.Count - svg;
            files = files.Append($"{Relative(Path.GetDirectoryName(charts[0])!)}/ ({svg} SVG charts{(png > 0 ? $", {png} PNG for slides" : "")})");
        }
        stdout.WriteLine("Wrote " + string.Join(", ", files));
        if (result.ChartsProblem is string chartsProblem)
        {
            string folder = result.Written.Count > 0 ? Relative(Path.GetDirectoryName(result.Written[0])!) : ".";
            stderr.WriteLine(ChartsNote(chartsProblem, folder));
        }
        if (result.PdfProblem is string problem)
        {
            stderr.WriteLine($"note: report.pdf not written: {problem}.");
        }
        if (result.StaleChartsProblem is string stale)
        {
            stderr.WriteLine($"note: {stale}.");
        }
    }

    /// <summary>The line that says why a run's charts were not drawn, and how to draw them once the font is there.</summary>
    public static string ChartsNote(string problem, string folder) =>
        $"note: charts not drawn (every other file was written): {problem.TrimEnd('.')}; then `planner report {folder}` draws them.";

    private static string Relative(string path) => CalibrationCli.Show(path);
}
