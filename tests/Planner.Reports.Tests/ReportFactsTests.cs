using Planner.Reports.Json;
using Planner.Reports.Narrative;

namespace Planner.Reports.Tests;

/// <summary>The headline figures say the right thing whichever option wins and why.</summary>
public sealed class ReportFactsTests
{
    private static KeyFigure Figure(SummaryDocument s, string labelStart) =>
        ReportFacts.From(s).KeyFigures.Single(k => k.Label.StartsWith(labelStart, StringComparison.Ordinal));

    /// <summary>The summary with option <paramref name="index"/> changed, the others as they are.</summary>
    private static SummaryDocument WithOption(SummaryDocument s, int index, Func<OptionSection, OptionSection> change) =>
        s with { Options = [.. s.Options.Select((o, i) => i == index ? change(o) : o)] };

    /// <summary>The summary with every month of gpu-l4 (option 1) changed.</summary>
    private static SummaryDocument WithL4Months(SummaryDocument s, Func<MonthSection, int, MonthSection> change) =>
        WithOption(s, 1, o => o with { Monthly = [.. o.Monthly.Select(change)] });

    private static SummaryDocument WithModels(string api, string l4, string h100)
    {
        SummaryDocument s = SampleSummary.Create();
        return s with { Options = [s.Options[0] with { Models = [api] }, s.Options[1] with { Models = [l4] }, s.Options[2] with { Models = [h100] }] };
    }

    [Fact]
    public void ARecommendationOfAnotherModelThanTheBaselinesSaysWhatItAssumes()
    {
        // gpu-l4 is recommended against the baseline api-mini.
        List<string> risks = [.. ReportFacts.From(WithModels("gpt-4.1-mini", "Llama 3.1 8B Instruct", "Llama 3.1 8B Instruct")).Risks];
        Assert.Contains("The options answer with different models (gpt-4.1-mini, Llama 3.1 8B Instruct): Planner compares their cost and latency, not the quality of their answers. "
            + "Recommending gpu-l4 assumes Llama 3.1 8B Instruct answers well enough for the product, as gpt-4.1-mini in the baseline api-mini does; check that on real requests before switching.", risks);
    }

    [Fact]
    public void OneModelEverywhereOrASummaryWithoutModelsSaysNothingOfQuality()
    {
        Assert.DoesNotContain(ReportFacts.From(WithModels("m", "m", "m")).Risks, r => r.Contains("quality", StringComparison.Ordinal));
        Assert.DoesNotContain(ReportFacts.From(SampleSummary.Create()).Risks, r => r.Contains("quality", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecommendationOnTheBaselinesModelWarnsOnlyAboutTheAlternatives()
    {
        // The recommended gpu-l4 runs what the baseline runs; the h100 option another model.
        string risk = Assert.Single(ReportFacts.From(WithModels("m", "m", "other")).Risks, r => r.Contains("different models", StringComparison.Ordinal));
        Assert.EndsWith("An alternative on another model is a choice only if that model answers well enough for the product.", risk, StringComparison.Ordinal);
    }

    /// <summary>The sample's gpu-l4 as a hybrid that sent <paramref name="overflowed"/>(month index) requests to its API, with $0.05 of tokens each.</summary>
    private static SummaryDocument WithHybrid(Func<int, double> overflowed)
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection l4 = s.Options[1];
        OptionSection hybrid = l4 with
        {
            Kind = "hybrid",
            Hybrid = new HybridPolicySection(2, 0.3, "self_hosted"),
            Monthly = [.. l4.Monthly.Select((m, i) => m with
            {
                OverflowedRequests = overflowed(i),
                CostBreakdown = m.CostBreakdown with { ApiTokensUsd = 0.05 * overflowed(i) },
            })],
        };
        return s with { Options = [s.Options[0], hybrid, s.Options[2]] };
    }

    [Fact]
    public void HybridThatNeverOverflowedIsSaidToBeItsFleetAlone()
    {
        string risk = Assert.Single(ReportFacts.From(WithHybrid(_ => 0)).Risks, r => r.StartsWith("gpu-l4 sent", StringComparison.Ordinal));
        Assert.Equal("gpu-l4 sent no request to its API over the horizon: its fleet's queue wait was never above the overflow threshold (overflow_queue_wait_s) "
            + "when a request that may leave the fleet arrived, so its costs and latency are its fleet's alone; a lower threshold sends bursts to the API.", risk);
    }

    [Fact]
    public void HybridThatOverflowedSaysHowMuchAndWhen()
    {
        // 0, 300, 600, …, 1,500 requests: 4,500 in all; month 6 (2027-06, 1,500 of 746,496) has the largest share.
        SummaryDocument s = WithHybrid(i => 300 * i);
        double requests = s.Options[1].Monthly.Sum(m => m.Requests!.Value);
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 sent", StringComparison.Ordinal));
        string share = (4500 / requests).ToString("0.00%", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"gpu-l4 sent 4,500 requests ({share}) to its API over the horizon (none before 2027-02), $225 of API tokens in all; the largest share in 2027-06 (0.20% of its requests); "
            + "the monthly figures in the appendix give each month's.", risk);

        // The appendix gives each month's overflow beside its API tokens, in both reports; other kinds have no such column.
        string md = Markdown.MarkdownReportWriter.Write(s, [], "charts");
        Assert.Contains("| month | requests | rejected | unfinished | overflowed to API | COGS |", md, StringComparison.Ordinal);
        Assert.Contains($"| 2027-01 | {Formatting.Fmt.Count(s.Options[1].Monthly[0].Requests!.Value)} | 0 | 0 | ", md, StringComparison.Ordinal);
        Assert.Contains($" | 1,500 (0.20%) | ", md, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, "overflowed to API"));
        string html = Html.HtmlReportWriter.Write(s, []);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<th class=\"num\">overflowed to API</th>"));
        Assert.Contains("<td class=\"num\">1,500 (0.20%)</td>", html, StringComparison.Ordinal);
        // The methodology states the policy the scenario set.
        Assert.Contains("Here gpu-l4 overflows above 2 s, never sends 30% of its traffic (its compliance_share) to its API, and sends overflow back to its fleet while its API is down.", md, StringComparison.Ordinal);
        // A compliance share of 0 keeps nothing on the fleet: it is not said as "keeps 0%".
        SummaryDocument none = s with { Options = [.. s.Options.Select(o => o.Hybrid is null ? o : o with { Hybrid = o.Hybrid with { ComplianceShare = 0 } })] };
        Assert.Contains("overflows above 2 s, may send any request to its API (compliance_share 0), and", Markdown.MarkdownReportWriter.Write(none, [], "charts"), StringComparison.Ordinal);

