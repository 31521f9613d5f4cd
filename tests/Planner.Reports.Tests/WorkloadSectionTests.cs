using System.Text.Json;
using System.Text.Json.Nodes;
using Planner.Core.Specs;
using Planner.Reports.Figures;
using Planner.Reports.Html;
using Planner.Reports.Json;
using Planner.Reports.Markdown;
using Planner.Reports.Narrative;

namespace Planner.Reports.Tests;

/// <summary>
/// summary.json's <c>workload</c> block states the traffic as the scenario gives it, with figures
/// checked here by hand; the reports show it, and summaries written before it still render.
/// </summary>
public sealed class WorkloadSectionTests
{
    private static readonly double[] ConsumerEvening =
        [1.0, 0.6, 0.4, 0.3, 0.3, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.1, 0.9, 0.9, 1.0, 1.2, 1.4, 1.8, 2.0, 2.0, 1.8, 1.4];

    /// <summary>Two classes, 7,000 requests an average day from January 2027 growing 10% a month, weekends at half a weekday.</summary>
    private static ScenarioSpec ClassScenario() => new()
    {
        Name = "classes",
        StartMonth = new DateOnly(2027, 1, 1),
        HorizonMonths = 3,
        Seed = 1,
        Workload = new WorkloadSpec
        {
            Classes =
            [
                new RequestClassSpec
                {
                    Name = "chat", Share = 0.75, CachedPrefixFraction = 0.4,
                    // median 900, p95 4000, clamped to [16, 16000]
                    InputTokens = new LognormalTokens(Math.Log(900), Math.Log(4000.0 / 900) / 1.6448536269514722, 16, 16_000),
                    // mean 220, sd 180, clamped to [1, 2048]
                    OutputTokens = new LognormalTokens(Math.Log(220) - Math.Log(1 + 180.0 * 180 / (220 * 220)) / 2, Math.Sqrt(Math.Log(1 + 180.0 * 180 / (220 * 220))), 1, 2048)
                        { Quote = LognormalQuote.MeanAndStandardDeviation },
                },
                new RequestClassSpec { Name = "batch", Share = 0.25, InputTokens = new FixedTokens(3000), OutputTokens = new FixedTokens(100) },
            ],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = 7000, MonthlyGrowthRates = [0.1] },
            HourlyWeights = ConsumerEvening,
            DailyShapeName = "consumer_evening",
            WeekendFactor = 0.5,
            Arrivals = new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 1.5 },
        },
        Slo = new SloSpec(),
        Options = [],
    };

    /// <summary>A four-row trace (arrivals at 0, 1.5, 2 and 4 s) replayed at 1,000 requests a weekday from February 2027, growing 20% then 10% a month.</summary>
    private static ScenarioSpec TraceScenario()
    {
        var replay = new TraceReplaySpec
        {
            Source = "traces/small.csv",
            OffsetSeconds = [0, 1.5, 2, 4],
            InputTokens = [100, 200, 300, 400],
            OutputTokens = [10, 20, 30, 40],
            DurationSeconds = 4 + 4.0 / 3,
        };
        return new ScenarioSpec
        {
            Name = "trace",
            StartMonth = new DateOnly(2027, 2, 1),
            HorizonMonths = 4,
            Seed = 1,
            Workload = new WorkloadSpec
            {
                Classes =
                [
                    new RequestClassSpec
                    {
                        Name = "replay", Share = 1,
                        InputTokens = new EmpiricalTokens(replay.InputTokens, "traces/small.csv (ContextTokens)") { Trace = "traces/small.csv", Column = "context" },
                        OutputTokens = new EmpiricalTokens(replay.OutputTokens, "traces/small.csv (GeneratedTokens)") { Trace = "traces/small.csv", Column = "generated" },
                    },
                ],
                Volume = new VolumeSpec { RequestsPerDayMonth1 = 1000, MonthlyGrowthRates = [0.2, 0.1], Basis = VolumeBasis.Weekday },
                // A custom shape: the scenario's 12 × 1 then 12 × 3, scaled to average 1.
                HourlyWeights = [.. Enumerable.Repeat(0.5, 12), .. Enumerable.Repeat(1.5, 12)],
                Replay = replay,
            },
            Slo = new SloSpec(),
            Options = [],
        };
    }

    [Fact]
    public void AClassWorkloadWithAWeekendFactorStatesItsVolumeShapeAndClasses()
    {
        WorkloadSection w = WorkloadSections.Of(ClassScenario());

        VolumeSection v = w.Volume;
        Assert.Equal("calendar_day", v.Basis);
        Assert.Equal(0.5, v.WeekendFactor);
        Assert.Equal(0.1, v.Growth.MonthlyRate);
        Assert.Null(v.Growth.PerMonth);
        // A week carries 7 × 7,000: five weekdays at d and two weekend days at d/2, so d = 49,000 / 6 = 8,166.67.
        // January 2027 has 21 weekdays and 10 weekend days: 21 × 8,166.67 + 10 × 4,083.33 = 212,333.
        Assert.Equal(new VolumeMonthSection(1, "2027-01", 7000, 8167, 4083, 212_333), v.FirstMonth);
        // March: 7,000 × 1.1² = 8,470 a day, a weekday 7 × 8,470 / 6 = 9,881.67, a weekend day 4,940.83;
        // 23 weekdays and 8 weekend days: 227,278.33 + 39,526.67 = 266,805.
        Assert.Equal(new VolumeMonthSection(3, "2027-03", 8470, 9882, 4941, 266_805), v.HorizonMonth);

        Assert.Equal("consumer_evening", w.DailyShape.Name);
        Assert.Equal(2.0, w.DailyShape.PeakToMean);
        Assert.Equal(20, w.DailyShape.PeakHour);
        Assert.Equal(ConsumerEvening, w.DailyShape.HourlyWeights);
        Assert.Equal(new ArrivalsSection("gamma") { Cv = 1.5 }, w.Arrivals);
        Assert.Null(w.Trace);

        RequestClassSection chat = w.Classes[0], batch = w.Classes[1];
        Assert.Equal(("chat", 0.75, 0.4), (chat.Name, chat.Share, chat.CachedPrefixFraction));
        Assert.Equal(("lognormal", 900.0, 4000.0, 16, 16_000), (chat.InputTokens.Distribution, chat.InputTokens.Median, chat.InputTokens.P95, chat.InputTokens.Min, chat.InputTokens.Max));
        Assert.Null(chat.InputTokens.Mean);
        Assert.Equal(("lognormal", 220.0, 180.0, 1, 2048), (chat.OutputTokens.Distribution, chat.OutputTokens.Mean, chat.OutputTokens.Sd, chat.OutputTokens.Min, chat.OutputTokens.Max));
        Assert.Null(chat.OutputTokens.Median);
        // Means of the counts drawn, integrated numerically: the clamp at 2,048 takes a little off the written mean of 220.
        double input = ClampedLognormalMean(900, 4000, 16, 16_000, fromMedian: true);
        double output = ClampedLognormalMean(220, 180, 1, 2048, fromMedian: false);
        Assert.InRange(output, 215, 219.9);
        Assert.Equal(input, chat.InputTokens.MeanTokens!.Value, 0.06);
        Assert.Equal(output, chat.OutputTokens.MeanTokens!.Value, 0.06);
        Assert.Equal(new TokenDistributionSection("fixed") { Tokens = 3000, MeanTokens = 3000 }, batch.InputTokens);
        Assert.Equal(new TokenDistributionSection("fixed") { Tokens = 100, MeanTokens = 100 }, batch.OutputTokens);
        Assert.Equal(0.75 * input + 0.25 * 3000, w.MeanInputTokens!.Value, 0.06);
        Assert.Equal(0.75 * output + 0.25 * 100, w.MeanOutputTokens!.Value, 0.06);
    }

    [Fact]
    public void ATraceWorkloadStatesTheTracesOwnFiguresAndAPerWeekdayVolume()
    {
        WorkloadSection w = WorkloadSections.Of(TraceScenario());

        TraceSection t = w.Trace!;
        Assert.Equal("traces/small.csv", t.Path);
        Assert.Equal(4, t.Rows);
        // Span: the last offset (4 s) plus one mean gap (4 s / 3); its own rate 4 rows / 5.333 s = 0.75/s, 64,800 a day.
        Assert.Equal(5.333, t.SpanS);
        Assert.Equal(4, t.LastOffsetS);
        Assert.Equal(0.75, t.RequestsPerS);
        Assert.Equal(64_800, t.RequestsPerDay);
        Assert.Equal((250.0, 25.0), (t.MeanInputTokens!.Value, t.MeanOutputTokens!.Value));
        Assert.Equal((250.0, 25.0), (w.MeanInputTokens!.Value, w.MeanOutputTokens!.Value));

        VolumeSection v = w.Volume;
        Assert.Equal("weekday", v.Basis);
        Assert.Equal(1, v.WeekendFactor);
        Assert.Null(v.Growth.MonthlyRate);
        Assert.Equal([0.2, 0.1], v.Growth.PerMonth!);
        // February 2027: 28 days at 1,000; May (month 4): 1,000 × 1.2 × 1.1 × 1.1 = 1,452 a day, 31 days.
        Assert.Equal(new VolumeMonthSection(1, "2027-02", 1000, 1000, 1000, 28_000), v.FirstMonth);
        Assert.Equal(new VolumeMonthSection(4, "2027-05", 1452, 1452, 1452, 45_012), v.HorizonMonth);

        Assert.Equal("custom", w.DailyShape.Name);
        Assert.Equal(1.5, w.DailyShape.PeakToMean);
        Assert.Equal(12, w.DailyShape.PeakHour);
        Assert.Equal(new ArrivalsSection("trace"), w.Arrivals);
        TokenDistributionSection context = Assert.Single(w.Classes).InputTokens;
        Assert.Equal(new TokenDistributionSection("empirical") { Trace = "traces/small.csv", Column = "context", Rows = 4, MeanTokens = 250 }, context);
    }

    [Fact]
    public void TheBlockIsInSummaryJsonWithUnitsInItsNamesAndReadsBack()
    {
        SummaryDocument summary = SampleSummary.Create() with { Workload = WorkloadSections.Of(TraceScenario()) };
        string json = SummaryJsonWriter.Serialize(summary);
        using JsonDocument parsed = JsonDocument.Parse(json);
        JsonElement w = parsed.RootElement.GetProperty("workload");
        Assert.Equal(28_000, w.GetProperty("volume").GetProperty("first_month").GetProperty("planned_requests").GetDouble());
        Assert.Equal(1452, w.GetProperty("volume").GetProperty("horizon_month").GetProperty("requests_per_day").GetDouble());
        Assert.Equal(5.333, w.GetProperty("trace").GetProperty("span_s").GetDouble());
        Assert.Equal(64_800, w.GetProperty("trace").GetProperty("requests_per_day").GetDouble());
        Assert.Equal("context", w.GetProperty("classes")[0].GetProperty("input_tokens").GetProperty("column").GetString());
        Assert.False(w.GetProperty("arrivals").TryGetProperty("cv", out _), "a trace's arrivals have no cv");
        Assert.Equal(json, SummaryJsonWriter.Serialize(SummaryJsonWriter.Deserialize(json)));
    }

    [Fact]
    public void ReportMdStatesTheClassWorkloadJustBeforeTheAssumptions()
    {
        SummaryDocument summary = SampleSummary.Create() with { Workload = WorkloadSections.Of(ClassScenario()) };
        string md = MarkdownReportWriter.Write(summary);
        int workload = md.IndexOf("## Workload\n", StringComparison.Ordinal);
        Assert.True(workload > 0 && workload < md.IndexOf("## Assumptions\n", StringComparison.Ordinal), "Workload comes just before Assumptions");
        Assert.Contains("| volume | month 1 (2027-01) | month 3 (2027-03) |", md, StringComparison.Ordinal);
        Assert.Contains("| requests per day (the scenario's figure: the average day of the week) | 7,000 | 8,470 |", md, StringComparison.Ordinal);
        Assert.Contains("| requests on a weekday | 8,167 | 9,882 |", md, StringComparison.Ordinal);
        Assert.Contains("| requests on a Saturday or Sunday | 4,083 | 4,941 |", md, StringComparison.Ordinal);
        Assert.Contains("| requests in the month (planned) | 212,333 | 266,805 |", md, StringComparison.Ordinal);
        Assert.Contains("- Growth: 10.0% a month, compounding (month 3's daily volume is 1.21 × month 1's).", md, StringComparison.Ordinal);
        Assert.Contains("- Weekends: a Saturday or Sunday carries 0.5 × a weekday's requests (weekend factor).", md, StringComparison.Ordinal);
        Assert.Contains("- Daily shape: consumer_evening; its busiest hours, 20:00 to 21:00, each carry 2.00 × the day's mean hourly rate.", md, StringComparison.Ordinal);
        Assert.Contains("| chat | 75.0% | lognormal: median 900, p95 4,000, min 16, max 16,000 | lognormal: mean 220, sd 180, min 1, max 2,048 |", md, StringComparison.Ordinal);
        Assert.Contains("| batch | 25.0% | fixed: 3,000 | fixed: 100 | 3,000 | 100 | 0.0% |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ADailyShapeWhosePeakHoldsForHoursNamesThemAll()
    {
        // A business-hours day peaks from 09:00 to 16:00: "its busiest hour, 09:00" read as if only 09:00 did.
        double[] weights = [.. Enumerable.Range(0, 24).Select(h => h is >= 9 and <= 16 ? 2.0 : 0.5)];
        double mean = weights.Average();
        SummaryDocument summary = SampleSummary.Create() with { Workload = WorkloadSections.Of(ClassScenario()) };
        summary = summary with { Workload = summary.Workload! with { DailyShape = new DailyShapeSection("business_hours", 2.0 / mean, 9, weights) } };
        Assert.Contains($"Daily shape: business_hours; its busiest hours, 09:00 to 16:00, each carry {2.0 / mean:0.00} × the day's mean hourly rate.", WorkloadNarrative.Lines(summary));
        // Around midnight too.
        double[] night = [.. Enumerable.Range(0, 24).Select(h => h is >= 22 or <= 1 ? 3.0 : 1.0)];
        summary = summary with { Workload = summary.Workload! with { DailyShape = new DailyShapeSection("custom", 3.0 / night.Average(), 0, night) } };
        Assert.Contains(WorkloadNarrative.Lines(summary), l => l.Contains("its busiest hours, 22:00 to 01:00, each carry", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportMdAndHtmlStateATracesOwnFiguresAndPaceWithoutAClassTable()
    {
        SummaryDocument summary = SampleSummary.Create() with { Workload = WorkloadSections.Of(TraceScenario()) };
        string md = MarkdownReportWriter.Write(summary);
        Assert.Contains("| `traces/small.csv` | 4 | 5.3 s | 64,800 requests/day (0.75/s) | 250 | 25 |", md, StringComparison.Ordinal);
        Assert.Contains("| requests per weekday (the scenario's figure) | 1,000 | 1,452 |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("requests on a Saturday or Sunday", md, StringComparison.Ordinal);
        Assert.Contains("- Growth: 20.0%, 10.0% going into months 2 to 3, then 10.0% a month (month 4's daily volume is 1.45 × month 1's).", md, StringComparison.Ordinal);
        Assert.Contains("- Daily shape: custom (24 hourly weights in the scenario); its busiest hours, 12:00 to 23:00, each carry 1.50 × the day's mean hourly rate.", md, StringComparison.Ordinal);
        // 1,000 / 64,800 and 1,452 / 64,800 of its own rate.
        Assert.Contains("- Pace: each day replays the trace at 0.02 × its own rate in month 1 and 0.02 × in month 4.", md, StringComparison.Ordinal);
        Assert.DoesNotContain("| class | share |", md, StringComparison.Ordinal);

        string html = HtmlReportWriter.Write(summary, ReportCharts.Build(summary));
        Assert.Contains("<section id=\"workload\">\n<h2>Workload</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#workload\">Workload</a><a href=\"#assumptions\">", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>traces/small.csv</code></td><td class=\"num\">4</td><td class=\"num\">5.3 s</td>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"workload\"", StringComparison.Ordinal) < html.IndexOf("id=\"assumptions\"", StringComparison.Ordinal));
    }

    [Fact]
    public void APublicTracesCreditIsInSummaryJsonAndBothReportsWhateverTheDescriptionSays()
    {
        // azure-conversation-replay credited its trace only in its free-text description; a copy
        // without it credited nothing. The credit now travels with the trace, replayed or drawn from.
        const string credit = "Microsoft Azure, AzurePublicDataset, test trace; licensed under CC-BY 4.0";
        ScenarioSpec scenario = TraceScenario();
        RequestClassSpec replayClass = scenario.Workload.Classes[0];
        scenario = scenario with
        {
            Workload = scenario.Workload with
            {
                Replay = scenario.Workload.Replay! with { Credit = credit },
                Classes = [replayClass with { InputTokens = ((EmpiricalTokens)replayClass.InputTokens) with { Credit = credit } }],
            },
        };
        SummaryDocument summary = SampleSummary.Create() with { Workload = WorkloadSections.Of(scenario) };
        string json = SummaryJsonWriter.Serialize(summary);
        using (JsonDocument parsed = JsonDocument.Parse(json))
        {
            Assert.Equal(credit, parsed.RootElement.GetProperty("workload").GetProperty("trace").GetProperty("credit").GetString());
        }
        Assert.Equal(json, SummaryJsonWriter.Serialize(SummaryJsonWriter.Deserialize(json)));
        // One line for the one trace, though it is replayed and drawn from.
        string md = MarkdownReportWriter.Write(summary);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, "Trace data: "));
        Assert.Contains($"Trace data: {credit}.", md, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"meta\">Trace data: {credit}.</p>", HtmlReportWriter.Write(summary, ReportCharts.Build(summary)), StringComparison.Ordinal);
        // A trace not known to need a credit gets none.
        Assert.DoesNotContain("Trace data:", MarkdownReportWriter.Write(SampleSummary.Create() with { Workload = WorkloadSections.Of(TraceScenario()) }), StringComparison.Ordinal);
    }

    [Fact]
    public void ASummaryWrittenBeforeTheBlockExistedReadsBackAndRendersWithoutIt()
    {
        JsonNode json = JsonNode.Parse(SummaryJsonWriter.Serialize(SampleSummary.Create()))!;
        Assert.NotNull(json["workload"]);
        json.AsObject().Remove("workload");

        SummaryDocument old = SummaryJsonWriter.Deserialize(json.ToJsonString());

        Assert.Null(old.Workload);
        Assert.Empty(SummaryValueCheck.Problems(old));
        string md = MarkdownReportWriter.Write(old);
        string html = HtmlReportWriter.Write(old, ReportCharts.Build(old));
        Assert.DoesNotContain("## Workload", md, StringComparison.Ordinal);
        Assert.Contains("## Assumptions", md, StringComparison.Ordinal);
        Assert.DoesNotContain("workload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"workload\"", SummaryJsonWriter.Serialize(old), StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedBlockIsRefusedAndAFigureOutOfRangeIsNamedByItsPath()
    {
        JsonNode json = JsonNode.Parse(SummaryJsonWriter.Serialize(SampleSummary.Create()))!;
        json["workload"]!.AsObject().Remove("volume");
        JsonException e = Assert.ThrowsAny<JsonException>(() => SummaryJsonWriter.Deserialize(json.ToJsonString()));
        Assert.Contains("workload.volume is missing or null", e.Message, StringComparison.Ordinal);

        JsonNode edited = JsonNode.Parse(SummaryJsonWriter.Serialize(SampleSummary.Create()))!;
        edited["workload"]!["classes"]![0]!["share"] = 1.5;
        edited["workload"]!["volume"]!["growth"]!["monthly_rate"] = -1;
        IReadOnlyList<string> problems = SummaryValueCheck.Problems(SummaryJsonWriter.Deserialize(edited.ToJsonString()));
        Assert.Equal(
            [
                "workload.volume.growth.monthly_rate is -1 (allowed: a finite number above -1 and up to 1e18)",
                "workload.classes[0].share is 1.5 (allowed: a number from 0 to 1)",
            ],
            problems);
    }

    /// <summary>
    /// E[clamp(X, min, max)] of a lognormal X given by median and p95 or by mean and sd, by the
    /// trapezoid rule over the standard normal from −12 to 12 (independent of the code under test).
    /// </summary>
    private static double ClampedLognormalMean(double first, double second, int min, int max, bool fromMedian)
    {
        double mu, sigma;
        if (fromMedian)
        {
            mu = Math.Log(first);
            sigma = (Math.Log(second) - mu) / 1.6448536269514722;
        }
        else
        {
            sigma = Math.Sqrt(Math.Log(1 + second * second / (first * first)));
            mu = Math.Log(first) - sigma * sigma / 2;
        }
        const double step = 1e-4;
        double sum = 0;
        for (double z = -12; z <= 12; z += step)
        {
            double x = Math.Clamp(Math.Exp(mu + sigma * z), min, max);
            sum += x * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * step;
        }
        return sum;
    }
}
