using Planner.Core.Specs;
using Planner.Reports.Json;

namespace Planner.Reports.Tests;

/// <summary>
/// A hand-built summary (three options, six months, one break-even, a spot option, an SLO miss,
/// stale prices and a representative day) so report tests do not depend on the simulator's numbers.
/// </summary>
internal static class SampleSummary
{
    public const int Months = 6;

    public static SummaryDocument Create(bool withTimeline = true, string name = "acme-chat")
    {
        string[] calendar = Enumerable.Range(0, Months).Select(i => $"2027-{i + 1:00}").ToArray();
        double Requests(int i) => Math.Round(300_000 * Math.Pow(1.2, i));

        OptionSection api = Option("api-mini", "api", "provider latency model from the scenario", i =>
            (new CostBreakdownSection(0, 0, 0, 0, Math.Round(Requests(i) * 0.02, 2), 0, 0), Ttft: 900 + 10 * i, E2e: 12_000, Backoffs: 100.0 * i, Rejected: 5.0 * i,
                Utilization: 0, Replicas: 0, SloMet: true), calendar, Requests) with { Availability = 0.999 };
        // Low load and 99.9% availability: every back-off and rejection is an outage's, none a rate limit's.
        api = api with
        {
            Monthly = [.. api.Monthly.Select(m => m with
            {
                RateLimitBackoffs = 0, RateLimitWaitSeconds = 0, OutageBackoffs = m.Backoffs, OutageWaitSeconds = 3 * m.Backoffs,
                RejectedAfterRateLimit = 0, RejectedAfterOutage = m.RequestsRejected,
            })],
        };
        OptionSection l4 = Option("gpu-l4", "self_hosted", "roofline estimate for Tiny 8B on 1 × L4; not a measurement", i =>
            (new CostBreakdownSection(1500 + 300 * i, 800 - 50 * i, 20 + 5 * i, 0, 0, 4000, i == 0 ? 10_000 : 0), Ttft: 400, E2e: 9000, Backoffs: 0, Rejected: 0,
                Utilization: 0.4 + 0.08 * i, Replicas: 2 + 0.5 * i, SloMet: true), calendar, Requests) with
        {
            PricingModel = "on_demand",
            Timeline = withTimeline ? Day() : null,
        };
        OptionSection spot = Option("gpu-h100 spot", "self_hosted", "measured profile h100-tiny.yaml (error 4.1%)", i =>
            (new CostBreakdownSection(3000 + 100 * i, 1500, 0, 0, 0, 5500, 0), Ttft: i < 2 ? 1100 : 300, E2e: 7000, Backoffs: 0, Rejected: 0,
                Utilization: 0.3 + 0.05 * i, Replicas: 1, SloMet: i >= 2), calendar, Requests) with { PricingModel = "spot" };

        OptionSection[] options = [api, l4, spot];
        return new SummaryDocument(
            "0.1.0",
            new ScenarioSection(name, "A chat product for <b>R&D</b> teams, growing 20% a month.\n", "scenarios/acme-chat.yaml", "2027-01", Months, "USD",
                1000, 80, 20_000, 0.01),
            7,
            "api-mini",
            new RecommendationSection("gpu-l4", "Recommend gpu-l4: at $51,745 over 6 months it is the cheapest option that meets the SLO every month. The best alternative, api-mini, would cost $59,580 ($7,835 or 15.1% more). gpu-l4 costs less than api-mini every month from month 2 (2027-02; the monthly costs cross between months 1 and 2, at about 10,677 requests/day); counting its one-time costs and the months it cost more, it has paid for itself by month 5 (2027-05).")
            {
                Alternative = new AlternativeSection("api-mini", MeetsSlo: true, MonthsMissingSlo: 0, api.TotalCostUsd, l4.TotalCostUsd,
                    Math.Round(api.TotalCostUsd!.Value - l4.TotalCostUsd!.Value, 2), CheaperAtHorizon: "gpu-l4", CheaperFromMonth: 2, CheaperFromCalendarMonth: "2027-02",
                    CheaperFromRequestsPerDay: 10_677, BreakEvenMonth: 5, BreakEvenCalendarMonth: "2027-05"),
            },
            options,
            [
                BreakEven(l4, api, month: 5, crossover: 10_677, "crosses"),
                BreakEven(spot, api, month: null, crossover: null, "never_within_horizon"),
            ],
            [
                new AssumptionSection("options[0].input_per_million_usd", "0.40 USD per 1M input tokens", "api-mini-list: https://example.com/pricing?a=1&b=2", "2025-04-14", true),
                new AssumptionSection("options[1].gpu", "NVIDIA L4 24GB (24 GB, 300 GB/s)", "L4 datasheet <v1>", "2023-03-21", false),
                new AssumptionSection("options[2].pricing", "2.10 USD/GPU-hour (spot)", "quote from \"GPU Co\"", null, false),
            ],
            ["scenarios/acme-chat.yaml:40:14: warning: price 'api-mini-list' is from 2025-04-14, 20 months before the scenario starts (prices older than 12 months may be stale)"],
            new SimulationSection(1_234_567, 4_567_890, 60_000, 600, 1800))
        {
            Workload = WorkloadSections.Of(Scenario()),
        };
    }

