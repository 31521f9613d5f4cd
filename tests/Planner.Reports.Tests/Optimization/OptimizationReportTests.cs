using Planner.Reports.Charts;
using Planner.Reports.Formatting;
using Planner.Reports.Json;
using Planner.Reports.Narrative;
using Planner.Reports.Optimization;

namespace Planner.Reports.Tests.Optimization;

/// <summary>optimization.json round-trips, and its Markdown and charts are drawn from it alone.</summary>
public sealed class OptimizationReportTests
{
    private static OutcomeSection Outcome(double cost, double ttft, bool met = true) => new(cost, 100, 1.5, 2, ttft, 40, 20_000, 0, met);

    private static ConfigurationSection Config(string id, string gpu) =>
        new(id, $"{gpu}×1 fp8, 64 seqs, target 16, min 1", $"{gpu}×1 fp8", [new PoolSection("only", gpu, 1, "fp8", "fp8", 64, 1.0, null, 16, 1, 1000)]);

    private static OptimizationDocument Document()
    {
        ConfigurationSection l4 = Config("l4x1", "l4"), l40s = Config("l40sx1", "l40s");
        return new OptimizationDocument(
            new OptimizationScenarioSection("demo", "scenarios/demo.yaml", "2027-01", 2, 1500, 100, null),
            42,
            new SearchSection("base", "Llama", [new GpuOfferSection("l4", "NVIDIA L4", 1, "g6.xlarge", 0.8048, "aws-g6: AWS", "2025-06-05")], [1], ["fp8"], [64], [16], [1], true, [0.5],
                1.25, 5000, 250, true, 2.5),
            new StatisticsSection(10, 2, 0, 2, 20, 5, 1, 1, 0, 0, 15, 12, 1000, 5000),
            [new LatencyPrunedSection("t4×1 bf16", "TTFT p95", 2000, 1500, 4)],
            [
                new LevelSection(0, 8000, "2027-01", [1], l4, Outcome(600, 700), 3, 10, 7, 1, 0, []),
                new LevelSection(1, 10000, "2027-02", [2], l40s, Outcome(1400, 300), 3, 10, 7, 0, 0, ["l4x1"]),
            ],
            new PathSummarySection(7000, 2000, 0, 5000, 1, 0, true, "base", 3000, false,
                [new PathSegmentSection(1, 1, "2027-01", l4, false, false), new PathSegmentSection(2, 2, "2027-02", l40s, true, false)]),
            [
                new PathMonthSection(1, "2027-01", 8000, 0, "l4x1", "l4×1 fp8", false, false, 0, 600, "l4x1", 600, Outcome(600, 700), 0, 600, Outcome(600, 700)),
                new PathMonthSection(2, "2027-02", 10000, 1, "l40sx1", "l40s×1 fp8", true, false, 5000, 1400, "l40sx1", 1400, Outcome(1400, 300), 0, 6400, Outcome(2400, 2000, met: false)),
            ],
            [
                new FrontierSection(1, "2027-01", 0, 8000,
                [
                    new FrontierPointSection(l4, 600, Outcome(600, 700), true),
                    new FrontierPointSection(l40s, 1300, Outcome(1400, 300), true),
                    new FrontierPointSection(Config("slow", "t4"), 500, Outcome(800, 3000, met: false) with { Stopped = "slo_missed" }, false),
                ]),
            ]);
    }

    /// <summary>
    /// A price of the search space older than 12 months at the start is marked, and the path's
    /// months on it named: planner run warns only of the prices its own options use.
    /// </summary>
    [Fact]
    public void AStalePriceTheSearchRunsOnIsNamed()
    {
        OptimizationDocument d = Document();
        // The L4's price of 2025-06-05 is 18 whole months old on 2027-01-01; the path runs on it in month 1.
        Assert.Equal(18, OptimizationMarkdownWriter.StaleMonths("2025-06-05", "2027-01"));
        Assert.Null(OptimizationMarkdownWriter.StaleMonths("2026-01-01", "2027-01"));
        Assert.Equal(13, OptimizationMarkdownWriter.StaleMonths("2025-12-01", "2027-01"));
        Assert.Null(OptimizationMarkdownWriter.StaleMonths(null, "2027-01"));
        Assert.Equal("⚠ 1 price of the search space is older than 12 months at the scenario's start (2027-01) and may be stale: l4 on g6.xlarge (2025-06-05, 18 months). "
            + "The path runs on l4 on g6.xlarge in 1 month (month 1): check that price before acting on it.", OptimizationMarkdownWriter.StalePrices(d));
        string md = OptimizationMarkdownWriter.Write(d, [], "charts");
        Assert.Contains("aws-g6: AWS, 2025-06-05 ⚠ 18 months before the start |", md, StringComparison.Ordinal);
        // A fresh price: nothing said.
        OptimizationDocument fresh = d with { Search = d.Search with { Gpus = [d.Search.Gpus[0] with { AsOf = "2026-10-01" }] } };
        Assert.Null(OptimizationMarkdownWriter.StalePrices(fresh));
    }

