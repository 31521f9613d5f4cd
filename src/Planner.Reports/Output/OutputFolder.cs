using System.Diagnostics;
using System.Text.Json;

namespace Planner.Reports.Output;

/// <summary>
/// The folder a run writes into. It is checked before anything is simulated (an existing file,
/// a place that cannot be created or written, a folder holding another scenario's run, or files
/// with the names a run writes that no run of Planner's wrote, each fail at once), locked while files are written (so two runs into one folder leave one complete set
/// of reports, the later one), and cleared of the charts an earlier run wrote that this one did
/// not (an option renamed or dropped leaves no chart behind).
/// </summary>
public static class OutputFolder
{
    /// <summary>Whether a run's files are being moved into place now, which a signal waits for (what an interrupted command tells the user).</summary>
    public static bool MovingIntoPlace => StagedFolder.Committing;

    /// <summary>Whether this process has already moved a run's or a search's files into place.</summary>
    public static bool MovedIntoPlace => StagedFolder.Committed;

    /// <summary>The empty file whose lock a writer holds; it stays in the folder between runs.</summary>
    public const string LockFileName = ".planner.lock";

    /// <summary>How long a writer waits for another to finish before giving up.</summary>
    public static TimeSpan LockWait { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Creates the folder when needed and checks that files can be written in it and that it holds
    /// no other scenario's run; null when it can be used, else what is wrong, for the user.
    /// </summary>
    /// <param name="directory">The folder as the user gave it.</param>
    /// <param name="scenarioName">The scenario whose reports are about to be written.</param>
    public static string? Prepare(string directory, string scenarioName) => Prepare(directory, scenarioName, out _);

    /// <summary>
    /// <see cref="Prepare(string, string)"/>, saying in <paramref name="badInput"/> whether the
    /// problem is the choice of folder (a file, another scenario's run: exit code 2) rather than
    /// the machine (a folder that cannot be created or written: exit code 1).
    /// </summary>
    public static string? Prepare(string directory, string scenarioName, out bool badInput)
    {
        ArgumentNullException.ThrowIfNull(directory);
        badInput = true;
        if (Refusal(directory, scenarioName) is string refused)
        {
            return refused;
        }
        // A folder under a file cannot be made: say which file, not .NET's "Could not find a part of the path".
        for (string? above = Path.GetDirectoryName(Path.GetFullPath(directory)); !string.IsNullOrEmpty(above); above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                return $"{directory} would be a folder inside {above}, which is a file (allowed: a folder, new or holding this scenario's run)";
            }
        }
        badInput = false;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"cannot create the folder {directory}: {e.Message}";
        }
        string probe = Path.Combine(directory, $".planner-write-check.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write in {directory}: {e.Message}";
        }
        return null;
    }

    /// <summary>The longest file or folder name the common file systems hold, in bytes.</summary>
    private const int MaxNameBytes = 255;

    /// <summary>
    /// The checks of <see cref="Prepare(string, string, out bool)"/> that find the choice of folder
    /// wrong (exit code 2), made without creating anything: null when none refuses it. A portfolio
    /// makes them for every scenario's folder before it creates any.
    /// </summary>
    public static string? Refusal(string directory, string scenarioName)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrWhiteSpace(directory))
        {
            return "the folder is empty (allowed: a folder path, new or holding an earlier run of the same scenario; leave --out out for reports/<scenario name>)";
        }
        if (File.Exists(directory))
        {
            return $"{directory} is a file, not a folder (allowed: a folder, new or holding an earlier run of the same scenario)";
        }
        // A folder name the file system cannot hold is the choice's fault, not the machine's (a 300-character --out exited 1 with "File name too long").
        if (directory.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(part => System.Text.Encoding.UTF8.GetByteCount(part) > MaxNameBytes) is string tooLong)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{directory} has a folder name of {System.Text.Encoding.UTF8.GetByteCount(tooLong):#,##0} bytes ('{tooLong[..20]}…') (allowed: up to {MaxNameBytes} bytes a name, as the file system holds)");
        }
        string? full = FullPath(directory);
        if (full is not null && Path.GetFileName(Path.TrimEndingDirectorySeparator(full)) == "charts"
            && Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full)) is string run
            && (File.Exists(Path.Combine(run, "summary.json")) || File.Exists(Path.Combine(run, "report.md"))))
        {
            // Reports written there would sit among the run's charts, and its next run would leave them.
            return $"{directory} is the charts folder of the run in {run} (allowed: a folder of its own, new or holding an earlier run of the same scenario, or {run} itself)";
        }
        if (Directory.Exists(directory) && WrongKinds(directory) is string wrong)
        {
            return wrong;
        }
        string? earlier = ScenarioOf(directory);
        if (earlier is not null && earlier != scenarioName)
        {
            return $"{directory} holds the reports of scenario '{earlier}' (its {WhoseFile(directory)}); a folder holds the run of one scenario "
                + "(allowed: another --out, or delete that folder's reports first)";
        }
        if (earlier is null && OwnNamesIn(directory) is { Count: > 0 } taken)
        {
            // Files with the names Planner writes, but no run of Planner's beside them: the user's, which a run would replace.
            string unreadable = File.Exists(Path.Combine(directory, RunFileOf(directory)))
                ? $" (its {RunFileOf(directory)} does not read as one of Planner's: cut short, edited or another program's)"
                : " (no summary.json, optimization.json or report.md of one names its scenario)";
            return $"{directory} holds {string.Join(", ", taken)}, which no Planner run wrote{unreadable}, and a run would replace {(taken.Count == 1 ? "it" : "them")} "
                + $"(allowed: a new or empty folder, a folder without those names, or one holding an earlier run of '{scenarioName}')";
        }
        return null;
    }

    /// <summary>The absolute path, or null for one the system cannot make absolute (a NUL character): <see cref="Prepare(string, string, out bool)"/> says why when it tries to create it.</summary>
    private static string? FullPath(string directory)
    {
        try
        {
            return Path.GetFullPath(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>
    /// A name a run writes that is not what the run would write there: a file called <c>charts</c>,
    /// a folder called report.html, or a symbolic link (a run replaces its files and deletes stale
    /// charts, which through a link would touch another folder's files); null when none is.
    /// </summary>
    private static string? WrongKinds(string directory)
    {
        foreach (string name in OwnNames)
        {
            string path = Path.Combine(directory, name);
            var info = new FileInfo(path);
            if (info.LinkTarget is string target)
            {
                return $"{path} is a symbolic link (to {target}); a run replaces its files and deletes its stale charts, which would reach through it "
                    + "(allowed: a plain file or folder there, or none)";
            }
            bool folderWanted = name == "charts";
            if (folderWanted && File.Exists(path))
            {
                return $"{path} is a file; a run writes its charts into a folder of that name (allowed: a folder there, or none)";
            }
            if (!folderWanted && Directory.Exists(path))
            {
                return $"{path} is a folder; a run writes a file of that name (allowed: a file there, or none)";
            }
        }
        // Inside charts/ the same, before the simulation rather than after it: every chart is an
        // .svg with a .png beside it, so a folder of such a name is in a chart's way.
        string charts = Path.Combine(directory, "charts");
        if (Directory.Exists(charts))
        {
            try
            {
                if (Directory.EnumerateDirectories(charts).FirstOrDefault(d => d.EndsWith(".svg", StringComparison.Ordinal) || d.EndsWith(".png", StringComparison.Ordinal)) is string folder)
                {
                    return $"{folder} is a folder; a run writes its charts as files of such names (allowed: files there, or none)";
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable here: the move into place says what is wrong, and keeps the old set.
            }
        }
        return null;
    }

    /// <summary>
    /// The same for the folder that holds a portfolio's folders, one per scenario (its --out): null
    /// when it can hold them. Its own files are no run's, so only an empty path or a file is refused.
    /// </summary>
    public static string? ParentRefusal(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrWhiteSpace(directory))
        {
            return "the folder is empty (allowed: a folder path, new or holding earlier runs, one folder per scenario; leave --out out for reports/)";
        }
        return File.Exists(directory)
            ? $"{directory} is a file, not a folder (allowed: a folder, new or holding earlier runs, one folder per scenario)"
            : null;
    }

    /// <summary>
    /// Waits (up to <see cref="LockWait"/>) until no other writer holds the folder, then holds it
    /// until disposed. The lock is the operating system's on <see cref="LockFileName"/>, so it is
    /// released even should the process die.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="waiting">Told once, when the folder is held and the wait begins (a run that simulated and then waited without a word looked hung).</param>
    /// <exception cref="IOException">Another writer held the folder for all of <see cref="LockWait"/>.</exception>
    public static IDisposable Lock(string directory, Action<string>? waiting = null) => Lock(directory, LockWait, waiting);

    internal static IDisposable Lock(string directory, TimeSpan wait, Action<string>? waiting = null)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, LockFileName);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix and a sharing lock on Windows.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException) when (clock.Elapsed < wait && File.Exists(path))
            {
                waiting?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"waiting for another Planner run to finish writing into {directory} (up to {wait.TotalMinutes:0} minutes)…"));
                waiting = null;
                Thread.Sleep(100);
            }
            catch (IOException e) when (clock.Elapsed >= wait)
            {
                throw new IOException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"another Planner run has been writing into {directory} for {wait.TotalMinutes:0} minutes; try again once it is done"), e);
            }
        }
    }

    /// <summary>
    /// Deletes the charts (<c>charts/*.svg</c> and their PNGs) that this run did not write, except
    /// those of a configuration search (<c>optimization-*</c>), which belong to optimization.md.
    /// </summary>
    /// <param name="chartFolder">The folder holding the charts.</param>
    /// <param name="written">Every file this run wrote.</param>
    /// <param name="keepPrefix">Charts whose names start with this are another command's and stay; null deletes every unwritten chart.</param>
    /// <returns>The charts deleted.</returns>
    public static IReadOnlyList<string> RemoveStaleCharts(string chartFolder, IEnumerable<string> written, string? keepPrefix) =>
        RemoveStaleCharts(chartFolder, written, keepPrefix, File.Delete);

    /// <inheritdoc cref="RemoveStaleCharts(string, IEnumerable{string}, string?)"/>
    /// <param name="chartFolder">The folder holding the charts.</param>
    /// <param name="written">Every file this run wrote.</param>
    /// <param name="keepPrefix">Charts whose names start with this are another command's and stay; null deletes every unwritten chart.</param>
    /// <param name="delete">Deletes one chart file.</param>
    internal static IReadOnlyList<string> RemoveStaleCharts(string chartFolder, IEnumerable<string> written, string? keepPrefix, Action<string> delete)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (!Directory.Exists(chartFolder))
        {
            return [];
        }
        var mine = new HashSet<string>(written.Select(Path.GetFullPath), StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (string chart in ChartFiles(chartFolder))
        {
            bool kept = keepPrefix is not null && Path.GetFileName(chart).StartsWith(keepPrefix, StringComparison.Ordinal);
            if (!kept && !mine.Contains(Path.GetFullPath(chart)))
            {
                delete(chart);
                removed.Add(chart);
            }
        }
        return removed;
    }

    /// <summary>The chart files (SVG and PNG) in <paramref name="chartFolder"/>, in ordinal order; none when it does not exist.</summary>
    public static IReadOnlyList<string> ChartFiles(string chartFolder) =>
        !Directory.Exists(chartFolder)
            ? []
            : Directory.GetFiles(chartFolder, "*.svg").Concat(Directory.GetFiles(chartFolder, "*.png")).Order(StringComparer.Ordinal).ToList();

    /// <summary>A summary.json or optimization.json larger than this (64 MiB) is no run's of Planner's, and is not read.</summary>
    private const long MaxRunFileBytes = 64L << 20;

    /// <summary>The names a run or a configuration search writes in its folder; any of them in a folder without a run of Planner's is someone else's.</summary>
    public static IReadOnlyList<string> OwnNames { get; } =
        ["summary.json", "monthly.csv", "samples.csv", "report.md", "report.html", "report.pdf", "charts", "optimization.json", "optimization.md"];

    /// <summary>Which of <see cref="OwnNames"/> the folder holds (files or folders), in that order.</summary>
    private static List<string> OwnNamesIn(string directory) =>
        !Directory.Exists(directory) ? [] : [.. OwnNames.Where(n => Path.Exists(Path.Combine(directory, n)))];

    /// <summary>The title line of a report.md (<c># NAME — Planner report</c>), after "# ".</summary>
    private const string ReportTitleEnd = " — Planner report";

    /// <summary>The scenario whose report.md (rendered without its data by planner report --out) the folder holds, from its title; null when there is none.</summary>
    private static string? RenderedScenario(string directory)
    {
        string report = Path.Combine(directory, "report.md");
        if (!File.Exists(report))
        {
            return null;
        }
        try
        {
            using var reader = new StreamReader(report);
            return reader.ReadLine() is string title && title.StartsWith("# ", StringComparison.Ordinal) && title.EndsWith(ReportTitleEnd, StringComparison.Ordinal)
                ? title[2..^ReportTitleEnd.Length]
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The file that named the folder's scenario, for the message.</summary>
    private static string WhoseFile(string directory) =>
        File.Exists(Path.Combine(directory, "summary.json")) || File.Exists(Path.Combine(directory, "optimization.json")) ? RunFileOf(directory) : "report.md";

    /// <summary>The file that says whose run the folder holds: summary.json, else a configuration search's optimization.json.</summary>
    private static string RunFileOf(string directory) =>
        File.Exists(Path.Combine(directory, "summary.json")) ? "summary.json" : "optimization.json";

    /// <summary>
    /// The name of the scenario whose run the folder holds, from its summary.json (a run), else its
    /// optimization.json (a configuration search); null when it holds neither or neither reads as
    /// Planner's: such a file is no run of Planner's (Planner writes each whole, through a temporary
    /// file), and <see cref="Prepare(string, string, out bool)"/> refuses to replace it.
    /// </summary>
    public static string? ScenarioOf(string directory)
    {
        // Both files name their scenario as {"scenario": {"name": …}}.
        string file = Path.Combine(directory, RunFileOf(directory));
        if (!File.Exists(file))
        {
            // A report rendered elsewhere by planner report --out has no summary.json: its report.md's title names the scenario.
            return RenderedScenario(directory);
        }
        try
        {
            if (new FileInfo(file).Length > MaxRunFileBytes)
            {
                return null;
            }
            // A byte-order mark is no reason to call the file another's (an editor adds one).
            byte[] bytes = File.ReadAllBytes(file);
            int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            using JsonDocument document = JsonDocument.Parse(bytes.AsMemory(start));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("scenario", out JsonElement scenario)
                && scenario.ValueKind == JsonValueKind.Object
                && scenario.TryGetProperty("name", out JsonElement name)
                && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // InvalidOperationException: a name that is not valid UTF-8 ("Cannot transcode invalid UTF-8").
            return null;
        }
    }
}
