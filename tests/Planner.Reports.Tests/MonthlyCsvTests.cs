using System.Globalization;
using Planner.Reports.Csv;

namespace Planner.Reports.Tests;

/// <summary>monthly.csv says what each cost column holds: COGS without one-time costs, the one-time costs, and the month's total with both.</summary>
public sealed class MonthlyCsvTests
{
    [Fact]
    public void TheMonthsTotalAddsOneTimeCostsToCogsAndSumsToTheCumulativeCost()
    {
        string[] lines = MonthlyCsvWriter.Serialize(SampleSummary.Create()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        List<string> header = [.. lines[0].Split(',')];
        int option = header.IndexOf("option"), cost = header.IndexOf("cost_usd"), oneTime = header.IndexOf("one_time_usd"),
            total = header.IndexOf("total_with_one_time_usd"), cumulative = header.IndexOf("cumulative_cost_usd");
        Assert.True(cost >= 0 && oneTime >= 0 && total == oneTime + 1 && cumulative > total, lines[0]);
        double Cell(string[] row, int i) => row[i].Length == 0 ? 0 : double.Parse(row[i], CultureInfo.InvariantCulture);
        bool anyOneTime = false;
        string? previousOption = null;
        double previousCumulative = 0;
        foreach (string[] row in lines.Skip(1).Select(l => l.Split(',')))
        {
            Assert.Equal(Cell(row, cost) + Cell(row, oneTime), Cell(row, total), 2);
            anyOneTime |= Cell(row, oneTime) > 0;
            double before = row[option] == previousOption ? previousCumulative : 0;
            Assert.Equal(before + Cell(row, total) + Cell(row, header.IndexOf("fine_tuning_usd")), Cell(row, cumulative), 1);
            (previousOption, previousCumulative) = (row[option], Cell(row, cumulative));
        }
        Assert.True(anyOneTime, "the sample has a one-time cost, so the test can tell the columns apart");
    }

    [Fact]
    public void AHybridsOverflowTokensHaveColumnsOfTheirOwn()
    {
        // The columns a reader multiplies out: 1.2 M uncached input at $0.40/M, 0.8 M cached at
        // $0.10/M, 0.5 M output at $1.60/M are the month's $1.36 of API tokens (the projection's
        // side of it, tokens to dollars, is FleetPolicyTests.ProjectorCostsAHybridAsGpusPlusOverflowTokens).
        Json.SummaryDocument s = SampleSummary.Create();
        Json.OptionSection l4 = s.Options[1];
        Json.MonthSection first = l4.Monthly[0] with
        {
            OverflowedRequests = 1_000, OverflowInputTokens = 2_000_000, OverflowCachedInputTokens = 800_000, OverflowOutputTokens = 500_000,
            CostBreakdown = l4.Monthly[0].CostBreakdown with { ApiTokensUsd = 1.36 },
        };
        s = s with { Options = [s.Options[0], l4 with { Kind = "hybrid", Monthly = [first, .. l4.Monthly.Skip(1)] }, s.Options[2]] };
        string[] lines = MonthlyCsvWriter.Serialize(s).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        List<string> header = [.. lines[0].Split(',')];
        string[] row = lines.Select(l => l.Split(',')).First(r => r[0] == "gpu-l4" && r[header.IndexOf("month")] == "1");
        double Cell(string name) => double.Parse(row[header.IndexOf(name)], CultureInfo.InvariantCulture);
        double input = Cell("overflow_input_tokens"), cached = Cell("overflow_cached_input_tokens"), output = Cell("overflow_output_tokens");
        Assert.Equal(((input - cached) * 0.40 + cached * 0.10 + output * 1.60) / 1e6, Cell("api_tokens_usd"), 2);
        // Other kinds leave the columns empty.
        string[] api = lines.Select(l => l.Split(',')).First(r => r[0] == "api-mini");
        Assert.Equal("", api[header.IndexOf("overflow_input_tokens")]);
    }

    [Fact]
    public void EveryRequestIsServedRejectedOrUnfinishedAndFineTuningHasAColumn()
    {
        // The sample's gpu-l4 in month 2: 360,000 requests, 350,000 served, 2,000 rejected, so 8,000
        // were still in flight when its days ended; a fine-tuning run of $346.87 that month counts
        // in the cumulative cost, which the column lets a reader add up.
        Json.SummaryDocument s = SampleSummary.Create();
        Json.OptionSection l4 = s.Options[1];
        Json.MonthSection second = l4.Monthly[1] with
        {
            RequestsServed = 350_000, RequestsRejected = 2_000,
            CostBreakdown = l4.Monthly[1].CostBreakdown with { FineTuningUsd = 346.87 },
            CumulativeCostUsd = l4.Monthly[1].CumulativeCostUsd + 346.87,
        };
        s = s with { Options = [s.Options[0], l4 with { Monthly = [l4.Monthly[0], second, .. l4.Monthly.Skip(2).Select(m => m with { CumulativeCostUsd = m.CumulativeCostUsd + 346.87 })] }, s.Options[2]] };
        string[] lines = MonthlyCsvWriter.Serialize(s).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        List<string> header = [.. lines[0].Split(',')];
        string[] row = lines.Select(l => l.Split(',')).First(r => r[0] == "gpu-l4" && r[header.IndexOf("month")] == "2");
        Assert.Equal("8000", row[header.IndexOf("requests_unfinished")]);
        Assert.Equal("346.87", row[header.IndexOf("fine_tuning_usd")]);
        foreach (string[] r in lines.Skip(1).Select(l => l.Split(',')))
        {
            double Cell(string name) => double.Parse(r[header.IndexOf(name)], CultureInfo.InvariantCulture);
            Assert.Equal(Cell("requests"), Cell("requests_served") + Cell("requests_rejected") + Cell("requests_unfinished"));
        }
        // A summary that records the count is taken at its word.
        Json.SummaryDocument recorded = s with { Options = [s.Options[0], s.Options[1] with { Monthly = [.. s.Options[1].Monthly.Select(m => m with { RequestsUnfinished = 7 })] }, s.Options[2]] };
        Assert.Equal("7", MonthlyCsvWriter.Serialize(recorded).Split('\n')[1..].Select(l => l.Split(',')).First(r => r[0] == "gpu-l4")[header.IndexOf("requests_unfinished")]);
    }
}
