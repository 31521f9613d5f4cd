using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>How the numbers were made, in plain words, shared by the HTML and Markdown reports.</summary>
internal static class Methodology
{
    public static IReadOnlyList<string> Paragraphs(SummaryDocument s) =>
    [
        "Every month, Planner simulates each option against the same generated traffic: the same seed gives every option the same requests, so differences come from the options, not from luck. " +
        "A discrete-event engine follows each request through queues, batching and the network of replicas or the API, one event at a time.",
        "A month is represented by one weekday and one weekend day, each simulated hour by hour after a warm-up, and weighted by how many such days the calendar month has. " +
        $"When a day would exceed {Fmt.Count(s.Simulation.MaxRequestsPerDay)} requests, each hour is simulated as a shorter segment (at least {Fmt.Number(s.Simulation.MinSegmentSeconds, "0")} s) at that hour's true rate and weighted up to the full hour.",
        "API options: requests pass the provider's per-minute request and token limits and its availability; limited requests back off and retry, and are rejected after a maximum wait. " +
        "Latency is the waiting plus the provider's time to first token and its output rate. Billing is per token: uncached input, cached input and output at their list prices, with any batch discount.",
        "Self-hosted options: replicas behind a least-outstanding-requests router batch requests continuously, with step times from each option's performance model (listed under Assumptions). " +
        "An autoscaler adds replicas as load rises (each new one pays a cold start) and removes them after a quiet period. GPUs are billed from provisioning to shutdown at the billing granularity.",
        "Cost of goods sold (COGS) is GPU time (serving, idle and cold start), API tokens and fixed monthly costs such as engineering time; one-time costs count towards cumulative cost and break-even but not COGS. " +
        $"Break-even is the first month from which an option's cumulative cost stays at or below the baseline's ({s.Baseline}). " +
        "Latency percentiles come from histograms with 1% relative error; a month meets the SLO when its percentiles are within the targets and under 1% of requests are rejected.",
        $"This run simulated {Fmt.Count(s.Simulation.SimulatedRequests)} requests ({Fmt.Count(s.Simulation.SimulatedEvents)} events) with seed {s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}; the same scenario and seed give the same numbers." +
        NoiseCheck(s),
    ];

    /// <summary>How the simulation's own noise was measured, when it was.</summary>
    private static string NoiseCheck(SummaryDocument s) =>
        s.Options.Select(o => o.Noise?.CheckedMonths).FirstOrDefault(m => m is { Count: > 0 }) is IReadOnlyList<int> months
            ? $" To measure the noise that a seed leaves, {SimulationNoise.MonthList(months)} {(months.Count == 1 ? "was" : "were")} simulated a second time with other seeds; " +
              "as two independent runs of a month differ by √2 times the standard deviation of one, their differences give a month's standard deviation and, the months being seeded independently, each total's (Main risks); " +
              "the figures reported are the first seed's."
            : "";
}
