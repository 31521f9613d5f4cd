using System.Text.RegularExpressions;

namespace Planner.Scenarios.Diagnostics;

/// <summary>
/// A valid example for each scenario key whose value has a shape of its own (a mapping or a list),
/// shown when a value of the wrong shape is refused: <c>growth: 0.10</c> is told to write
/// <c>growth: {monthly_rate: 0.10}</c>. Every example is one line of flow-style YAML that the
/// loader accepts in that place (the tests substitute each into the bundled scenarios).
/// </summary>
internal static partial class ShapeExamples
{
    // Keyed by the end of a path, list indices written []: the longest matching end wins, so
    // "price_events[].options" (option names) is told apart from the top-level "options".
    private static readonly Dictionary<string, string> BySuffix = new(StringComparer.Ordinal)
    {
        ["simulation"] = "simulation: {max_requests_per_day: 60000, warm_up_seconds: 1800}",
        ["slo"] = "slo: {ttft_p95_ms: 1000, tpot_p95_ms: 80}",
        ["finance"] = "finance: {discount_rate_per_year: 0.12}",
        ["workload"] = "workload: {classes: [{name: chat, share: 1, input_tokens: {distribution: fixed, tokens: 500}, "
                       + "output_tokens: {distribution: fixed, tokens: 200}}], volume: {requests_per_day: 1000}}",
        ["workload.classes"] = "classes: [{name: chat, share: 1, input_tokens: {distribution: fixed, tokens: 500}, "
                               + "output_tokens: {distribution: fixed, tokens: 200}}]",
        ["workload.classes[]"] = "- {name: chat, share: 1, input_tokens: {distribution: lognormal, median: 600, p95: 2500}, "
                                 + "output_tokens: {distribution: lognormal, mean: 250, sd: 180}}",
        ["input_tokens"] = "input_tokens: {distribution: lognormal, median: 600, p95: 2500}",
        ["output_tokens"] = "output_tokens: {distribution: lognormal, mean: 250, sd: 180}",
        ["workload.volume"] = "volume: {requests_per_day: 20000, growth: {monthly_rate: 0.10}}",
        ["workload.volume.growth"] = "growth: {monthly_rate: 0.10}",
        ["workload.volume.growth.per_month"] = "per_month: [0.2, 0.15, 0.1]",
        ["workload.daily_shape"] = "daily_shape: business_hours",
        ["workload.arrivals"] = "arrivals: {process: gamma, cv: 1.5}",
        ["workload.replay"] = "replay: {trace: traces/azure-llm-2023-conv.csv}",
        ["options"] = "options: [{name: api-gpt-4o-mini, kind: api, catalog: openai-gpt-4o-mini, "
                      + "latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}}, "
                      + "{name: llama-8b-l4, kind: self_hosted, model: llama-3.1-8b, gpu: l4, pricing: {catalog: aws-g6-xlarge-us-east-1}, replicas: 1}]",
        ["options[]"] = "- {name: llama-8b-l4, kind: self_hosted, model: llama-3.1-8b, gpu: l4, "
                        + "pricing: {catalog: aws-g6-xlarge-us-east-1}, replicas: 1}",
        ["self_hosted"] = "self_hosted: {model: llama-3.1-8b, gpu: l4, pricing: {catalog: aws-g6-xlarge-us-east-1}, replicas: 1}",
        ["api"] = "api: {catalog: openai-gpt-4-1-mini, latency: {ttft_median_ms: 450, ttft_p95_ms: 1400, output_tokens_per_s: 90}}",
        ["model"] = "model: {catalog: llama-3.1-8b}",
        ["gpu"] = "gpu: {catalog: l4}",
        ["pricing"] = "pricing: {catalog: aws-g6-xlarge-us-east-1, model: on_demand}",
        ["autoscaler"] = "autoscaler: {min_replicas: 1, max_replicas: 8, metric: concurrency, target: 16}",
        ["autoscaler.schedule_min_replicas"] = "schedule_min_replicas: [0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 0]",
        ["engine"] = "engine: {weight_precision: fp8, kv_cache_precision: fp8}",
        ["spot"] = "spot: {on_demand_base_replicas: 1, price: {per_gpu_hour_usd: 0.40, source: spot price history, as_of: 2026-11-01}, "
                   + "interruptions_per_hour: 0.05}",
        ["spot.price"] = "price: {per_gpu_hour_usd: 0.40, source: spot price history, as_of: 2026-11-01}",
        ["rate_limits"] = "rate_limits: {rpm: 10000, tpm: 2000000}",
        ["latency"] = "latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}",
        ["fixed_costs"] = "fixed_costs: [{name: inference engineer, ftes: 0.25, loaded_salary_per_year_usd: 220000}, {name: monitoring, monthly_usd: 400}]",
        ["fixed_costs[]"] = "- {name: monitoring, monthly_usd: 400}",
        ["one_time_costs"] = "one_time_costs: [{name: migration, amount_usd: 30000, month: 1}]",
        ["one_time_costs[]"] = "- {name: migration, amount_usd: 30000, month: 1}",
        ["fine_tuning"] = "fine_tuning: [{name: refresh, dataset_tokens: 50000000, gpu: h100-sxm, gpus: 8, price_per_gpu_hour_usd: 2.5, "
                          + "tokens_per_second: 20000, failure_rate_per_gpu_hour: 0.001, checkpoint_interval_min: 30, checkpoint_write_s: 60}]",
        ["fine_tuning[]"] = "- {name: refresh, dataset_tokens: 50000000, gpu: h100-sxm, gpus: 8, price_per_gpu_hour_usd: 2.5, "
                            + "tokens_per_second: 20000, failure_rate_per_gpu_hour: 0.001, checkpoint_interval_min: 30, checkpoint_write_s: 60}",
        ["price_events"] = "price_events: [{name: GPU prices fall, month: 1, target: gpu_prices, change_per_year: -0.15}]",
        ["price_events[]"] = "- {name: GPU prices fall, month: 1, target: gpu_prices, change_per_year: -0.15}",
        ["price_events[].options"] = "options: [llama-8b-l4]",
        ["uncertainty"] = "uncertainty: {samples: 1000, inputs: [{path: workload.volume.growth.monthly_rate, distribution: uniform, min: 0.05, max: 0.2}]}",
        ["uncertainty.inputs"] = "inputs: [{path: workload.volume.growth.monthly_rate, distribution: uniform, min: 0.05, max: 0.2}]",
        ["uncertainty.inputs[]"] = "- {path: workload.volume.growth.monthly_rate, distribution: uniform, min: 0.05, max: 0.2}",
        ["uncertainty.inputs[].values"] = "values: [10, 20, 40]",
        ["uncertainty.inputs[].weights"] = "weights: [1, 2, 1]",
    };