    /// <summary>
    /// A frontier's caption says how many configurations the verification left out (the frontier
    /// does not hold them) and, where its load level's first month is another, that the costs are over that month.
    /// </summary>
    [Fact]
    public void ASearchWithValuesNoSearchWritesIsNamed()
    {
        OptimizationDocument d = Document();
        Assert.Null(OptimizationReportSet.Problem(d));
        Assert.Equal("a path of 1 month for a horizon of 2 (allowed: months 1 to the horizon, one each)", OptimizationReportSet.Problem(d with { Path = [d.Path[0]] }));
        Assert.Equal("path[1].outcome.gpu_usd of 1E+308 (allowed: 0 to 1e12)",
            OptimizationReportSet.Problem(d with { Path = [d.Path[0], d.Path[1] with { Outcome = d.Path[1].Outcome! with { GpuUsd = 1e308 } }] }));
        Assert.Equal("levels[0].best_outcome.rejected_share of 1.5 (allowed: 0 to 1)",
            OptimizationReportSet.Problem(d with { Levels = [d.Levels[0] with { BestOutcome = d.Levels[0].BestOutcome! with { RejectedShare = 1.5 } }, d.Levels[1]] }));
        // The committed decision example's search is one a search writes.
        string example = Path.GetFullPath(Path.Combine(GoldenFiles.Folder, "..", "..", "..", "reports", "examples", "chat-seed-stage-decision", OptimizationReportSet.JsonFile));
        Assert.Null(OptimizationReportSet.Problem(OptimizationJsonWriter.Deserialize(File.ReadAllText(example))));
    }

    [Fact]
    public void WhereTheSearchsCandidateLevelsWentAddsUp()
    {
        // 10 configurations × 2 levels, 1 ruled out by its latency bound (2 candidate-levels), a mix
        // ranked at level 0: 9 + 1 and 9 ranked. 8 simulations, 2 of them stay checks, so 6 in the
        // levels' searches and 19 − 6 = 13 skipped by cost bounds: 2 + 13 + 6 = 21 = 20 + 1.
        OptimizationDocument d = Document();
        d = d with
        {
            Statistics = new StatisticsSection(10, 2, 1, 2, 20, 8, 1, 1, 2, 0, 13, 12, 1000, 5000),
            Levels = [d.Levels[0] with { Simulated = 5, Ranked = 10, PrunedByCostBound = 6, StayChecks = 1 }, d.Levels[1] with { Simulated = 3, Ranked = 9, PrunedByCostBound = 7, StayChecks = 1 }],
        };
        Assert.Equal("10 single-type configurations on 2 hardware choices × 2 load levels = 20 candidate-levels, and 1 mix of two GPU types ranked at their levels; "
            + "of these 21, 2 ruled out by latency bounds (1 configuration at every level), 13 skipped by cost bounds and 6 simulated in the levels' searches (1 mix among all simulated); "
            + "then 2 stay checks (configurations simulated at levels whose search had not, where the path might stay on them or move to them earlier): 8 simulations of a configuration at a level in all",
            OptimizationMarkdownWriter.SearchAccount(d));
        // Without mixes or stay checks, the three parts make the candidate-levels.
        Assert.Equal("10 single-type configurations on 2 hardware choices × 2 load levels = 20 candidate-levels; none ruled out by latency bounds, "
            + "15 skipped by cost bounds and 5 simulated in the levels' searches (1 mix among all simulated)", OptimizationMarkdownWriter.SearchAccount(Document()));
    }

