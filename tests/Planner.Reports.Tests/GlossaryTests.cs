using Planner.Reports.Json;
using Planner.Reports.Narrative;

namespace Planner.Reports.Tests;

/// <summary>The terms both reports explain to a reader who does not run models.</summary>
public sealed class GlossaryTests
{
    [Fact]
    public void BothReportsExplainTheTermsTheirTextUsesAndOnlyTheRunsOwnKindsOfOption()
    {
        SummaryDocument s = SampleSummary.Create();
        IReadOnlyList<string> terms = [.. Glossary.Terms(s).Select(t => t.Term)];
        foreach (string term in new[] { "COGS", "SLO", "TTFT", "TPOT", "p50, p95, p99", "KV cache", "roofline", "cold start", "autoscaler target" })
        {
            Assert.Contains(term, terms);
        }
        // The sample has a spot fleet and no hybrid.
        Assert.Contains("spot", terms);
        Assert.DoesNotContain("hybrid", terms);
        Assert.DoesNotContain("spot", Glossary.Terms(s with { Options = [.. s.Options.Where(o => o.PricingModel != "spot")] }).Select(t => t.Term));

        string md = Markdown.MarkdownReportWriter.Write(s, [], "charts");
        Assert.Contains("## Terms used in this report\n\n- **COGS**: cost of goods sold", md, StringComparison.Ordinal);
        string html = Html.HtmlReportWriter.Write(s, []);
        Assert.Contains("<section id=\"terms\">", html, StringComparison.Ordinal);
        Assert.Contains("<dt>TTFT</dt><dd>time to first token", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#terms\">Terms</a>", html, StringComparison.Ordinal);
    }
}
