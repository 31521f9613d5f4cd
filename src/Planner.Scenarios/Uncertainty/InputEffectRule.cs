using Planner.Core.Specs;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Decides what an uncertain input changes, from the keys along its path (list selectors aside):
/// <list type="bullet">
/// <item><see cref="InputEffect.Cost"/>: money only. <c>revenue_per_request_usd</c>, anything under
/// <c>finance</c> or <c>price_events</c>, and in an option (or a hybrid's part) anything under
/// <c>pricing</c> (but its <c>gpus_per_instance</c>, which changes how replicas are placed and start),
/// <c>spot.price</c>, <c>fixed_costs</c> or <c>one_time_costs</c>, the token prices
/// <c>input_per_million_usd</c>, <c>output_per_million_usd</c>, <c>cached_input_per_million_usd</c>,
/// <c>batch_discount</c>, and a fine-tuning job's <c>price_per_gpu_hour_usd</c> or <c>pricing</c>.</item>
/// <item><see cref="InputEffect.Load"/>: how much traffic each month carries. Anything under
/// <c>workload.volume</c> (requests per day, growth) and <c>workload.weekend_factor</c>.</item>
/// <item><see cref="InputEffect.Physics"/>: everything else (token lengths, class shares, daily shape,
/// arrivals, SLO targets, simulation settings, engine, autoscaler, spot interruptions, API latency
/// and limits, model and GPU figures, fine-tuning throughput and failures), which changes how the
/// simulated system behaves.</item>
/// </list>
/// </summary>
internal static class InputEffectRule
{
    private static readonly HashSet<string> CostSections = new(StringComparer.Ordinal) { "revenue_per_request_usd", "finance", "price_events", "gpu_option_costs" };

    /// <summary>Keys of an option whose whole subtree is money.</summary>
    private static readonly HashSet<string> OptionCostKeys = new(StringComparer.Ordinal) { "pricing", "fixed_costs", "one_time_costs" };

    /// <summary>Numbers of an API deployment (or a hybrid's API part) that are prices.</summary>
    private static readonly HashSet<string> ApiPriceKeys = new(StringComparer.Ordinal)
    {
        "input_per_million_usd", "output_per_million_usd", "cached_input_per_million_usd", "batch_discount",
    };

    public static InputEffect Classify(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return InputEffect.Physics;
        }
        if (CostSections.Contains(keys[0]))
        {
            return InputEffect.Cost;
        }
        if (keys[0] == "workload")
        {
            return keys.Count > 1 && keys[1] is "volume" or "weekend_factor" ? InputEffect.Load : InputEffect.Physics;
        }
        if (keys[0] != "options")
        {
            return InputEffect.Physics;
        }
        if (keys[^1] == "gpus_per_instance" && !keys.Contains("fine_tuning"))
        {
            return InputEffect.Physics;
        }
        for (int i = 1; i < keys.Count; i++)
        {
            if (OptionCostKeys.Contains(keys[i]) || (keys[i] == "spot" && i + 1 < keys.Count && keys[i + 1] == "price"))
            {
                return InputEffect.Cost;
            }
        }
        string last = keys[^1];
        bool inFineTuning = keys.Contains("fine_tuning");
        if (inFineTuning ? last == "price_per_gpu_hour_usd" : ApiPriceKeys.Contains(last))
        {
            return InputEffect.Cost;
        }
        return InputEffect.Physics;
    }

    /// <summary>Classifies a path as written; Physics when it does not parse.</summary>
    public static InputEffect Classify(string path) =>
        InputPath.Parse(path) is { } parsed ? Classify(parsed.Keys.ToList()) : InputEffect.Physics;
}