    [Fact]
    public void AFrontiersCaptionNamesWhatTheVerificationLeftOutAndTheMonthItsCostsAreOver()
    {
        Assert.Equal("13 configurations simulated at this load, 13 meet the SLO; the frontier (nothing else is both cheaper and faster)",
            OptimizationMarkdownWriter.FrontierCaption(13, 13, 0, "2027-01", "2027-01", [1]));
        Assert.Equal("49 configurations simulated at this load, 25 meet the SLO, 3 of which the verification left out (it missed the SLO or oscillated at a month's own volume); "
            + "the frontier of the rest (nothing else is both cheaper and faster)",
            OptimizationMarkdownWriter.FrontierCaption(49, 25, 3, "2029-12", "2029-12", [36]));
        Assert.Equal("28 configurations simulated at this load, 19 meet the SLO, 1 of which the verification left out (it missed the SLO or oscillated at a month's own volume); "
            + "the costs are the load level's, over its first month (2028-05, of months 17–18), as in the table above; the frontier of the rest (nothing else is both cheaper and faster)",
            OptimizationMarkdownWriter.FrontierCaption(28, 19, 1, "2028-06", "2028-05", [17, 18]));
    }

    [Fact]
    public void JsonRoundTripsAndIsSnakeCase()
    {
        string json = OptimizationJsonWriter.Serialize(Document());
        Assert.Contains("\"path_summary\"", json);
        Assert.Contains("\"slo_ttft_p95_ms\": 1500", json);
        Assert.Contains("\"stopped\": \"slo_missed\"", json);
        Assert.DoesNotContain("\"base_requests_per_second\"", json);
        Assert.Equal(json, OptimizationJsonWriter.Serialize(OptimizationJsonWriter.Deserialize(json)));
        Assert.Throws<System.Text.Json.JsonException>(() => OptimizationJsonWriter.Deserialize("{\"seed\": 1}"));
    }

