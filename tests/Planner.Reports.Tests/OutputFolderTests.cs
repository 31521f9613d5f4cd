using Planner.Reports.Figures;
using Planner.Reports.Json;
using Planner.Reports.Output;

namespace Planner.Reports.Tests;

/// <summary>A run's folder: checked before the run, locked while written, cleared of what an earlier run left.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "planner-outputfolder-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static readonly ReportSetOptions NoPdf = new() { Pdf = false };

    /// <summary>The sample with one option renamed: its per-option charts get other file names.</summary>
    private static SummaryDocument Renamed() => SampleSummary.Create() is var s
        ? s with { Options = s.Options.Select(o => o.Name == "gpu-l4" ? o with { Name = "gpu-l4-new" } : o).ToList() }
        : throw new InvalidOperationException();

    private IReadOnlyList<string> Charts() =>
        Directory.GetFiles(Path.Combine(_dir, ReportSet.ChartFolder), "*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    private static IReadOnlyList<string> ChartsOf(SummaryDocument summary) =>
        ReportCharts.Build(summary).Select(c => c.FileName).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_write_error_is_said_in_the_operating_systems_words_without_the_temporary_file()
    {
        // A full disk read "No space left on device : '…/.planner-staging.…/charts/.total-cost.png.…tmp'".
        Assert.Equal("No space left on device",
            ReportSet.OperatingSystemReason(new IOException("No space left on device : '/tmp/out/.planner-staging.1/charts/.total-cost.png.1.abc.tmp'")));
        Assert.Equal("Read-only file system", ReportSet.OperatingSystemReason(new IOException("Read-only file system.")));
    }

    [Fact]
    public void A_folder_name_longer_than_a_file_system_holds_is_the_choices_fault()
    {
        // A 300-character --out exited 1 with .NET's "File name too long", as if the machine had failed.
        string name = new('x', 256);
        string refused = OutputFolder.Refusal(Path.Combine(_dir, name, "run"), "acme-chat")!;
        Assert.EndsWith($"has a folder name of 256 bytes ('{name[..20]}…') (allowed: up to 255 bytes a name, as the file system holds)", refused);
        Assert.False(Directory.Exists(Path.Combine(_dir, name)));
        Assert.NotNull(OutputFolder.Prepare(Path.Combine(_dir, name), "acme-chat", out bool badInput));
        Assert.True(badInput);
        // 255 bytes is a name it holds.
        Assert.Null(OutputFolder.Refusal(Path.Combine(_dir, new string('x', 255)), "acme-chat"));
    }

    [Fact]
    public void A_link_a_file_named_charts_and_a_runs_own_charts_folder_are_refused_before_anything_is_written()
    {
        string run = Path.Combine(_dir, "run");
        Assert.Null(OutputFolder.Prepare(run, "acme-chat"));
        File.WriteAllText(Path.Combine(run, "summary.json"), SummaryJsonWriter.Serialize(SampleSummary.Create()));

        // Reports written into a run's charts folder sat among its charts, and its next run left them there.
        string charts = Path.Combine(run, "charts");
        Directory.CreateDirectory(charts);
        Assert.Equal($"{charts} is the charts folder of the run in {run} (allowed: a folder of its own, new or holding an earlier run of the same scenario, or {run} itself)",
            OutputFolder.Refusal(charts, "acme-chat"));
        Directory.Delete(charts);

        // A charts link let the clean-up of stale charts delete another folder's files.
        string victim = Path.Combine(_dir, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "cost-breakdown-old.svg"), "precious");
        Directory.CreateSymbolicLink(charts, victim);
        Assert.Equal($"{charts} is a symbolic link (to {victim}); a run replaces its files and deletes its stale charts, which would reach through it (allowed: a plain file or folder there, or none)",
            OutputFolder.Prepare(run, "acme-chat", out bool linkIsBadInput));
        Assert.True(linkIsBadInput);
        Directory.Delete(charts);

        // A file called charts failed only after the whole simulation, with .NET's "The file … already exists".
        File.WriteAllText(charts, "precious");
        Assert.Equal($"{charts} is a file; a run writes its charts into a folder of that name (allowed: a folder there, or none)", OutputFolder.Refusal(run, "acme-chat"));
        File.Delete(charts);
        Directory.CreateDirectory(Path.Combine(run, "report.html"));
        Assert.Equal($"{Path.Combine(run, "report.html")} is a folder; a run writes a file of that name (allowed: a file there, or none)", OutputFolder.Refusal(run, "acme-chat"));
        Directory.Delete(Path.Combine(run, "report.html"));
        // And a folder where a chart goes, found before the simulation rather than after it.
        string inTheWay = Path.Combine(charts, "ttft-p95.svg");
        Directory.CreateDirectory(inTheWay);
        Assert.Equal($"{inTheWay} is a folder; a run writes its charts as files of such names (allowed: files there, or none)", OutputFolder.Refusal(run, "acme-chat"));
        Directory.Delete(inTheWay);
        Assert.True(File.Exists(Path.Combine(victim, "cost-breakdown-old.svg")));
    }

    [Fact]
    public void A_file_a_path_below_a_file_and_another_scenarios_run_are_refused_before_anything_is_written()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "x");
        Assert.Equal($"{file} is a file, not a folder (allowed: a folder, new or holding an earlier run of the same scenario)", OutputFolder.Prepare(file, "acme-chat"));
        Assert.Equal($"{Path.Combine(file, "sub")} would be a folder inside {file}, which is a file (allowed: a folder, new or holding this scenario's run)",
            OutputFolder.Prepare(Path.Combine(file, "sub"), "acme-chat"));

        string run = Path.Combine(_dir, "run");
        Assert.Null(OutputFolder.Prepare(run, "acme-chat"));
        File.WriteAllText(Path.Combine(run, "summary.json"), SummaryJsonWriter.Serialize(SampleSummary.Create()));
        Assert.Null(OutputFolder.Prepare(run, "acme-chat"));
        Assert.Equal($"{run} holds the reports of scenario 'acme-chat' (its summary.json); a folder holds the run of one scenario "
            + "(allowed: another --out, or delete that folder's reports first)", OutputFolder.Prepare(run, "other-scenario"));
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));

        // The choice of folder is the user's mistake (exit code 2); a folder the machine will not make is not.
        Assert.NotNull(OutputFolder.Prepare(file, "acme-chat", out bool fileIsBadInput));
        Assert.True(fileIsBadInput);
        Assert.NotNull(OutputFolder.Prepare(run, "other-scenario", out bool otherRunIsBadInput));
        Assert.True(otherRunIsBadInput);
        // A folder inside a file is a choice of folder too (it was exit 1 with .NET's "Could not find a part of the path").
        Assert.NotNull(OutputFolder.Prepare(Path.Combine(file, "sub"), "acme-chat", out bool insideAFileIsBadInput));
        Assert.True(insideAFileIsBadInput);
        Assert.StartsWith("the folder is empty (allowed: a folder path", OutputFolder.Prepare(" ", "acme-chat", out bool emptyIsBadInput));
        Assert.True(emptyIsBadInput);
    }

    [Fact]
    public void Files_with_a_runs_names_that_no_run_wrote_are_not_replaced()
    {
        // A summary.json that is not Planner's (Planner writes its files whole): the user's, kept.
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "summary.json"), "{\"scenario\": ");
        Assert.Equal($"{_dir} holds summary.json, which no Planner run wrote (its summary.json does not read as one of Planner's: cut short, edited or another program's), and a run would replace it "
            + "(allowed: a new or empty folder, a folder without those names, or one holding an earlier run of 'acme-chat')", OutputFolder.Prepare(_dir, "acme-chat", out bool badInput));
        Assert.True(badInput);
        File.WriteAllText(Path.Combine(_dir, "summary.json"), "{\"foo\": 1}");
        Directory.CreateDirectory(Path.Combine(_dir, "charts"));
        File.WriteAllText(Path.Combine(_dir, "charts", "mine.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(_dir, "report.md"), "notes");
        Assert.StartsWith($"{_dir} holds summary.json, report.md, charts, which no Planner run wrote", OutputFolder.Prepare(_dir, "acme-chat"));

        // A folder of other files (a scenario's own folder, with its YAML) takes a run beside them.
        string beside = Path.Combine(_dir, "scenarios");
        Directory.CreateDirectory(beside);
        File.WriteAllText(Path.Combine(beside, "acme-chat.yaml"), "name: acme-chat");
        Assert.Null(OutputFolder.Prepare(beside, "acme-chat"));

        // A report rendered by planner report --out (no summary.json beside it) is that scenario's too,
        // so rendering into the same copy again works; another scenario's is refused by name.
        string copy = Path.Combine(_dir, "copy");
        Directory.CreateDirectory(Path.Combine(copy, "charts"));
        File.WriteAllText(Path.Combine(copy, "report.md"), "# acme-chat — Planner report\n\n> text\n");
        File.WriteAllText(Path.Combine(copy, "report.html"), "<html></html>");
        Assert.Null(OutputFolder.Prepare(copy, "acme-chat"));
        Assert.Equal($"{copy} holds the reports of scenario 'acme-chat' (its report.md); a folder holds the run of one scenario "
            + "(allowed: another --out, or delete that folder's reports first)", OutputFolder.Prepare(copy, "other-scenario"));

        // A configuration search's folder is that scenario's run too.
        string search = Path.Combine(_dir, "search");
        Directory.CreateDirectory(search);
        File.WriteAllText(Path.Combine(search, "optimization.json"), "{\"scenario\": {\"name\": \"acme-chat\"}, \"seed\": 7}");
        File.WriteAllText(Path.Combine(search, "optimization.md"), "# search");
        Assert.Null(OutputFolder.Prepare(search, "acme-chat"));
        Assert.Equal($"{search} holds the reports of scenario 'acme-chat' (its optimization.json); a folder holds the run of one scenario "
            + "(allowed: another --out, or delete that folder's reports first)", OutputFolder.Prepare(search, "other-scenario"));
    }

    [Fact]
    public void Charts_an_earlier_run_left_are_removed_and_a_configuration_searchs_are_kept()
    {
        ReportSet.WriteReports(SampleSummary.Create(), _dir, NoPdf);
        string search = Path.Combine(_dir, ReportSet.ChartFolder, "optimization-path.svg");
        File.WriteAllText(search, "<svg/>");
        Assert.Contains("cost-breakdown-gpu-l4.svg", Charts());

        ReportSet.WriteReports(Renamed(), _dir, NoPdf);

        Assert.Equal(ChartsOf(Renamed()).Append("optimization-path.svg").Order(StringComparer.Ordinal), Charts());
        Assert.DoesNotContain("cost-breakdown-gpu-l4.svg", Charts());
    }

    [Fact]
    public void Two_writers_into_one_folder_at_once_leave_one_complete_set()
    {
        SummaryDocument first = SampleSummary.Create(), second = Renamed();
        Assert.NotEqual(ChartsOf(first), ChartsOf(second));
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => ReportSet.WriteReports(i % 2 == 0 ? first : second, _dir, NoPdf));

        string markdown = File.ReadAllText(Path.Combine(_dir, "report.md"));
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        SummaryDocument winner = markdown.Contains("gpu-l4-new", StringComparison.Ordinal) ? second : first;
        Assert.Equal(winner == second, html.Contains("gpu-l4-new", StringComparison.Ordinal));
        Assert.Equal(ChartsOf(winner), Charts());
        Assert.Equal(MarkdownOf(winner), markdown);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_report_set_is_not_written_while_another_writer_holds_the_folder()
    {
        Task<ReportSetResult> writing;
        using (OutputFolder.Lock(_dir))
        {
            writing = Task.Run(() => ReportSet.WriteReports(SampleSummary.Create(), _dir, NoPdf));
            Task first = await Task.WhenAny(writing, Task.Delay(TimeSpan.FromMilliseconds(700)));
            Assert.False(first == writing, "the writer did not wait for the folder");
            Assert.False(File.Exists(Path.Combine(_dir, "report.md")));
        }
        await writing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(File.Exists(Path.Combine(_dir, "report.md")));
    }

    [Fact]
    public void A_writer_waits_for_the_folder_and_gives_up_with_a_message()
    {
        using (OutputFolder.Lock(_dir))
        {
            var told = new List<string>();
            var e = Assert.Throws<IOException>(() => OutputFolder.Lock(_dir, TimeSpan.FromMilliseconds(300), told.Add).Dispose());
            Assert.Equal($"another Planner run has been writing into {_dir} for 0 minutes; try again once it is done", e.Message);
            // The wait is said once, when it begins: a run that waited without a word looked hung.
            Assert.Equal([$"waiting for another Planner run to finish writing into {_dir} (up to 0 minutes)…"], told);
        }
        OutputFolder.Lock(_dir, TimeSpan.FromMilliseconds(300)).Dispose();
    }

    private string MarkdownOf(SummaryDocument summary)
    {
        string other = _dir + "-alone";
        try
        {
            ReportSet.WriteReports(summary, other, NoPdf);
            return File.ReadAllText(Path.Combine(other, "report.md"));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }
}
