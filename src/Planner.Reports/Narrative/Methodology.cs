using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>How the numbers were made, in plain words, shared by the HTML and Markdown reports.</summary>
internal static class Methodology
{
    /// <summary>
    /// Where this run compressed hours past min_segment_seconds (a day over eight times its request
    /// budget), how short they went: the plain bound alone read as if no hour were shorter.
    /// </summary>
    private static string ShortestSegment(SummaryDocument s)
    {
        double most = s.Options.SelectMany(o => o.Monthly).Select(m => m.Compression ?? 1).DefaultIfEmpty(1).Max();
        double shortest = 3600 / most;
        return shortest < s.Simulation.MinSegmentSeconds - 0.5
            ? FormattableString.Invariant($", except where a day would simulate over {Planner.Core.Projection.FidelityPlanner.HardBudgetFactor:0} times that many requests: down to {Fmt.Number(shortest, shortest < 10 ? "0.0" : "#,##0")} s in this run")
            : "";
    }

    /// <summary>
    /// How far this run's monthly request counts came from the plan, smallest and largest over every
    /// option and month (chat-seed-stage: −1.7% to +0.9% with seed 42, up to +2.9% with seed 9, where
    /// the text once said "typically 1–2%"); nothing for a summary without planned volumes.
    /// </summary>
    internal static string RequestNoise(SummaryDocument s)
    {
        var deviations = s.Options.SelectMany(o => o.Monthly)
            .Where(m => m.PlannedRequests is > 0 && m.Requests is double r && double.IsFinite(r))
            .Select(m => m.Requests!.Value / m.PlannedRequests!.Value - 1)
            .ToList();
        return deviations.Count == 0
            ? ""
            : $" (in this run from {Fmt.SignedPercent(deviations.Min())} to {Fmt.SignedPercent(deviations.Max())} of the plan, month by month)";
    }

    public static IReadOnlyList<string> Paragraphs(SummaryDocument s) =>
    [
        "Every month, Planner simulates the options against common traffic: the same seed gives every option that simulates a day in the same way the same arrivals and request lengths, so that the differences between them come from the options more than from luck. " +
        "Each option still draws its own service randomness (when an API is down, when a spot instance goes), and days compressed or sliced for one option and not another draw their own traffic (below), " +
        "so even two options running the same fleet differ by the simulation's noise, which Main risks quantifies. " +
        "A discrete-event engine follows each request through queues, batching and the network of replicas or the API, one event at a time.",
        $"A month is represented by {Days(s)}, each simulated hour by hour after a warm-up, and weighted by how many such days the calendar month has; " +
        "each option's requests in a month are what its simulated days drew, so they differ from the month's planned volume, and from option to option, by sampling noise" + RequestNoise(s) + ". " +
        $"When a day would exceed {Fmt.Count(s.Simulation.MaxRequestsPerDay)} requests, a fleet of at least {Planner.Core.Projection.FidelityPlanner.MinSliceMeanReplicas} replicas on average (instances, where it scales in instances of several replicas) is simulated as a slice (a share of its replicas with the same share of the traffic, counted up to the whole; an API likewise, a share of its traffic against the same share of its rate limits), " +
        $"and hours still too busy as shorter segments (at least {Fmt.Number(s.Simulation.MinSegmentSeconds, "0")} s{ShortestSegment(s)}) at that hour's true rate, weighted up to the full hour: each option then draws its own traffic for those days." +
        (s.Options.Any(o => o.Monthly.Any(m => m.Compression > 1))
            ? " A compressed hour runs its load faster but its autoscaler at its own pace, so a fleet hovering between two sizes makes fewer round trips in it than in the real hour: "
              + "those it would have made are counted at the real pace, and their cold starts' GPU time, which the compressed hour spent with the replica up and idle, is billed as cold start out of the month's idle time. "
              + "The month's GPU cost is what was simulated and stays close to real time (on the bundled chat scenario at 0.1, 1 and 10 times its traffic, within 1.6% over each option's compressed months and from −3.3% to +3.7% in a single month), "
              + "and its cold-start cost is the count of cold starts times a cold start's GPU time at the price, except that the cold starts the compression adds are billed only up to the month's idle time: a fleet busy almost all the time has less idle time than that and bills the rest as serving, so read its cold-start share of a compressed month as a lower bound."
            : ""),
        "API options: requests pass the provider's per-minute request and token limits and its availability; limited requests back off and retry, and are rejected after a maximum wait. " +
        "Latency is the waiting plus the provider's time to first token and its output rate. Billing is per token: uncached input, cached input and output at their list prices. " +
        "Requests an option sends through the provider's batch API (its batch_share) are billed at the batch discount, skip the per-minute limits and, having no first-token target, are left out of its latency percentiles and SLO attainment.",
        "Self-hosted options: replicas behind a router batch requests continuously, with step times from each option's performance model (listed under Assumptions). " +
        Routers(s) +
        "An autoscaler adds replicas as load rises (each new one pays a cold start) and removes them after a quiet period. GPUs are billed from provisioning to shutdown at the billing granularity." +
        (s.Options.Any(o => o.Kind == "hybrid")
            ? " Hybrid options run such a fleet and send a request to their API instead while the requests queued at the fleet have waited longer than the option's overflow_queue_wait_s on average " +
              "(a request joining the back of a steady queue waits about twice that average, so the fleet's own latency can run past the threshold), or whatever the queue when the request is longer than the context window of the fleet's model; their compliance share never leaves the fleet. " +
              "Overflowed requests are billed per token and timed as the API's; the appendix gives each month's." + HybridPolicies(s)
            : ""),
        "Cost of goods sold (COGS) is GPU time (serving, idle, cold start, and stranded: the GPUs of a rented instance that no replica fills), API tokens and fixed monthly costs such as engineering time; one-time costs count towards cumulative cost and break-even but not COGS. " +
        $"Break-even is the first month from which an option's cumulative cost stays at or below the baseline's ({s.Baseline}). " +
        "Latency percentiles come from histograms with 1% relative error; a month meets the SLO when its percentiles are within the targets and under 1% of requests are rejected or still unfinished. The requests a replica is serving when a simulated day ends (in its batch, or waiting only for its next step) finish, with the latency they take (the GPU time after the day's end is not billed to it); a backlog still queued then, at a fleet or at an API's rate limit, counts as failing.",
        $"This run simulated {Fmt.Count(s.Simulation.SimulatedRequests)} requests ({Fmt.Count(s.Simulation.SimulatedEvents)} events) with seed {s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}; the same scenario and seed give the same numbers." +
        NoiseCheck(s),
    ];

    /// <summary>" Here hybrid-x overflows above 2 s, never sends 30% of its traffic (its compliance_share) to its API, and sends overflow back to its fleet while its API is down."</summary>
    private static string HybridPolicies(SummaryDocument s)
    {
        List<string> each = [.. s.Options.Where(o => o.Hybrid is not null).Select(o =>
            $"{o.Name} overflows above {Fmt.Number(o.Hybrid!.OverflowQueueWaitS, "0.###")} s, "
            + (o.Hybrid.ComplianceShare >= 1 ? "sends none of its traffic to its API (compliance_share 1), and "
                : o.Hybrid.ComplianceShare > 0 ? $"never sends {Fmt.Number(o.Hybrid.ComplianceShare, "0.#%")} of its traffic (its compliance_share) to its API, and "
                : "may send any request to its API (compliance_share 0), and ")
            + (o.Hybrid.OutageFailover == "queue" ? "holds overflow for its API with back-off while the API is down" : "sends overflow back to its fleet while its API is down"))];
        return each.Count == 0 ? "" : " Here " + string.Join("; ", each) + ".";
    }

    /// <summary>
    /// How each fleet's router picks a replica: the default's rule, then each option that names
    /// another (<c>router:</c> in the scenario).
    /// </summary>
    private static string Routers(SummaryDocument s)
    {
        var fleets = s.Options.Where(o => o.Fleet is not null).ToList();
        List<string> others = [.. fleets.Where(o => (o.Fleet!.Router ?? FleetSection.DefaultRouter) != FleetSection.DefaultRouter)
            .Select(o => o.Name + (o.Fleet!.Router == "kv_aware"
                ? " sends each request to the ready replica with the most free KV cache (router: kv_aware)"
                : o.Fleet.Router == "round_robin" ? " sends requests to its ready replicas in turn (router: round_robin)" : $" uses router {o.Fleet.Router}"))];
        if (others.Count == fleets.Count && fleets.Count > 0)
        {
            return string.Join("; ", others) + ". ";
        }
        return "The router sends each request to the less loaded (fewest requests waiting or running) of two ready replicas drawn at random (router: least_outstanding, the default)"
            + (others.Count > 0 ? "; " + string.Join("; ", others) : "") + ". ";
    }

    /// <summary>"one weekday and one weekend day", or "3 independent weekdays and 3 weekend days" (<c>simulation.days_per_month</c>).</summary>
    private static string Days(SummaryDocument s) => s.Simulation.DaysPerMonth is int d and > 1
        ? $"{d.ToString(System.Globalization.CultureInfo.InvariantCulture)} independent weekdays and {d.ToString(System.Globalization.CultureInfo.InvariantCulture)} weekend days (their mean)"
        : "one weekday and one weekend day";

    /// <summary>How the simulation's own noise was measured, when it was.</summary>
    private static string NoiseCheck(SummaryDocument s) =>
        s.Options.Any(o => o.Noise?.CheckedMonths is { Count: > 0 })
            ? $" To measure the noise that a seed leaves, {SimulationNoise.CheckedMonths(s)}; " +
              "as two independent runs of a month differ by √2 times the standard deviation of one, their differences give a month's standard deviation and, the months being seeded independently, each total's (Main risks); " +
              DaysMeasure(s) +
              "the figures reported are the first seed's."
            : s.Options.Any(o => o.Noise?.DayDegreesOfFreedom is > 0) && s.Simulation.DaysPerMonth is int d and > 1
            ? $" No month was simulated a second time (noise_check_months: 0); to measure the noise that a seed leaves, the {D(d)} independent days of every month do: the variance of each month's days about their mean, divided by {D(d)} as the month's figure is their mean, gives a month's standard deviation, with {D(d - 1)} degrees of freedom for each month whose days' costs differed (none for a month in which a fleet held one size on all its days), and, the months being seeded independently, each total's (Main risks)."
            : "";

    /// <summary>With several independent days a month, how they join the noise's estimate (<see cref="Core.Projection.NoiseMeasure"/>).</summary>
    private static string DaysMeasure(SummaryDocument s) =>
        s.Options.Any(o => o.Noise?.DayDegreesOfFreedom is > 0) && s.Simulation.DaysPerMonth is int d and > 1
            ? $"the {D(d)} independent days of every month measure it too: the variance of each month's days about their mean, divided by {D(d)} as the month's figure is their mean, is pooled with the pairs', each month whose days' costs differed adding {D(d - 1)} degrees of freedom to the estimate (a month in which a fleet held one size on all its days adds none); "
            : "";

    private static string D(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
