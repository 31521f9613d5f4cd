using Planner.Reports.Json;
using Planner.Reports.Narrative;

namespace Planner.Reports.Tests;

/// <summary>
/// Months whose SLO verdict the simulation's own noise could turn are named in the risks. The
/// sample's SLO is p95 TTFT ≤ 1,000 ms; api-mini meets it at 900 + 10·i ms (10% to 5% under it),
/// gpu-h100 spot misses it by 10% (1,100 ms) in its first two months and meets it by 70% after.
/// </summary>
public sealed class SloEdgeTests
{
    private static SummaryDocument WithNoise(double apiTtftSpread, double spotTtftSpread, double spotRejected = 0)
    {
        SummaryDocument s = SampleSummary.Create();
        NoiseSection Noise(double ttft) => new([1, 6], 0.01, 0.02, ttft / 2, ttft) { MaxTpotP95Spread = 0.02, MaxE2eP99Spread = 0.02 };
        OptionSection spot = s.Options[2] with
        {
            Noise = Noise(spotTtftSpread),
            Monthly = [.. s.Options[2].Monthly.Select((m, i) => i == 0 ? m with { RequestsRejected = spotRejected, RequestsServed = m.Requests - spotRejected } : m)],
        };
        return s with { Options = [s.Options[0] with { Noise = Noise(apiTtftSpread) }, s.Options[1], spot], Simulation = s.Simulation with { DaysPerMonth = 1 } };
    }

    [Fact]
    public void AMonthMeetingATargetByLessThanItsSpreadIsNamedWithTheClosestMonth()
    {
        // Spread 6%: only 2027-06 (950 ms, 5.0% under) is inside it; 2027-05 (940 ms) is 6.0% under, not less.
        SummaryDocument s = WithNoise(apiTtftSpread: 0.06, spotTtftSpread: 0);
        SloEdge.EdgeMonth edge = Assert.Single(SloEdge.Months(s.Scenario, s.Options[0]));
        Assert.Equal("2027-06", edge.Month.CalendarMonth);
        Assert.Equal(0.05, edge.Margin, 12);
        Assert.True(edge.Met);
        Assert.Equal("api-mini meets the SLO by less than the simulation's seed-to-seed noise in 1 of 6 months (closest: 2027-06, p95 TTFT 950 ms against 1,000 ms, 5.0% under it, "
            + "where two seeds' p95 TTFT differed by up to 6.0%): another seed may find that month missing it; "
            + "more independent days per month than the one weekday and one weekend day simulated (simulation: days_per_month) narrow that noise.",
            Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("api-mini meets", StringComparison.Ordinal)));
    }

    [Fact]
    public void AMonthMissingOnlyByLatencyAndByLessThanItsSpreadMayMeetItWithAnotherSeed()
    {
        SummaryDocument s = WithNoise(apiTtftSpread: 0, spotTtftSpread: 0.12);
        Assert.Equal(["2027-01", "2027-02"], SloEdge.Months(s.Scenario, s.Options[2]).Select(e => e.Month.CalendarMonth));
        Assert.Equal("gpu-h100 spot misses the SLO by less than the simulation's seed-to-seed noise in 2 of 6 months (closest: 2027-01, p95 TTFT 1,100 ms against 1,000 ms, 10.0% over it, "
            + "where two seeds' p95 TTFT differed by up to 12.0%): another seed may find those months meeting it; "
            + "more independent days per month than the one weekday and one weekend day simulated (simulation: days_per_month) narrow that noise.",
            Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-h100 spot misses the SLO by", StringComparison.Ordinal)));
        // 10% over against a spread of 10%: not less, so not at the edge.
        Assert.Empty(SloEdge.Months(s.Scenario, WithNoise(0, 0.10).Options[2]));
    }

    [Fact]
    public void AMonthMissedByRejectionsIsNotCalledCloseWhateverItsLatency()
    {
        // 2% of 2027-01's requests rejected: over the 1% a month may lose, whatever its TTFT.
        SummaryDocument s = WithNoise(apiTtftSpread: 0, spotTtftSpread: 0.12, spotRejected: 0.02 * 300_000);
        Assert.Equal(["2027-02"], SloEdge.Months(s.Scenario, s.Options[2]).Select(e => e.Month.CalendarMonth));
    }

    [Fact]
    public void ASpreadBelowTheHistogramsResolutionCountsAsItAndNoMeasuredSpreadMakesNoClaim()
    {
        // Both seeds in one bucket (spread 0): a month 1.5% under its target is still within the 2% a percentile is resolved to.
        SummaryDocument s = SampleSummary.Create();
        OptionSection api = s.Options[0] with
        {
            Noise = new NoiseSection([1, 6], 0, 0, 0, 0),
            Monthly = [.. s.Options[0].Monthly.Select((m, i) => i == 3 ? m with { TtftP95Ms = 985 } : m)],
        };
        SloEdge.EdgeMonth edge = Assert.Single(SloEdge.Months(s.Scenario, api));
        Assert.Equal(SloEdge.Resolution, edge.Spread);
        Assert.Contains("where two seeds' p95 TTFT differed by no more than the 2.0% its histogram resolves", SloEdge.Sentence(s, api), StringComparison.Ordinal);
        // Without a noise section (noise not measured, or a summary from before it was) nothing is claimed.
        Assert.Empty(SloEdge.Months(s.Scenario, api with { Noise = null }));
        Assert.DoesNotContain(ReportFacts.From(s).Risks, r => r.Contains("seed-to-seed noise in", StringComparison.Ordinal));
    }

    [Fact]
    public void ATargetWithinItsSpreadIsFoundBesideACloserOneThatIsNot()
    {
        // 2027-03: p95 TTFT 3.0% under its target with a 2% spread (outside it), p99 end-to-end 5.0%
        // under with a 6% spread (inside): the month is at the edge, named by end-to-end.
        SummaryDocument s = SampleSummary.Create();
        OptionSection api = s.Options[0] with
        {
            Noise = new NoiseSection([1, 6], 0, 0, 0, 0.02) { MaxTpotP95Spread = 0.02, MaxE2eP99Spread = 0.06 },
            Monthly = [.. s.Options[0].Monthly.Select((m, i) => i == 2 ? m with { TtftP95Ms = 970, E2eP99Ms = 19_000 } : m)],
        };
        SloEdge.EdgeMonth edge = Assert.Single(SloEdge.Months(s.Scenario, api));
        Assert.Equal(("2027-03", "p99 end-to-end"), (edge.Month.CalendarMonth, edge.Percentile));
        // Without end-to-end's spread (a summary that measured TTFT's alone), nothing is claimed of it, and TTFT's 3% stands outside its 2%.
        Assert.Empty(SloEdge.Months(s.Scenario, api with { Noise = api.Noise! with { MaxE2eP99Spread = null } }));
    }
}