    /// <summary>
    /// The traffic the sample states: two classes (a lognormal quoted by median and p95, one by mean
    /// and sd, fixed counts, a cached prefix), 10,000 requests a day growing 20% a month, weekends at
    /// half a weekday, business hours, bursty arrivals. Options are not needed for the workload block.
    /// </summary>
    public static ScenarioSpec Scenario() => new()
    {
        Name = "acme-chat",
        StartMonth = new DateOnly(2027, 1, 1),
        HorizonMonths = Months,
        Seed = 7,
        Workload = new WorkloadSpec
        {
            Classes =
            [
                new RequestClassSpec
                {
                    Name = "chat", Share = 0.8, CachedPrefixFraction = 0.3,
                    InputTokens = new LognormalTokens(Math.Log(600), Math.Log(2500.0 / 600) / LognormalTokens.Z95, 1, 32_000),
                    OutputTokens = new LognormalTokens(Math.Log(250) - Math.Log(1 + 180.0 * 180 / (250 * 250)) / 2, Math.Sqrt(Math.Log(1 + 180.0 * 180 / (250 * 250))), 1, 131_072)
                        { Quote = LognormalQuote.MeanAndStandardDeviation },
                },
                new RequestClassSpec { Name = "summarize", Share = 0.2, InputTokens = new FixedTokens(3000), OutputTokens = new FixedTokens(150) },
            ],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = 10_000, MonthlyGrowthRates = [0.2] },
            HourlyWeights = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.6, 1.1, 0.6, 0.5, 0.4, 0.3, 0.2],
            DailyShapeName = "business_hours",
            WeekendFactor = 0.5,
            Arrivals = new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 2 },
        },
        Slo = new SloSpec { TtftP95Ms = 1000 },
        Options = [],
    };

    private static OptionSection Option(string name, string kind, string performance,
        Func<int, (CostBreakdownSection Cost, double Ttft, double E2e, double Backoffs, double Rejected, double Utilization, double Replicas, bool SloMet)> month,
        string[] calendar, Func<int, double> requests)
    {
        var monthly = new List<MonthSection>();
        double cumulative = 0;
        for (int i = 0; i < Months; i++)
        {
            var m = month(i);
            CostBreakdownSection c = m.Cost;
            double cogs = Math.Round(c.GpuServingUsd!.Value + c.GpuIdleUsd!.Value + c.GpuColdStartUsd!.Value + c.GpuStrandedUsd!.Value + c.ApiTokensUsd!.Value + c.FixedUsd!.Value, 2);
            cumulative += cogs + c.OneTimeUsd!.Value;
            double served = requests(i) - m.Rejected;
            double revenue = Math.Round(served * 0.01, 2);
            monthly.Add(new MonthSection(
                i + 1, calendar[i], Math.Round(requests(i) / 30), requests(i), served, m.Rejected, m.Backoffs,
                requests(i) * 1500, requests(i) * 300, requests(i) * 200,
                cogs, c, Math.Round(cumulative, 2), Math.Round(cogs / served * 1000, 4), Math.Round(cogs / (requests(i) * 1700) * 1e6, 4),
                revenue, Math.Round((revenue - cogs) / revenue, 4),
                m.Ttft / 2, m.Ttft, 40, m.E2e / 3, m.E2e, m.SloMet ? 0.99 : 0.9, m.SloMet,
                kind == "api" ? 0 : 744 * m.Replicas, kind == "api" ? 0 : m.Replicas, kind == "api" ? 0 : Math.Ceiling(m.Replicas * 1.5),
                m.Utilization, kind == "api" ? 0 : 3 * i));
        }
        return new OptionSection(name, kind, performance, Math.Round(cumulative, 2), monthly.All(m => m.SloMet), monthly);
    }

    private static BreakEvenSection BreakEven(OptionSection option, OptionSection baseline, int? month, double? crossover, string status) =>
        new(option.Name, baseline.Name, month, month is int m ? option.Monthly[m - 1].CalendarMonth : null, crossover, status,
            Math.Round(baseline.Monthly[^1].CumulativeCostUsd!.Value - option.Monthly[^1].CumulativeCostUsd!.Value, 2));

    private static TimelineSection Day()
    {
        var points = new List<TimelinePointSection>();
        for (int hour = 0; hour < 24; hour++)
        {
            double shape = hour is >= 8 and < 20 ? 1 + Math.Sin((hour - 8) / 12.0 * Math.PI) : 0.2;
            points.Add(new TimelinePointSection(hour * 3600, Math.Round(2.5 * shape, 3), Math.Max(1, Math.Ceiling(2 * shape))));
        }
        return new TimelineSection(6, "2027-06", "weekday", 3600, points);
    }
}
