using Planner.Reports.Json;
using Planner.Reports.Narrative;

namespace Planner.Reports.Tests;

/// <summary>The headline figures say the right thing whichever option wins and why.</summary>
public sealed class ReportFactsTests
{
    private static KeyFigure Figure(SummaryDocument s, string labelStart) =>
        ReportFacts.From(s).KeyFigures.Single(k => k.Label.StartsWith(labelStart, StringComparison.Ordinal));

    [Fact]
    public void RecommendedOptionThatSavesShowsItsSaving()
    {
        KeyFigure k = Figure(SampleSummary.Create(), "Savings");
        Assert.Equal("$7,835", k.Value);
        Assert.Contains("gpu-l4 against api-mini", k.Note);
    }

    [Fact]
    public void RecommendedOptionThatCostsMoreShowsThePriceOfTheSlo()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Options = [s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select(m => m with { SloMet = false })] }, s.Options[1], s.Options[2]],
            BreakEven = [s.BreakEven[0] with { SavingsAtHorizonUsd = -1234 }, s.BreakEven[1]],
        };
        KeyFigure k = Figure(s, "Cost of meeting the SLO");
        Assert.Equal("$1,234", k.Value);
        Assert.Equal("gpu-l4 costs more than api-mini by 2027-06, which misses the SLO in 6 of 6 months", k.Note);
    }

    [Fact]
    public void BaselineRecommendedShowsWhatTheBestAlternativeWouldCost()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Recommendation = s.Recommendation with { Option = "api-mini" },
            BreakEven = [s.BreakEven[0] with { SavingsAtHorizonUsd = -500 }, s.BreakEven[1]],
        };
        KeyFigure k = Figure(s, "Savings");
        Assert.Equal("None", k.Value);
        Assert.Contains("the best alternative, gpu-l4, would cost $500 more than api-mini", k.Note);
    }

    [Fact]
    public void NoBreakEvenNamesTheCrossoverVolume()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { BreakEven = [s.BreakEven[0] with { Month = null, CalendarMonth = null }, s.BreakEven[1]] };
        KeyFigure k = Figure(s, "Break-even");
        Assert.Equal("Not within 6 months", k.Value);
        Assert.Contains("about 10,677 requests/day", k.Note);
    }
}
