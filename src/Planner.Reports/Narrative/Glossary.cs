using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// The terms the reports use without stopping to explain them, in plain words for a reader who does
/// not run models (an investor): one list for the HTML and Markdown reports. A reviewer reading the
/// chat example as an investor found TTFT, TPOT, p95, SLO, COGS, roofline, KV cache and the
/// autoscaler's target used before they were defined, or never. Terms of hybrids and spot capacity
/// only where the run has them.
/// </summary>
internal static class Glossary
{
    /// <summary>The terms of <paramref name="s"/>'s report, in the order a reader meets them.</summary>
    public static IReadOnlyList<(string Term, string Meaning)> Terms(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var terms = new List<(string, string)>
        {
            ("COGS", "cost of goods sold: what serving the traffic costs each month (GPU time or API tokens, plus fixed costs such as engineering time), before one-time costs."),
            ("SLO", "service-level objective: the latency targets the scenario sets (for example 95% of requests get their first token within 1.5 s); a month meets it when its percentiles are within the targets."),
            ("TTFT", "time to first token: how long a user waits before the answer starts to appear."),
            ("TPOT", "time per output token: the pace at which the answer then streams, per token."),
            ("p50, p95, p99", "percentiles: p95 is the value 95% of requests stay within, so p95 TTFT of 600 ms means 1 request in 20 waits longer."),
            ("break-even", "the first month from which an option's cumulative cost, one-time costs included, stays at or below the baseline's."),
            ("replica", "one copy of the model serving requests, on one GPU or a group of GPUs; a fleet is the replicas of one option."),
            ("autoscaler target", "the load per replica (for example requests in flight) at which the autoscaler adds a replica; a lower target buys latency with more replicas."),
            ("min_replicas, floor", "the fewest replicas (or whole rented machines) a fleet keeps whatever the load; at low traffic, that floor is what it pays for."),
            ("cold start", "the minutes a new replica is paid for before it serves: getting a machine, starting the engine and loading the weights."),
            ("KV cache", "GPU memory holding the conversation so far of each request being answered; it limits how many requests a replica serves at once."),
            ("roofline", "an estimate of a GPU's speed from its datasheet (compute and memory bandwidth), corrected by efficiencies fitted to published measurements; not a measurement of the GPU itself."),
            ("simulation noise", "how far a figure moves when the same month is simulated with other random draws; differences smaller than it are a tie."),
        };
        if (s.Options.Any(o => o.Kind == "hybrid"))
        {
            terms.Add(("hybrid", "a self-hosted fleet that sends requests to a model API when its own queue grows too long."));
        }
        bool capacity = s.Options.Any(o => o.Fleet?.Spot is not null);
        bool priced = s.Options.Any(o => o.PricingModel == "spot" && o.Fleet?.Spot is null);
        if (capacity || priced)
        {
            // A fleet priced at spot rates as a whole is not interrupted, as its risk says; spot capacity is.
            terms.Add(("spot", "spare cloud GPUs rented at a discount that the provider can take back at short notice; "
                + (capacity && priced ? "the simulation interrupts and replaces a fleet's spot capacity (spot:), but not a fleet priced at spot rates as a whole."
                    : capacity ? "the simulation interrupts and replaces a fleet's spot capacity."
                    : "a fleet priced at spot rates as a whole is not interrupted in the simulation.")));
        }
        return terms;
    }
}
