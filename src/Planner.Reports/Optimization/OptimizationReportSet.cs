using System.Text.Json;
using Planner.Core.Optimization;
using Planner.Reports.Charts;
using Planner.Reports.Output;

namespace Planner.Reports.Optimization;

/// <summary>
/// Writes the results of <c>planner optimize</c> beside a run's reports, moved into place together:
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
    public static (OptimizationDocument Document, IReadOnlyList<string> Written, string? ChartsProblem) Write(OptimizationResult result, string scenarioPath, string directory, string? scenarioSha256 = null, Action<string>? waiting = null) =>
        Write(result, scenarioPath, directory, scenarioSha256, waiting, files: null);

    /// <inheritdoc cref="Write(OptimizationResult, string, string, string?, Action{string}?)"/>
    /// <param name="result">The search.</param>
    /// <param name="scenarioPath">The scenario as the user named it.</param>
    /// <param name="directory">The run folder.</param>
    /// <param name="scenarioSha256">SHA-256 of the scenario file.</param>
    /// <param name="waiting">Told once when another Planner process is writing into the folder.</param>
    /// <param name="files">The moves and deletions that put the set in place; null for the file system's (tests fail them on purpose).</param>
    internal static (OptimizationDocument Document, IReadOnlyList<string> Written, string? ChartsProblem) Write(OptimizationResult result, string scenarioPath, string directory,
        string? scenarioSha256, Action<string>? waiting, FileOperations? files)
    {
        ArgumentNullException.ThrowIfNull(result);
        OptimizationDocument document = OptimizationJsonWriter.Build(result, scenarioPath, scenarioSha256);
        (IReadOnlyList<string> written, string? chartsProblem) = Write(document, directory, waiting, files);
        return (document, written, chartsProblem);
    }

    /// <summary>Writes the files of <paramref name="document"/> into <paramref name="directory"/>, moved into place together.</summary>
    internal static (IReadOnlyList<string> Written, string? ChartsProblem) Write(OptimizationDocument document, string directory, Action<string>? waiting, FileOperations? files)
    {
        using IDisposable folderLock = OutputFolder.Lock(directory, waiting);
        string? chartsProblem = ChartFonts.Problem();
        IReadOnlyList<ChartSpec> charts = chartsProblem is null ? OptimizationCharts.Build(document) : [];
        string? chartsNote = chartsProblem is null ? null : ReportSet.ChartsMissingNote(chartsProblem, "running planner optimize again draws them");
        // The whole set is written into a staging folder and moved into place together, so that an
        // interruption or a failure while writing leaves the earlier search's files as they were
        // (one file at a time, a Ctrl+C left a new optimization.json beside the old optimization.md and charts).
        using var staging = new StagedFolder(directory, files);
        var names = new List<string>();
        try
        {
            names.Add(WriteFile(staging.Path, JsonFile, OptimizationJsonWriter.Serialize(document)));
            names.Add(WriteFile(staging.Path, MarkdownFile, OptimizationMarkdownWriter.Write(document, charts, ReportSet.ChartFolder, chartsNote)));
            foreach (ChartSpec chart in charts)
            {
                names.Add(WriteFile(Path.Combine(staging.Path, ReportSet.ChartFolder), chart.Id + ".svg", ChartRenderer.Svg(chart)));
                string png = Path.Combine(staging.Path, ReportSet.ChartFolder, chart.Id + ".png");
                AtomicFile.WriteAllBytes(png, ChartRenderer.Png(chart));
                names.Add(png);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the search's files into {directory}: {ReportSet.OperatingSystemReason(e)}; the files already there were kept as they were", e);
        }
        // An earlier search's frontier charts for months this one did not draw would not match
        // optimization.md: they go with the move. The run's own charts are not the search's and stay.
        var staged = new HashSet<string>(names.Select(n => Path.GetRelativePath(staging.Path, n)), StringComparer.Ordinal);
        string chartFolder = Path.Combine(directory, ReportSet.ChartFolder);
        string[] stale = [.. OutputFolder.ChartFiles(chartFolder)
            .Where(f => Path.GetFileName(f).StartsWith(OptimizationCharts.IdPrefix, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(directory, f))
            .Where(f => !staged.Contains(f))];
        try
        {
            staging.Commit(stale);
        }
        catch (RestoreIncompleteException e)
        {
            throw new IOException($"cannot move the search's files into {directory}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot move the search's files into {directory}: {ReportSet.OperatingSystemReason(e)}; the files already there were kept as they were", e);
        }
        return ([.. names.Select(n => Path.Combine(directory, Path.GetRelativePath(staging.Path, n)))], chartsProblem);
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
            // Edited or damaged values would be drawn as fact (a path total of −$5 read "1000.0% less").
            if (Problem(document) is string problem)
            {
                note = $"{path} holds {problem}, which `planner optimize` never writes, so the report leaves it out (run `planner optimize` again to include it)";
                return null;
            }
            return document;
        }
        note = $"{path} is from {(document.Seed != seed ? $"seed {document.Seed}, not {seed}" : $"another scenario file, or another version of it (a search of {document.Scenario.Path})")}, so the report leaves it out (run `planner optimize` again to include it)";
        return null;
    }

    /// <summary>The largest dollar figure a search is believed to write: a trillion (a path of 60 months at $16 billion a month).</summary>
    private const double MaxUsd = 1e12;

    /// <summary>
    /// The first value of <paramref name="d"/> that no search writes, in its JSON path's words: a
    /// path that is not one month each of the horizon, a negative, infinite or absurd amount, a
    /// share outside 0 to 1; null when every value is one a search could have written.
    /// </summary>
    internal static string? Problem(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        int horizon = d.Scenario.HorizonMonths;
        if (horizon is < 1 or > 1_000 || d.Path.Count != horizon || d.Path.Where((p, i) => p is null || p.Month != i + 1).Any())
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a path of {d.Path.Count} month{(d.Path.Count == 1 ? "" : "s")} for a horizon of {horizon} (allowed: months 1 to the horizon, one each)");
        }
        string? Amount(string at, double? v) => v is double x && !(double.IsFinite(x) && x >= 0 && x <= MaxUsd)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at} of {x} (allowed: 0 to {MaxUsd:0e0})") : null;
        string? Outcome(string at, OutcomeSection? o) => o is null ? null
            : Amount($"{at}.gpu_usd", o.GpuUsd) ?? Amount($"{at}.gpu_hours", o.GpuHours) ?? Amount($"{at}.mean_gpus", o.MeanGpus) ?? Amount($"{at}.peak_replicas", o.PeakReplicas)
            ?? Amount($"{at}.ttft_p95_ms", o.TtftP95Ms) ?? Amount($"{at}.tpot_p95_ms", o.TpotP95Ms) ?? Amount($"{at}.e2e_p99_ms", o.E2eP99Ms)
            ?? (o.RejectedShare is double r && !(r >= 0 && r <= 1) ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at}.rejected_share of {r} (allowed: 0 to 1)") : null);
        PathSummarySection s = d.PathSummary;
        string? problem = Amount("path_summary.total_usd", s.TotalUsd) ?? Amount("path_summary.gpu_usd", s.GpuUsd) ?? Amount("path_summary.fixed_usd", s.FixedUsd)
            ?? Amount("path_summary.switch_usd", s.SwitchUsd) ?? Amount("path_summary.reference_total_usd", s.ReferenceTotalUsd);
        for (int i = 0; problem is null && i < d.Path.Count; i++)
        {
            PathMonthSection p = d.Path[i];
            string at = $"path[{i}]";
            problem = Amount($"{at}.fixed_usd", p.FixedUsd) ?? Amount($"{at}.total_usd", p.TotalUsd) ?? Amount($"{at}.switch_usd", p.SwitchUsd)
                ?? Outcome($"{at}.outcome", p.Outcome) ?? Outcome($"{at}.second_seed", p.SecondSeed) ?? Outcome($"{at}.reference", p.Reference);
        }
        for (int i = 0; problem is null && i < d.Levels.Count; i++)
        {
            problem = Outcome($"levels[{i}].best_outcome", d.Levels[i].BestOutcome);
        }
        for (int f = 0; problem is null && f < d.Frontiers.Count; f++)
        {
            for (int i = 0; problem is null && i < d.Frontiers[f].Points.Count; i++)
            {
                problem = Outcome($"frontiers[{f}].points[{i}].outcome", d.Frontiers[f].Points[i].Outcome);
            }
        }
        return problem;
    }

    private static string WriteFile(string directory, string name, string content)
    {
        string path = Path.Combine(directory, name);
        AtomicFile.WriteAllText(path, content);
        return path;
    }
}
