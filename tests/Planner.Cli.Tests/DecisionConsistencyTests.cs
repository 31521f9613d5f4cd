using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Cli.Tests;

/// <summary>
/// One decision everywhere: the recommended option, its best alternative, the alternative's total,
/// the month and volume from which the cheaper-per-month option stays cheaper, the break-even
/// month and the savings read the same in the recommendation, the report cards (Markdown and HTML),
/// summary.json and the console, each formatted by the shared formatter from the one place they
/// are computed (<see cref="BestAlternative"/>). The scenario is the case the decision is easy to
/// get wrong in: the API wins over the horizon while a fleet ends cheaper per month without paying
/// back its migration, and a cheaper fleet that misses the SLO breaks even against the baseline
/// at once.
/// </summary>
public sealed class DecisionConsistencyTests
{
    private const string Scenario = """
        name: decision-e2e
        description: An API that wins over the horizon while a fleet ends cheaper per month.
        start_month: 2026-11
        horizon_months: 6
        seed: 5
        workload:
          classes:
            - name: chat
              share: 1.0
              input_tokens: {distribution: lognormal, median: 500, p95: 2000}
              output_tokens: {distribution: lognormal, mean: 150, sd: 100}
          volume:
            requests_per_day: 60000
            growth: {monthly_rate: 0.5}
          daily_shape: business_hours
          weekend_factor: 0.5
        slo:
          ttft_p95_ms: 2000
        options:
          - name: api
            kind: api
            catalog: openai-gpt-4-1-mini
            latency: {ttft_median_ms: 400, ttft_p95_ms: 1000, output_tokens_per_s: 80}
          - name: h100
            kind: self_hosted
            model: llama-3.1-8b
            gpu: h100-sxm
            gpus_per_replica: 1
            pricing: {per_gpu_hour_usd: 2.5, gpus_per_instance: 1, model: on_demand, source: test quote, as_of: 2026-10-01}
            replicas: 1
            one_time_costs:
              - {name: migration, amount_usd: 10000, month: 1}
          - name: l4
            kind: self_hosted
            model: llama-3.1-8b
            gpu: l4
            gpus_per_replica: 1
            pricing: {per_gpu_hour_usd: 0.8, gpus_per_instance: 1, model: on_demand, source: test quote, as_of: 2026-10-01}
            replicas: 1
        """;