    // Text values whose example depends on where they are (a catalog id differs by catalog file).
    private static readonly Dictionary<string, string> ScalarsBySuffix = new(StringComparer.Ordinal)
    {
        ["options[].catalog"] = "catalog: openai-gpt-4o-mini",
        ["api.catalog"] = "catalog: openai-gpt-4o-mini",
        ["pricing.catalog"] = "catalog: aws-g6-xlarge-us-east-1",
        ["price.catalog"] = "catalog: aws-p5en-48xlarge-us-east-1",
        ["model.catalog"] = "catalog: llama-3.1-8b",
        ["gpu.catalog"] = "catalog: l4",
        ["model"] = "model: llama-3.1-8b",
        ["gpu"] = "gpu: l4",
        ["options[].name"] = "name: llama-8b-l4",
        ["name"] = "name: chat",
        ["description"] = "description: Seed-stage chat product",
        ["source"] = "source: quote from a GPU cloud",
        ["label"] = "label: monthly growth",
        ["path"] = "path: workload.volume.growth.monthly_rate",
        ["trace"] = "trace: traces/azure-llm-2023-conv.csv",
        ["baseline"] = "baseline: api-gpt-4o-mini",
        ["currency"] = "currency: USD",
        ["start_month"] = "start_month: 2027-01",
        ["as_of"] = "as_of: 2026-11-01",
        ["seed"] = "seed: 42",
    };

    /// <summary>The example for a mapping or list at this path, or null when none is written for it.</summary>
    public static string? ForCollection(string path) => Lookup(BySuffix, path);

    /// <summary>
    /// The example for a single value at this path: a written one, else the key with
    /// <paramref name="sampleValue"/> (a value of the right kind the reader would accept).
    /// </summary>
    /// <param name="path">Where the value is.</param>
    /// <param name="sampleValue">A value of the right kind and range for this key.</param>
    /// <param name="sampleIsExact">True when the sample is already right for this key (the first of a fixed set of words), so the written examples are not consulted.</param>
    public static string ForScalar(string path, string sampleValue, bool sampleIsExact = false) =>
        (sampleIsExact ? null : Lookup(ScalarsBySuffix, path))
        ?? (IsListItem(path) ? $"- {sampleValue}" : $"{LastKey(path)}: {sampleValue}");

    /// <summary>The path with list indices written <c>[]</c>: <c>options[2].pricing</c> becomes <c>options[].pricing</c>.</summary>
    public static string Normalize(string path) => Index().Replace(path, "[]");

    /// <summary>Every example for mappings and lists, by the path end it is for (for tests).</summary>
    public static IReadOnlyDictionary<string, string> Collections => BySuffix;

    private static string? Lookup(Dictionary<string, string> table, string path)
    {
        string[] segments = Normalize(path).Split('.');
        for (int start = 0; start < segments.Length; start++)
        {
            if (table.TryGetValue(string.Join('.', segments, start, segments.Length - start), out string? example))
            {
                return example;
            }
        }
        return null;
    }

    private static bool IsListItem(string path) => path.EndsWith(']');

    private static string LastKey(string path)
    {
        string last = path[(path.LastIndexOf('.') + 1)..];
        int bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? last : last[..bracket];
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Index();
}
