using System.Text.RegularExpressions;
using Planner.Reports.Figures;
using Planner.Reports.Html;
using Planner.Reports.Json;

namespace Planner.Reports.Tests;

/// <summary>report.html is self-contained, escaped, and says what an investor needs first.</summary>
public sealed partial class HtmlReportWriterTests
{
    private static string Html(SummaryDocument s) => HtmlReportWriter.Write(s, ReportCharts.Build(s));

    [Fact]
    public void HasEverySectionInOrder()
    {
        string html = Html(SampleSummary.Create());
        int last = -1;
        foreach (string id in HtmlReportWriter.SectionIds)
        {
            int at = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
            Assert.True(at > last, id);
            last = at;
        }
    }

    [Fact]
    public void IsSelfContained()
    {
        string html = Html(SampleSummary.Create());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        // Charts clip their lines to the plot with clip paths of the same page (url(#…)); nothing else is referenced.
        Assert.DoesNotMatch(@"url\((?!#)", html);
        Assert.DoesNotMatch(SourceAttribute(), html);
        Assert.Matches(@"(?s)<style>.*@media print.*</style>", html);
    }

    [Fact]
    public void EscapesEverythingFromTheScenario()
    {
        SummaryDocument s = SampleSummary.Create(name: "<script>alert(1)</script>");
        s = s with { Options = [s.Options[0] with { Name = "api <b>&</b>" }, s.Options[1], s.Options[2]] };
        string html = Html(s);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("api &lt;b&gt;&amp;&lt;/b&gt;", html);
        Assert.Contains("A chat product for &lt;b&gt;R&amp;D&lt;/b&gt; teams", html);
        Assert.Contains("https://example.com/pricing?a=1&amp;b=2", html);
        Assert.Contains("quote from &quot;GPU Co&quot;", html);
    }

    [Fact]
    public void ExecutiveSummaryStatesTheDecisionAndItsRisks()
    {
        string html = Html(SampleSummary.Create());
        string summary = html[html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal)..html.IndexOf("<section id=\"charts\">", StringComparison.Ordinal)];
        Assert.Contains("<p class=\"choice\">gpu-l4</p>", summary);
        Assert.Contains("Month 5 (2027-05)", summary);
        Assert.Contains("Saved against the best alternative", summary);
        Assert.Contains("Gross margin at horizon", summary);
        Assert.Contains("gpu-h100 spot misses the SLO in 2 of 6 months (first in 2027-01: p95 TTFT 1,100 ms against 1,000 ms)", summary);
        Assert.Contains("api-mini is held up by API outages (availability 99.9%), not by its rate limits: 1,500 back-offs while the API was down (3.0 s each on average) and 75 requests rejected after waiting", summary);
        Assert.DoesNotContain("throttled", summary);
        Assert.Contains("api-mini 99.9% (about 43 minutes of outage in a 30-day month)", summary);
        Assert.Contains("spot interruptions are not simulated", summary);
        Assert.Contains("1 price is more than 12 months older than the start month", summary);
        Assert.Contains("roofline estimates", summary);
    }

    [Fact]
    public void WithoutRevenueThereIsNoMargin()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { Scenario = s.Scenario with { RevenuePerRequestUsd = null } };
        Assert.DoesNotContain("gross margin", Html(s), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AssumptionsFlagStalePrices()
    {
        string html = Html(SampleSummary.Create());
        Assert.Contains("2025-04-14 <span class=\"stale\">stale</span>", html);
        Assert.Contains("measured profile h100-tiny.yaml (error 4.1%)", html);
    }

    [Fact]
    public void EveryChartIsInline()
    {
        SummaryDocument s = SampleSummary.Create();
        string html = Html(s);
        foreach (ReportChart chart in ReportCharts.Build(s))
        {
            Assert.Contains($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"{chart.Spec.Id}\"", html);
        }
    }

    [GeneratedRegex(@"\s(src|href)=""(?!#)", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();
}
