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
            Assert.Equal(before + Cell(row, total), Cell(row, cumulative), 1);
            (previousOption, previousCumulative) = (row[option], Cell(row, cumulative));
        }
        Assert.True(anyOneTime, "the sample has a one-time cost, so the test can tell the columns apart");
    }
}