    [Fact]
    public void ChartsAndMarkdownComeFromTheDocument()
    {
        OptimizationDocument d = Document();
        IReadOnlyList<ChartSpec> charts = OptimizationCharts.Build(d);
        Assert.Equal(["optimization-path", "optimization-pareto-month-1"], charts.Select(c => c.Id));
        ChartSpec pareto = charts[1];
        Assert.Equal([600.0, 1400.0], pareto.Series.Single(s => s.Name == "Pareto frontier").Points.Select(p => p.X));
        Assert.Single(pareto.Series.Single(s => s.Name == "misses the SLO").Points);
        Assert.Equal(1500, Assert.Single(pareto.ReferenceLines).Y);
        ChartSpec path = charts[0];
        Assert.Equal("l40s×1 fp8", path.Markers.Single(m => m.X == 1).Label);

        string md = OptimizationMarkdownWriter.Write(d, charts, "charts");
        Assert.Contains("# demo — cheapest self-hosted configuration over time", md);
        Assert.Contains("| 2 | 2027-02 | switch → l40s×1 fp8, 64 seqs, target 16, min 1 |", md);
        Assert.Contains("![GPU cost per month on the optimized path](charts/optimization-path.svg)", md);
        Assert.Contains("| t4×1 bf16 | TTFT p95 | 2,000 ms | 1,500 ms | 4 |", md);
        Assert.Contains("## How the search works", md);
        foreach (ChartSpec c in charts)
        {
            Assert.StartsWith("<svg ", ChartRenderer.Svg(c), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheSearchsNoiseIsStatedAndASmallerDifferenceIsCalledATie()
    {
        // The path ($7,000) against the scenario's option ($7,100): 1.4% less. With 3% of noise a month,
        // ±2.1% over the path's 2 months (÷√2), that is a tie; with 1% a month (±0.7%) it is not.
        OptimizationDocument d = Document();
        d = d with { PathSummary = d.PathSummary with { ReferenceTotalUsd = 7100 } };
        string noisy = string.Join(" ", OptimizationNarrative.Sentences(d with { Statistics = d.Statistics with { NoiseShare = 0.03 } }));
        Assert.Contains("That is 1.4% less than base as configured in the scenario ($7,100 over the same months; SLO missed in 1 month), within the search's noise over 2 months (±2.1%): a tie on cost;", noisy, StringComparison.Ordinal);
        Assert.Contains("The search's monthly costs move from seed to seed by 3.0% at the 90th percentile (over its load levels, each level's cheapest configuration simulated again on other traffic, or over the path's months, each simulated again on a second set of draws, whichever is larger; counting only those whose cost moved at all, as a fleet held at its floor under both measures no noise)", noisy, StringComparison.Ordinal);
        string quiet = string.Join(" ", OptimizationNarrative.Sentences(d with { Statistics = d.Statistics with { NoiseShare = 0.01 } }));
        Assert.DoesNotContain("a tie on cost", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("the least the search assumes", quiet, StringComparison.Ordinal);
        // At the floor the sentence says the spread was no larger and that the floor is the search's assumption.
        string floor = string.Join(" ", OptimizationNarrative.Sentences(d with { Statistics = d.Statistics with { NoiseShare = Planner.Core.Optimization.Optimizer.MinNoiseShare } }));
        Assert.Contains("move from seed to seed by 0.5% or less at the 90th percentile (", floor, StringComparison.Ordinal);
        Assert.Contains("as a fleet held at its floor under both measures no noise; 0.5% is the least the search assumes, however little they moved);", floor, StringComparison.Ordinal);
        // A file from before the noise was measured says nothing of it.
        Assert.DoesNotContain("seed to seed", string.Join(" ", OptimizationNarrative.Sentences(d)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheRunsReportComparesThePathWithTheBaselineIncludingOneTimeCosts()
    {
        OptimizationDocument d = Document();
        SummaryDocument summary = SampleSummary.Create() with { Optimization = d with { Search = d.Search with { BaseOption = "gpu-l4" } } };

        IReadOnlyList<string> sentences = OptimizationNarrative.RunSentences(summary);

        Assert.Contains("The cheapest path over 2 months runs l4×1 fp8, 64 seqs, target 16, min 1 for month 1, then switches to l40s×1 fp8, 64 seqs, target 16, min 1 from month 2 (2027-02): "
            + "$7,000 in all (GPUs $2,000, fixed costs $0.00, 1 hardware switch at $5,000).", sentences);
        Assert.Contains("That is 133.3% more than base as configured in the scenario ($3,000 over the same months; SLO missed in 1 month); both leave out one-time costs, which every configuration would pay.", sentences);
        // gpu-l4 pays $10,000 once in month 1; the baseline api-mini costs $59,580 over the six months of the sample.
        Assert.Equal("With gpu-l4's one-time costs ($10,000) added, the path comes to $17,000 over 2 months against $59,580 for the baseline api-mini: 71.5% less.", sentences[^1]);
        Assert.True(OptimizationNarrative.Has(summary));
        Assert.False(OptimizationNarrative.Has(SampleSummary.Create()));
        Assert.Contains("id=\"optimization\"", Html.HtmlReportWriter.Write(summary, Figures.ReportCharts.Build(summary)));
        Assert.Contains("## Configuration search", Markdown.MarkdownReportWriter.Write(summary));
    }

    [Fact]
    public void APathCheaperThanTheRecommendationSaysWhyTheRecommendationStands()
    {
        // The search starts from the spot option; its $7,000 path is below the recommended gpu-l4's total.
        OptimizationDocument d = Document();
        SummaryDocument summary = SampleSummary.Create() with { Optimization = d with { Search = d.Search with { BaseOption = "gpu-h100 spot" } } };
        double recommended = summary.Options.Single(o => o.Name == "gpu-l4").TotalCostUsd!.Value;

        IReadOnlyList<string> sentences = OptimizationNarrative.RunSentences(summary);

        Assert.StartsWith("The path comes to $7,000 over 2 months against $59,580 for the baseline api-mini", sentences[^2], StringComparison.Ordinal);
        Assert.Equal($"That is less than the recommended gpu-l4 ({Fmt.Usd(recommended)}), which the recommendation above nonetheless names: it weighs the scenario's options as they are configured, "
            + "and this path, which changes configuration over time, is not one of them. To weigh it on the same terms (noise, risks, break-even), add its configuration to the scenario as an option and run again.", sentences[^1]);
        // Started from the recommended option itself, the path is that option's own retuning: nothing to reconcile.
        Assert.DoesNotContain(OptimizationNarrative.RunSentences(summary with { Optimization = d with { Search = d.Search with { BaseOption = "gpu-l4" } } }),
            x => x.StartsWith("That is less than the recommended", StringComparison.Ordinal));
    }

    [Fact]
    public void ASearchsFilesGoIntoPlaceTogetherOrNotAtAll()
    {
        // One file at a time, a Ctrl+C or a full disk left a new optimization.json beside the
        // earlier search's optimization.md and charts.
        string dir = Directory.CreateTempSubdirectory("planner-opt-").FullName;
        try
        {
            OptimizationDocument first = Document();
            (IReadOnlyList<string> written, _) = OptimizationReportSet.Write(first, dir, waiting: null, files: null);
            Assert.Contains(Path.Combine(dir, OptimizationReportSet.JsonFile), written);
            Assert.Contains(Path.Combine(dir, OptimizationReportSet.MarkdownFile), written);
            // A chart of the run beside them, and a frontier an earlier search drew for a month this one does not.
            string runChart = Path.Combine(dir, "charts", "total-cost.svg");
            string oldFrontier = Path.Combine(dir, "charts", OptimizationCharts.IdPrefix + "pareto-month-9.svg");
            File.WriteAllText(runChart, "<svg/>");
            File.WriteAllText(oldFrontier, "<svg/>");
            Dictionary<string, byte[]> before = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".planner.lock", StringComparison.Ordinal)).ToDictionary(f => f, File.ReadAllBytes);

            OptimizationDocument second = first with { Seed = 7 };
            string md = Path.Combine(dir, OptimizationReportSet.MarkdownFile);
            var full = new Output.FileOperations
            {
                Move = (from, to) =>
                {
                    if (to == md && !from.Contains(".replaced", StringComparison.Ordinal))
                    {
                        throw new IOException("No space left on device");
                    }
                    File.Move(from, to);
                },
                Delete = File.Delete,
            };
            IOException e = Assert.Throws<IOException>(() => OptimizationReportSet.Write(second, dir, waiting: null, files: full));
            Assert.Equal($"cannot move the search's files into {dir}: optimization.md: No space left on device; the files already there were kept as they were", e.Message);
            foreach ((string file, byte[] bytes) in before)
            {
                Assert.Equal(bytes, File.ReadAllBytes(file));
            }
            Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".planner.lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

            OptimizationReportSet.Write(second, dir, waiting: null, files: null);
            Assert.Contains("\"seed\": 7", File.ReadAllText(Path.Combine(dir, OptimizationReportSet.JsonFile)));
            Assert.False(File.Exists(oldFrontier));
            Assert.True(File.Exists(runChart));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheRunsReportsTakeOnlyASearchOfTheSameScenarioFileAndSeed()
    {
        string dir = Directory.CreateTempSubdirectory("planner-opt-").FullName;
        try
        {
            Assert.Null(OptimizationReportSet.ReadMatching(dir, "abc", 42, out string? none));
            Assert.Null(none);
            OptimizationDocument d = Document();
            File.WriteAllText(Path.Combine(dir, OptimizationReportSet.JsonFile),
                OptimizationJsonWriter.Serialize(d with { Scenario = d.Scenario with { Sha256 = "abc" } }));

            Assert.NotNull(OptimizationReportSet.ReadMatching(dir, "abc", 42, out string? note));
            Assert.Null(note);
            Assert.Null(OptimizationReportSet.ReadMatching(dir, "abd", 42, out note));
            Assert.Contains("another scenario file, or another version of it", note);
            Assert.Null(OptimizationReportSet.ReadMatching(dir, "abc", 7, out note));
            Assert.Contains("seed 42, not 7", note);
            Assert.Null(OptimizationReportSet.ReadMatching(dir, null, 42, out _));

            File.WriteAllText(Path.Combine(dir, OptimizationReportSet.JsonFile), "{ not json");
            Assert.Null(OptimizationReportSet.ReadMatching(dir, "abc", 42, out note));
            Assert.Contains("is not a configuration search `planner optimize` wrote (line 1", note);
            // A value of the wrong kind is said so, in the file's terms: no .NET type, no line counted from 0.
            string json = OptimizationJsonWriter.Serialize(d with { Scenario = d.Scenario with { Sha256 = "abc" } });
            int outcome = json.IndexOf("\"outcome\": {", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, OptimizationReportSet.JsonFile), json[..outcome] + "\"outcome\": \"x\", \"was\": {" + json[(outcome + 12)..]);
            Assert.Null(OptimizationReportSet.ReadMatching(dir, "abc", 42, out note));
            Assert.Contains("a value of the wrong kind", note);
            Assert.DoesNotContain("Planner.Reports", note);
            Assert.Contains("so the report has no Configuration search section", note);

            // Values no search writes are left out, not drawn: a path total of −$5 read "-$5.00 in all … 1000.0% less".
            OptimizationDocument edited = d with { Scenario = d.Scenario with { Sha256 = "abc" }, PathSummary = d.PathSummary with { TotalUsd = -5 } };
            File.WriteAllText(Path.Combine(dir, OptimizationReportSet.JsonFile), OptimizationJsonWriter.Serialize(edited));
            Assert.Null(OptimizationReportSet.ReadMatching(dir, "abc", 42, out note));
            Assert.Contains("holds path_summary.total_usd of -5 (allowed: 0 to 1e12), which `planner optimize` never writes", note);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
