using System.Text.Json;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Reports.Csv;
using Planner.Reports.Json;
using Planner.Reports.Markdown;

namespace Planner.Reports.Tests;

/// <summary>summary.json has the documented snake_case shape, and the other writers agree with it.</summary>
public sealed class SummaryJsonTests
{
    private static RunReport SmallRun()
    {
        var scenario = new ScenarioSpec
        {
            Name = "tiny",
            StartMonth = new DateOnly(2027, 1, 1),
            HorizonMonths = 2,
            Seed = 9,
            Workload = new WorkloadSpec
            {
                Classes = [new RequestClassSpec { Name = "c", Share = 1, InputTokens = new FixedTokens(100), OutputTokens = new FixedTokens(10) }],
                Volume = new VolumeSpec { RequestsPerDayMonth1 = 500, MonthlyGrowthRates = [0.1] },
                HourlyWeights = Enumerable.Repeat(1.0, 24).ToArray(),
            },
            Slo = new SloSpec { TtftP95Ms = 1000 },
            RevenuePerRequestUsd = 0.01,
            Options =
            [
                new ApiOptionSpec
                {
                    Name = "api", Model = "m", PricePerMillionInputTokensUsd = 1, PricePerMillionOutputTokensUsd = 2, PricePerMillionCachedInputTokensUsd = 0.5,
                    Latency = new ApiLatencySpec { TtftMedianMs = 200, TtftP95Ms = 400, OutputTokensPerSecond = 50 },
                },
                new ApiOptionSpec
                {
                    Name = "api-2", Model = "m2", PricePerMillionInputTokensUsd = 2, PricePerMillionOutputTokensUsd = 4, PricePerMillionCachedInputTokensUsd = 1,
                    Latency = new ApiLatencySpec { TtftMedianMs = 200, TtftP95Ms = 400, OutputTokensPerSecond = 50 },
                    FixedMonthlyCosts = [new FixedCostSpec { Name = "ops", MonthlyUsd = 10 }],
                },
            ],
        };
        return new RunReport { Projection = new Projector().Run(scenario), ScenarioPath = "scenarios/tiny.yaml" };
    }

    [Theory]
    // Rounded one by one, 9.6 served + 0.6 rejected of 10.4 would read 10 + 1 of 10: served gives up one.
    [InlineData(10.4, 9.6, 0.6, 10, 9, 1)]
    // Where the three round consistently nothing moves.
    [InlineData(10.4, 9.4, 1.0, 10, 9, 1)]
    [InlineData(4_174_511.4, 4_172_022.6, 2_488.6, 4_174_511, 4_172_022, 2_489)]
    // Unfinished requests leave room: nothing to take.
    [InlineData(100, 90.4, 2.4, 100, 90, 2)]
    public void ServedAndRejectedNeverAddUpToMoreThanTheRequestsOnceRounded(double arrived, double served, double rejected, double wholeArrived, double wholeServed, double wholeRejected)
    {
        (double? r, double? s, double? j) = SummaryJsonWriter.WholeRequests(arrived, served, rejected);
        Assert.Equal((wholeArrived, wholeServed, wholeRejected), (r!.Value, s!.Value, j!.Value));
        Assert.True(s + j <= r);
    }

    [Fact]
    public void HasTheDocumentedKeys()
    {
        RunReport run = SmallRun();
        SummaryDocument doc = SummaryJsonWriter.Build(run);
        using JsonDocument json = JsonDocument.Parse(SummaryJsonWriter.Serialize(doc));
        JsonElement root = json.RootElement;
        Assert.Equal("tiny", root.GetProperty("scenario").GetProperty("name").GetString());
        Assert.Equal(9UL, root.GetProperty("seed").GetUInt64());
        JsonElement option = root.GetProperty("options")[0];
        foreach (string key in new[] { "name", "kind", "total_cost_usd", "monthly" })
        {
            Assert.True(option.TryGetProperty(key, out _), key);
        }
        JsonElement month = option.GetProperty("monthly")[0];
        foreach (string key in new[] { "month", "requests", "input_tokens", "output_tokens", "cost_usd", "cost_breakdown", "ttft_p95_ms", "tpot_p95_ms", "e2e_p99_ms", "slo_attainment", "gpu_hours", "gross_margin" })
        {
            Assert.True(month.TryGetProperty(key, out _), key);
        }
        JsonElement be = root.GetProperty("break_even")[0];
        foreach (string key in new[] { "option", "baseline", "month", "crossover_requests_per_day" })
        {
            Assert.True(be.TryGetProperty(key, out _), key);
        }
        Assert.Equal("api", root.GetProperty("baseline").GetString());
        // The workload block states the same planned volume the monthly figures carry.
        JsonElement volume = root.GetProperty("workload").GetProperty("volume");
        Assert.Equal(500, volume.GetProperty("first_month").GetProperty("requests_per_day").GetDouble());
        Assert.Equal(550, volume.GetProperty("horizon_month").GetProperty("requests_per_day").GetDouble());
        Assert.Equal(month.GetProperty("planned_requests").GetDouble(), volume.GetProperty("first_month").GetProperty("planned_requests").GetDouble());
        Assert.Equal(option.GetProperty("monthly")[1].GetProperty("planned_requests").GetDouble(), volume.GetProperty("horizon_month").GetProperty("planned_requests").GetDouble());
        Assert.Equal(100, root.GetProperty("workload").GetProperty("classes")[0].GetProperty("input_tokens").GetProperty("tokens").GetInt32());
    }

    [Fact]
    public void GrossMarginIsRevenueLessCogsOverRevenue()
    {
        SummaryDocument doc = SummaryJsonWriter.Build(SmallRun());
        MonthSection m = doc.Options[1].Monthly[0];
        double revenue = m.RequestsServed!.Value * 0.01;
        Assert.Equal(Math.Round((revenue - m.CostUsd!.Value) / revenue, 4), m.GrossMargin!.Value, 3);
    }

    [Fact]
    public void CsvAndMarkdownCarryTheSameFigures()
    {
        SummaryDocument doc = SummaryJsonWriter.Build(SmallRun());
        string csv = MonthlyCsvWriter.Serialize(doc);
        Assert.Equal(1 + 2 * 2, csv.TrimEnd('\n').Split('\n').Length);
        string md = MarkdownReportWriter.Write(doc);
        Assert.Contains("## Recommendation", md);
        Assert.Contains(doc.Recommendation.Text, md);
        Assert.Contains("## Break-even against api", md);
        Assert.Contains("## Assumptions", md);
        Assert.Contains("## Methodology", md);
    }

    [Fact]
    public void WritersIgnoreTheCurrentCulture()
    {
        RunReport run = SmallRun();
        string Invariant() => SummaryJsonWriter.Serialize(SummaryJsonWriter.Build(run)) + MarkdownReportWriter.Write(SummaryJsonWriter.Build(run)) + MonthlyCsvWriter.Serialize(SummaryJsonWriter.Build(run));
        string expected = Invariant();
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.Equal(expected, Invariant());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