        // With the compliance counts (summaries from 2026-12-07 on), what stayed adds up with what left.
        SummaryDocument counted = s with
        {
            Options = [.. s.Options.Select(o => o.Hybrid is null ? o : o with { Monthly = [.. o.Monthly.Select(m => m with { ComplianceRequests = Math.Round(0.3 * m.Requests!.Value) })] })],
        };
        double kept = counted.Options[1].Monthly.Sum(m => m.ComplianceRequests!.Value);
        string withKept = Assert.Single(ReportFacts.From(counted).Risks, r => r.StartsWith("gpu-l4 sent", StringComparison.Ordinal));
        Assert.Contains($"; its compliance_share of 30% kept {Formatting.Fmt.Count(kept)} (30.0%) on its fleet by rule, and {Formatting.Fmt.Count(requests - kept - 4500)} more that could have left stayed on it; ",
            withKept, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.997, 6.0, 0.05, true)]
    [InlineData(0.85, 6.0, 0.05, false)] // not busy enough to read as saturated
    [InlineData(0.997, 60.0, 0.45, false)] // busy and full: utilization is what it seems
    public void ABusyFleetRunningSmallBatchesIsNotCalledSaturated(double utilization, double batch, double kv, bool said)
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection l4 = s.Options[1];
        MonthSection last = l4.Monthly[^1] with { Utilization = utilization, BatchSizeP50 = batch, KvUtilizationP95 = kv };
        s = s with { Options = [s.Options[0], l4 with { Monthly = [.. l4.Monthly.SkipLast(1), last] }, s.Options[2]] };
        string? risk = ReportFacts.From(s).Risks.SingleOrDefault(r => r.StartsWith("gpu-l4's replicas are busy", StringComparison.Ordinal));
        if (said)
        {
            Assert.Equal("gpu-l4's replicas are busy 99.7% of the time in 2027-06 (at least one request in flight), but far from full: a median batch of 6 sequences and 5% of the KV cache "
                + "in use at the 95th percentile. Utilization here is not compute load: its replicas have memory for many more sequences, though each one added lengthens every step, so how much more traffic they carry within the SLO is what planner optimize measures; and its cost is the capacity it keeps (whole instances, min_replicas, "
                + "or an autoscaler target reached long before a replica is full), not its load.", risk);
        }
        else
        {
            Assert.Null(risk);
        }
        // An API has no replicas to be busy.
        Assert.Null(ReportFacts.BusyButEmpty(s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select(m => m with { Utilization = 1, BatchSizeP50 = 1, KvUtilizationP95 = 0 })] }));
    }

    /// <summary>What a busy but empty fleet's cost is said to be, by what sizes it (the sample's gpu-l4 holds 4.5 replicas on average in its last month).</summary>
    [Theory]
    [InlineData(null, 5, "concurrency", 4.0, "its cost is the capacity it must rent (whole instances, min_replicas), not its load.")]
    [InlineData(null, 4, "concurrency", 4.0, "its autoscaler holds 4.5 replicas on average against a floor of 4: it adds a replica when each has 4 requests in flight, while a replica batches up to 256 sequences. "
        + "Its cost is that target, not its load: a higher one carries the same traffic on fewer replicas, at some cost in latency (planner optimize searches targets against the SLO).")]
    [InlineData(5, null, null, null, "its cost is the 5 replicas it is given (a fixed fleet), not its load.")]
    [InlineData(null, 1, "concurrency", 4.0, "its autoscaler holds 4.5 replicas on average against a floor of 1: it adds a replica when each has 4 requests in flight, while a replica batches up to 256 sequences. "
        + "Its cost is that target, not its load: a higher one carries the same traffic on fewer replicas, at some cost in latency (planner optimize searches targets against the SLO).")]
    [InlineData(null, 1, "kv_utilization", 0.05, "its autoscaler holds 4.5 replicas on average against a floor of 1, scaling on kv utilization at a target of 0.05 per replica long before a replica is full. "
        + "Its cost is that target, not its load: a higher one carries the same traffic on fewer replicas, at some cost in latency (planner optimize searches targets against the SLO).")]
    public void ABusyButEmptyFleetsCostIsPutDownToWhatSizesIt(int? replicas, int? minReplicas, string? metric, double? target, string driver)
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection l4 = s.Options[1];
        MonthSection last = l4.Monthly[^1] with { Utilization = 0.997, BatchSizeP50 = 6, KvUtilizationP95 = 0.05 };
        l4 = l4 with
        {
            Monthly = [.. l4.Monthly.SkipLast(1), last],
            Fleet = new FleetSection(replicas, minReplicas, minReplicas is null ? null : 20, metric, target, 256),
        };
        Assert.EndsWith("Utilization here is not compute load: its replicas have memory for many more sequences, though each one added lengthens every step, so how much more traffic they carry within the SLO is what planner optimize measures; and " + driver, ReportFacts.BusyButEmpty(l4), StringComparison.Ordinal);
        // A fleet that already misses the SLO has memory to spare but no headroom: chat-seed-stage's A10G missed it in 36 of 36 months.
        OptionSection missing = l4 with { MeetsSloThroughout = false, Monthly = [.. l4.Monthly.Select((m, i) => m with { SloMet = i < 2 })] };
        Assert.EndsWith("Utilization here is not compute load: its replicas have memory for many more sequences, but it already misses the SLO in 4 of 6 months, so that memory is no headroom as the fleet is configured; and " + driver,
            ReportFacts.BusyButEmpty(missing), StringComparison.Ordinal);
        // A schedule raises the floor: 12 hours at 8 and 12 at the minimum of 1 average 4.5, so the fleet is at it.
        FleetSection scheduled = new(null, 1, 20, "concurrency", 4, 256) { ScheduledMinReplicas = [.. Enumerable.Repeat(8, 12), .. Enumerable.Repeat(0, 12)] };
        Assert.EndsWith("its cost is the capacity it must rent (whole instances, min_replicas), not its load.", ReportFacts.BusyButEmpty(l4 with { Fleet = scheduled }), StringComparison.Ordinal);
        // Whole instances raise it too: a minimum of 1 on 8-GPU instances holding 8 one-GPU replicas is a floor of 8.
        FleetSection packed = new(null, 1, 20, "concurrency", 4, 256);
        Assert.EndsWith("its cost is the capacity it must rent (whole instances, min_replicas), not its load.",
            ReportFacts.BusyButEmpty(l4 with { Fleet = packed, Instance = new InstanceSection("p5.48xlarge", 8, 55.04, 1, 8, 1) }), StringComparison.Ordinal);
        // Two-GPU replicas on 8-GPU instances (4 to an instance) above a floor of 1 instance: 4.5 replicas
        // on 1.2 instances on average is the instance the floor rents and a fraction of a second one, which
        // a higher target could save at most; 2.0 instances on average is the autoscaler's doing.
        FleetSection pairs = new(null, 1, 20, "concurrency", 4, 256);
        InstanceSection p5 = new("p5.48xlarge", 8, 55.04, 2, 4, 1);
        OptionSection held = l4 with { Fleet = pairs, Instance = p5, Monthly = [.. l4.Monthly.SkipLast(1), last with { MeanReplicas = 4.5, MeanInstances = 1.2 }] };
        Assert.EndsWith("its cost is the capacity it must rent (whole instances, min_replicas), not its load.", ReportFacts.BusyButEmpty(held), StringComparison.Ordinal);
        OptionSection scaled = held with { Monthly = [.. l4.Monthly.SkipLast(1), last with { MeanReplicas = 7.2, MeanInstances = 2.0 }] };
        Assert.Contains("its autoscaler holds 7.2 replicas on average against a floor of 4", ReportFacts.BusyButEmpty(scaled), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyHybridsGetAnOverflowSentence()
    {
        Assert.DoesNotContain(ReportFacts.From(SampleSummary.Create()).Risks, r => r.Contains("to its API over the horizon", StringComparison.Ordinal)
            || r.Contains("sent no request to its API", StringComparison.Ordinal));
    }

    [Fact]
    public void RecommendedOptionThatSavesShowsItsSaving()
    {
        KeyFigure k = Figure(SampleSummary.Create(), "Saved against the best alternative");
        Assert.Equal("$7,835", k.Value);
        Assert.Contains("gpu-l4 against api-mini", k.Note);
    }

    [Fact]
    public void SavingsAddUpWithTheTotalsAsShown()
    {
        // The baseline api-mini's cumulative $1,459,931.54 and gpu-l4's $1,817,449.48 are shown as
        // $1,459,932 and $1,817,449: the break-even table's savings are −$357,517, not the rounded
        // −$357,517.94 (−$357,518), and the card's are the same difference.
        SummaryDocument s = SampleSummary.Create();
        OptionSection api = s.Options.Single(o => o.Name == "api-mini");
        s = WithOption(s, s.Options.ToList().IndexOf(api), o => o with { Monthly = [.. o.Monthly.Select((m, i) => i == o.Monthly.Count - 1 ? m with { CumulativeCostUsd = 1_459_931.54 } : m)] });
        BreakEvenSection l4 = s.BreakEven.Single(b => b.Option == "gpu-l4") with { SavingsAtHorizonUsd = -357_517.94 };
        Assert.Equal(-357_517, ReportFacts.ShownSavings(s, l4));
        s = s with
        {
            Recommendation = s.Recommendation with
            {
                Alternative = s.Recommendation.Alternative! with { TotalCostUsd = 1_817_449.48, RecommendedTotalCostUsd = 1_459_931.54, SavingsUsd = 357_517.94 },
            },
        };
        Assert.Equal("$357,517", Figure(s, "Saved against the best alternative").Value);
        // Two totals that show the same dollar: the card goes by the saving itself and shows it as nothing.
        s = s with
        {
            Recommendation = s.Recommendation with
            {
                Alternative = s.Recommendation.Alternative! with { TotalCostUsd = 1_000.90, RecommendedTotalCostUsd = 1_000.60, SavingsUsd = 0.30 },
            },
        };
        Assert.Equal("$0.00", Figure(s, "Saved against the best alternative").Value);
        s = s with { Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { TotalCostUsd = 1_000.60, RecommendedTotalCostUsd = 1_000.90, SavingsUsd = -0.30 } } };
        Assert.Equal("$0.00", Figure(s, "Cost of meeting the SLO").Value);
    }

    [Fact]
    public void RecommendedOptionThatCostsMoreShowsThePriceOfTheSlo()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Options = [s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select(m => m with { SloMet = false })] }, s.Options[1], s.Options[2]],
            Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { MeetsSlo = false, MonthsMissingSlo = 6, SavingsUsd = -1234, TotalCostUsd = s.Recommendation.Alternative!.RecommendedTotalCostUsd - 1234 } },
        };
        KeyFigure k = Figure(s, "Cost of meeting the SLO");
        Assert.Equal("$1,234", k.Value);
        Assert.Equal("gpu-l4 costs more than api-mini by 2027-06; api-mini misses the SLO in 6 of 6 months", k.Note);
        KeyFigure alternative = Figure(s, "Best alternative");
        Assert.Contains("misses the SLO in 6 of 6 months, so no valid alternative", alternative.Note);

        // An alternative that leaves a month's requests unanswered is cheap for want of capacity: the card says so.
        SummaryDocument behind = s with
        {
            Options = [s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select((m, i) => m with { RequestsUnfinished = i == 4 ? 0.25 * m.Requests : i == 5 ? 0.125 * m.Requests : 0 })] }, s.Options[1], s.Options[2]],
        };
        Assert.Equal("gpu-l4 costs more than api-mini by 2027-06; api-mini misses the SLO in 6 of 6 months, and leaves up to 25.0% of a month's requests unanswered (2027-05), "
            + "so its cost counts only what it could serve", Figure(behind, "Cost of meeting the SLO").Note);
    }

    [Fact]
    public void WithNoOptionMeetingTheSloNoFigureIsCalledTheCostOfMeetingIt()
    {
        // The recommendation (gpu-l4) misses the SLO too: it is the option that comes closest, and
        // api-mini the cheapest other, no more valid than it.
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Options = [s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select(m => m with { SloMet = false })], MeetsSloThroughout = false },
                s.Options[1] with { MeetsSloThroughout = false, Monthly = [.. s.Options[1].Monthly.Select((m, i) => m with { SloMet = i > 0 })] }, s.Options[2]],
            Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { MeetsSlo = false, MonthsMissingSlo = 6, SavingsUsd = -1234, TotalCostUsd = s.Recommendation.Alternative!.RecommendedTotalCostUsd - 1234 } },
        };
        ReportFacts facts = ReportFacts.From(s);
        Assert.DoesNotContain(facts.KeyFigures, k => k.Label.StartsWith("Cost of meeting the SLO", StringComparison.Ordinal) || k.Label.StartsWith("Best alternative", StringComparison.Ordinal)
            || k.Note.Contains("no valid alternative", StringComparison.Ordinal));
        KeyFigure more = Figure(s, "More than the cheapest other option");
        Assert.Equal("$1,234", more.Value);
        Assert.Equal("gpu-l4 costs more than api-mini by 2027-06; it comes closer to the SLO, which api-mini misses in 6 of 6 months", more.Note);
        Assert.EndsWith("misses the SLO in 6 of 6 months, as every option misses it in some month", Figure(s, "Cheapest other option").Note, StringComparison.Ordinal);
        Assert.StartsWith("Break-even against the cheapest other option", Figure(s, "Break-even").Label, StringComparison.Ordinal);
        // Where the recommendation saves against it, the saving is named against the same option the same way.
        SummaryDocument saves = s with { Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { SavingsUsd = 1234, TotalCostUsd = s.Recommendation.Alternative!.RecommendedTotalCostUsd + 1234 } } };
        Assert.Equal("$1,234", Figure(saves, "Saved against the cheapest other option").Value);
        Assert.DoesNotContain(ReportFacts.From(saves).KeyFigures, k => k.Label.Contains("best alternative", StringComparison.Ordinal));
    }

    [Fact]
    public void ACrossingThatCameBeforeIsNamedWithThePriceChangeThatUndidIt()
    {
        // gpu-l4 is cheaper than api-mini in months 1 and 2, dearer in 3 and 4 (the API's price cut
        // in month 3), and cheaper from month 5 on.
        SummaryDocument s = SampleSummary.Create();
        Assert.Empty(ReportFacts.CrossingHistoryNotes(s));
        double[] l4 = [100, 100, 300, 300, 100, 100];
        s = WithOption(s, 0, o => o with { Monthly = [.. o.Monthly.Select(m => m with { CostUsd = 200 })] });
        s = WithOption(s, 1, o => o with { Monthly = [.. o.Monthly.Select((m, i) => m with { CostUsd = l4[i] })] });
        s = s with { PriceEvents = [new PriceEventSection("API cut", "api_prices", 3, "2027-03", []) { Change = -0.3 }] };
        Assert.Equal(
            "gpu-l4 was already cheaper per month than api-mini in 2027-01 to 2027-02, and dearer again from 2027-03, when 'API cut' (API token prices -30.0%) took effect; " +
            "it stays cheaper only from 2027-05, so its crossing in the table (10,677 requests/day) is where it overtook again after that price change, not the volume at which it first cost less.",
            Assert.Single(ReportFacts.CrossingHistoryNotes(s)));
        Assert.Contains("is where it overtook again after that price change, not the volume at which it first cost less.", Planner.Reports.Html.HtmlReportWriter.Write(s, Planner.Reports.Figures.ReportCharts.Build(s)), StringComparison.Ordinal);
        // Without a price change in that month it still says the crossing was not the first.
        s = s with { PriceEvents = [new PriceEventSection("API cut", "api_prices", 4, "2027-04", []) { Change = -0.3 }] };
        Assert.EndsWith("and dearer again from 2027-03; it stays cheaper only from 2027-05, so its crossing in the table (10,677 requests/day) is where it overtook again, not the volume at which it first cost less.", Assert.Single(ReportFacts.CrossingHistoryNotes(s)), StringComparison.Ordinal);
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
        KeyFigure saving = Figure(s, "Saved against the best alternative");
        Assert.Equal("$500", saving.Value);
        Assert.Equal("api-mini against gpu-l4, cumulative to 2027-06", saving.Note);
        KeyFigure alternative = Figure(s, "Best alternative");
        Assert.Equal("$60,080", alternative.Value);
        Assert.StartsWith("gpu-l4, 6 months", alternative.Note);
        Assert.Contains("meets the SLO every month", alternative.Note);
    }

    [Fact]
    public void TheCardsNameTheMonthsACheaperAlternativeMissesAndTheCapThatMissesThem()
    {
        SummaryDocument s = SampleSummary.Create();
        // gpu-l4 costs less every month but misses the SLO in the last two, held at its max_replicas.
        var alternative = new AlternativeSection("gpu-l4", false, 2, 40_000, 59_580, -19_580, "gpu-l4", 1, "2027-01", null, 1, "2027-01")
        {
            MissingSloMonths = ["2027-05", "2027-06"],
            MissingSloAtMaxReplicas = 32,
        };
        s = s with { Recommendation = s.Recommendation with { Option = "api-mini", Alternative = alternative } };
        s = s with { Options = [.. s.Options.Select(o => o.Name == "api-mini" ? o with { MeetsSloThroughout = true } : o)] };

        const string months = "2 of 6 months (2027-05 and 2027-06, each with its fleet reaching its max_replicas of 32 at its peak)";
        Assert.Equal("None valid", Figure(s, "Break-even").Value);
        Assert.Contains($"but it misses the SLO in {months}: api-mini is the only option that meets it", Figure(s, "Break-even").Note);
        Assert.EndsWith($"; gpu-l4 misses the SLO in {months}", Figure(s, "Cost of meeting the SLO").Note);

        // A summary from before the months were written says the count alone.
        Assert.Equal("2 of 6 months", (alternative with { MissingSloMonths = null }).MissingSloText(6));
    }

    [Fact]
    public void NoBreakEvenNamesTheCrossoverMonthAndVolume()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { Recommendation = s.Recommendation with { Alternative = s.Recommendation.Alternative! with { BreakEvenMonth = null, BreakEvenCalendarMonth = null } } };
        KeyFigure k = Figure(s, "Break-even");
        Assert.Equal("Not within 6 months", k.Value);
        Assert.Contains("gpu-l4 costs less per month from 2027-02 (month 2; the monthly costs cross between months 1 and 2, at about 10,677 requests/day)", k.Note);
        Assert.Contains("it has not paid for itself by 2027-06", k.Note);
    }

    [Fact]
    public void AnAlternativeThatIsCheaperOnlyByMissingTheSloHasNoBreakEven()
    {
        // The API costs less from month 1 and "breaks even" at once, but misses the SLO every month.
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Options = [s.Options[0] with { Monthly = [.. s.Options[0].Monthly.Select(m => m with { SloMet = false })] }, s.Options[1], s.Options[2]],
            Recommendation = s.Recommendation with
            {
                Alternative = s.Recommendation.Alternative! with
                {
                    MeetsSlo = false, MonthsMissingSlo = 6, SavingsUsd = -1234, CheaperAtHorizon = "api-mini", CheaperFromMonth = 1,
                    CheaperFromCalendarMonth = "2027-01", BreakEvenMonth = 1, BreakEvenCalendarMonth = "2027-01",
                },
            },
        };
        KeyFigure k = Figure(s, "Break-even");
        Assert.Equal("None valid", k.Value);
        Assert.Equal("api-mini costs less per month from month 1, but it misses the SLO in 6 of 6 months: gpu-l4 is the only option that meets it, and there is nothing to break even against", k.Note);
    }

    [Fact]
    public void ARecommendationCheaperFromTheFirstMonthHasNothingToPayBack()
    {
        // Cheaper every month and, one-time costs included, from month 1: a "break-even in month 1" would suggest a switch that pays back.
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Recommendation = s.Recommendation with
            {
                Alternative = s.Recommendation.Alternative! with
                {
                    CheaperAtHorizon = "gpu-l4", CheaperFromMonth = 1, CheaperFromCalendarMonth = "2027-01", BreakEvenMonth = 1, BreakEvenCalendarMonth = "2027-01",
                },
            },
        };
        KeyFigure k = Figure(s, "Break-even");
        Assert.Equal("From the start (2027-01)", k.Value);
        Assert.Equal("gpu-l4 costs less than api-mini every month, one-time costs included: there is nothing to pay back", k.Note);

        // The baseline recommended and cheaper every month: nothing breaks even, which "From the start" beside
        // the break-even table's "not within horizon" read as if something did (legal-summarisation at 0.1×).
        SummaryDocument stays = s with
        {
            Recommendation = s.Recommendation with
            {
                Option = s.Baseline,
                Alternative = s.Recommendation.Alternative! with { Option = "gpu-l4", CheaperAtHorizon = s.Baseline },
            },
        };
        KeyFigure never = Figure(stays, "Break-even");
        Assert.Equal("Never", never.Value);
        Assert.Equal($"gpu-l4 costs more than {s.Baseline}, the baseline, every month, one-time costs included: it never breaks even against it", never.Note);
    }

    [Fact]
    public void MonthsWithinTheNoiseAreNamedOnTheCardAndUnderBothBreakEvenTables()
    {
        // "Cheaper every month" from the point estimates, with months 1 and 2 within the simulation's
        // noise: the card says so in the recommendation's words, and a crossing against the baseline
        // with such months is marked in both reports' tables and explained below them.
        SummaryDocument s = SampleSummary.Create();
        s = s with
        {
            Recommendation = s.Recommendation with
            {
                Alternative = s.Recommendation.Alternative! with
                {
                    CheaperAtHorizon = "gpu-l4", CheaperFromMonth = 1, CheaperFromCalendarMonth = "2027-01", BreakEvenMonth = 1, BreakEvenCalendarMonth = "2027-01",
                    MonthsWithinNoise = ["2027-01", "2027-02"], ClearlyCheaperFromMonth = 3,
                },
            },
            BreakEven = [.. s.BreakEven.Select((b, i) => i == 0 ? b with { MonthsWithinNoise = ["2027-03"], ClearlyCheaperFromMonth = 4 } : b)],
        };
        KeyFigure k = Figure(s, "Break-even");
        Assert.Equal("gpu-l4 costs less than api-mini every month, by more than the simulation's noise from month 3 (2027-03), one-time costs included: there is nothing to pay back. "
            + "In 2027-01 and 2027-02 the two monthly costs differ by less than the simulation's noise: a tie on cost in those months", k.Note);

        BreakEvenSection marked = s.BreakEven[0];
        Assert.EndsWith(" †", ReportFacts.CheaperPerMonthFrom(marked), StringComparison.Ordinal);
        Assert.DoesNotContain("†", ReportFacts.CheaperPerMonthFrom(s.BreakEven[1]), StringComparison.Ordinal);
        string note = $"† In 2027-03 {marked.Option}'s monthly cost and the baseline's differ by less than the simulation's noise: a tie on cost in that month.";
        Assert.Equal([note], ReportFacts.CrossingTieNotes(s));
        Assert.Contains(note, Planner.Reports.Markdown.MarkdownReportWriter.Write(s), StringComparison.Ordinal);
        Assert.Contains(note.Replace("'", "&#39;", StringComparison.Ordinal), Planner.Reports.Html.HtmlReportWriter.Write(s, Planner.Reports.Figures.ReportCharts.Build(s)), StringComparison.Ordinal);

        // Summaries written before the months were recorded read as before.
        SummaryDocument old = SampleSummary.Create();
        Assert.Empty(ReportFacts.CrossingTieNotes(old));
        Assert.DoesNotContain("noise", Figure(old, "Break-even").Note, StringComparison.Ordinal);
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
        Assert.Equal("gpu-l4 against api-mini, cumulative cost incl. one-time costs; gpu-l4 costs less per month from 2027-02 (month 2; the monthly costs cross between months 1 and 2, at about 10,677 requests/day)", Figure(s, "Break-even").Note);
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

    /// <summary>The sample with months 1, 3 and 6 simulated twice: the API's cost moved 1% to 3% between seeds, the L4 fleet's 0.5% to 2.5%, the spot fleet not at all.</summary>
    private static SummaryDocument WithNoise()
    {
        SummaryDocument s = SampleSummary.Create();
        NoiseSection[] noise =
        [
            new([1, 3, 6], 0.02, 0.03, 0.01, 0.04) { MonthlyCostSd = 0.015, TotalCostSdUsd = 600 },
            new([1, 3, 6], 0.01, 0.025, 0.0, 0.02) { MonthlyCostSd = 0.009, TotalCostSdUsd = 150 },
            new([1, 3, 6], 0.0, 0.0, 0.0, 0.0) { MonthlyCostSd = 0, TotalCostSdUsd = 0 },
        ];
        return s with { Options = [.. s.Options.Select((o, i) => o with { Noise = noise[i] })] };
    }

    [Fact]
    public void TheNoiseSentenceSaysHowManyCheckedMonthsMovedWhereAFleetSatAtItsFloor()
    {
        SummaryDocument s = WithNoise();
        // The L4 fleet moved in two of its three checked months; the API in all three; the spot fleet in none.
        int?[] moving = [3, 2, 0];
        s = s with { Options = [.. s.Options.Select((o, i) => o with { Noise = o.Noise! with { MovingMonths = moving[i] } })] };
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("Simulation noise:", StringComparison.Ordinal));
        string two = NoiseMeasure2(2), three = NoiseMeasure2(3);
        Assert.Contains($"estimated from the 2–3 checked months whose cost moved (a fleet pinned at its floor with both seeds does not), it may be up to {three}×–{two}× that at the upper 90% confidence bound", risk);

        static string NoiseMeasure2(int pairs) => Planner.Core.Projection.NoiseMeasure.UpperBoundFactor(pairs).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void SeveralFleetsWhoseCostNeverMovedAreNamedInOneSentence()
    {
        SummaryDocument s = WithNoise();
        NoiseSection still = s.Options[2].Noise!;
        s = WithOption(s, 1, o => o with { Noise = still });
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("Simulation noise:", StringComparison.Ordinal));
        Assert.Contains("; those of gpu-l4 and gpu-h100 spot did not move in any checked month (each fleet held one size all month with both seeds)", risk, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSeveralDaysAMonthTheNoiseSentenceAndTheMethodologyCountTheDaysAndDropTheCaveatOnUncheckedMonths()
    {
        SummaryDocument s = WithNoise();
        // Three days a month: the API's days moved in 5 months (10 degrees of freedom), the L4 fleet's in 20.
        int?[] moving = [3, 2, 0];
        int?[] dayDof = [10, 40, 0];
        s = s with
        {
            Simulation = s.Simulation with { DaysPerMonth = 3 },
            Options = [.. s.Options.Select((o, i) => o with { Noise = o.Noise! with { MovingMonths = moving[i], DayDegreesOfFreedom = dayDof[i] } })],
        };
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("Simulation noise:", StringComparison.Ordinal));
        string low = Factor(2 + 40), high = Factor(3 + 10);
        Assert.Contains($"and from how far the 3 weekdays and 3 weekend days simulated in every month differ, it may be up to {low}×–{high}× that at the upper 90% confidence bound)", risk);
        Assert.DoesNotContain("months not checked may move more", risk);
        Assert.Contains("the 3 independent days of every month measure it too", string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);

        static string Factor(int dof) => Planner.Core.Projection.NoiseMeasure.UpperBoundFactor(dof).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The methodology names the router each fleet uses: the default's rule, and each option that names another.</summary>
    [Fact]
    public void TheMethodologyNamesEachFleetsRouter()
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection l4 = s.Options[1];
        FleetSection fleet = l4.Fleet ?? new FleetSection(null, 1, 20, "concurrency", 4, 256);
        string Text(SummaryDocument d) => string.Join(" ", Methodology.Paragraphs(d));

        // Written before the router was recorded: the default.
        string before = Text(WithOption(s, 1, o => o with { Fleet = fleet with { Router = null } }));
        Assert.Contains("the less loaded (fewest requests waiting or running) of two ready replicas drawn at random (router: least_outstanding, the default). ", before, StringComparison.Ordinal);
        Assert.DoesNotContain("kv_aware", before, StringComparison.Ordinal);

        string kv = Text(WithOption(s, 1, o => o with { Fleet = fleet with { Router = "kv_aware" } }));
        Assert.Contains($"{l4.Name} sends each request to the ready replica with the most free KV cache (router: kv_aware). ", kv, StringComparison.Ordinal);
        Assert.DoesNotContain("least_outstanding", kv, StringComparison.Ordinal);

        // One fleet of two on another router: both named.
        SummaryDocument two = WithOption(s, 1, o => o with { Fleet = fleet with { Router = "round_robin" } });
        two = two with { Options = [.. two.Options, l4 with { Name = "gpu-l4-b", Fleet = fleet with { Router = "least_outstanding" } }] };
        Assert.Contains($"drawn at random (router: least_outstanding, the default); {l4.Name} sends requests to its ready replicas in turn (router: round_robin). ", Text(two), StringComparison.Ordinal);
    }

    [Fact]
    public void WithNoMonthSimulatedTwiceTheDaysAloneGiveTheNoiseAndTheSentenceSaysLatencyWasNotMeasured()
    {
        // noise_check_months: 0 with three days a month: no checked month, no pair's spread; the days give σ.
        SummaryDocument s = SampleSummary.Create();
        NoiseSection[] noise =
        [
            new([], null, null, null, null) { MonthlyCostSd = 0.004, TotalCostSdUsd = 120, MovingMonths = 0, DayDegreesOfFreedom = 24 },
            new([], null, null, null, null) { MonthlyCostSd = 0.012, TotalCostSdUsd = 480, MovingMonths = 0, DayDegreesOfFreedom = 24 },
            new([], null, null, null, null) { MonthlyCostSd = 0, TotalCostSdUsd = 0, MovingMonths = 0, DayDegreesOfFreedom = 0 },
        ];
        s = s with { Simulation = s.Simulation with { DaysPerMonth = 3 }, Options = [.. s.Options.Select((o, i) => o with { Noise = noise[i] })] };

        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("Simulation noise:", StringComparison.Ordinal));
        string factor = Planner.Core.Projection.NoiseMeasure.UpperBoundFactor(24).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Simulation noise: no month was simulated a second time (noise_check_months: 0), but every month's 3 independent days measure it: how far they differ leaves each ", risk, StringComparison.Ordinal);
        // The spot fleet pinned every day: a σ of zero, as a pair that did not move gives.
        Assert.Contains("total uncertain by ±$0–$480 (", risk, StringComparison.Ordinal);
        Assert.Contains($"it may be up to {factor}× that at the upper 90% confidence bound", risk, StringComparison.Ordinal);
        Assert.Contains("How far latency moves from seed to seed was not measured", risk, StringComparison.Ordinal);
        Assert.DoesNotContain("was not measured (simulation: noise_check_months above 0", risk, StringComparison.Ordinal);
        Assert.Contains("No month was simulated a second time (noise_check_months: 0); to measure the noise that a seed leaves, the 3 independent days of every month do",
            string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);
        // The latency spreads that decide an SLO edge come from pairs: none here, so no month is at the edge.
        Assert.All(s.Options, o => Assert.Empty(SloEdge.Months(s.Scenario, o)));
    }

    [Fact]
    public void TheNoiseSentenceAndTheMethodologyNameTheMonthsFollowedUpForEachOption()
    {
        // The L4 fleet was pinned in month 1 and moved in months 3 and 6: month 4 was simulated again for it.
        SummaryDocument s = WithNoise();
        s = s with { Options = [.. s.Options.Select((o, i) => i == 1 ? o with { Noise = o.Noise! with { CheckedMonths = [1, 3, 4, 6], MovingMonths = 3 } } : o)] };
        string months = "months 1, 3 and 6 were simulated a second time with other seeds, and, for some options, chosen months of their own: those of a fleet's two largest steps in size (its peak up by a tenth of its mean or more) or, where a scheduled month's cost did not move (the fleet held one size all month), "
            + $"months in which it changed size: {s.Options[1].Name} (month 4)";
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("Simulation noise:", StringComparison.Ordinal));
        Assert.StartsWith("Simulation noise: " + months + ". ", risk, StringComparison.Ordinal);
        Assert.Contains("To measure the noise that a seed leaves, " + months + ";", string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);
        // Without follow-ups, the scheduled months alone, as before.
        Assert.StartsWith("Simulation noise: months 1, 3 and 6 were simulated a second time with other seeds. ",
            Assert.Single(ReportFacts.From(WithNoise()).Risks, r => r.StartsWith("Simulation noise:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void AnApiThatMissesTheSloIsSaidToRestOnTheLatencyItsScenarioStates()
    {
        // voice-agent's API was ruled out on the 900 ms p95 TTFT its scenario states for the provider.
        SummaryDocument s = SampleSummary.Create();
        Assert.DoesNotContain(ReportFacts.From(s).Risks, r => r.Contains("what its scenario states for the provider", StringComparison.Ordinal));
        OptionSection api = s.Options[0];
        s = s with { Options = [api with { MeetsSloThroughout = false, PerformanceSource = "provider latency as the scenario states it, not a measurement: p95 900 ms", Monthly = [.. api.Monthly.Select((m, i) => m with { SloMet = i > 1 })] }, .. s.Options.Skip(1)] };
        // It does not say the stated figures are why: throttling or outages may be, which their own risks say.
        Assert.Contains(ReportFacts.From(s).Risks, r => r == $"api-mini misses the SLO in 2 of {api.Monthly.Count} months, and its latency rests on what its scenario states for the provider (provider latency as the scenario states it, not a measurement: p95 900 ms), "
            + "which no measurement here checks: measure the provider's latency on real requests before ruling it in or out.");
    }

    [Fact]
    public void RequestsTooLongForTheApisContextWindowAreARisk()
    {
        SummaryDocument s = SampleSummary.Create();
        Assert.Empty(ReportFacts.OverContext(s));
        s = WithOption(s, 0, o => o with { ContextWindowTokens = 128_000, Monthly = [.. o.Monthly.Select((m, i) => i == 0 ? m with { RejectedOverContext = m.Requests / 2 } : m)] });
        double requests = s.Options[0].Monthly.Sum(m => m.Requests ?? 0), refused = s.Options[0].Monthly[0].Requests!.Value / 2;
        Assert.Equal(
            $"api-mini refused {Formatting.Fmt.Count(refused)} requests ({Formatting.Fmt.Percent(refused / requests)} of its requests over the horizon) whose prompt and answer exceed its model's context window of 128,000 tokens: " +
            "they are neither billed nor served, so its cost leaves them out; serving them needs a model with a longer context, or shorter prompts.",
            Assert.Single(ReportFacts.OverContext(s)));
        Assert.Contains(ReportFacts.From(s).Risks, r => r.StartsWith("api-mini refused", StringComparison.Ordinal));
    }

    [Fact]
    public void AnSloMetWithLessToSpareThanTheStepTimesErrorIsARisk()
    {
        // gpu-l4's p95 TTFT is 400 ms every month: 4.8% under a 420 ms target.
        SummaryDocument s = SampleSummary.Create();
        s = s with { Scenario = s.Scenario with { SloTtftP95Ms = 420 } };
        SummaryDocument Erring(double error, double bias) => WithOption(s, 1, o => o with { PerformanceError = new PerformanceErrorSection(1, error, bias, error) });
        Assert.Empty(ReportFacts.ThinSloMargins(s));
        Assert.Equal(
            "gpu-l4 meets the SLO every month, but with 4.8% to spare at its closest (2027-01: p95 TTFT 400 ms against 420 ms), less than the 8.0% its step times were off on this GPU's published measurement " +
            "(each source held out, the model 8.0% faster than published): replicas that much slower may miss it.",
            Assert.Single(ReportFacts.ThinSloMargins(Erring(0.08, 0.08))));
        Assert.Contains(ReportFacts.From(Erring(0.08, -0.08)).Risks, r => r.StartsWith("gpu-l4 meets the SLO every month, but with 4.8% to spare", StringComparison.Ordinal) && r.Contains("(each source held out):", StringComparison.Ordinal));
        Assert.Empty(ReportFacts.ThinSloMargins(Erring(0.04, 0.04)));
        // An option that misses the SLO has other risks to say so.
        Assert.Empty(ReportFacts.ThinSloMargins(WithOption(Erring(0.08, 0.08), 1, o => o with { MeetsSloThroughout = false })));
    }

    [Fact]
    public void AFleetMissingTheSloWithSmallBatchesAndNoQueueIsToldMoreReplicasCannotHelp()
    {
        // gpu-l4 misses a 6,000 ms p99 end-to-end target in months 5 and 6 at 9,000 ms, with a median
        // batch of one or two and no request waiting for capacity: how fast one replica works.
        SummaryDocument s = SampleSummary.Create();
        s = s with { Scenario = s.Scenario with { SloE2eP99Ms = 6000 } };
        SummaryDocument Slow(double batch, double waits) => WithL4Months(WithOption(s, 1, o => o with { MeetsSloThroughout = false }),
            (m, i) => m with { SloMet = i < 4, BatchSizeP50 = i < 4 ? 4 : batch, CapacityQueueWaits = waits, TpotP95Ms = i == 4 ? 40 : 44 });
        Assert.Equal(
            "gpu-l4 misses the SLO in 2 of 6 months with its replicas running small batches (a median of at most 2 sequences, and next to no request waiting for capacity): " +
            "its p99 end-to-end of 9,000 ms against 6,000 ms is how fast one replica works (p95 time per output token 40.0 ms–44.0 ms), " +
            "so more replicas or another autoscaler setting cannot bring it under the target, at any traffic; only faster replicas (another GPU, precision or engine) or shorter requests can.",
            Assert.Single(ReportFacts.SlowAtAnyLoad(Slow(2, 0))));
        Assert.Contains(ReportFacts.From(Slow(1, 0)).Risks, r => r.StartsWith("gpu-l4 misses the SLO in 2 of 6 months with its replicas running small batches (a median of at most 1 sequence, ", StringComparison.Ordinal));
        // Full batches, or requests queueing for capacity: more replicas may well help.
        Assert.Empty(ReportFacts.SlowAtAnyLoad(Slow(6, 0)));
        Assert.Empty(ReportFacts.SlowAtAnyLoad(Slow(2, 50_000)));
        Assert.Empty(ReportFacts.SlowAtAnyLoad(s));
    }

    [Fact]
    public void SpotCapacityIsNamedWithWhatItsInterruptionsCameTo()
    {
        // gpu-l4 keeps 4 replicas on demand and runs the rest on spot at $2.75, 0.1 interruptions an instance-hour with 120 s notice.
        SummaryDocument s = SampleSummary.Create();
        SummaryDocument Spot(double interruptionsPerMonth, double requeuedPerMonth) => WithL4Months(
            WithOption(s, 1, o => o with { Fleet = new FleetSection(null, 4, 16, "concurrency", 8, 256) { Spot = new SpotSection(4, 2.75, 0.1, 120) } }),
            (m, i) => m with { SpotInterruptions = interruptionsPerMonth, RequeuedRequests = requeuedPerMonth });
        int months = s.Options[1].Monthly.Count;

        Assert.Equal($"gpu-l4 runs its replicas above 4 on spot capacity at $2.75 a GPU-hour, which the provider takes back 0.1 times per instance-hour on average with 120 s notice (as the scenario states): "
            + $"over the horizon the simulation interrupted {Fmt(33.0 * months)} spot instances, each replaced after a cold start, with no request in flight lost (the notice let them finish). "
            + "A higher interruption rate costs more cold starts and more work done twice; providers publish interruption rates only in coarse bands, so the rate is the scenario's estimate.",
            ReportFacts.SpotCapacity(Spot(33, 0).Options[1]));
        Assert.Contains($"and {Fmt(10.0 * months)} requests in flight on them were queued again.", ReportFacts.SpotCapacity(Spot(33, 10).Options[1]), StringComparison.Ordinal);
        Assert.Contains(ReportFacts.From(Spot(33, 0)).Risks, r => r.StartsWith("gpu-l4 runs its replicas above 4 on spot capacity", StringComparison.Ordinal));
        // Spot capacity is interrupted; a fleet priced at spot rates as a whole (the sample's gpu-h100 spot) is not, and each is told so.
        Assert.Contains(ReportFacts.From(Spot(33, 0)).Risks, r => r.StartsWith("gpu-h100 spot is priced at spot rates; spot interruptions are not simulated", StringComparison.Ordinal));
        Assert.DoesNotContain(ReportFacts.From(Spot(33, 0)).Risks, r => r.StartsWith("gpu-l4 is priced at spot rates", StringComparison.Ordinal));
        Assert.Contains(Glossary.Terms(Spot(33, 0)), t => t.Term == "spot"
            && t.Meaning.EndsWith("the simulation interrupts and replaces a fleet's spot capacity (spot:), but not a fleet priced at spot rates as a whole.", StringComparison.Ordinal));
        SummaryDocument capacityOnly = WithOption(Spot(33, 0), 2, o => o with { PricingModel = "on_demand" });
        Assert.Contains(Glossary.Terms(capacityOnly), t => t.Term == "spot" && t.Meaning.EndsWith("the simulation interrupts and replaces a fleet's spot capacity.", StringComparison.Ordinal));
        Assert.Null(ReportFacts.SpotCapacity(s.Options[1]));

        // A base of 2 on instances that hold 8 keeps 8 on demand, as the bills do; in a run that
        // never needed more, no spot capacity ran, and the sentence says so.
        SummaryDocument packed = WithOption(Spot(33, 0), 1, o => o with
        {
            Fleet = o.Fleet! with { Spot = new SpotSection(2, 2.75, 0.1, 120) },
            Instance = new InstanceSection("g6.48xlarge", 8, 22, 1, 8, 1),
        });
        Assert.StartsWith("gpu-l4 runs its replicas above 8 (its on_demand_base_replicas of 2, rounded up to whole instances of 8) on spot capacity at $2.75 a GPU-hour,",
            ReportFacts.SpotCapacity(packed.Options[1]), StringComparison.Ordinal);
        SummaryDocument written = WithOption(packed, 1, o => o with { Fleet = o.Fleet! with { Spot = o.Fleet.Spot! with { OnDemandReplicas = 8 } } });
        Assert.Equal(ReportFacts.SpotCapacity(packed.Options[1]), ReportFacts.SpotCapacity(written.Options[1]));
        SummaryDocument idle = WithL4Months(packed, (m, i) => m with { SpotGpuHours = 0, SpotInterruptions = 0 });
        Assert.StartsWith("gpu-l4 runs its replicas above 8 (its on_demand_base_replicas of 2, rounded up to whole instances of 8) on spot capacity (in this run it never needed more, so no spot capacity ran) at $2.75",
            ReportFacts.SpotCapacity(idle.Options[1]), StringComparison.Ordinal);
        Assert.DoesNotContain("never needed more", ReportFacts.SpotCapacity(WithL4Months(packed, (m, i) => m with { SpotGpuHours = i == 3 ? 12.5 : 0 }).Options[1]), StringComparison.Ordinal);

        // Its appendix rows carry the spot GPU-hours and interruptions its bill is checked by, in both reports; other options' do not.
        SummaryDocument billed = WithL4Months(Spot(33, 0), (m, i) => m with { SpotGpuHours = 1234.4 });
        string md = Markdown.MarkdownReportWriter.Write(billed, [], "charts");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, @"\| mean instances \| spot GPU-hours \| spot interruptions \|"));
        Assert.Contains(" | 1,234 | 33 |\n", md, StringComparison.Ordinal);
        string html = Html.HtmlReportWriter.Write(billed, []);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<th class=\"num\">spot GPU-hours</th>"));
        Assert.Contains("<td class=\"num\">1,234</td><td class=\"num\">33</td></tr>", html, StringComparison.Ordinal);

        static string Fmt(double v) => Formatting.Fmt.Count(v);
    }

    [Fact]
    public void AnApiTakenAsAlwaysAvailableIsARiskToo()
    {
        SummaryDocument s = SampleSummary.Create();
        Assert.Contains(ReportFacts.From(s).Risks, r => r == "API availability is an assumption: api-mini 99.9% (about 43 minutes of outage in a 30-day month). A longer outage delays or rejects more requests.");

        SummaryDocument always = WithOption(s, 0, o => o with { Availability = 1 });

        Assert.Contains(ReportFacts.From(always).Risks, r => r == "API availability is an assumption: api-mini is taken as always available (the scenario sets no availability below 1), so no outage is simulated; "
            + "a provider's typical 99.9% (availability: 0.999) is about 43 minutes of outage in a 30-day month. A longer outage delays or rejects more requests.");
    }

    [Theory]
    // document-extraction's hybrid sent 58,212 of 5,563,194 requests to its API in 2027-06: 1.046%, which read "1.1%" rounded twice.
    [InlineData(58_212, 5_563_194, "1.0%")]
    [InlineData(1, 2, "50.0%")]
    [InlineData(999_960, 1_000_000, "99.99%")]
    [InlineData(999_940, 1_000_000, "99.99%")]
    [InlineData(999_400, 1_000_000, "99.9%")]
    [InlineData(1, 1, "100.0%")]
    [InlineData(5, 1000, "0.50%")]
    [InlineData(5, 1_000_000, "under 0.01%")]
    public void AShareOfCountsIsRoundedOnce(double part, double whole, string expected) => Assert.Equal(expected, ReportFacts.SmallPercent(part / whole));

    [Fact]
    public void AFleetWhoseReplicasMissTheSloEvenAloneCannotMeetItAtAnyTraffic()
    {
        // gpu-l4 misses a 6,000 ms p99 end-to-end target in every month, with full batches: the
        // batch rule says nothing, but each request alone on an idle replica would take 6,500 ms.
        SummaryDocument s = SampleSummary.Create();
        s = s with { Scenario = s.Scenario with { SloE2eP99Ms = 6000 } };
        SummaryDocument Floored(double e2eFloor, int monthsMet = 0) => WithL4Months(
            WithOption(s, 1, o => o with { MeetsSloThroughout = false, LatencyFloor = new LatencyFloorSection(180, 30, e2eFloor, 20_000) }),
            (m, i) => m with { SloMet = i < monthsMet, BatchSizeP50 = 12 });
        Assert.Equal(
            "gpu-l4 cannot meet the SLO at any traffic or fleet size: with each request alone on an idle replica (nothing queued or batched beside it, no cold start), " +
            "its replicas would still give a p99 end-to-end of 6,500 ms against 6,000 ms over the scenario's mix of requests (20,000 drawn). " +
            "A queue, a fuller batch or a cold start only adds to that, so more replicas or another autoscaler setting cannot bring it under the target; only faster replicas (another GPU, precision, tensor-parallel degree or engine) or shorter requests can.",
            Assert.Single(ReportFacts.SlowAtAnyLoad(Floored(6500))));
        Assert.Contains(ReportFacts.From(Floored(6500)).Risks, r => r.StartsWith("gpu-l4 cannot meet the SLO at any traffic or fleet size", StringComparison.Ordinal));
        // The short line the console and the recommendation's section give says so too.
        Assert.Contains(ReportFacts.From(Floored(6500)).SloMisses, l => l.EndsWith("; alone on an idle replica its requests would still give a p99 end-to-end of 6,500 ms against 6,000 ms, so no fleet size meets it.", StringComparison.Ordinal));
        // A floor under the target leaves the misses to the load: nothing is said of reach; nor is it
        // within the 1% a month's percentile can read low (6,040 ms may read 5,980 ms), nor where a
        // month met the SLO after all.
        Assert.Empty(ReportFacts.SlowAtAnyLoad(Floored(5900)));
        Assert.Empty(ReportFacts.SlowAtAnyLoad(Floored(6040)));
        Assert.Empty(ReportFacts.SlowAtAnyLoad(Floored(6500, monthsMet: 1)));
        // Two targets above their floors are named together.
        SummaryDocument both = Floored(6500) with { Scenario = s.Scenario with { SloTpotP95Ms = 25 } };
        Assert.Contains("a p95 time per output token of 30.0 ms against 25.0 ms and a p99 end-to-end of 6,500 ms against 6,000 ms", Assert.Single(ReportFacts.SlowAtAnyLoad(both)));
        // Two fleets of the same replicas share their floor, and one sentence.
        SummaryDocument pair = WithOption(Floored(6500), 2, o => o with
        {
            MeetsSloThroughout = false, LatencyFloor = new LatencyFloorSection(180, 30, 6500, 20_000), Monthly = [.. o.Monthly.Select(m => m with { SloMet = false })],
        });
        Assert.StartsWith("gpu-l4 and gpu-h100 spot cannot meet the SLO at any traffic or fleet size: with each request alone on an idle replica (nothing queued or batched beside it, no cold start), their replicas would still give a p99 end-to-end of 6,500 ms",
            Assert.Single(ReportFacts.SlowAtAnyLoad(pair)), StringComparison.Ordinal);
    }

    [Fact]
    public void NeighboursCloserThanTheStepTimesCouldMoveTheirGpuCostAreNotSettled()
    {
        // Meeting the SLO: gpu-l4 $51,745 and api-mini $59,580, $7,835 apart; gpu-l4's GPU time is
        // $13,500 serving, $4,050 idle and $195 cold start, $17,745.
        SummaryDocument s = SampleSummary.Create();
        SummaryDocument Erring(double error) => WithOption(s, 1, o => o with { PerformanceError = new PerformanceErrorSection(3, error, 0, error) });
        Assert.Empty(ReportFacts.UnsettledByStepTimes(s));
        Assert.Equal(
            "api-mini costs $7,835 more than gpu-l4 over the 6 months, 15.1%, less than the published errors of the step times could move the GPU cost (50.0% of gpu-l4's $17,745 of GPU time, about $8,873): " +
            "which of the two costs less is not settled by this model; measured step times on their GPUs would settle it (calibration/README.md).",
            Assert.Single(ReportFacts.UnsettledByStepTimes(Erring(0.5))));
        Assert.Empty(ReportFacts.UnsettledByStepTimes(Erring(0.4)));

        // A second option on the same step-time model (a hybrid on gpu-l4's fleet) is off with it:
        // $100 more, with $100 more GPU time, is settled, as an error moves their difference by
        // only 50% of $100.
        SummaryDocument erring = Erring(0.5);
        OptionSection l4 = erring.Options[1];
        OptionSection Twin(double moreGpu, double lessFixed) => l4 with
        {
            Name = "gpu-l4-twin",
            TotalCostUsd = l4.TotalCostUsd + moreGpu - lessFixed,
            Monthly = [.. l4.Monthly.Select((m, i) => i == 0 ? m with { CostBreakdown = m.CostBreakdown with { GpuServingUsd = m.CostBreakdown.GpuServingUsd + moreGpu, FixedUsd = m.CostBreakdown.FixedUsd - lessFixed } } : m)],
        };
        SummaryDocument twins = erring with { Options = [erring.Options[0], l4, Twin(100, 0)] };
        Assert.DoesNotContain(ReportFacts.UnsettledByStepTimes(twins), r => r.StartsWith("gpu-l4-twin", StringComparison.Ordinal));
        // $100 more in all but $1,000 more GPU time (less in fixed costs): an error of 50% moves the difference by $500.
        twins = erring with { Options = [erring.Options[0], l4, Twin(1000, 900)] };
        Assert.StartsWith("gpu-l4-twin costs $100 more than gpu-l4 over the 6 months, 0.2%, less than the published errors of the step times could move the GPU cost " +
            "(both run one step-time model, so its error moves their GPU cost together and their difference by 50.0% of the $1,000 by which their GPU time differs, about $500): ",
            ReportFacts.UnsettledByStepTimes(twins).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheMethodologyQuotesHowFarThisRunsRequestCountsCameFromThePlan()
    {
        // It once said "typically 1–2%" whatever the run; chat-seed-stage with seed 9 drew 2.9% over its plan in month 1.
        SummaryDocument s = SampleSummary.Create();
        Assert.DoesNotContain("of the plan, month by month", string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);
        double[] off = [-0.017, 0.029];
        s = WithL4Months(s, (m, i) => m with { PlannedRequests = m.Requests / (1 + (i < off.Length ? off[i] : 0)) });
        Assert.Contains("by sampling noise (in this run from -1.7% to +2.9% of the plan, month by month).", string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheMethodologySaysACompressedMonthsColdStartShareIsALowerBoundOnlyWhereAMonthWasCompressed()
    {
        // The chat example's H100 fleet billed $53 of cold starts in its compressed last month, where
        // its 629 cold starts at 300 s each would be $150 in real time; the report said nothing of it.
        SummaryDocument s = SampleSummary.Create();
        const string lowerBound = "is billed as cold start out of the month's idle time";
        Assert.DoesNotContain(lowerBound, string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);
        const string captionBound = "cold start is provisioning and loading weights (in a compressed month, the cold starts that the sped-up traffic hides are billed only up to the month's idle time and the rest as serving, so for a fleet busy almost all the time this share is a lower bound";
        Assert.DoesNotContain(Figures.ReportCharts.Build(s), c => c.Caption.Contains(captionBound, StringComparison.Ordinal));
        s = WithL4Months(s, (m, i) => i == 0 ? m with { Compression = 3 } : m);
        Assert.Contains(lowerBound, string.Join(" ", Methodology.Paragraphs(s)), StringComparison.Ordinal);
        // The cost breakdown's caption says so where its chart is read.
        Assert.Contains(Figures.ReportCharts.Build(s), c => c.Caption.Contains(captionBound, StringComparison.Ordinal));
    }

    [Fact]
    public void TheRisksQuoteTheMeasuredNoiseAndTheMethodologySaysHowItWasMeasured()
    {
        SummaryDocument s = WithNoise();
        IReadOnlyList<string> risks = ReportFacts.From(s).Risks;
        // Totals: api-mini $59,580, gpu-l4 $51,745: $600 is 1.01%, $150 0.29%. The spot fleet's cost never
        // moved: it is named apart, not read as a 0.0% and ±$0 end of the ranges.
        Assert.Contains("Simulation noise: months 1, 3 and 6 were simulated a second time with other seeds. " +
            "Where it moved, a month's simulated cost moved by a median of 1.0%–2.0% by option (3.0% at most among the months checked, api-mini; another seed may move a month further), which leaves the 6-month total of each option whose cost moved uncertain by ±$150–$600 " +
            "(±0.29%–1.0%, one standard deviation; estimated from 3 months, it may be up to 2.27× that at the upper 90% confidence bound, and months not checked may move more than these); gpu-h100 spot's did not move in any checked month (its fleet held one size all month with both seeds); p95 TTFT moved by up to 4.0%. The recommendation calls its pair of options a tie when their totals are closer than two standard deviations of the difference, each taken at the upper 90% confidence bound of this estimate.", risks);
        Assert.Contains(risks, r => r.StartsWith("The report shows no uncertainty bands: prices, traffic and performance are taken as given", StringComparison.Ordinal));
        Assert.DoesNotContain(risks, r => r.Contains("a few percent", StringComparison.Ordinal));
        string methodology = Methodology.Paragraphs(s)[^1];
        Assert.Contains("months 1, 3 and 6 were simulated a second time with other seeds", methodology, StringComparison.Ordinal);

        // A percentile that never moved is said not to have moved, not to have "moved by up to 0.0%" (the Azure replay's p95 TTFT).
        SummaryDocument Ttft(double max) => s with { Options = [.. s.Options.Select(o => o with { Noise = o.Noise! with { MaxTtftP95Spread = Math.Min(o.Noise.MaxTtftP95Spread ?? 0, max) } })] };
        Assert.Contains(ReportFacts.From(Ttft(0)).Risks, r => r.Contains("seeds); p95 TTFT did not move. The recommendation", StringComparison.Ordinal));
        Assert.Contains(ReportFacts.From(Ttft(0.0003)).Risks, r => r.Contains("seeds); p95 TTFT moved by under 0.05%. The recommendation", StringComparison.Ordinal));

        // A summary without noise sections (noise_check_months: 0, or written before them) says it was not measured.
        IReadOnlyList<string> unmeasured = ReportFacts.From(SampleSummary.Create()).Risks;
        Assert.Contains("Each month is one simulation with seed 7 and its seed-to-seed noise was not measured (simulation: noise_check_months above 0 measures it), " +
            "so treat differences of a few percent between options as a tie.", unmeasured);
        Assert.DoesNotContain("simulated a second time", Methodology.Paragraphs(SampleSummary.Create())[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheSavingsCardCallsATieWhenTheTotalsAreWithinTheNoise()
    {
        SummaryDocument s = WithNoise();
        AlternativeSection a = s.Recommendation.Alternative!;
        KeyFigure tie = Figure(s with { Recommendation = s.Recommendation with { Alternative = a with { DifferenceNoiseUsd = 8000 } } }, "Saved against the best alternative");
        Assert.Equal("gpu-l4 against api-mini, cumulative to 2027-06; within the simulation's noise (±$8,000), a tie on cost", tie.Note);
        KeyFigure decided = Figure(s with { Recommendation = s.Recommendation with { Alternative = a with { DifferenceNoiseUsd = 7000 } } }, "Saved against the best alternative");
        Assert.Equal("gpu-l4 against api-mini, cumulative to 2027-06", decided.Note);
    }

    [Fact]
    public void TheBreakEvenCardSaysAMonthOfTwoTiedTotalsMayMove()
    {
        // A consumer scenario's hybrid "broke even" with its fleet alone in month 6, $23 apart on $681,000,
        // and month 7 with another seed: both carried the same one-time costs.
        SummaryDocument s = WithNoise();
        AlternativeSection a = s.Recommendation.Alternative!;
        KeyFigure decided = Figure(s with { Recommendation = s.Recommendation with { Alternative = a with { DifferenceNoiseUsd = 7000 } } }, "Break-even against the best alternative");
        Assert.DoesNotContain("tie", decided.Note, StringComparison.Ordinal);
        KeyFigure tie = Figure(s with { Recommendation = s.Recommendation with { Alternative = a with { DifferenceNoiseUsd = 8000 } } }, "Break-even against the best alternative");
        Assert.StartsWith("Month ", tie.Value, StringComparison.Ordinal);
        Assert.EndsWith("; their totals are within the simulation's noise (±$8,000), a tie on cost, so another seed may move this month or find no break-even", tie.Note, StringComparison.Ordinal);
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
            "and 75 requests rejected after waiting over the horizon; most frequent, as a share of its requests, in 2027-06, when p99 end-to-end was 12,000 ms against 20,000 ms and p95 TTFT 950 ms; " +
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
        s = WithL4Months(s, (m, _) => m with { CapacityQueueWaits = m.Requests * 0.01, CapacityQueueWaitSeconds = m.Requests * 0.02 });
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
        Assert.Contains("(1.0%) waited at least 1 s to be admitted to a batch, for a sequence slot, KV cache or the prefill of the prompts queued ahead", risk);
        Assert.DoesNotContain("throttled", risk, StringComparison.Ordinal);
        Assert.EndsWith("; shorter waits take more replicas, at more GPU cost.", risk, StringComparison.Ordinal);
        // A hybrid's threshold is a second lever.
        string hybrid = Assert.Single(ReportFacts.From(WithOption(s, 1, o => o with { Hybrid = new HybridPolicySection(4, 0, "self_hosted") })).Risks,
            r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
        Assert.EndsWith("; shorter waits take more replicas, at more GPU cost, or a lower overflow_queue_wait_s (now 4 s), which sends more of them to its API at its token prices and latency.", hybrid, StringComparison.Ordinal);

        // Held at its max_replicas in the month that queued most: the autoscaler cannot add them.
        s = WithL4Months(WithOption(s, 1, o => o with { Fleet = new FleetSection(null, 1, 4, "concurrency", 8, 256) }), (m, _) => m with { PeakReplicas = 4 });
        string capped = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
        Assert.Matches(@"shorter waits take more replicas, at more GPU cost, and in \d{4}-\d{2} its fleet reached its max_replicas of 4 at its peak, so a higher max_replicas comes first\.$", capped);

        // A spot fleet averaging a third of its cap or less reached it in a burst after interruptions: no advice to raise it.
        s = WithL4Months(s, (m, _) => m with { MeanReplicas = 1.2, SpotInterruptions = 3 });
        string burst = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
        Assert.Matches(@"and in \d{4}-\d{2} its fleet reached its max_replicas of 4 at its peak in a burst after spot interruptions \(it averaged 1\.2 replicas that month\)\.$", burst);
    }

    [Fact]
    public void AFleetMostlyIdleAtItsFloorIsToldThatTheFloorIsItsCost()
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection l4 = s.Options[1];
        // One 8-GPU instance of 4 two-GPU replicas for a min_replicas of 1, idle for 90% of its $1,000 a month.
        OptionSection floored = l4 with
        {
            Fleet = new FleetSection(null, 1, 32, "concurrency", 8, 256),
            Instance = new InstanceSection("p5.48xlarge", 8, 55.04, 2, 4, 1),
            Monthly = [.. l4.Monthly.Select(m => m with
            {
                MeanReplicas = 4,
                CostBreakdown = m.CostBreakdown with { GpuServingUsd = 100, GpuIdleUsd = 900, GpuColdStartUsd = 0, GpuStrandedUsd = 0 },
            })],
        };
        string risk = Assert.Single(ReportFacts.From(s with { Options = [s.Options[0], floored, s.Options[2]] }).Risks, r => r.StartsWith("gpu-l4's GPUs were idle", StringComparison.Ordinal));
        Assert.Equal($"gpu-l4's GPUs were idle for 90.0% of what they cost over the horizon ($5,400 of $6,000), most in {l4.Monthly[0].CalendarMonth} (90.0%): in every month it averaged no more than 4 replicas, at or near "
            + "its floor of 4 replicas (min_replicas 1 rounded up to whole p5.48xlarge instances of 4 replicas), which its traffic does not fill. "
            + "That floor, not the load, is its cost there; any min_replicas from 1 to 4 rents the same instance, so only scaling to zero (min_replicas 0) or an instance of fewer GPUs costs less, at the price of cold starts when traffic returns.", risk);
        // Two instances for a min_replicas of 5, or of 8: only 4 or fewer (a whole instance less) costs less.
        OptionSection two = floored with { Fleet = new FleetSection(null, 5, 32, "concurrency", 8, 256), Monthly = [.. floored.Monthly.Select(m => m with { MeanReplicas = 8.2 })] };
        const string lessByAnInstance = "That floor, not the load, is its cost there; only a min_replicas of 4 or fewer (a whole instance less) costs less, at the price of cold starts when traffic returns.";
        Assert.EndsWith(lessByAnInstance, ReportFacts.IdleAtItsFloor(two));
        Assert.Contains("averaged no more than 8.2 replicas", ReportFacts.IdleAtItsFloor(two), StringComparison.Ordinal);
        Assert.EndsWith(lessByAnInstance, ReportFacts.IdleAtItsFloor(two with { Fleet = new FleetSection(null, 8, 32, "concurrency", 8, 256) }));
        // Per-GPU replicas (one to an instance): any smaller floor costs less.
        Assert.EndsWith("That floor, not the load, is its cost there; a smaller one costs less, at the price of cold starts when traffic returns.",
            ReportFacts.IdleAtItsFloor(floored with { Instance = new InstanceSection("g6.xlarge", 1, 0.8, 1, 1, 1), Fleet = new FleetSection(null, 4, 32, "concurrency", 8, 256) }));

        // Above its floor the autoscaler's target is the cost, not the floor; and a busy fleet is no risk of this kind.
        Assert.Null(ReportFacts.IdleAtItsFloor(floored with { Monthly = [.. floored.Monthly.Select(m => m with { MeanReplicas = 12 })] }));
        Assert.Null(ReportFacts.IdleAtItsFloor(floored with { Monthly = [.. floored.Monthly.Select(m => m with { CostBreakdown = m.CostBreakdown with { GpuServingUsd = 900, GpuIdleUsd = 100 } })] }));
        // Scaling to zero has no floor to blame: a fleet idle there idles through its scale-down delay.
        Assert.Null(ReportFacts.IdleAtItsFloor(floored with
        {
            Fleet = new FleetSection(null, 0, 32, "concurrency", 8, 256),
            Monthly = [.. floored.Monthly.Select(m => m with { MeanReplicas = 0.2 })],
        }));
        // A floor the schedule sets is not put down to min_replicas alone.
        string scheduled = ReportFacts.IdleAtItsFloor(floored with
        {
            Fleet = new FleetSection(null, 1, 32, "concurrency", 8, 256) { ScheduledMinReplicas = [.. Enumerable.Repeat(4, 24)] },
        })!;
        Assert.Contains("its floor of 4 replicas on average over the day (min_replicas and its schedule, in whole instances)", scheduled, StringComparison.Ordinal);
        // A fixed fleet is told so.
        Assert.EndsWith("which its traffic does not fill. That fleet, not the load, is its cost there; fewer replicas, or an autoscaler, would cost less.",
            ReportFacts.IdleAtItsFloor(floored with { Fleet = new FleetSection(4, null, null, null, null, 256) }));
    }

    [Fact]
    public void AFleetThatLeavesRequestsUnansweredIsSaidToFallBehindItsTraffic()
    {
        SummaryDocument s = SampleSummary.Create();
        int months = s.Options[1].Monthly.Count;
        // Its last month left 30% of its requests unfinished at its max_replicas of 4; the others 0.5%, under the 1% that counts.
        s = WithL4Months(WithOption(s, 1, o => o with { Fleet = new FleetSection(null, 1, 4, "concurrency", 8, 256) }), (m, i) => i == months - 1
            ? m with { RequestsUnfinished = Math.Round(m.Requests!.Value * 0.3), PeakReplicas = 4 }
            : m with { RequestsUnfinished = Math.Round(m.Requests!.Value * 0.005) });
        MonthSection last = s.Options[1].Monthly[^1];
        string risk = Assert.Single(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 falls behind its traffic", StringComparison.Ordinal));
        Assert.Equal($"gpu-l4 falls behind its traffic: in 1 of 6 months more than 1.0% of its requests were still queued or in flight when the simulated days ended, most in {last.CalendarMonth} "
            + $"({Formatting.Fmt.Count(last.RequestsUnfinished!.Value)} of {Formatting.Fmt.Count(last.Requests!.Value)}, 30.0%), with its fleet reaching its max_replicas of 4 at its peak, so a higher max_replicas comes first. "
            + "Its cost per request and margin in those months count only the requests it served, so they flatter it.", risk);
        // The appendix counts them, month by month.
        string md = Markdown.MarkdownReportWriter.Write(s, [], "charts");
        Assert.Contains("| month | requests | rejected | unfinished |", md, StringComparison.Ordinal);
        Assert.Contains($"| {last.CalendarMonth} | {Formatting.Fmt.Count(last.Requests!.Value)} | {Formatting.Fmt.Count(last.RequestsRejected!.Value)} | {Formatting.Fmt.Count(last.RequestsUnfinished!.Value)} |", md, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportFacts.From(SampleSummary.Create()).Risks, r => r.Contains("falls behind", StringComparison.Ordinal));
    }

    [Fact]
    public void RequestsThatWaitedForAReplicaToStartAreNotPutDownToTooFewReplicas()
    {
        // 1% of the 2,978,976 requests waited; 0.8% arrived with no replica up and waited 150 s each on average.
        SummaryDocument s = WithL4Months(SampleSummary.Create(), (m, _) => m with
        {
            CapacityQueueWaits = m.Requests * 0.01, CapacityQueueWaitSeconds = m.Requests * 0.008 * 150 + m.Requests * 0.01,
            ReplicaStartWaits = m.Requests * 0.008, ReplicaStartWaitSeconds = m.Requests * 0.008 * 150,
        });
        List<string> risks = [.. ReportFacts.From(s).Risks.Where(r => r.StartsWith("gpu-l4", StringComparison.Ordinal))];
        string starting = Assert.Single(risks, r => r.StartsWith("gpu-l4 makes requests wait for a replica to start", StringComparison.Ordinal));
        Assert.StartsWith("gpu-l4 makes requests wait for a replica to start: 23,832 requests (0.80%) arrived while no replica was ready (the fleet scaled to zero, or every replica still starting) "
            + "and waited 150.0 s each on average for one to start, over the horizon; most frequent, as a share of its requests, in", starting, StringComparison.Ordinal);
        Assert.EndsWith("more replicas do not shorten these waits, a floor does (min_replicas, or schedule_min_replicas in the hours they arrive), at the GPU cost of keeping it.", starting, StringComparison.Ordinal);
        // The other 0.2% waited on replicas that were up.
        string slots = Assert.Single(risks, r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
        Assert.Contains("(0.20%) waited at least 1 s to be admitted to a batch, for a sequence slot, KV cache or the prefill of the prompts queued ahead on a replica that was up", slots, StringComparison.Ordinal);

        // A cold start is minutes of waiting, named however few wait: voice-agent's warm pool left 112
        // requests waiting 85 s each, far under one in a thousand, and the report said nothing.
        s = WithL4Months(SampleSummary.Create(), (m, i) => m with
        {
            CapacityQueueWaits = i == 0 ? 3 : 0, CapacityQueueWaitSeconds = i == 0 ? 255 : 0,
            ReplicaStartWaits = i == 0 ? 3 : 0, ReplicaStartWaitSeconds = i == 0 ? 255 : 0,
        });
        Assert.Contains(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 makes requests wait for a replica to start: 3 requests", StringComparison.Ordinal)
            && r.Contains("waited 85.0 s each on average", StringComparison.Ordinal));
        Assert.DoesNotContain(ReportFacts.From(s).Risks, r => r.StartsWith("gpu-l4 queues for capacity", StringComparison.Ordinal));
    }
}
