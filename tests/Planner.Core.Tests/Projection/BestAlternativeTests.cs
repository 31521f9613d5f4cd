using Planner.Core.Costs;
using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// The one best alternative on hand-built projections: which option it is, whether it is valid,
/// and the timing of the pair (cheaper per month from when, at what volume, break-even), as the
/// recommendation states them. Costs are small integers, so expected values are exact.
/// </summary>
public sealed class BestAlternativeTests
{
    private static readonly DateOnly Start = new(2025, 3, 1);

    // An API whose cost grows with volume: 100 USD per 1,000 requests/day, months 1–8; total 3,600.
    private static readonly double[] Volumes = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000];
    private static readonly OptionProjection Api = Projection("api", [.. Volumes.Select(v => v / 10)]);

    // Self-hosting: 350/month flat plus 1,000 one-time: total 3,800, so the API wins over the horizon.
    private static readonly OptionProjection Self = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 1000);

    [Fact]
    public void HorizonWinnerThatIsNotCheapestAtTheEndSaysFromWhenTheOtherIsAndThatItDoesNotPayBack()
    {
        BestAlternative a = BestAlternative.Of([Api, Self], "api")!;
        Assert.Equal("self", a.Option);
        Assert.True(a.MeetsSlo);
        Assert.Equal(3800.0, a.TotalCostUsd);
        Assert.Equal(200.0, a.SavingsUsd);
        Assert.Equal("self", a.CheaperAtHorizon);
        Assert.Equal("api", a.MoreExpensiveAtHorizon);
        // Monthly differences 250, 150, 50, −50, …: cheaper from month 4, crossing at 3,500 requests/day.
        Assert.Equal(4, a.CheaperFromMonth);
        Assert.Equal(new DateOnly(2025, 6, 1), a.CheaperFromCalendarMonth);
        Assert.Equal(3500.0, a.CheaperFromRequestsPerDay);
        Assert.Null(a.BreakEvenMonth);

        Recommendation r = RecommendationWriter.Write([Api, Self]);
        Assert.Equal("api", r.OptionName);
        Assert.Equal(a, r.Alternative);
        Assert.Contains("The best alternative, self, would cost $3,800 ($200 or 5.6% more).", r.Text);
        Assert.Contains("api is the cheapest over the 8 months, but self costs less every month from month 4 (2025-06; the monthly costs cross between months 3 and 4, at about 3,500 requests/day); " +
            "counting its one-time costs and the months it cost more, it has not paid for itself within the horizon.", r.Text);
    }

    [Fact]
    public void TheStatedDifferenceAddsUpWithTheTotalsAsShown()
    {
        // $1,459,931.54 and $1,817,449.48 are shown as $1,459,932 and $1,817,449: the difference
        // stated beside them is $357,517 (it read $357,518, the rounded $357,517.94, a dollar more).
        OptionProjection api = Projection("api", [.. Enumerable.Repeat(1_459_931.54 / 8, 8)]);
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(1_817_449.48 / 8, 8)]);
        Recommendation r = RecommendationWriter.Write([api, self]);
        Assert.Contains("at $1,459,932 over 8 months", r.Text);
        Assert.Contains("The best alternative, self, would cost $1,817,449 ($357,517 or 24.5% more).", r.Text);
        Assert.Equal(357_517.94, r.Alternative!.SavingsUsd, 6);
        Assert.Equal(357_517, Formatting.FigureFormat.ShownDifferenceUsd(1_817_449.48, 1_459_931.54));
        // Below $100 amounts are shown to the cent, and so is their difference.
        Assert.Equal(12.34, Formatting.FigureFormat.ShownDifferenceUsd(50.004, 37.664), 9);
    }

    [Fact]
    public void AChoiceThatRestsOnWhereTheHorizonEndsSaysWhenAnotherWouldBeTheCheapest()
    {
        // Month 8: the API 800, self-hosting 350; self-hosting costs 200 more over the 8 months, so
        // over 9 it costs 4,150 against 4,400.
        Recommendation r = RecommendationWriter.Write([Api, Self]);
        Assert.Equal(new HorizonOvertake("self", 1, new DateOnly(2025, 11, 1), 450, 200), r.Overtaken);
        Assert.Contains("That choice rests on where the horizon ends: were every option's monthly cost to stay at month 8's, self would be the cheapest over 9 months (to 2025-11), " +
            "since it then costs $450 a month less than api, which makes up the $200 more it costs over these 8 months within 1 month.", r.Text);

        // Only an option that meets the SLO every month can take over; the cheapest such one is named.
        OptionProjection cheap = Projection("cheap", [.. Enumerable.Repeat(100.0, 8)], missedMonths: 2);
        Assert.Equal("self", RecommendationWriter.Write([Api, Self, cheap]).Overtaken!.Option);
        // The recommendation cheaper at the horizon too: nothing takes over.
        OptionProjection paysBack = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 600);
        Assert.Null(RecommendationWriter.Write([Api, paysBack]).Overtaken);
        // 11,200 more over the horizon at 450 a month less takes 25 months, past the 24 it looks at.
        OptionProjection late = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 12_000);
        Assert.Null(RecommendationWriter.Write([Api, late]).Overtaken);
        Assert.DoesNotContain("rests on where the horizon ends", RecommendationWriter.Write([Api, late]).Text, StringComparison.Ordinal);
        OptionProjection justIn = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 11_550);
        Assert.Equal(24, RecommendationWriter.Write([Api, justIn]).Overtaken!.MonthsBeyond);
    }

    [Fact]
    public void RecommendedOptionCheaperAtTheEndBreaksEvenAgainstTheAlternative()
    {
        // 350/month plus 600 one-time: total 3,400, cumulative at or below the API's from month 8.
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 600);
        Recommendation r = RecommendationWriter.Write([Api, self]);
        BestAlternative a = r.Alternative!;
        Assert.Equal("self", r.OptionName);
        Assert.Equal("api", a.Option);
        Assert.Equal("self", a.CheaperAtHorizon);
        Assert.Equal(8, a.BreakEvenMonth);
        Assert.Equal(new DateOnly(2025, 10, 1), a.BreakEvenCalendarMonth);
        Assert.Contains("self costs less than api every month from month 4 (2025-06; the monthly costs cross between months 3 and 4, at about 3,500 requests/day); counting its one-time costs and the months it cost more, it has paid for itself by month 8 (2025-10).", r.Text);
    }

    [Fact]
    public void AnOptionMissingTheSloIsNeverTheBestAlternativeWhileAnotherMeetsIt()
    {
        // Cheapest of all, but misses the SLO in two months.
        OptionProjection cheap = Projection("cheap", [.. Enumerable.Repeat(100.0, 8)], missedMonths: 2);
        BestAlternative a = BestAlternative.Of([Api, Self, cheap], "api")!;
        Assert.Equal("self", a.Option);
        Recommendation r = RecommendationWriter.Write([Api, Self, cheap]);
        Assert.Equal("api", r.OptionName);
        Assert.Equal("self", r.Alternative!.Option);
        Assert.DoesNotContain("cheap,", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAValidAlternativeTheCheapestOtherIsLabelledAsMissingTheSlo()
    {
        OptionProjection cheap = Projection("cheap", [.. Enumerable.Repeat(100.0, 8)], missedMonths: 2);
        Recommendation r = RecommendationWriter.Write([Api, cheap]);
        BestAlternative a = r.Alternative!;
        Assert.Equal("api", r.OptionName);
        Assert.Equal("cheap", a.Option);
        Assert.False(a.MeetsSlo);
        Assert.Equal(2, a.MonthsMissingSlo);
        Assert.Equal(800.0 - 3600.0, a.SavingsUsd);
        Assert.Contains("No other option meets the SLO every month; the cheapest other, cheap, would cost $800 ($2,800 or 77.8% less) but misses the SLO in 2 of 8 months, so it is no valid alternative.", r.Text);
        Assert.DoesNotContain("best alternative", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNoOptionMeetingTheSloTheOneThatComesClosestIsRecommendedNotTheOneThatServesLeast()
    {
        // Cheapest by far because it rejects 60% of its requests and misses the SLO every month.
        OptionProjection rejecting = Projection("rejecting", [.. Enumerable.Repeat(100.0, 8)], missedMonths: 8);
        rejecting = rejecting with { Months = [.. rejecting.Months.Select(m => m with { RequestsRejected = 0.6 * m.Requests, RequestsServed = 0.4 * m.Requests, SloAttainment = 0 })] };
        // Misses it in its first two months (half the requests within it there): 1,500 + 33,000 of
        // 36,000 request-days within it, 95.8%.
        OptionProjection close = Projection("close", [.. Enumerable.Repeat(350.0, 8)], missedMonths: 2);
        // As close in months but with fewer requests within the SLO: the share decides.
        OptionProjection lessClose = Projection("less-close", [.. Enumerable.Repeat(300.0, 8)], missedMonths: 2);
        lessClose = lessClose with { Months = [.. lessClose.Months.Select(m => m.SloMet ? m : m with { SloAttainment = 0.2 })] };

        Recommendation r = RecommendationWriter.Write([rejecting, lessClose, close]);
        Assert.Equal("close", r.OptionName);
        Assert.Equal(0.958, RecommendationWriter.ShareWithinSlo(close), 3);
        Assert.Contains("Recommend close, provisionally: no option meets the SLO every month, and it comes closest, meeting it in 6 of 8 months, with 95.8% of the horizon's requests within it, at $2,800 over 8 months.", r.Text);
        Assert.Contains("The cheapest other option, rejecting, would cost $800 ($2,000 or 71.4% less) and misses the SLO in 8 of 8 months too.", r.Text);
        Assert.Contains("No option meets the SLO in every month: revisit capacity, limits or targets before deciding.", r.Text);
        Assert.DoesNotContain("no valid alternative", r.Text, StringComparison.Ordinal);
        Assert.Null(r.Overtaken);

        // Alike in months and share, the cheaper comes first; an option that serves nothing is
        // recommended only when every option meets the SLO in no month and has none within it.
        OptionProjection twin = close with { Option = close.Option with { Name = "twin" }, Months = [.. close.Months.Select(m => m with { Cost = m.Cost with { ApiTokensUsd = 340 } })] };
        Assert.Equal("twin", RecommendationWriter.Write([close, twin]).OptionName);
        Recommendation none = RecommendationWriter.Write([rejecting]);
        Assert.Contains("Recommend rejecting, provisionally: no option meets the SLO every month, and it comes closest, meeting it in no month, with 0.0% of the horizon's requests within it and 60.0% rejected, at $800 over 8 months.", none.Text);
    }

    [Fact]
    public void AnAlternativeCheaperThroughoutButMissingTheSloIsNotCalledDearerOverTheHorizon()
    {
        // Cheaper than the API in every month and over the horizon, but misses the SLO in two months.
        OptionProjection cheap = Projection("cheap", [.. Enumerable.Repeat(50.0, 8)], missedMonths: 2);
        Recommendation r = RecommendationWriter.Write([Api, cheap]);
        Assert.Equal("api", r.OptionName);
        Assert.Equal(1, r.Alternative!.CheaperFromMonth);
        Assert.Contains("cheap costs less in every month and meets the SLO in the other 6 months; it misses it in 2025-03 and 2025-04.", r.Text);
        Assert.DoesNotContain("api is the cheapest over", r.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("only by missing", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAlternativeMissingTheSloOnlyAtItsMaxReplicasIsToldThatTheCapMissesThem()
    {
        // Legal summarisation at 10× its traffic: the fleet costs far less in every month and meets
        // the SLO in all but the last two, where it is held at its max_replicas of 32.
        var autoscaler = new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 32, TargetValue = 8, ColdStartSeconds = 300 };
        OptionProjection fleet = Projection("fleet", [.. Enumerable.Repeat(50.0, 8)]) with { Option = TestSpecs.SelfHosted(autoscaler: autoscaler) with { Name = "fleet" } };
        fleet = fleet with { Months = [.. fleet.Months.Select(m => m.Month >= 7 ? m with { SloMet = false, SloAttainment = 0.3, PeakReplicas = 32 } : m with { PeakReplicas = 20 })] };

        Recommendation r = RecommendationWriter.Write([Api, fleet]);
        Assert.Equal("api", r.OptionName);
        Assert.Equal([Start.AddMonths(6), Start.AddMonths(7)], r.Alternative!.MissingSloMonths);
        Assert.Equal(32, r.Alternative.MissingSloAtMaxReplicas);
        Assert.Contains("fleet costs less in every month and meets the SLO in the other 6 months; it misses it in 2025-09 and 2025-10, each with its fleet reaching its max_replicas of 32 at its peak, "
            + "so a higher max_replicas, at more GPU cost in those months, may make it a valid alternative (see the warnings).", r.Text);

        // One of the missed months below the cap: the cap is not what misses them all, and nothing is said of it.
        OptionProjection uncapped = fleet with { Months = [.. fleet.Months.Select(m => m.Month == 7 ? m with { PeakReplicas = 31 } : m)] };
        Recommendation u = RecommendationWriter.Write([Api, uncapped]);
        Assert.Null(u.Alternative!.MissingSloAtMaxReplicas);
        Assert.Contains("it misses it in 2025-09 and 2025-10.", u.Text);

        // Missing every month at its cap: a higher cap is offered, unless its replicas miss the SLO
        // even with each request alone, when no cap helps and nothing says it would.
        OptionProjection capped = fleet with { Months = [.. fleet.Months.Select(m => m with { SloMet = false, SloAttainment = 0.3, PeakReplicas = 32 })] };
        Assert.Equal(32, SloMisses.AtMaxReplicas(capped));
        OptionProjection floored = capped with { LatencyFloor = new Planner.Core.Serving.LatencyFloor(100, 20, 50_000, 20_000, AboveSlo: true) };
        Assert.Null(SloMisses.AtMaxReplicas(floored));
        // A floor above the target beside a month that met it after all says nothing of reach.
        OptionProjection metOnce = floored with { Months = [.. floored.Months.Select(m => m.Month == 1 ? m with { SloMet = true } : m)] };
        Assert.Null(SloMisses.AtMaxReplicas(metOnce with { Months = [.. metOnce.Months.Select(m => m with { PeakReplicas = 20 })] }));
        Assert.Equal(32, SloMisses.AtMaxReplicas(metOnce));

        // Missing every month: nothing to name.
        OptionProjection never = Projection("never", [.. Enumerable.Repeat(50.0, 8)], missedMonths: 8);
        Assert.Contains("never costs less in every month, but misses the SLO in every month.", RecommendationWriter.Write([Api, never]).Text);
    }

    [Fact]
    public void AScenarioWithNoRequestServedStillGetsARecommendationInWords()
    {
        // 0.01 requests a day, the least a scenario allows: no request arrives in two months, the API
        // costs nothing, and there is no cost per request, no p95 TTFT and no share of $0 to state.
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(requestsPerDay: 0.01), [TestSpecs.Api(), TestSpecs.SelfHosted()], horizonMonths: 2,
            settings: new SimulationSettings { NoiseCheckMonths = 0 });
        Recommendation r = new Projector().Run(scenario).Recommendation;

        Assert.DoesNotContain("NaN", r.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", r.Text, StringComparison.Ordinal);
        Assert.Contains("$0.00 over 2 months", r.Text, StringComparison.Ordinal);
        Assert.Matches(@"would cost \$[0-9,]+ \(\$[0-9,]+ more\)\.", r.Text);
        Assert.Contains("Cost per 1K requests served goes from n/a (no request served) in month 1 to n/a (no request served) in month 2; no request reached a first token at the horizon, so it has no p95 TTFT", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoOptionsRentingTheSameFleetAreToldApartByTheirSizing()
    {
        // The same H100 fleet at the same price, one scaled on queue wait, the other at 4 requests in
        // flight per replica: the cheaper one is cheaper by its sizing, and the reader is told so.
        var byWait = new AutoscalerSpec { MinReplicas = 2, MaxReplicas = 12, Metric = AutoscalerMetric.QueueWait, TargetValue = 2, ColdStartSeconds = 300 };
        var byFlight = new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 64, TargetValue = 4, ColdStartSeconds = 300 };
        OptionProjection lean = Projection("lean", [.. Enumerable.Repeat(300.0, 8)]) with { Option = TestSpecs.SelfHosted(autoscaler: byWait) with { Name = "lean" } };
        OptionProjection roomy = Projection("roomy", [.. Enumerable.Repeat(350.0, 8)]) with { Option = TestSpecs.SelfHosted(autoscaler: byFlight) with { Name = "roomy" } };
        lean = lean with { Months = [.. lean.Months.Select(m => m with { MeanReplicas = 7.8, E2eP99Ms = 53_252 })] };
        roomy = roomy with { Months = [.. roomy.Months.Select(m => m with { MeanReplicas = 12.5, E2eP99Ms = 28_646 })] };

        Recommendation r = RecommendationWriter.Write([lean, roomy]);
        Assert.Equal("lean", r.OptionName);
        Assert.Contains("lean and roomy run the same model on the same GPUs (Llama-3.1-8B on 1 × h100 per replica, with the same engine settings) but are sized differently: "
            + "lean by an autoscaler at 2 s of mean queue wait across the fleet (2 to 12 replicas) and roomy by an autoscaler at 4 requests in flight per replica (1 to 64 replicas). "
            + "In 2025-10 lean held 7.8 replicas on average, at a p99 end-to-end of 53,252 ms, and roomy 12.5, at 28,646 ms; planner optimize tunes a fleet's sizing against the SLO.", r.Text);
        // A last month with no latency to state (no request in it) leaves that part out rather than print NaN.
        OptionProjection quiet = lean with { Months = [.. lean.Months.Select(m => m with { E2eP99Ms = double.NaN })] };
        string text = RecommendationWriter.Write([quiet, roomy]).Text;
        Assert.Contains("(1 to 64 replicas). Planner optimize tunes a fleet's sizing against the SLO.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);

        // On 8-GPU instances holding 8 one-GPU replicas, a minimum of 2 runs as 8, and 1 as 8 too.
        SelfHostedOptionSpec Packed(OptionProjection o) => ((SelfHostedOptionSpec)o.Option) with { Pricing = ((SelfHostedOptionSpec)o.Option).Pricing with { GpusPerInstance = 8 } };
        string packed = RecommendationWriter.Write([lean with { Option = Packed(lean) }, roomy with { Option = Packed(roomy) }]).Text;
        Assert.Contains("(2 to 12 replicas, at least 8 as an instance holds 8) and roomy by an autoscaler at 4 requests in flight per replica (1 to 64 replicas, at least 8 as an instance holds 8).", packed, StringComparison.Ordinal);

        // Another GPU, or the same sizing: nothing of the kind is said.
        OptionProjection onA100 = roomy with { Option = ((SelfHostedOptionSpec)roomy.Option) with { Gpu = TestSpecs.A100 } };
        Assert.DoesNotContain("run the same model on the same GPUs", RecommendationWriter.Write([lean, onA100]).Text, StringComparison.Ordinal);
        OptionProjection sameSizing = roomy with { Option = ((SelfHostedOptionSpec)roomy.Option) with { Autoscaler = byWait } };
        Assert.DoesNotContain("run the same model on the same GPUs", RecommendationWriter.Write([lean, sameSizing]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MissedMonthsAreListedThenCountedWhenMany()
    {
        Assert.Equal("2027-01", SloMisses.List(["2027-01"]));
        Assert.Equal("2027-01, 2027-03, 2027-05 and 2027-07", SloMisses.List(["2027-01", "2027-03", "2027-05", "2027-07"]));
        Assert.Equal("5 months from 2027-01 to 2027-09", SloMisses.List(["2027-01", "2027-03", "2027-05", "2027-07", "2027-09"]));
        Assert.Equal("2027-01, with its fleet reaching its max_replicas of 4 at its peak", SloMisses.Describe(["2027-01"], 4));
    }

    [Fact]
    public void CheaperFromIsTheLastCrossingAfterWhichItStaysCheaper()
    {
        // Differences 50, −50, 50, −50, −150, …: cheaper every month from month 4 on, crossing between months 3 and 4 at 3,500.
        double[] cogs = [.. Volumes.Select((v, i) => v / 10 + (i switch { 0 => 50.0, 1 => -50.0, 2 => 50.0, _ => -50.0 - 100 * (i - 3) }))];
        BestAlternative a = BestAlternative.Compare(Api, Projection("self", cogs));
        Assert.Equal("self", a.CheaperAtHorizon);
        Assert.Equal(4, a.CheaperFromMonth);
        Assert.Equal(3500.0, a.CheaperFromRequestsPerDay);
    }

    [Fact]
    public void ASingleOptionHasNoAlternative()
    {
        Assert.Null(BestAlternative.Of([Api], "api"));
        Assert.Null(RecommendationWriter.Write([Api]).Alternative);
    }

    [Fact]
    public void TheTotalsNoiseComesFromTheReplicatePairsByHand()
    {
        // Months 1 and 8 simulated twice, each pair 20% apart: σ = √((0.2² + 0.2²) / 2 / 2) = 0.2/√2.
        // API: Σ cost² = 100²·(1 + 4 + … + 64) = 100²·204, so its total's s.d. is 0.2/√2·100·√204 = 20·√102.
        // Self-hosted: 8·350², so 0.2/√2·350·√8 = 140; its fixed 50 a month carries no noise.
        NoiseMeasure api = NoiseMeasure.Of(WithNoise(Api, 0.2, 1, 8))!;
        Assert.Equal([1, 8], api.CheckedMonths);
        Assert.Equal(0.2 / Math.Sqrt(2), api.MonthlyCostSd!.Value, 12);
        Assert.Equal(20 * Math.Sqrt(102), api.TotalCostSdUsd!.Value, 9);
        OptionProjection self = WithFixed(Self, 50);
        Assert.Equal(140, NoiseMeasure.Of(WithNoise(self, 0.2, 1, 8))!.TotalCostSdUsd!.Value, 9);
        // The difference's: two standard deviations of independent totals, 2·√(40,800 + 19,600), each
        // at the upper 90% bound of an estimate from 2 pairs: √(2 / χ²₂ at 0.1) = √(2 / (−2 ln 0.9)) ≈ 3.081.
        double bound = Math.Sqrt(2 / (-2 * Math.Log(0.9)));
        Assert.Equal(bound, NoiseMeasure.UpperBoundFactor(2), 9);
        Assert.Equal(2 * Math.Sqrt(60400) * bound, NoiseMeasure.DifferenceNoiseUsd(WithNoise(Api, 0.2, 1, 8), WithNoise(self, 0.2, 1, 8))!.Value, 6);
        // Five pairs (the default noise-check months) and twelve: χ²₅ at 0.1 = 1.6103, χ²₁₂ at 0.1 = 6.3038.
        Assert.Equal(Math.Sqrt(5 / 1.6103), NoiseMeasure.UpperBoundFactor(5), 3);
        Assert.Equal(Math.Sqrt(12 / 6.3038), NoiseMeasure.UpperBoundFactor(12), 3);
        // Without a second seed there is nothing to say.
        Assert.Null(NoiseMeasure.Of(Api));
        Assert.Null(NoiseMeasure.DifferenceNoiseUsd(Api, WithNoise(self, 0.2, 1, 8)));
    }

    [Fact]
    public void CheckedMonthsAFleetSpentPinnedAtItsFloorDoNotDiluteTheNoise()
    {
        // Months 1 and 8 moved 20% between the seeds; in months 3 and 5 the fleet sat at its floor and
        // cost the same to the cent with both. Those two carry no noise to measure: σ is the 0.2/√2 of
        // the two that moved (pooling four months would give 0.1), and the tie rule's confidence bound
        // is that of two pairs, as if only the moving months had been checked.
        OptionProjection self = WithFixed(Self, 50);
        OptionProjection moving = WithNoise(self, 0.2, 1, 8);
        OptionProjection pinned = WithNoise(moving, 0, 3, 5);
        NoiseMeasure n = NoiseMeasure.Of(pinned)!;
        Assert.Equal([1, 3, 5, 8], n.CheckedMonths);
        Assert.Equal(2, n.MovingMonths);
        Assert.Equal(0.2 / Math.Sqrt(2), n.MonthlyCostSd!.Value, 12);
        Assert.Equal(NoiseMeasure.Of(moving)!.TotalCostSdUsd!.Value, n.TotalCostSdUsd!.Value, 9);
        Assert.Equal(NoiseMeasure.DifferenceNoiseUsd(WithNoise(Api, 0.2, 1, 8), moving)!.Value, NoiseMeasure.DifferenceNoiseUsd(WithNoise(Api, 0.2, 1, 8), pinned)!.Value, 9);
        // The sums of a pinned fleet's GPU time in another order differ in the last bits: still pinned.
        // (voice-agent's always-on fleet cost $1,197.54 with both seeds and counted as moving.)
        NoiseMeasure rounding = NoiseMeasure.Of(WithNoise(moving, 1e-13, 3, 5))!;
        Assert.Equal((2, n.MonthlyCostSd!.Value), (rounding.MovingMonths, rounding.MonthlyCostSd!.Value));
        Assert.Equal(0, NoiseMeasure.Of(WithNoise(self, 1e-13, 1, 8))!.MovingMonths);
        // Pinned in every checked month: no noise, and a tie rule with none from this option.
        NoiseMeasure still = NoiseMeasure.Of(WithNoise(self, 0, 1, 8))!;
        Assert.Equal((0, 0.0, 0.0), (still.MovingMonths, still.MonthlyCostSd!.Value, still.TotalCostSdUsd!.Value));
        double apiSd = NoiseMeasure.Of(WithNoise(Api, 0.2, 1, 8))!.TotalCostSdUsd!.Value;
        Assert.Equal(2 * apiSd * NoiseMeasure.UpperBoundFactor(2), NoiseMeasure.DifferenceNoiseUsd(WithNoise(Api, 0.2, 1, 8), WithNoise(self, 0, 1, 8))!.Value, 9);
    }

    [Fact]
    public void TotalsCloserThanTheNoiseAreCalledATieAndFartherOnesAreNot()
    {
        // The API wins by 200. With pairs 20% apart the noise of the difference is 2·√60,400 × 3.081
        // ≈ 1,514: a tie, said in the recommendation. With pairs 2% apart it is ≈ 151: the 200 decides.
        Recommendation noisy = RecommendationWriter.Write([WithNoise(Api, 0.2, 1, 8), WithNoise(Self, 0.2, 1, 8)]);
        Assert.Equal("api", noisy.OptionName);
        Assert.True(noisy.Alternative!.WithinNoise);
        Assert.Contains("That difference is within the simulation's own noise (±$1,514: two standard deviations of the difference, each at the upper 90% confidence bound of what the months simulated again with other seeds measured): on cost the two are a tie, so let latency, risk and effort decide.", noisy.Text);

        Recommendation quiet = RecommendationWriter.Write([WithNoise(Api, 0.02, 1, 8), WithNoise(Self, 0.02, 1, 8)]);
        Assert.Equal(2 * Math.Sqrt(604) * NoiseMeasure.UpperBoundFactor(2), quiet.Alternative!.DifferenceNoiseUsd!.Value, 9);
        Assert.False(quiet.Alternative.WithinNoise);
        Assert.DoesNotContain("noise", quiet.Text, StringComparison.Ordinal);

        // An alternative that misses the SLO is no alternative, however close its cost: no tie on the
        // totals. (Its months are still compared, and those within the noise named as such.)
        Recommendation invalid = RecommendationWriter.Write([WithNoise(Api, 0.2, 1, 8), WithNoise(Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 1000, missedMonths: 1), 0.2, 1, 8)]);
        Assert.DoesNotContain("That difference is within the simulation's own noise", invalid.Text, StringComparison.Ordinal);
        Assert.Contains("the two monthly costs differ by less than the simulation's noise", invalid.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherOptionWithinTheNoiseOfTheBestAlternativeIsNamedAsARunnerUp()
    {
        // self (total 3,800) is the best alternative to the cheaper api (3,600); "self2" costs 300
        // more than self. With pairs 20% apart the noise of that difference is about 1,514 (the
        // previous test): another seed may pick either. With pairs 2% apart it is about 151.
        OptionProjection self2 = Projection("self2", [.. Enumerable.Repeat(387.5, 8)], oneTimeMonth1: 1000);
        Recommendation noisy = RecommendationWriter.Write([WithNoise(Api, 0.2, 1, 8), WithNoise(Self, 0.2, 1, 8), WithNoise(self2, 0.2, 1, 8)]);
        Assert.Equal("self", noisy.Alternative!.Option);
        Assert.Equal("self2", noisy.Alternative.RunnerUp);
        Assert.Contains("self2, at $4,100, is within the simulation's noise of it: $300 apart, less than the $", noisy.Text, StringComparison.Ordinal);
        Assert.Contains("that noise alone could make of their difference, so another seed may name either as the best alternative.", noisy.Text, StringComparison.Ordinal);

        Recommendation quiet = RecommendationWriter.Write([WithNoise(Api, 0.02, 1, 8), WithNoise(Self, 0.02, 1, 8), WithNoise(self2, 0.02, 1, 8)]);
        Assert.Null(quiet.Alternative!.RunnerUp);
        Assert.DoesNotContain("self2", quiet.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthsAboutTheCrossingWithinTheNoiseAreNamedAsATie()
    {
        // self − api per month: 250, 150, 50, −50, −150, −250, −350, −450: self costs less from month 4.
        // Each month's noise is 2·√((σ'·api)² + (σ'·350)²), σ' = σ at its upper bound from 2 pairs.
        // With pairs 5% apart σ' = 0.05/√2 × 3.081 = 0.1089: months 1 and 2 (noise 79, 88) are clearly
        // dearer, months 3 and 4 (100, 116) within it, 5 to 8 (133 … 190) clearly cheaper.
        OptionProjection api = WithNoise(Api, 0.05, 1, 8), self = WithNoise(Self, 0.05, 1, 8);
        double sd = 0.05 / Math.Sqrt(2) * NoiseMeasure.UpperBoundFactor(2);
        IReadOnlyList<double> noise = NoiseMeasure.MonthlyDifferenceNoiseUsd(api, self)!;
        Assert.Equal(8, noise.Count);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(2 * sd * Math.Sqrt(Square(100.0 * (i + 1)) + Square(350)), noise[i], 9);
        }
        BestAlternative a = BestAlternative.Of([api, self], "api")!;
        Assert.Equal(4, a.CheaperFromMonth);
        Assert.Equal([new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 1)], a.MonthlyTie!.Months);
        Assert.Equal(5, a.MonthlyTie.ClearlyCheaperFromMonth);
        Assert.False(a.MonthlyTie.IncludesHorizon);
        string text = RecommendationWriter.Write([api, self]).Text;
        Assert.Contains("In 2025-05 and 2025-06 the two monthly costs differ by less than the simulation's noise: a tie on cost in those months.", text, StringComparison.Ordinal);
        // The cheaper-from sentence says from when the margin is beyond the noise, before the tie is named.
        Assert.Matches(@"every month from month 4 \(2025-06; the monthly costs cross between months 3 and 4, at about [0-9,]+ requests/day\), by more than the simulation's noise from month 5 \(2025-07\)", text);

        // Pairs 20% apart: every month is within the noise, the last one too.
        MonthlyTie wide = BestAlternative.Of([WithNoise(Api, 0.2, 1, 8), WithNoise(Self, 0.2, 1, 8)], "api")!.MonthlyTie!;
        Assert.Equal(8, wide.Months.Count);
        Assert.Null(wide.ClearlyCheaperFromMonth);
        Assert.True(wide.IncludesHorizon);
        Assert.Equal("In 8 months from 2025-03 to 2025-10 the two monthly costs differ by less than the simulation's noise: a tie on cost in those months, "
            + "the last one included, so which of the two costs less per month at the horizon is a tie too.", wide.Sentence());

        // Pairs 2% apart: month 3 (50 against 40) and month 4 (−50 against 46) are decided; nothing to say.
        MonthlyTie narrow = BestAlternative.Of([WithNoise(Api, 0.02, 1, 8), WithNoise(Self, 0.02, 1, 8)], "api")!.MonthlyTie!;
        Assert.Empty(narrow.Months);
        Assert.Equal(4, narrow.ClearlyCheaperFromMonth);
        Assert.Null(narrow.Sentence());
        Assert.DoesNotContain("monthly costs differ", RecommendationWriter.Write([WithNoise(Api, 0.02, 1, 8), WithNoise(Self, 0.02, 1, 8)]).Text, StringComparison.Ordinal);

        // Without a second seed there is no noise to compare with.
        Assert.Null(BestAlternative.Of([Api, Self], "api")!.MonthlyTie);
        Assert.Null(NoiseMeasure.MonthlyDifferenceNoiseUsd(Api, self));
    }

    [Fact]
    public void AMonthWithinTheNoiseFarFromTheCrossingIsNotPartOfTheClaim()
    {
        // self − api per month: 400, −10, 400, 400, 400, −400, −400, −400. Self costs 10 less in month 2
        // (within the noise), then 400 more until the crossing at month 6, beyond the noise either side.
        // Month 2's tie is not about "self costs less from month 6": it is not named.
        OptionProjection api = Projection("api", [100, 300, 100, 100, 100, 900, 900, 900]);
        OptionProjection self = Projection("self", [500, 290, 500, 500, 500, 500, 500, 500]);
        MonthlyTie tie = BestAlternative.Of([WithNoise(api, 0.05, 1, 8), WithNoise(self, 0.05, 1, 8)], "api")!.MonthlyTie!;
        Assert.Empty(tie.Months);
        Assert.Equal(6, tie.ClearlyCheaperFromMonth);
    }

    [Fact]
    public void ADearerMonthWithinTheNoiseDoesNotMoveTheCrossing()
    {
        // self − api per month: −100, +5, −100, … . Pairs 2% apart give each month a noise of
        // 2 × 0.02/√2 × 3.081 × √(400² + 405²) ≈ 49.6: month 2's $5 is a tie, every other month
        // clearly cheaper. A second seed of document-extraction said of such a pair "costs less
        // every month from month 3", which reads as dearer in months 1 and 2.
        OptionProjection api = WithNoise(Projection("api", [.. Enumerable.Repeat(400.0, 8)]), 0.02, 1, 8);
        OptionProjection self = WithNoise(Projection("self", [300, 405, 300, 300, 300, 300, 300, 300]), 0.02, 1, 8);
        BestAlternative a = BestAlternative.Of([api, self], "self")!;
        Assert.Equal("api", a.Option);
        Assert.Equal(1, a.CheaperFromMonth);
        Assert.Null(a.CheaperFromRequestsPerDay);
        Assert.Equal([new DateOnly(2025, 4, 1)], a.MonthlyTie!.Months);
        Assert.Equal(3, a.MonthlyTie.ClearlyCheaperFromMonth);
        string text = RecommendationWriter.Write([api, self]).Text;
        Assert.Contains("self costs less than api in every month, by more than the simulation's noise from month 3 (2025-05)", text, StringComparison.Ordinal);
        Assert.Contains("In 2025-04 the two monthly costs differ by less than the simulation's noise: a tie on cost in that month.", text, StringComparison.Ordinal);
        Assert.Equal(CrossoverStatus.CheaperThroughout, BreakEvenAnalysis.Compare(self, api).Crossover);

        // Without a noise measure the $5 counts as it is: cheaper from month 3, crossing at month 2's and 3's volumes.
        OptionProjection apiBare = Projection("api", [.. Enumerable.Repeat(400.0, 8)]);
        OptionProjection selfBare = Projection("self", [300, 405, 300, 300, 300, 300, 300, 300]);
        BestAlternative bare = BestAlternative.Of([apiBare, selfBare], "self")!;
        Assert.Equal(3, bare.CheaperFromMonth);
        Assert.Equal(2000 + 1000 * 5.0 / 105, bare.CheaperFromRequestsPerDay!.Value, 6);
        BreakEvenResult b = BreakEvenAnalysis.Compare(selfBare, apiBare);
        Assert.Equal(CrossoverStatus.Crosses, b.Crossover);
        Assert.Equal(2000 + 1000 * 5.0 / 105, b.CrossoverRequestsPerDay!.Value, 6);

        // A dearer month beyond the noise does: 200 more in month 2 puts the crossing after it.
        OptionProjection selfDearer = WithNoise(Projection("self", [300, 600, 300, 300, 300, 300, 300, 300]), 0.02, 1, 8);
        Assert.Equal(3, BestAlternative.Of([api, selfDearer], "self")!.CheaperFromMonth);
        Assert.Equal(CrossoverStatus.Crosses, BreakEvenAnalysis.Compare(selfDearer, api).Crossover);
    }

    [Fact]
    public void AMonthThatMeasuredMoreNoiseOfItsOwnIsJudgedByIt()
    {
        // self costs 30 less than api every month, its three days a month within 0.1 of each other
        // but month 4's, which cost 340, 380 and 420: the σ of their mean is 6.1%, where the σ
        // pooled over every month, at its upper bound, is 2.6%. Month 4 is a tie (a noise of about
        // 47 against 30), the others are clearly cheaper (about 21). voice-agent's scheduled fleet
        // moved 7.2% between seeds in such a month against a pooled 0.44%.
        OptionProjection api = WithNoise(Projection("api", [.. Enumerable.Repeat(410.0, 8)]), 0.004, 1, 8);
        OptionProjection self = WithNoise(Projection("self", [.. Enumerable.Repeat(380.0, 8)]), 0.004, 1, 8);
        self = self with { Months = [.. self.Months.Select((m, i) => m with { DayCostsUsd = i == 3 ? [340.0, 380, 420] : [379.9, 380, 380.1] })] };
        double own = Math.Sqrt(2 * Square(40.0 / 380) / 6);
        Assert.Equal(own, NoiseMeasure.OwnSd(self.Months[3]), 12);
        double Upper(OptionProjection o) => NoiseMeasure.Of(o)!.MonthlyCostSd!.Value * NoiseMeasure.UpperBoundFactor(NoiseMeasure.Of(o)!.DegreesOfFreedom);
        double pooled = Upper(self), pooledApi = Upper(api);
        Assert.InRange(pooled, 0.02, own / 2);

        IReadOnlyList<double> noise = NoiseMeasure.MonthlyDifferenceNoiseUsd(api, self)!;
        Assert.Equal(2 * Math.Sqrt(Square(pooledApi * 410) + Square(own * 380)), noise[3], 9);
        Assert.Equal(2 * Math.Sqrt(Square(pooledApi * 410) + Square(pooled * 380)), noise[2], 9);
        Assert.InRange(noise[3], 30, 60);
        Assert.InRange(noise[2], 0, 30);
        MonthlyTie tie = BestAlternative.Of([api, self], "self")!.MonthlyTie!;
        Assert.Equal([new DateOnly(2025, 6, 1)], tie.Months);
        Assert.Equal(5, tie.ClearlyCheaperFromMonth);

        // A month that measured less of its own keeps the pooled σ; a checked month's two seeds 10% apart measure 7.1%.
        Assert.Equal(2 * Math.Sqrt(Square(pooledApi * 410) + Square(pooled * 380)), noise[0], 9);
        OptionProjection apart = self with { Months = [.. self.Months.Select((m, i) => i == 5 ? m with { Replicates = [new ReplicateOutcome(361, 200), new ReplicateOutcome(399, 200)] } : m)] };
        Assert.Equal(0.1 / Math.Sqrt(2), NoiseMeasure.OwnSd(apart.Months[5]), 12);
    }

    private static double Square(double x) => x * x;

    [Fact]
    public void ARunnerUpThatCostsExactlyTheSameIsATieNotNoise()
    {
        // A hybrid that never overflows costs to the cent what its fleet alone does, and no seed moves either.
        OptionProjection twin = Self with { Option = Self.Option with { Name = "twin" } };
        Recommendation r = RecommendationWriter.Write([WithNoise(Api, 0, 1, 8), WithNoise(Self, 0, 1, 8), WithNoise(twin, 0, 1, 8)]);
        Assert.Equal("twin", r.Alternative!.RunnerUp);
        Assert.Contains("twin costs exactly as much ($3,800): on cost the two are a tie, and either could be named the best alternative.", r.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("noise of it", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalsTheSameToTheCentAreATieWhateverTheirLastBits()
    {
        // Four fleets of one whole instance cost $118,886.40 each, two of them a few billionths of a
        // cent more: the later one was named the best alternative, and only one other as costing
        // exactly as much. Now the earliest is chosen and every other is named.
        OptionProjection a = Projection("fixed1", [.. Enumerable.Repeat(350.0 + 1e-10, 8)], oneTimeMonth1: 1000);
        OptionProjection b = Projection("fixed2", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 1000);
        OptionProjection c = Projection("fixed8", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 1000);
        OptionProjection d = Projection("auto", [.. Enumerable.Repeat(350.0 + 2e-10, 8)], oneTimeMonth1: 1000);
        Assert.True(a.TotalCostUsd > b.TotalCostUsd);
        Recommendation r = RecommendationWriter.Write([WithNoise(Api, 0, 1, 8), WithNoise(a, 0, 1, 8), WithNoise(b, 0, 1, 8), WithNoise(c, 0, 1, 8), WithNoise(d, 0, 1, 8)]);
        Assert.Equal("fixed1", r.Alternative!.Option);
        Assert.Equal(["fixed2", "fixed8", "auto"], r.Alternative.RunnersUp.Select(x => x.Option));
        Assert.Contains("fixed2, fixed8 and auto cost exactly as much ($3,800): on cost the 4 are a tie", r.Text, StringComparison.Ordinal);
        // Without a noise measure too: the same total to the cent needs none.
        Assert.Equal(["fixed2", "fixed8", "auto"], BestAlternative.Of([Api, a, b, c, d], "api")!.RunnersUp.Select(x => x.Option));
        Assert.Equal("fixed1", CostOrder.Cheapest([a, b, c, d]).Name);
        Assert.Equal("fixed2", CostOrder.Cheapest([Projection("dearer", [.. Enumerable.Repeat(350.01, 8)], oneTimeMonth1: 1000), b]).Name);
    }

    [Fact]
    public void AThreeWayTieNamesEveryOptionInIt()
    {
        // Three fleets at the same whole instance cost the same to the cent: the api is recommended,
        // self is the best alternative, and twin and triplet are named with it, not twin alone.
        OptionProjection twin = Self with { Option = Self.Option with { Name = "twin" } };
        OptionProjection triplet = Self with { Option = Self.Option with { Name = "triplet" } };
        Recommendation exact = RecommendationWriter.Write([WithNoise(Api, 0, 1, 8), WithNoise(Self, 0, 1, 8), WithNoise(twin, 0, 1, 8), WithNoise(triplet, 0, 1, 8)]);
        Assert.Equal(["twin", "triplet"], exact.Alternative!.RunnersUp.Select(r => r.Option));
        Assert.Equal("twin", exact.Alternative.RunnerUp);
        Assert.Contains("twin and triplet cost exactly as much ($3,800): on cost the 3 are a tie, and any of them could be named the best alternative.", exact.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("the two are a tie", exact.Text, StringComparison.Ordinal);

        // One exact, one 300 more within the noise of pairs 20% apart (about 1,514): each said as it is.
        OptionProjection dearer = Projection("dearer", [.. Enumerable.Repeat(387.5, 8)], oneTimeMonth1: 1000);
        Recommendation noisy = RecommendationWriter.Write([WithNoise(Api, 0.2, 1, 8), WithNoise(Self, 0.2, 1, 8), WithNoise(twin, 0.2, 1, 8), WithNoise(dearer, 0.2, 1, 8)]);
        Assert.Equal(["twin", "dearer"], noisy.Alternative!.RunnersUp.Select(r => r.Option));
        Assert.Contains("2 other options are within the simulation's noise of it, so another seed may name any of the 3 as the best alternative: twin costs exactly as much; dearer, at $4,100, is $300 from it, less than the $", noisy.Text, StringComparison.Ordinal);

        // A third option outside the noise is not named.
        Recommendation quiet = RecommendationWriter.Write([WithNoise(Api, 0.02, 1, 8), WithNoise(Self, 0.02, 1, 8), WithNoise(twin, 0.02, 1, 8), WithNoise(dearer, 0.02, 1, 8)]);
        Assert.Equal(["twin"], quiet.Alternative!.RunnersUp.Select(r => r.Option));
        Assert.DoesNotContain("dearer", quiet.Text, StringComparison.Ordinal);
    }

    /// <summary>The projection with months <paramref name="months"/> (1-based) simulated twice, the two runs <paramref name="spread"/> apart around the month's simulated cost.</summary>
    private static OptionProjection WithNoise(OptionProjection p, double spread, params int[] months) => p with
    {
        Months = [.. p.Months.Select(m =>
        {
            double c = m.Cost.CogsUsd - m.Cost.FixedUsd;
            return months.Contains(m.Month)
                ? m with { Replicates = [new ReplicateOutcome(c * (1 - spread / 2), 200), new ReplicateOutcome(c * (1 + spread / 2), 200)] }
                : m;
        })],
    };

    private static OptionProjection WithFixed(OptionProjection p, double fixedUsd) => p with
    {
        Months = [.. p.Months.Select(m => m with { Cost = m.Cost with { FixedUsd = fixedUsd } })],
    };

    private static OptionProjection Projection(string name, double[] monthlyCogs, double oneTimeMonth1 = 0, int missedMonths = 0) => new()
    {
        Option = TestSpecs.Api() with { Name = name },
        PerformanceSource = "test",
        Months = [.. monthlyCogs.Select((c, i) => Outcome(i, Volumes[i], c, i == 0 ? oneTimeMonth1 : 0, sloMet: i >= missedMonths))],
    };

    private static MonthlyOutcome Outcome(int index, double requestsPerDay, double cogs, double oneTime, bool sloMet) => new()
    {
        Month = index + 1,
        CalendarMonth = Start.AddMonths(index),
        RequestsPerDay = requestsPerDay,
        Requests = requestsPerDay * 30,
        RequestsServed = requestsPerDay * 30,
        RequestsRejected = 0,
        Backoffs = 0,
        InputTokens = 0,
        CachedInputTokens = 0,
        OutputTokens = 0,
        Cost = new CostBreakdown { ApiTokensUsd = cogs, OneTimeUsd = oneTime },
        TtftP50Ms = 100,
        TtftP95Ms = 200,
        TpotP95Ms = 20,
        E2eP50Ms = 1000,
        E2eP99Ms = 3000,
        SloAttainment = sloMet ? 1 : 0.5,
        SloMet = sloMet,
        GpuHours = 0,
        MeanReplicas = 0,
        PeakReplicas = 0,
        Utilization = 0,
        ColdStarts = 0,
    };
}
