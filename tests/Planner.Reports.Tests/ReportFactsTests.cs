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
            Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { MeetsSlo = false, MonthsMissingSlo = 6, SavingsUsd = -1234 } },
        };
        KeyFigure k = Figure(s, "Cost of meeting the SLO");
        Assert.Equal("$1,234", k.Value);
        Assert.Equal("gpu-l4 costs more than api-mini by 2027-06, which misses the SLO in 6 of 6 months", k.Note);
        KeyFigure alternative = Figure(s, "Best alternative");
        Assert.Contains("misses the SLO in 6 of 6 months, so no valid alternative", alternative.Note);
    }

    [Fact]
    public void BaselineRecommendedShowsWhatTheBestAlternativeWouldCost()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Recommendation = s.Recommendation with
            {
                Option = "api-mini",
                Alternative = new AlternativeSection("gpu-l4", true, 0, 60_080, 59_580, 500, "gpu-l4", 2, "2027-02", 10_677, null, null),
            },
        };
        KeyFigure saving = Figure(s, "Savings");
        Assert.Equal("$500", saving.Value);
        Assert.Equal("api-mini against gpu-l4, cumulative to 2027-06", saving.Note);
        KeyFigure alternative = Figure(s, "Best alternative");
        Assert.Equal("$60,080", alternative.Value);
        Assert.StartsWith("gpu-l4, 6 months", alternative.Note);
        Assert.Contains("meets the SLO every month", alternative.Note);
    }

    [Fact]
    public void NoBreakEvenNamesTheCrossoverMonthAndVolume()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { BreakEvenMonth = null, BreakEvenCalendarMonth = null } } };
        KeyFigure k = Figure(s, "Break-even");
        Assert.Equal("Not within 6 months", k.Value);
        Assert.Contains("gpu-l4 costs less per month from 2027-02 (month 2, about 10,677 requests/day)", k.Note);
        Assert.Contains("it has not paid for itself by 2027-06", k.Note);
    }

    [Fact]
    public void BreakEvenAndSavingsNameTheBestAlternativeNotAnotherOption()
    {
        // The spot option breaks even against the baseline earlier here, but the best alternative is the baseline.
        SummaryDocument s = SampleSummary.Create();
        s = s with { BreakEven = [s.BreakEven[0], s.BreakEven[1] with { Month = 2, CalendarMonth = "2027-02", SavingsAtHorizonUsd = 9_999 }] };
        ReportFacts facts = ReportFacts.From(s);
        Assert.DoesNotContain(facts.KeyFigures, k => k.Note.Contains("gpu-h100 spot", StringComparison.Ordinal));
        Assert.Equal("Month 5 (2027-05)", Figure(s, "Break-even").Value);
        Assert.Equal("gpu-l4 against api-mini, cumulative cost incl. one-time costs; gpu-l4 costs less per month from 2027-02 (month 2, about 10,677 requests/day)", Figure(s, "Break-even").Note);
    }

    private static SummaryDocument WithApiWaits(Func<MonthSection, MonthSection> change)
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection api = s.Options[0];
        return s with { Options = [api with { Monthly = [.. api.Monthly.Select(change)] }, s.Options[1], s.Options[2]] };
    }

    [Fact]
    public void The_roofline_risk_says_when_no_published_measurement_checks_an_options_gpu()
    {
        SummaryDocument plain = SampleSummary.Create();
        SummaryDocument unchecked_ = plain with
        {
            Options = [.. plain.Options.Select(o => o.Name == "gpu-l4" ? o with { PerformanceSource = o.PerformanceSource + $"; {Core.Specs.PerformanceValidationSpec.UncheckedPhrase} L4 checks the step times" } : o)],
        };

        string before = Assert.Single(ReportFacts.From(plain).Risks, r => r.Contains("roofline estimates", StringComparison.Ordinal));
        string after = Assert.Single(ReportFacts.From(unchecked_).Risks, r => r.Contains("roofline estimates", StringComparison.Ordinal));

        Assert.DoesNotContain("No published measurement", before, StringComparison.Ordinal);
        Assert.EndsWith("No published measurement on their GPUs checks these estimates (calibration/VALIDATION.md).", after, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutWaitsThereIsNoThrottlingOrOutageRisk()
    {
        SummaryDocument s = WithApiWaits(m => m with
        {
            Backoffs = 0, RequestsRejected = 0, RateLimitBackoffs = 0, RateLimitWaitSeconds = 0, OutageBackoffs = 0, OutageWaitSeconds = 0,
            RejectedAfterRateLimit = 0, RejectedAfterOutage = 0,
        });
        IReadOnlyList<string> risks = ReportFacts.From(s).Risks;
        Assert.DoesNotContain(risks, r => r.Contains("throttled", StringComparison.Ordinal) || r.Contains("rate limit", StringComparison.Ordinal));
        Assert.DoesNotContain(risks, r => r.Contains("held up by API outages", StringComparison.Ordinal));
    }

    [Fact]
    public void OutageWaitsAreNamedAsOutagesWithTheirEffectOnLatencyAndCost()
    {
        string risk = Assert.Single(ReportFacts.From(SampleSummary.Create()).Risks, r => r.StartsWith("api-mini", StringComparison.Ordinal));
        Assert.Equal("api-mini is held up by API outages (availability 99.9%), not by its rate limits: 1,500 back-offs while the API was down (3.0 s each on average) " +
            "and 75 requests rejected after waiting over the horizon; worst in 2027-06: p99 end-to-end 12,000 ms against 20,000 ms, p95 TTFT 950 ms; " +
            "the waits add no token cost, the rejected requests are not billed but forgo $0.75 of revenue.", risk);
    }

    [Fact]
    public void RateLimitWaitsAreNamedAsThrottling()
    {
        SummaryDocument s = WithApiWaits(m => m with
        {
            RateLimitBackoffs = m.Backoffs, RateLimitWaitSeconds = 2 * m.Backoffs, OutageBackoffs = 0, OutageWaitSeconds = 0,
            RejectedAfterRateLimit = m.RequestsRejected, RejectedAfterOutage = 0,
        });
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("api-mini", StringComparison.Ordinal));
        Assert.StartsWith("api-mini is throttled by its rate limits (RPM/TPM): 1,500 rate-limit back-offs (2.0 s each on average) and 75 requests rejected after waiting", risk);
        Assert.DoesNotContain("outage", risk, StringComparison.Ordinal);
    }

    [Fact]
    public void CapacityQueueingIsNamedForAFleet()
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection l4 = s.Options[1];
        s = s with { Options = [s.Options[0], l4 with { Monthly = [.. l4.Monthly.Select(m => m with { CapacityQueueWaits = m.Requests * 0.01, CapacityQueueWaitSeconds = m.Requests * 0.02 })] }, s.Options[2]] };
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
        Assert.Contains("(1.0%) waited at least 1 s for a batch slot or KV cache", risk);
        Assert.DoesNotContain("throttled", risk, StringComparison.Ordinal);
    }
}
