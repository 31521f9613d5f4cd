using System.Text;

namespace Planner.Cli.Tests;

/// <summary>`planner report RUN_DIR` re-renders an existing run from its summary.json alone.</summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class ReportCommandTests(GeneratedReport generated)
{
    private static readonly string[] Rendered = ["report.md", "report.html", "charts/total-cost.svg", "charts/monthly-cogs.svg", "charts/cost-breakdown-h100.svg"];

    [Fact]
    public void RegeneratesTheSameReportsFromSummaryJson()
    {
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        Dictionary<string, byte[]> first = Rendered.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(run, f)));
        File.Delete(Path.Combine(run, "report.html"));
        Directory.Delete(Path.Combine(run, "charts"), recursive: true);

        string copy = Path.Combine(dir.Path, "copy");
        CliRun report = CliRun.Invoke("report", run, "--out", copy, "--no-pdf");
        CliRun inPlace = CliRun.Invoke("report", run, "--no-pdf");

        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.True(inPlace.ExitCode == 0, inPlace.Stderr);
        Assert.Contains("report.html", report.Stdout);
        Assert.Contains("SVG charts", report.Stdout);
        foreach (string file in Rendered)
        {
            Assert.Equal(first[file], File.ReadAllBytes(Path.Combine(copy, file)));
            Assert.Equal(first[file], File.ReadAllBytes(Path.Combine(run, file)));
        }
        Assert.False(File.Exists(Path.Combine(copy, "summary.json")), "report writes only the presentation files");

        // Rendering into the same copy again: its report.md names the scenario, so it is no stranger's.
        CliRun again = CliRun.Invoke("report", run, "--out", copy, "--no-pdf");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(first["report.md"], File.ReadAllBytes(Path.Combine(copy, "report.md")));
    }

    [Fact]
    public void RendersASummaryWrittenBeforeTheWorkloadBlockWithoutTheWorkloadSection()
    {
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        Assert.Contains("## Workload\n", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);
        string summaryPath = Path.Combine(run, "summary.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summaryPath))!;
        Assert.True(json.AsObject().Remove("workload"), "a run writes the workload block");
        File.WriteAllText(summaryPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        string copy = Path.Combine(dir.Path, "copy");

        CliRun report = CliRun.Invoke("report", run, "--out", copy, "--no-pdf");

        Assert.True(report.ExitCode == 0, report.Stderr);
        string markdown = File.ReadAllText(Path.Combine(copy, "report.md"));
        Assert.DoesNotContain("## Workload", markdown, StringComparison.Ordinal);
        Assert.Contains("## Assumptions", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"workload\"", File.ReadAllText(Path.Combine(copy, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void AMistypedBrowserIsBadInputAndTouchesNothing()
    {
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        File.WriteAllText(Path.Combine(run, "report.pdf"), "%PDF- from an earlier run");
        byte[] html = File.ReadAllBytes(Path.Combine(run, "report.html"));

        CliRun report = CliRun.Invoke("report", run, "--chromium", Path.Combine(dir.Path, "no-such-browser"));

        Assert.Equal(2, report.ExitCode);
        Assert.StartsWith("error: --chromium: ", report.Stderr);
        Assert.Contains("no-such-browser does not exist (allowed: ", report.Stderr);
        Assert.Equal("%PDF- from an earlier run", File.ReadAllText(Path.Combine(run, "report.pdf")));
        Assert.Equal(html, File.ReadAllBytes(Path.Combine(run, "report.html")));
        // A folder is named as one, not said not to exist.
        CliRun folder = CliRun.Invoke("report", run, "--chromium", dir.Path);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains($"--chromium: {dir.Path} is a folder (allowed: ", folder.Stderr);
    }

    [Fact]
    public void ABrowserThatCannotPrintIsOneNoteAndTakesTheStalePdfAway()
    {
        if (!File.Exists("/bin/false"))
        {
            return; // no POSIX false to stand in for a broken browser
        }
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        File.WriteAllText(Path.Combine(run, "report.pdf"), "%PDF- from an earlier run");
        // The PDF was printed from reports that have changed since.
        File.WriteAllText(Path.Combine(run, "report.html"), "<!doctype html><p>an earlier report</p>");

        CliRun report = CliRun.Invoke("report", run, "--chromium", "/bin/false");

        Assert.Equal(0, report.ExitCode);
        string note = Assert.Single(report.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("note: report.pdf not written:", note);
        Assert.Contains("(the previous report.pdf was removed)", note);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        Assert.False(File.Exists(Path.Combine(run, "report.pdf")), "a stale PDF must not sit beside a newer HTML");
    }

    [Fact]
    public void ASummaryInAnotherEncodingOrAnEmptyPathIsRefusedWithoutAStackTraceAndABomIsRead()
    {
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string summary = Path.Combine(run, "summary.json");
        byte[] good = File.ReadAllBytes(summary);
        string before = File.ReadAllText(Path.Combine(run, "report.md"));

        // A Latin-1 "é" in a name: the run folder's own summary.json crashed the lookup of whose run it is.
        string text = Encoding.UTF8.GetString(good);
        int at = text.IndexOf("\"name\": \"", StringComparison.Ordinal) + 9;
        byte[] latin1 = [.. Encoding.UTF8.GetBytes(text[..at]), 0xE9, .. Encoding.UTF8.GetBytes(text[at..])];
        File.WriteAllBytes(summary, latin1);
        CliRun bad = CliRun.Invoke("report", run, "--no-pdf");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith($"error: {summary}: not UTF-8 text (an invalid byte at offset {Encoding.UTF8.GetByteCount(text[..at])}", bad.Stderr);
        Assert.DoesNotContain("   at ", bad.Stderr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(run, "report.md")));

        // A byte-order mark, as an editor may add: read as the summary it is.
        File.WriteAllBytes(summary, [0xEF, 0xBB, 0xBF, .. good]);
        CliRun bom = CliRun.Invoke("report", run, "--no-pdf");
        Assert.True(bom.ExitCode == 0, bom.Stderr);

        File.WriteAllBytes(summary, good);
        CliRun emptyOut = CliRun.Invoke("report", run, "--no-pdf", "--out", "");
        Assert.Equal(2, emptyOut.ExitCode);
        Assert.StartsWith("error: --out is empty (allowed: ", emptyOut.Stderr);
        CliRun emptyRun = CliRun.Invoke("report", "", "--no-pdf");
        Assert.Equal(2, emptyRun.ExitCode);
        Assert.StartsWith("error: RUN_DIR is empty (allowed: ", emptyRun.Stderr);

        string folder = Path.Combine(dir.Path, "folder-run");
        Directory.CreateDirectory(Path.Combine(folder, "summary.json"));
        CliRun isFolder = CliRun.Invoke("report", folder, "--no-pdf");
        Assert.Equal(2, isFolder.ExitCode);
        Assert.StartsWith($"error: {Path.Combine(folder, "summary.json")} is a folder, not a file", isFolder.Stderr);
    }

    [Fact]
    public void AValueOfTheWrongKindSaysWhatBelongsThere()
    {
        // The serializer names .NET types, and for a record the record's: the message said "does not
        // have the shape of a summary.json" and nothing of what belongs at the place it named.
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string summary = Path.Combine(run, "summary.json");
        string good = File.ReadAllText(summary);
        foreach ((string from, string to, string expected) in new[]
        {
            ("\"horizon_months\": ", "\"horizon_months\": \"x\", \"was\": ", "scenario.horizon_months does not hold what `planner run` writes there (allowed: a whole number)"),
            ("\"seed\": ", "\"seed\": -1, \"was\": ", "seed does not hold what `planner run` writes there (allowed: a whole number, 0 or more)"),
            ("\"monthly\": [", "\"monthly\": 5, \"was\": [", "options[0].monthly does not hold what `planner run` writes there (allowed: a list in [ ])"),
            ("\"cost_usd\": ", "\"cost_usd\": true, \"was\": ", "options[0].monthly[0].cost_usd does not hold what `planner run` writes there (allowed: a number)"),
        })
        {
            int at = good.IndexOf(from, StringComparison.Ordinal);
            File.WriteAllText(summary, good[..at] + to + good[(at + from.Length)..]);
            CliRun report = CliRun.Invoke("report", run, "--no-pdf");
            Assert.Equal(2, report.ExitCode);
            Assert.Contains(expected, report.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Planner.", report.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABrowserThatCannotPrintKeepsAPdfThatStillMatchesTheReports()
    {
        if (!File.Exists("/bin/false"))
        {
            return; // no POSIX false to stand in for a broken browser
        }
        // Redrawn from the same summary.json, report.html comes out the same: the PDF printed from it
        // still matches, and a failed print must not take it away.
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        File.WriteAllText(Path.Combine(run, "report.pdf"), "%PDF- printed from this report.html");
        byte[] html = File.ReadAllBytes(Path.Combine(run, "report.html"));

        CliRun report = CliRun.Invoke("report", run, "--chromium", "/bin/false");

        Assert.Equal(0, report.ExitCode);
        string note = Assert.Single(report.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("(the previous report.pdf, printed from the same report.html, was kept)", note);
        Assert.Equal(html, File.ReadAllBytes(Path.Combine(run, "report.html")));
        Assert.Equal("%PDF- printed from this report.html", File.ReadAllText(Path.Combine(run, "report.pdf")));
    }

    [Fact]
    public void ReportsOfOneRunDoNotGoBesideAnotherRunsData()
    {
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string other = Path.Combine(dir.Path, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "summary.json"), File.ReadAllText(Path.Combine(run, "summary.json")).Replace("\"seed\": ", "\"seed\": 1", StringComparison.Ordinal));

        CliRun report = CliRun.Invoke("report", run, "--out", other, "--no-pdf");

        Assert.Equal(2, report.ExitCode);
        Assert.Contains("holds another run", report.Stderr);
        Assert.False(File.Exists(Path.Combine(other, "report.md")));
        // The same run's data beside it is fine.
        File.Copy(Path.Combine(run, "summary.json"), Path.Combine(other, "summary.json"), overwrite: true);
        Assert.Equal(0, CliRun.Invoke("report", run, "--out", other, "--no-pdf").ExitCode);
    }

    [Fact]
    public void MissingFolderOrSummaryIsBadInput()
    {
        using var dir = new TempDir();
        CliRun missing = CliRun.Invoke("report", Path.Combine(dir.Path, "nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("folder not found", missing.Stderr);

        CliRun empty = CliRun.Invoke("report", dir.Path);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("summary.json: not found", empty.Stderr);

        dir.Write("summary.json", "{\"scenario\": 1}");
        CliRun broken = CliRun.Invoke("report", dir.Path);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("summary.json", broken.Stderr);
        Assert.DoesNotContain("   at ", broken.Stderr);
        Assert.DoesNotContain("Planner.Reports.Json", broken.Stderr);

        CliRun file = CliRun.Invoke("report", Path.Combine(dir.Path, "summary.json"));
        Assert.Equal(2, file.ExitCode);
        Assert.Contains("is a file, not a folder", file.Stderr);
    }

    [Theory]
    [InlineData("planner_version", "planner_version is missing or null")]
    [InlineData("options.1.performance_source", "options[1].performance_source is null")]
    [InlineData("break_even.0", "break_even[0] is missing or null")]
    [InlineData("seed", "seed is missing")]
    public void ASummaryMissingAPartIsBadInputNamedByPathWithoutAStackTrace(string key, string said)
    {
        // Each of these crashed `planner report` with an unhandled exception (exit 134), or read as seed 0.
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string summaryPath = Path.Combine(run, "summary.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summaryPath))!;
        string[] path = key.Split('.');
        System.Text.Json.Nodes.JsonNode parent = path[..^1].Aggregate(json, (n, k) => int.TryParse(k, out int i) ? n[i]! : n[k]!);
        if (parent is System.Text.Json.Nodes.JsonArray list)
        {
            list[int.Parse(path[^1], System.Globalization.CultureInfo.InvariantCulture)] = null;
        }
        else if (key.Contains('.', StringComparison.Ordinal))
        {
            parent[path[^1]] = null;
        }
        else
        {
            parent.AsObject().Remove(path[^1]);
        }
        File.WriteAllText(summaryPath, json.ToJsonString());
        byte[] html = File.ReadAllBytes(Path.Combine(run, "report.html"));

        CliRun report = CliRun.Invoke("report", run, "--no-pdf");

        Assert.Equal(2, report.ExitCode);
        Assert.Contains(said + " (allowed: what planner run writes there)", report.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", report.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not a Planner summary: not a Planner summary", report.Stderr, StringComparison.Ordinal);
        Assert.Equal(html, File.ReadAllBytes(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void WithoutPrintingAnOlderPdfStaysOnlyWhileTheReportsItWasPrintedFromAreUnchanged()
    {
        // A report redrawn with --no-pdf (after an optimize took a search out of it) kept the PDF
        // that still showed the search, beside HTML without it.
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string pdf = Path.Combine(run, "report.pdf");
        File.WriteAllBytes(pdf, [0x25, 0x50, 0x44, 0x46]);
        Assert.Equal(0, CliRun.Invoke("report", run, "--no-pdf").ExitCode);
        Assert.True(File.Exists(pdf), "the same reports keep their PDF");

        string summaryPath = Path.Combine(run, "summary.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summaryPath))!;
        json["scenario"]!["description"] = "Edited after printing.";
        File.WriteAllText(summaryPath, json.ToJsonString());
        CliRun changed = CliRun.Invoke("report", run, "--no-pdf");

        Assert.True(changed.ExitCode == 0, changed.Stderr);
        Assert.False(File.Exists(pdf), "a PDF of other reports is removed");
        Assert.Contains("note: report.pdf not written: --no-pdf was given, and the previous report.pdf, printed from reports that have changed since, was removed.", changed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOversizedOrCutShortSummaryIsRefusedInPlainWordsWithoutReadingItWhole()
    {
        // A 2 GiB summary.json aborted `planner report` out of memory (exit 134); a cut-short one
        // quoted the serializer's "Path: … | LineNumber: 146 | BytePositionInLine: 17" beside "line 147".
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string summaryPath = Path.Combine(run, "summary.json");
        byte[] html = File.ReadAllBytes(Path.Combine(run, "report.html"));
        byte[] whole = File.ReadAllBytes(summaryPath);

        File.WriteAllBytes(summaryPath, whole[..(whole.Length / 2)]);
        CliRun cut = CliRun.Invoke("report", run, "--no-pdf");
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains("not a Planner summary (line ", cut.Stderr, StringComparison.Ordinal);
        Assert.Contains("the file ends before the summary does (it is empty or cut short; run the scenario again for a new one)", cut.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", cut.Stderr, StringComparison.Ordinal);

        File.WriteAllBytes(summaryPath, []);
        CliRun empty = CliRun.Invoke("report", run, "--no-pdf");
        Assert.Equal(2, empty.ExitCode);
        Assert.DoesNotContain("isFinalBlock", empty.Stderr, StringComparison.Ordinal);
        Assert.Contains("summary.json: nothing to read (an empty file, or not a regular file: a named pipe or a device)", empty.Stderr, StringComparison.Ordinal);

        if (!OperatingSystem.IsWindows())
        {
            // A named pipe without a writer: opening it would wait for ever.
            File.Delete(summaryPath);
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [summaryPath]))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }
            CliRun pipe = CliRun.Invoke("report", run, "--no-pdf");
            Assert.Equal(2, pipe.ExitCode);
            Assert.Contains("summary.json: nothing to read (an empty file, or not a regular file: a named pipe or a device)", pipe.Stderr, StringComparison.Ordinal);
            // …and a link to it, whose own length is that of the pipe's name.
            string fifo = Path.Combine(dir.Path, "pipe");
            File.Move(summaryPath, fifo);
            File.CreateSymbolicLink(summaryPath, fifo);
            CliRun link = CliRun.Invoke("report", run, "--no-pdf");
            Assert.Equal(2, link.ExitCode);
            Assert.Contains("summary.json: nothing to read", link.Stderr, StringComparison.Ordinal);
            File.Delete(summaryPath);
            // A link whose file is gone is bad input, said as such.
            File.Delete(fifo);
            File.CreateSymbolicLink(summaryPath, fifo);
            CliRun broken = CliRun.Invoke("report", run, "--no-pdf");
            Assert.Equal(2, broken.ExitCode);
            Assert.Contains("summary.json: ", broken.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", broken.Stderr, StringComparison.Ordinal);
            File.Delete(summaryPath);
        }

        using (var huge = new FileStream(summaryPath, FileMode.Create))
        {
            huge.SetLength(Planner.Cli.Commands.ReportCommand.MaxSummaryBytes + 1); // sparse: nothing is written
        }
        CliRun big = CliRun.Invoke("report", run, "--no-pdf");
        Assert.Equal(2, big.ExitCode);
        Assert.Contains("summary.json: 64.1 MiB, larger than any summary.json `planner run` writes (allowed: up to 64 MiB;", big.Stderr, StringComparison.Ordinal);
        Assert.Equal(html, File.ReadAllBytes(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void ASummaryWithANegativeCostIsBadInputNamedByPathAndWritesNothing()
    {
        using var dir = new TempDir();
        string run = CopyOfTheRun(dir);
        string summaryPath = Path.Combine(run, "summary.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summaryPath))!;
        json["options"]![1]!["monthly"]![2]!["cost_usd"] = -500;
        File.WriteAllText(summaryPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        byte[] html = File.ReadAllBytes(Path.Combine(run, "report.html"));
        byte[] markdown = File.ReadAllBytes(Path.Combine(run, "report.md"));
        string copy = Path.Combine(dir.Path, "copy");

        CliRun elsewhere = CliRun.Invoke("report", run, "--out", copy, "--no-pdf");
        CliRun inPlace = CliRun.Invoke("report", run, "--no-pdf");

        foreach (CliRun report in new[] { elsewhere, inPlace })
        {
            Assert.Equal(2, report.ExitCode);
            string[] lines = report.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Equal($"error: {summaryPath}: options[1].monthly[2].cost_usd is -500 (allowed: a finite number from 0 to 1e18)", lines[0]);
            Assert.StartsWith("1 error; no report was written", lines[1], StringComparison.Ordinal);
            Assert.Equal("", report.Stdout);
        }
        Assert.False(Directory.Exists(copy) && Directory.EnumerateFileSystemEntries(copy).Any(), "nothing is written for a damaged summary");
        Assert.Equal(html, File.ReadAllBytes(Path.Combine(run, "report.html")));
        Assert.Equal(markdown, File.ReadAllBytes(Path.Combine(run, "report.md")));
    }

    private string CopyOfTheRun(TempDir dir)
    {
        Assert.True(generated.Run.ExitCode == 0, generated.Run.Stderr);
        string run = Path.Combine(dir.Path, "run");
        foreach (string file in Directory.GetFiles(generated.Folder, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(run, Path.GetRelativePath(generated.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return run;
    }
}