    [Fact]
    public void EveryHeadlineFigureComesFromTheOneBestAlternative()
    {
        using var dir = new TempDir();
        string path = SmallScenario.WriteInto(dir, Scenario);
        string outDir = Path.Combine(dir.Path, "out");
        CliRun run = CliRun.Invoke("run", path, "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);

        // The one place: the projection's best alternative, computed again in-process from the same scenario.
        ScenarioSpec spec = ScenarioInput.Load(path, null, TextWriter.Null, out _)!;
        ProjectionResult projection = new Projector().Run(spec);
        BestAlternative a = projection.Recommendation.Alternative!;
        Assert.Equal("api", projection.Recommendation.OptionName);
        // The fleet that misses the SLO is cheaper and breaks even against the baseline in month 1, yet it is not the alternative.
        Assert.False(projection.Options.Single(o => o.Name == "l4").MeetsSloThroughout);
        Assert.Equal("h100", a.Option);
        Assert.True(a.MeetsSlo);
        Assert.Equal("h100", a.CheaperAtHorizon);
        Assert.NotNull(a.CheaperFromMonth);
        Assert.NotNull(a.CheaperFromRequestsPerDay);
        Assert.Null(a.BreakEvenMonth);
        Assert.True(a.SavingsUsd > 0);

        SummaryDocument summary = SummaryJsonWriter.Deserialize(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        AlternativeSection s = summary.Recommendation.Alternative!;
        Assert.Equal(projection.Recommendation.OptionName, summary.Recommendation.Option);
        Assert.Equal(projection.Recommendation.Text, summary.Recommendation.Text);
        Assert.Equal(new AlternativeSection(a.Option, a.MeetsSlo, a.MonthsMissingSlo, Fmt.Round(a.TotalCostUsd, 2), Fmt.Round(a.RecommendedTotalCostUsd, 2),
            Fmt.Round(a.SavingsUsd, 2), a.CheaperAtHorizon, a.CheaperFromMonth, Fmt.Month(a.CheaperFromCalendarMonth!.Value), Fmt.Round(a.CheaperFromRequestsPerDay!.Value, 0),
            null, null) { DifferenceNoiseUsd = Fmt.Round(a.DifferenceNoiseUsd!.Value, 2), ClearlyCheaperFromMonth = a.MonthlyTie!.ClearlyCheaperFromMonth }, s);
        // Its crossing is clear of the noise: cheaper by more than it from the month it is cheaper from.
        Assert.Empty(a.MonthlyTie.Months);
        Assert.Equal(a.CheaperFromMonth, a.MonthlyTie.ClearlyCheaperFromMonth);
        // The noise of the difference is measured (noise-check months are on by default), and this one is no tie.
        Assert.False(a.WithinNoise);

        string total = Fmt.Usd(a.TotalCostUsd);
        string savings = Fmt.Usd(a.SavingsUsd);
        string fromMonth = Fmt.Month(a.CheaperFromCalendarMonth!.Value);
        string volume = Fmt.Count(a.CheaperFromRequestsPerDay!.Value);
        // The same text formatted from summary.json's rounded values.
        Assert.Equal(total, Fmt.Usd(s.TotalCostUsd!.Value));
        Assert.Equal(savings, Fmt.Usd(s.SavingsUsd!.Value));
        Assert.Equal(volume, Fmt.Count(s.CheaperFromRequestsPerDay!.Value));

        string recommendation = projection.Recommendation.Text;
        string console = string.Join(" ", run.Stdout.Split('\n').Select(l => l.Trim()));
        string md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        string[] inText =
        [
            "Recommend api:",
            $"The best alternative, h100, would cost {total} ({savings} or",
            $"h100 costs less every month from month {a.CheaperFromMonth} ({fromMonth}; the monthly costs cross between months {a.CheaperFromMonth - 1} and {a.CheaperFromMonth}, at about {volume} requests/day)",
            "it has not paid for itself within the horizon",
        ];
        foreach (string figure in inText)
        {
            Assert.Contains(figure, recommendation);
            Assert.Contains(figure, console);
            Assert.Contains(figure, md);
            Assert.Contains(figure, html);
        }
        string[] cards =
        [
            $"**Best alternative:** {total} — h100, 6 months incl. one-time costs; meets the SLO every month",
            $"**Break-even against the best alternative:** Not within 6 months — h100 against api: h100 costs less per month from {fromMonth} (month {a.CheaperFromMonth}; the monthly costs cross between months {a.CheaperFromMonth - 1} and {a.CheaperFromMonth}, at about {volume} requests/day)",
            $"**Saved against the best alternative:** {savings} — api against h100",
        ];
        foreach (string card in cards)
        {
            Assert.Contains(card, md);
        }
        Assert.Contains($"h100 costs less per month from {fromMonth} (month {a.CheaperFromMonth}; the monthly costs cross between months {a.CheaperFromMonth - 1} and {a.CheaperFromMonth}, at about {volume} requests/day)", html);

        // The console's "(misses)" says which target l4 misses, in the words of the report's main risks.
        MonthSection firstMiss = summary.Options.Single(o => o.Name == "l4").Monthly.First(m => !m.SloMet);
        string miss = $"l4 misses the SLO in {summary.Options.Single(o => o.Name == "l4").Monthly.Count(m => !m.SloMet)} of 6 months (first in {firstMiss.CalendarMonth}: p95 TTFT {Fmt.Ms(firstMiss.TtftP95Ms!.Value)} against 2,000 ms";
        Assert.Contains(miss, console);
        Assert.Contains(miss, md);
        Assert.DoesNotContain("h100 misses the SLO", console);
        Assert.DoesNotContain("l4 against", md);
        Assert.DoesNotContain("l4 against", html);
        Assert.DoesNotContain("l4 breaks even", md);

        // The API is always up and has no limits: no waits of either cause, so no throttling or outage risk; the counts reach monthly.csv.
        Assert.All(summary.Options.Single(o => o.Name == "api").Monthly, m =>
        {
            Assert.Equal(0, m.RateLimitBackoffs);
            Assert.Equal(0, m.OutageBackoffs);
        });
        Assert.DoesNotContain("throttled", md);
        Assert.DoesNotContain("held up by API outages", md);
        string header = File.ReadLines(Path.Combine(outDir, "monthly.csv")).First();
        Assert.EndsWith(",rate_limit_backoffs,rate_limit_wait_seconds,outage_backoffs,outage_wait_seconds,rejected_after_rate_limit,rejected_after_outage,capacity_queue_waits,capacity_queue_wait_seconds,compliance_requests,overflowed_requests,overflow_input_tokens,overflow_cached_input_tokens,overflow_output_tokens,requests_unfinished,fine_tuning_usd", header);
    }
}
