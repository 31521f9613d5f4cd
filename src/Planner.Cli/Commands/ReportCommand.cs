using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Planner.Formats.Json;
using Planner.Reports;
using Planner.Reports.Json;
using Planner.Reports.Optimization;
using Planner.Reports.Output;

namespace Planner.Cli.Commands;

/// <summary><c>planner report RUN_DIR</c>: re-render report.md, charts, report.html and report.pdf from a run's summary.json.</summary>
public static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "Folder of an earlier `planner run`, holding summary.json (for example reports/chat-seed-stage)" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the reports (default: the run folder)" };
        var noPdf = new Option<bool>("--no-pdf") { Description = "Skip report.pdf (which needs Chromium)" };
        var chromium = new Option<string?>("--chromium") { Description = "Browser that prints report.pdf (default: $PLANNER_CHROMIUM, /usr/bin/chromium, chromium on the PATH)" };
        var command = new Command("report", "Regenerate report.html, report.pdf, report.md and charts/ from an existing run's summary.json")
        {
            runDirectory, output, noPdf, chromium,
        };
        command.SetAction(parse => Execute(parse.GetValue(runDirectory)!, parse.GetValue(output),
            new ReportSetOptions { Pdf = !parse.GetValue(noPdf), ChromiumPath = parse.GetValue(chromium), Waiting = note => stderr.WriteLine("note: " + note) }, stdout, stderr));
        return command;
    }

    private static int Execute(string runDirectory, string? outputDirectory, ReportSetOptions options, TextWriter stdout, TextWriter stderr)
    {
        // An empty path would read as the current folder, or throw deep inside a path comparison.
        if (string.IsNullOrWhiteSpace(runDirectory))
        {
            stderr.WriteLine("error: RUN_DIR is empty (allowed: the folder of an earlier `planner run`, which holds summary.json, for example reports/chat-seed-stage)");
            return ExitCodes.BadInput;
        }
        if (outputDirectory is not null && string.IsNullOrWhiteSpace(outputDirectory))
        {
            stderr.WriteLine("error: --out is empty (allowed: a folder path, new or empty or the run folder itself; leave --out out to write into the run folder)");
            return ExitCodes.BadInput;
        }
        string summaryPath = Path.Combine(runDirectory, "summary.json");
        if (Directory.Exists(summaryPath))
        {
            stderr.WriteLine($"error: {summaryPath} is a folder, not a file (allowed: the summary.json file `planner run` writes)");
            return ExitCodes.BadInput;
        }
        if (!File.Exists(summaryPath))
        {
            stderr.WriteLine(Directory.Exists(runDirectory)
                ? $"error: {summaryPath}: not found (run `planner run SCENARIO --out {runDirectory}` first)"
                : File.Exists(runDirectory)
                    ? $"error: {runDirectory} is a file, not a folder (give the folder of an earlier `planner run`, which holds summary.json)"
                    : $"error: {runDirectory}: folder not found (give the folder of an earlier `planner run`)");
            return ExitCodes.BadInput;
        }
        if (options.Pdf && options.ChromiumPath is string browser && !File.Exists(browser))
        {
            // Checked before anything is written: a report folder keeps its report.pdf when the browser was mistyped.
            stderr.WriteLine($"error: --chromium: {browser} {(Directory.Exists(browser) ? "is a folder" : "does not exist")} (allowed: the path of a Chromium or Chrome executable; "
                + "leave it out to use $PLANNER_CHROMIUM, /usr/bin/chromium or chromium on the PATH, or give --no-pdf)");
            return ExitCodes.BadInput;
        }
        long bytes;
        try
        {
            // A link's own length is its target's name: the length that counts is the file it leads to.
            bytes = (File.ResolveLinkTarget(summaryPath, returnFinalTarget: true) as FileInfo ?? new FileInfo(summaryPath)).Length;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A link whose target is gone; or one the resolution above puts elsewhere (a relative
            // target through a linked folder): the read below follows it as the system does.
            bytes = -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {summaryPath}: cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.'))}; allowed: a file this user may read)");
            return ExitCodes.Failure;
        }
        if (bytes == 0)
        {
            // Not opened: a named pipe states no length either, and opening one waits for a writer that may never come.
            stderr.WriteLine($"error: {summaryPath}: nothing to read (an empty file, or not a regular file: a named pipe or a device) "
                + "(allowed: the summary.json file `planner run` writes; run the scenario again for a new one)");
            return ExitCodes.BadInput;
        }
        if (bytes > MaxSummaryBytes)
        {
            // Read whole, a file of gigabytes would exhaust the memory before the serializer could refuse it.
            stderr.WriteLine(TooLarge(summaryPath, bytes));
            return ExitCodes.BadInput;
        }
        string text;
        try
        {
            // Read up to the limit and no further: a device or a link to one (/dev/zero) states no length.
            byte[]? read = ReadAtMost(summaryPath, MaxSummaryBytes);
            if (read is null)
            {
                stderr.WriteLine(TooLarge(summaryPath, null));
                return ExitCodes.BadInput;
            }
            text = StrictUtf8(read, out long badByte);
            if (badByte >= 0)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"error: {summaryPath}: not UTF-8 text (an invalid byte at offset {badByte:#,##0}; allowed: UTF-8, as `planner run` writes summary.json): the file was edited in another encoding or damaged; run the scenario again for a new one"));
                return ExitCodes.BadInput;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"error: {summaryPath}: a link to a file that does not exist (run `planner run SCENARIO --out {runDirectory}` for a new summary, or mend the link)");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {summaryPath}: cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.'))}; allowed: a file this user may read)");
            return ExitCodes.Failure;
        }
        if (outputDirectory is not null && !SameFolder(outputDirectory, runDirectory)
            && File.Exists(Path.Combine(outputDirectory, "summary.json"))
            && !SameContent(Path.Combine(outputDirectory, "summary.json"), summaryPath))
        {
            // Its reports would describe this run beside another run's summary.json and monthly.csv.
            stderr.WriteLine($"error: --out: {outputDirectory} holds another run (its summary.json differs from {summaryPath}); "
                + "reports drawn from one run may not sit beside another's data (allowed: an empty or new folder, or the run folder itself)");
            return ExitCodes.BadInput;
        }
        SummaryDocument summary;
        try
        {
            summary = SummaryJsonWriter.Deserialize(text);
        }
        catch (JsonException e)
        {
            // The serializer's own words name .NET types; say what the file is not, and where it went wrong.
            string where = e.LineNumber is long line ? $" (line {line + 1}{(string.IsNullOrEmpty(e.Path) ? "" : $", at {e.Path}")})" : "";
            string what = SummaryProblem(e);
            stderr.WriteLine($"error: {summaryPath}: not a Planner summary{where}: {what}");
            return ExitCodes.BadInput;
        }
        IReadOnlyList<string> outOfRange = SummaryValueCheck.Problems(summary);
        if (outOfRange.Count > 0)
        {
            // Checked before the output folder is touched: a damaged summary must not replace good reports with wrong ones.
            foreach (string problem in outOfRange)
            {
                stderr.WriteLine($"error: {summaryPath}: {problem}");
            }
            stderr.WriteLine($"{outOfRange.Count} {(outOfRange.Count == 1 ? "error" : "errors")}; no report was written "
                + "(`planner run` writes none of these values: the file was edited or damaged; run the scenario again for a new one)");
            return ExitCodes.BadInput;
        }
        if (OutputFolder.Prepare(outputDirectory ?? runDirectory, summary.Scenario.Name, out bool chosenBadly) is string folderProblem)
        {
            stderr.WriteLine($"error: --out: {folderProblem}");
            return chosenBadly ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        OptimizationDocument? optimization = OptimizationReportSet.ReadMatching(runDirectory, summary.Scenario.Sha256, summary.Seed, out string? note);
        ReportSetResult result = ReportSet.WriteReports(summary with { Optimization = optimization }, outputDirectory ?? runDirectory, options);
        ReportOutput.Print(result, stdout, stderr);
        if (note is not null)
        {
            stderr.WriteLine("note: " + note + ".");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The largest summary.json read: 64 MiB, two hundred times what a 36-month run of four options writes.</summary>
    internal const long MaxSummaryBytes = 64L << 20;

    /// <summary>The message for a summary.json over the limit; <paramref name="bytes"/> null where the file states no length (a device) and reading stopped at the limit.</summary>
    private static string TooLarge(string path, long? bytes) => string.Create(CultureInfo.InvariantCulture,
        $"error: {path}: {(bytes is long b ? $"{Math.Ceiling(b / 104857.6) / 10:#,##0.0} MiB" : $"more than {MaxSummaryBytes >> 20} MiB")}, larger than any summary.json `planner run` writes (allowed: up to {MaxSummaryBytes >> 20} MiB; a 36-month run of four options writes about 0.3 MiB): not a Planner summary");

    /// <summary>The file's bytes, or null when it holds more than <paramref name="limit"/>.</summary>
    private static byte[]? ReadAtMost(string path, long limit)
    {
        using FileStream stream = File.OpenRead(path);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    /// <summary>UTF-8 text without its byte-order mark; <paramref name="badByte"/> the offset of the first invalid byte, or −1.</summary>
    private static string StrictUtf8(byte[] bytes, out long badByte)
    {
        ReadOnlySpan<byte> span = bytes;
        int start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (System.Text.Unicode.Utf8.IsValid(span[start..]))
        {
            badByte = -1;
            return System.Text.Encoding.UTF8.GetString(span[start..]);
        }
        // The first offset where decoding stops.
        System.Text.Unicode.Utf8.ToUtf16(span[start..], new char[span.Length - start], out int read, out _, replaceInvalidSequences: false);
        badByte = start + read;
        return "";
    }

    /// <summary>Whether two files hold the same bytes; a file of another length is not read.</summary>
    private static bool SameContent(string a, string b) =>
        new FileInfo(a).Length == new FileInfo(b).Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>
    /// What is wrong with a summary.json the serializer refused, in the file's own terms: the key
    /// that is null (the serializer's words name .NET types and constructor parameters); a key left
    /// out is named by SummaryJsonWriter.Deserialize itself.
    /// </summary>
    internal static string SummaryProblem(JsonException e)
    {
        const string Prefix = "not a Planner summary: ";
        // The caller says where; the serializer's own position suffix goes.
        string message = JsonProblem.Message(e);
        message = message.StartsWith(Prefix, StringComparison.Ordinal) ? message[Prefix.Length..] : message;
        if (JsonProblem.EndsTooSoon(message))
        {
            return "the file ends before the summary does (it is empty or cut short; run the scenario again for a new one)";
        }
        string at = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        if (message.Contains("doesn't allow null values", StringComparison.Ordinal) || message.Contains("cannot be null", StringComparison.Ordinal))
        {
            return $"{(at.Length == 0 ? "the document" : at)} is null (allowed: what planner run writes there)";
        }
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            // What belongs there, in JSON's terms: the serializer names .NET types, and for a record the
            // record's, not the key's.
            string? expected = SummaryJsonWriter.KindAt(e.Path);
            return $"{(at.Length == 0 ? "the document" : at)} does not hold what `planner run` writes there{(expected is null ? "" : $" (allowed: {expected})")}";
        }
        // A literal JSON does not have: NaN, Infinity, a comment, text after the document.
        return message.Contains("is an invalid start of a value", StringComparison.Ordinal) || message.Contains("invalid after a single JSON value", StringComparison.Ordinal)
            ? $"{message.TrimEnd('.')} (allowed: JSON as `planner run` writes it, with numbers as digits; no NaN, Infinity, comments or text after the closing brace)"
            : message;
    }
}
