using Planner.Reports.Charts;
using Planner.Reports.Figures;
using Planner.Reports.Json;

namespace Planner.Reports.Tests;

/// <summary>The report draws the charts its data supports, and only those.</summary>
public sealed class ReportChartsTests
{
    private static Dictionary<string, ChartSpec> Charts(SummaryDocument s) => ReportCharts.Build(s).ToDictionary(c => c.Spec.Id, c => c.Spec);

    [Fact]
    public void HasEveryChartTheSampleSupports()
    {
        Dictionary<string, ChartSpec> charts = Charts(SampleSummary.Create());
        Assert.Equal(
            ["total-cost", "monthly-cogs", "cumulative-cost", "cost-breakdown-api-mini", "cost-breakdown-gpu-l4", "cost-breakdown-gpu-h100-spot",
             "cost-per-1k", "ttft-p95", "e2e-p99", "utilization", "replicas", "day-traffic", "day-replicas"],
            charts.Keys);
        Assert.Equal(3, charts["monthly-cogs"].Series.Count);
        Assert.Equal(2, charts["utilization"].Series.Count);
        Assert.Single(charts["day-replicas"].Series);
    }

    [Fact]
    public void RepresentativeDayIsLeftOutWhenTheSummaryHasNone()
    {
        Dictionary<string, ChartSpec> charts = Charts(SampleSummary.Create(withTimeline: false));
        Assert.DoesNotContain("day-traffic", charts.Keys);
        Assert.DoesNotContain("day-replicas", charts.Keys);
    }

    [Fact]
    public void TheDaysReplicasCaptionDescribesARampOnlyWhereThereIsOne()
    {
        SummaryDocument s = SampleSummary.Create();
        Assert.Equal("Scale-up follows the rise in load after a cold start; scale-down waits for the stabilisation window.",
            ReportCharts.Build(s).Single(c => c.Spec.Id == "day-replicas").Caption);

        // A flat load (a trace hour repeated round the clock) holds the fleet at one size all day.
        OptionSection l4 = s.Options[1];
        TimelineSection flat = l4.Timeline! with { Points = [.. l4.Timeline!.Points.Select(p => p with { Replicas = 4 })] };
        s = s with { Options = [s.Options[0], l4 with { Timeline = flat }, s.Options[2]] };
        Assert.Equal("Each fleet holds the same replicas all day: its load does not move enough over the day to need another, or to spare one.",
            ReportCharts.Build(s).Single(c => c.Spec.Id == "day-replicas").Caption);
    }

    [Fact]
    public void BreakEvenIsMarkedOnTheCumulativeChart()
    {
        ChartSpec cumulative = Charts(SampleSummary.Create())["cumulative-cost"];
        ChartMarker marker = Assert.Single(cumulative.Markers);
        Assert.Equal(4, marker.X);
        Assert.Contains("gpu-l4", marker.Label);
        Assert.Contains("2027-05", marker.Label);
        Assert.Contains("breaks even against api-mini in 2027-05", cumulative.Description);
    }

    [Fact]
    public void AnOptionCheaperFromTheStartIsNotSaidToBreakEven()
    {
        // As in the break-even card: from the first month there is nothing to pay back (the Azure replay's API said "breaks even in 2027-01").
        SummaryDocument s = SampleSummary.Create();
        s = s with { Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { BreakEvenMonth = 1, BreakEvenCalendarMonth = "2027-01" } } };

        ReportChart chart = ReportCharts.Build(s).Single(c => c.Spec.Id == "cumulative-cost");

        Assert.Equal("gpu-l4 cheaper from the start", Assert.Single(chart.Spec.Markers).Label);
        Assert.Equal("A ring marks the first month: gpu-l4's cumulative cost is at or below api-mini's from the start (2027-01), one-time costs included: there is nothing to pay back.", chart.Caption);
        Assert.DoesNotContain("breaks even", chart.Spec.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAlternativeCheaperOnlyByMissingTheSloGetsNoBreakEvenRing()
    {
        // As in the break-even card: api-mini costs less from month 1 but misses the SLO every month.
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Options = [s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select(m => m with { SloMet = false })], MeetsSloThroughout = false }, s.Options[1], s.Options[2]],
            Recommendation = s.Recommendation with
            {
                Alternative = s.Recommendation.Alternative! with
                {
                    MeetsSlo = false, MonthsMissingSlo = 6, SavingsUsd = -1234, CheaperAtHorizon = "api-mini", CheaperFromMonth = 1,
                    CheaperFromCalendarMonth = "2027-01", BreakEvenMonth = 1, BreakEvenCalendarMonth = "2027-01",
                },
            },
        };
        ReportChart cumulative = ReportCharts.Build(s).Single(c => c.Spec.Id == "cumulative-cost");
        Assert.Empty(cumulative.Spec.Markers);
        Assert.Contains("api-mini costs less, but misses the SLO in 6 of 6 months, so no break-even point is marked.", cumulative.Spec.Description);
        Assert.DoesNotContain("breaks even", cumulative.Caption);
    }

    [Fact]
    public void CostBreakdownShowsOnlyWhatTheOptionPaysFor()
    {
        Dictionary<string, ChartSpec> charts = Charts(SampleSummary.Create());
        Assert.Equal(["API tokens"], charts["cost-breakdown-api-mini"].Series.Select(s => s.Name));
        Assert.Equal(["GPU serving", "GPU idle", "GPU cold start", "Fixed costs"], charts["cost-breakdown-gpu-l4"].Series.Select(s => s.Name));
        // One scale for all, so the options can be compared by eye.
        Assert.Single(charts.Values.Where(c => c.Id.StartsWith("cost-breakdown-", StringComparison.Ordinal)).Select(c => c.Y.Max).Distinct());
    }

    [Fact]
    public void SloTargetsAreReferenceLines()
    {
        Dictionary<string, ChartSpec> charts = Charts(SampleSummary.Create());
        Assert.Equal(1000, Assert.Single(charts["ttft-p95"].ReferenceLines).Y);
        Assert.Equal(20_000, Assert.Single(charts["e2e-p99"].ReferenceLines).Y);
    }

    [Fact]
    public void AnOptionKeepsItsColourInEveryChart()
    {
        Dictionary<string, ChartSpec> charts = Charts(SampleSummary.Create());
        Assert.Equal(1, charts["monthly-cogs"].Series.Single(s => s.Name == "gpu-l4").ColorIndex);
        Assert.Equal(1, charts["utilization"].Series.Single(s => s.Name == "gpu-l4").ColorIndex);
        Assert.Equal(1, charts["day-replicas"].Series.Single(s => s.Name == "gpu-l4").ColorIndex);
    }

    [Theory]
    [InlineData("llama-8b-l4", "llama-8b-l4")]
    [InlineData("GPT 4.1 mini (EU)", "gpt-4-1-mini-eu")]
    [InlineData("../../etc", "etc")]
    [InlineData("日本", "option")]
    public void SlugsAreSafeFileNames(string name, string slug) => Assert.Equal(slug, ReportCharts.Slug(name));

    [Fact]
    public void OptionsWhoseSlugsCollideGetDistinctFiles()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { Options = [s.Options[0], s.Options[1], s.Options[2] with { Name = "GPU L4" }] };
        var ids = ReportCharts.Build(s).Select(c => c.Spec.Id).Where(id => id.StartsWith("cost-breakdown-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cost-breakdown-api-mini", "cost-breakdown-gpu-l4", "cost-breakdown-gpu-l4-2"], ids);
    }
}
