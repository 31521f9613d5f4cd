using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Planner.Reports;
using Planner.Reports.Html;
using Planner.Reports.Json;
using Planner.Reports.Optimization;
using Planner.Reports.Pdf;
using Xunit.Abstractions;

namespace Planner.Cli.Tests;

/// <summary>
/// Opens the report.html of a real run in Debian's Chromium, driven offline by Playwright:
/// every section and chart is there, nothing is fetched, nothing logs an error, nothing
/// overflows a phone or a laptop screen; and report.pdf has the expected pages and text.
/// </summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class BrowserReportTests(GeneratedReport report, ITestOutputHelper output)
{
    private static readonly string[] OfflineArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static string ArtifactFolder => Path.Combine(RepoPaths.Root, "tests", "Planner.Cli.Tests", "TestResults", "browser");

    [ChromiumFact]
    public async Task ReportRendersOfflineWithEveryChartAndNoOverflow()
    {
        Assert.True(report.Run.ExitCode == 0, report.Run.Stderr + report.Run.Stdout);
        SummaryDocument summary = report.Summary!;
        string url = new Uri(report.Html).AbsoluteUri;

        await using OfflinePage offline = await OfflinePage.OpenAsync(url);
        IPage page = offline.Page;
        List<string> requests = offline.Requests, errors = offline.Errors;

        IResponse? response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);

        foreach (string id in HtmlReportWriter.SectionIds)
        {
            ILocator section = page.Locator($"section#{id}");
            Assert.Equal(1, await section.CountAsync());
            Assert.True(await section.Locator("h2").IsVisibleAsync(), $"section {id} has a visible heading");
        }
        // The traffic the figures rest on, stated before the assumptions with month 1's planned requests.
        string workload = await page.Locator("section#workload").InnerTextAsync();
        Assert.Contains(Planner.Reports.Formatting.Fmt.Count(summary.Workload!.Volume.FirstMonth.PlannedRequests ?? double.NaN), workload);
        Assert.Contains(summary.Recommendation.Option, await page.Locator("#summary .choice").InnerTextAsync());
        // One decision as the reader sees it: the recommendation's words and the best-alternative
        // card, as drawn, carry summary.json's option, alternative and total.
        Assert.Contains(summary.Recommendation.Text, (await page.Locator("#summary").InnerTextAsync()).ReplaceLineEndings(" "));
        if (summary.Recommendation.Alternative is { } alternative)
        {
            // Found by its label alone: the break-even and savings cards name the best alternative too.
            ILocator card = page.Locator(".kpi:has(.k-label:text-is('Best alternative'))");
            Assert.Equal(1, await card.CountAsync());
            Assert.True(await card.IsVisibleAsync(), "the best-alternative card is visible");
            string cardText = await card.InnerTextAsync();
            Assert.Contains(alternative.Option, cardText);
            Assert.Contains(Planner.Reports.Formatting.Fmt.Usd(alternative.TotalCostUsd ?? double.NaN), cardText);
            Assert.Contains(alternative.Option, await page.Locator(".kpi:has(.k-label:text-is('Break-even against the best alternative'))").InnerTextAsync());
        }

        Dictionary<string, IReadOnlyList<string>> expected = ExpectedNames(summary);
        Dictionary<string, JsonElement> actual = await ChartsAsync(page);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach ((string id, IReadOnlyList<string> names) in expected)
        {
            List<string> drawn = Texts(actual[id]);
            Assert.All(names, name => Assert.True(drawn.Contains(name), $"{id}: '{name}' is not drawn; the chart shows {string.Join(" | ", drawn)}"));
            Assert.True(actual[id].GetProperty("titled").GetBoolean(), $"{id} has <title> and <desc>");
            Assert.True(actual[id].GetProperty("width").GetDouble() > 200, $"{id} is drawn");
            // Text the browser cannot lay out (a missing font) has no width.
            Assert.True(actual[id].GetProperty("blank").GetInt32() == 0, $"{id}: {actual[id].GetProperty("blank").GetInt32()} labels drawn without width");
        }
        // The p95 TTFT axis is chosen from the SLO: an option far above it is marked, not stretched to.
        if (summary.Scenario.SloTtftP95Ms is double slo && summary.Options.Any(o => o.Monthly.Any(m => m.TtftP95Ms > 2.5 * slo)))
        {
            Assert.Contains(Texts(actual["ttft-p95"]), t => t.Contains(" above ", StringComparison.Ordinal));
        }

        Directory.CreateDirectory(ArtifactFolder);
        foreach (int width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            int[] size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(size[0] <= size[1], $"at {width} px the page is {size[0]} px wide for a {size[1]} px viewport");
            string shot = Path.Combine(ArtifactFolder, $"report-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine($"screenshot: {shot}");
        }

        Assert.Empty(errors);
        Assert.Equal([url], requests.Distinct());
    }

    [ChromiumFact]
    public async Task DecisionSectionsRenderWithoutOverflow()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "decision");
        // A real configuration search (of the small scenario) for the Configuration search section.
        string search = Path.Combine(dir.Path, "search");
        CliRun optimize = CliRun.Invoke("optimize", SmallScenario.WriteInto(dir), "--out", search,
            "--gpus", "l4,h100-sxm", "--gpus-per-replica", "1", "--max-seqs", "64", "--targets", "8,16", "--min-replicas", "1");
        Assert.True(optimize.ExitCode == 0, optimize.Stderr);
        OptimizationDocument optimization = OptimizationJsonWriter.Deserialize(File.ReadAllText(Path.Combine(search, OptimizationReportSet.JsonFile)));
        ReportSet.WriteAll(DecisionReport.Create() with { Optimization = optimization }, folder, new ReportSetOptions { Pdf = false });
        SummaryDocument summary = SummaryJsonWriter.Deserialize(File.ReadAllText(Path.Combine(folder, "summary.json"))) with { Optimization = optimization };
        string url = new Uri(Path.Combine(folder, "report.html")).AbsoluteUri;

        await using OfflinePage offline = await OfflinePage.OpenAsync(url);
        IPage page = offline.Page;
        List<string> requests = offline.Requests, errors = offline.Errors;
        Assert.NotNull(await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load }));

        var ids = HtmlReportWriter.OptionalSections(summary).Select(s => s.Id).ToList();
        Assert.Equal(["uncertainty", "sensitivity", "optimization", "fine-tuning", "workload"], ids);
        foreach (string id in ids)
        {
            ILocator section = page.Locator($"section#{id}");
            Assert.Equal(1, await section.CountAsync());
            Assert.True(await section.Locator("h2").IsVisibleAsync(), $"section {id} has a visible heading");
            Assert.True(await section.Locator("table").CountAsync() > 0, $"section {id} has a table");
            Assert.Equal(1, await page.Locator($"nav.toc a[href='#{id}']").CountAsync());
        }
        Assert.Equal(["uncertainty-monthly-cogs", "uncertainty-paid-off"], await page.Locator("#uncertainty svg.chart").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.chart)"));
        Assert.Equal(["sensitivity-tornado"], await page.Locator("#sensitivity svg.chart").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.chart)"));
        string[] searchCharts = await page.Locator("#optimization svg.chart").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.chart)");
        List<string> expectedSearchCharts = ["optimization-path", .. optimization.Frontiers.Select(f => $"optimization-pareto-month-{f.Month}")];
        Assert.Equal(expectedSearchCharts, searchCharts);
        Assert.Equal(0, await page.Locator("#charts svg[data-chart^='uncertainty'], #charts svg[data-chart^='sensitivity'], #charts svg[data-chart^='optimization']").CountAsync());
        // One row per run of months on one configuration.
        Assert.Equal(optimization.PathSummary.Segments.Count, await page.Locator("#optimization table tbody tr").CountAsync());
        Assert.Contains("Price events", await page.Locator("#assumptions").InnerTextAsync());
        // Every option of the fan in its legend; every input of the tornado named on its row (shortened with an ellipsis when long).
        Dictionary<string, JsonElement> decisionCharts = await ChartsAsync(page);
        List<string> fan = Texts(decisionCharts["uncertainty-monthly-cogs"]);
        Assert.All(summary.Uncertainty!.Options, o => Assert.Contains(o.Name, fan));
        List<string> tornado = Texts(decisionCharts["sensitivity-tornado"]);
        Assert.All(summary.Sensitivity!.Bars, b => Assert.Contains(tornado, t => t == b.Label || (t.EndsWith('…') && b.Label.StartsWith(t[..^1], StringComparison.Ordinal))));
        Assert.Contains("input at its P10", tornado);
        Assert.Contains("input at its P90", tornado);

        Directory.CreateDirectory(ArtifactFolder);
        foreach (int width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            int[] size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(size[0] <= size[1], $"at {width} px the page is {size[0]} px wide for a {size[1]} px viewport");
            // Wide tables scroll inside their wrapper; nothing else in the new sections is wider than the page.
            string[] wide = await page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('#uncertainty *, #sensitivity *, #optimization *, #fine-tuning *, #assumptions *'))
                  .filter(e => !e.parentElement.closest('.table-wrap'))
                  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.getAttribute('class'))
                """);
            Assert.True(wide.Length == 0, $"at {width} px these stick out: {string.Join(", ", wide)}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder, $"decision-{width}.png"), FullPage = true });
        }

        Assert.Empty(errors);
        Assert.Equal([url], requests.Distinct());
    }

    [ChromiumFact(needsPdfTools: true)]
    public void PdfHasTheExpectedPagesAndText()
    {
        Assert.True(report.Run.ExitCode == 0, report.Run.Stderr + report.Run.Stdout);
        Assert.DoesNotContain("report.pdf not written", report.Run.Stderr);
        Assert.Contains("report.pdf", report.Run.Stdout);
        Assert.True(File.Exists(report.Pdf), "report.pdf");
        Assert.InRange(new FileInfo(report.Pdf).Length, 10_000, 1_000_000);

        string[] pages = PdfText(report.Pdf).Split('\f').Where(p => p.Trim().Length > 0).ToArray();
        output.WriteLine($"report.pdf: {pages.Length} pages");
        // Executive summary, charts over a few pages, assumptions and method, the appendix.
        Assert.InRange(pages.Length, 5, 12);
        Assert.Contains("Executive summary", pages[0]);
        Assert.Contains("Recommendation", pages[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains(report.Summary!.Recommendation.Option, pages[0]);
        Assert.Contains("Main risks", pages[0]);
        Assert.StartsWith("Charts", pages[1].TrimStart());
        Assert.Contains(pages, p => p.TrimStart().StartsWith("Assumptions", StringComparison.Ordinal));
        Assert.Contains("Methodology", string.Concat(pages));
        int firstAppendix = Array.FindIndex(pages, p => p.Contains("Appendix: monthly figures", StringComparison.Ordinal));
        Assert.True(firstAppendix > 2, "the appendix comes after the summary, charts and assumptions");
        string appendix = string.Concat(pages[firstAppendix..]);
        foreach (OptionSection o in report.Summary.Options)
        {
            Assert.Contains(o.Name, appendix);
        }

        // Portrait A4 for the report, landscape A4 for the wide monthly tables.
        string sizes = Tool("pdfinfo", "-f", "1", "-l", pages.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Pdf);
        var landscape = sizes.Split('\n').Where(l => l.StartsWith("Page ", StringComparison.Ordinal) && l.Contains(" size: ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"size:\s+841")).ToList();
        Assert.Equal(pages.Length, landscape.Count);
        Assert.All(landscape[..firstAppendix], l => Assert.False(l, sizes));
        Assert.All(landscape[firstAppendix..], l => Assert.True(l, sizes));
    }

    [ChromiumFact(needsPdfTools: true)]
    public void ABrowserStartedAheadPrintsWhatAOneOffPrintDoes()
    {
        // `planner run` starts the browser before simulating and prints through that session;
        // `planner report` prints with a browser of its own (--print-to-pdf). Same pages, same text.
        Assert.True(report.Run.ExitCode == 0, report.Run.Stderr + report.Run.Stdout);
        using var dir = new TempDir();
        string oneOff = Path.Combine(dir.Path, "one-off.pdf");
        string session = Path.Combine(dir.Path, "session.pdf");
        Assert.True(ChromiumPdfPrinter.Print(ChromiumFactAttribute.Chromium, report.Html, oneOff, TimeSpan.FromSeconds(90)).Written);
        using (ChromiumSession? browser = ChromiumSession.TryStart(ChromiumFactAttribute.Chromium))
        {
            Assert.NotNull(browser);
            PdfResult printed = browser.Print(report.Html, session, TimeSpan.FromSeconds(90));
            Assert.True(printed.Written, printed.Problem);
        }

        Assert.Equal(PdfText(oneOff), PdfText(session));
        Assert.Equal(PageSizes(oneOff), PageSizes(session));
        Assert.Equal(new FileInfo(oneOff).Length, new FileInfo(session).Length);
    }

    private static string PageSizes(string pdf) => string.Join('\n', Tool("pdfinfo", "-f", "1", "-l", "999", pdf)
        .Split('\n').Where(l => l.StartsWith("Page ", StringComparison.Ordinal)));

    /// <summary>Each chart of the page by id: its text labels, whether it is titled, its width and how many labels have no width.</summary>
    private static async Task<Dictionary<string, JsonElement>> ChartsAsync(IPage page)
    {
        using JsonDocument charts = JsonDocument.Parse(await page.EvaluateAsync<string>("""
            () => JSON.stringify(Array.from(document.querySelectorAll('svg.chart')).map(s => ({
              id: s.dataset.chart,
              texts: Array.from(s.querySelectorAll('text')).map(t => t.textContent.trim()),
              blank: Array.from(s.querySelectorAll('text')).filter(t => t.textContent.trim().length > 0 && t.getBBox().width <= 0).length,
              titled: !!s.querySelector('title') && !!s.querySelector('desc'),
              width: s.getBoundingClientRect().width
            })))
            """));
        return charts.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.Clone());
    }

    private static List<string> Texts(JsonElement chart) => chart.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();

    /// <summary>What the summary says each chart must name where a reader sees it (legend or rows), worked out without the chart code.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ExpectedNames(SummaryDocument s)
    {
        List<string> options = s.Options.Select(o => o.Name).ToList();
        List<string> hosted = s.Options.Where(o => o.Kind != "api" && o.Monthly.Any(m => m.MeanReplicas > 0)).Select(o => o.Name).ToList();
        var expected = new Dictionary<string, IReadOnlyList<string>>
        {
            ["total-cost"] = options,
            ["monthly-cogs"] = options,
            ["cumulative-cost"] = options,
            ["cost-per-1k"] = options,
            ["ttft-p95"] = options,
            ["e2e-p99"] = options,
        };
        (string Name, Func<CostBreakdownSection, double?> Value)[] parts =
        [
            ("GPU serving", c => c.GpuServingUsd), ("GPU idle", c => c.GpuIdleUsd), ("GPU cold start", c => c.GpuColdStartUsd),
            ("GPU stranded", c => c.GpuStrandedUsd), ("API tokens", c => c.ApiTokensUsd), ("Fixed costs", c => c.FixedUsd),
        ];
        foreach (OptionSection o in s.Options)
        {
            expected["cost-breakdown-" + o.Name.ToLowerInvariant()] = parts.Where(p => o.Monthly.Any(m => p.Value(m.CostBreakdown) > 0)).Select(p => p.Name).ToList();
        }
        if (hosted.Count > 0)
        {
            expected["utilization"] = hosted;
            expected["replicas"] = hosted;
        }
        if (s.Options.Any(o => o.Timeline is not null))
        {
            expected["day-traffic"] = ["requests per second", "time of day"];
            expected["day-replicas"] = s.Options.Where(o => o.Timeline?.Points.Any(p => p.Replicas is not null) == true).Select(o => o.Name).ToList();
        }
        return expected;
    }

    private static string PdfText(string pdf) => Tool("pdftotext", "-layout", pdf, "-");

    /// <summary>Runs a poppler tool found beside pdftotext and returns what it printed.</summary>
    private static string Tool(string name, params string[] args)
    {
        Assert.True(ChromiumFactAttribute.PdfToText is not null, "pdftotext not found (apt-get install poppler-utils)");
        var start = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(ChromiumFactAttribute.PdfToText)!, name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), name + " finished");
        Assert.True(process.ExitCode == 0, error.Result);
        return text;
    }

    /// <summary>
    /// Debian's Chromium, offline, at 1280 × 900 with service workers blocked, on a page that may
    /// load only <c>url</c>: anything else is refused, so a stray fetch fails loudly instead of
    /// reaching out. Requests, console errors and warnings, page errors and failed requests are collected.
    /// </summary>
    private sealed class OfflinePage : IAsyncDisposable
    {
        private IPlaywright? _playwright;
        private IBrowser? _browser;
        private IBrowserContext? _context;

        public IPage Page { get; private set; } = null!;

        public List<string> Requests { get; } = [];

        public List<string> Errors { get; } = [];

        public static async Task<OfflinePage> OpenAsync(string url)
        {
            var o = new OfflinePage();
            try
            {
                o._playwright = await Playwright.CreateAsync();
                o._browser = await o._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumFactAttribute.Chromium,
                    Headless = true,
                    Args = OfflineArgs,
                });
                o._context = await o._browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                    ServiceWorkers = ServiceWorkerPolicy.Block,
                });
                o._context.Request += (_, r) => o.Requests.Add(r.Url);
                await o._context.RouteAsync("**/*", route => route.Request.Url == url ? route.ContinueAsync() : route.AbortAsync());
                o.Page = await o._context.NewPageAsync();
                o.Page.Console += (_, m) =>
                {
                    if (m.Type is "error" or "warning")
                    {
                        o.Errors.Add($"console {m.Type}: {m.Text}");
                    }
                };
                o.Page.PageError += (_, e) => o.Errors.Add("page error: " + e);
                o.Page.RequestFailed += (_, r) => o.Errors.Add($"request failed: {r.Url}");
                return o;
            }
            catch
            {
                await o.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_context is not null)
            {
                await _context.DisposeAsync();
            }
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }
            _playwright?.Dispose();
        }
    }
}
