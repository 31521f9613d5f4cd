using System.Text.Json;
using Planner.Core.Optimization;
using Planner.Reports.Charts;
using Planner.Reports.Output;

namespace Planner.Reports.Optimization;

/// <summary>
/// Writes the results of <c>planner optimize</c> beside a run's reports, each file atomically:
/// optimization.json (the data), charts/optimization-*.svg (and .png) and optimization.md; and finds them
/// again for the run's own reports, which include them when they searched the same scenario file
/// with the same seed.
/// </summary>
public static class OptimizationReportSet
{
    public const string JsonFile = "optimization.json";
    public const string MarkdownFile = "optimization.md";

    /// <summary>
    /// Writes every file into <paramref name="directory"/> and returns the document, the paths,
    /// data first, and why the charts are missing when the chart font is not installed (every
    /// other file is written, optimization.md saying so).
    /// </summary>
    /// <param name="result">The search.</param>
    /// <param name="scenarioPath">The scenario as the user named it.</param>
    /// <param name="directory">The run folder.</param>
    /// <param name="scenarioSha256">SHA-256 of the scenario file (<see cref="ScenarioFingerprint"/>), recorded so that the run's reports can tell whether the search is theirs.</param>
    /// <param name="waiting">Told once when another Planner process is writing into the folder and this one waits (<see cref="OutputFolder.Lock(string, Action{string}?)"/>).</param>
    public static (OptimizationDocument Document, IReadOnlyList<string> Written, string? ChartsProblem) Write(OptimizationResult result, string scenarioPath, string directory, string? scenarioSha256 = null, Action<string>? waiting = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using IDisposable folderLock = OutputFolder.Lock(directory, waiting);
        OptimizationDocument document = OptimizationJsonWriter.Build(result, scenarioPath, scenarioSha256);
        var written = new List<string> { WriteFile(directory, JsonFile, OptimizationJsonWriter.Serialize(document)) };
        string? chartsProblem = ChartFonts.Problem();
        IReadOnlyList<ChartSpec> charts = chartsProblem is null ? OptimizationCharts.Build(document) : [];
        string? chartsNote = chartsProblem is null ? null : ReportSet.ChartsMissingNote(chartsProblem, "running planner optimize again draws them");
        written.Add(WriteFile(directory, MarkdownFile, OptimizationMarkdownWriter.Write(document, charts, ReportSet.ChartFolder, chartsNote)));
        foreach (ChartSpec chart in charts)
        {
            written.Add(WriteFile(Path.Combine(directory, ReportSet.ChartFolder), chart.Id + ".svg", ChartRenderer.Svg(chart)));
            string png = Path.Combine(directory, ReportSet.ChartFolder, chart.Id + ".png");
            AtomicFile.WriteAllBytes(png, ChartRenderer.Png(chart));
            written.Add(png);
        }
        // An earlier search's frontier charts for months this one did not draw would not match optimization.md.
        string chartFolder = Path.Combine(directory, ReportSet.ChartFolder);
        if (Directory.Exists(chartFolder))
        {
            string[] others = OutputFolder.ChartFiles(chartFolder)
                .Where(f => !Path.GetFileName(f).StartsWith(OptimizationCharts.IdPrefix, StringComparison.Ordinal)).ToArray();
            OutputFolder.RemoveStaleCharts(chartFolder, written.Concat(others), keepPrefix: null);
        }
        return (document, written, chartsProblem);
    }

    /// <summary>Whether a search belongs to a run: the same scenario file (by hash) and the same seed.</summary>
    public static bool Matches(OptimizationDocument document, string? scenarioSha256, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(document);
        return scenarioSha256 is not null && document.Scenario.Sha256 == scenarioSha256 && document.Seed == seed;
    }

    /// <summary>
    /// The optimization.json in <paramref name="directory"/> when it searched the scenario file
    /// with hash <paramref name="scenarioSha256"/> and seed <paramref name="seed"/>; null when there
    /// is none or it belongs to another scenario file or seed (<paramref name="note"/> then says
    /// why it was left out), or it cannot be read (<paramref name="note"/> says what is wrong).
    /// </summary>
    public static OptimizationDocument? ReadMatching(string directory, string? scenarioSha256, ulong seed, out string? note)
    {
        ArgumentNullException.ThrowIfNull(directory);
        note = null;
        string path = Path.Combine(directory, JsonFile);
        if (!File.Exists(path))
        {
            return null;
        }
        OptimizationDocument document;
        try
        {
            document = OptimizationJsonWriter.Deserialize(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            // In the file's own terms: the serializer's words name .NET types ("could not be converted
            // to Planner.Reports.Optimization.OutcomeSection") and count lines from 0.
            string where = e.LineNumber is long line ? $"line {line + 1}{(string.IsNullOrEmpty(e.Path) ? "" : $", at {e.Path}")}: " : "";
            string message = Planner.Formats.Json.JsonProblem.Message(e);
            string what = Planner.Formats.Json.JsonProblem.EndsTooSoon(message) ? "the file ends too soon (cut short, or empty)"
                : message.Contains("could not be converted to", StringComparison.Ordinal) ? "a value of the wrong kind (a text, number, list or object where another belongs)"
                : message.Replace("Planner.Reports.Optimization.", "", StringComparison.Ordinal);
            note = $"{path} is not a configuration search `planner optimize` wrote ({where}{what}), so the report has no Configuration search section (run `planner optimize` again to include it)";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            note = $"{path} could not be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.'))}); the report has no Configuration search section";
            return null;
        }
        if (Matches(document, scenarioSha256, seed))
        {
            return document;
        }
        note = $"{path} is from {(document.Seed != seed ? $"seed {document.Seed}, not {seed}" : $"another scenario file, or another version of it (a search of {document.Scenario.Path})")}, so the report leaves it out (run `planner optimize` again to include it)";
        return null;
    }

    private static string WriteFile(string directory, string name, string content)
    {
        string path = Path.Combine(directory, name);
        AtomicFile.WriteAllText(path, content);
        return path;
    }
}
