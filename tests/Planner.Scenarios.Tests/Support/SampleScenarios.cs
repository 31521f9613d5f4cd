namespace Planner.Scenarios.Tests.Support;

/// <summary>Scenario texts the tests load or take apart. Line numbers matter: tests refer to them.</summary>
internal static class SampleScenarios
{
    /// <summary>Uses every part of the format, against <see cref="TestCatalog"/>.</summary>
    public const string Full = """
        name: chat-seed-stage
        description: Seed-stage chat product
        start_month: 2027-01
        horizon_months: 36
        seed: 42
        currency: USD
        baseline: api-gpt-4o-mini
        revenue_per_request_usd: 0.004
        workload:
          classes:
            - name: chat
              share: 0.8
              input_tokens: {distribution: lognormal, median: 600, p95: 2500, min: 1, max: 32000}
              output_tokens: {distribution: lognormal, mean: 250, sd: 180}
              cached_prefix_fraction: 0.3
            - name: summarize
              share: 0.2
              input_tokens: {distribution: fixed, tokens: 3000}
              output_tokens: {distribution: empirical, trace: traces/small.csv, column: generated}
          volume:
            requests_per_day: 20000
            growth: {monthly_rate: 0.15}
          daily_shape: business_hours
          weekend_factor: 0.6
          arrivals: {process: gamma, cv: 2.0}
        slo:
          ttft_p95_ms: 1000
          tpot_p95_ms: 80
          e2e_p99_ms: 30000
        simulation:
          max_requests_per_day: 50000
          min_segment_seconds: 900
          warm_up_seconds: 1200
        options:
          - name: api-gpt-4o-mini
            kind: api
            catalog: gpt-4o-mini
            batch_share: 0.1
            rate_limits: {rpm: 10000, tpm: 2000000, initial_backoff_s: 0.5, backoff_multiplier: 3, max_wait_s: 45}
            latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}
            availability: 0.999
            mean_outage_minutes: 25
            fixed_costs:
              - {name: platform engineer, ftes: 0.2, loaded_salary_per_year_usd: 220000}
              - {name: observability, monthly_usd: 300}
            one_time_costs:
              - {name: migration, amount_usd: 40000, month: 2}
          - name: llama-8b-l4
            kind: self_hosted
            model: llama-3.1-8b
            gpu: l4
            gpus_per_replica: 1
            pricing: {catalog: aws-g6-xlarge-us-east-1, model: on_demand}
            autoscaler:
              min_replicas: 0
              max_replicas: 20
              metric: concurrency
              target: 16
              evaluation_interval_s: 10
              scale_up_delay_s: 20
              cold_start_s: 180
              scale_down_stabilization_s: 600
            engine:
              weight_precision: bf16
              kv_cache_precision: fp8
              max_concurrent_sequences: 128
              gpu_memory_utilization: 0.85
              activation_reserve_gb: 1.5
              compute_efficiency: 0.5
              memory_efficiency: 0.7
              step_overhead_ms: 3
              pcie_all_reduce_efficiency: 0.55
              tp_attention_serial_share: 0.3
            billing_granularity_s: 60
          - name: llama-70b-h100
            kind: self_hosted
            model: {catalog: llama-3.1-70b, layers: 40}
            gpu: h100-sxm
            gpus_per_replica: 2
            pricing: {per_gpu_hour_usd: 2.5, gpus_per_instance: 8, model: reserved, source: "quote from lambda", as_of: 2026-10-01}
            replicas: 2
            engine: {weight_precision: fp8}
        """;

    /// <summary>The smallest valid scenario: tests append or swap lines to break one thing at a time.</summary>
    public const string Minimal = """
        name: minimal
        start_month: 2027-01
        horizon_months: 12
        seed: 1
        workload:
          classes:
            - name: chat
              share: 1
              input_tokens: {distribution: fixed, tokens: 500}
              output_tokens: {distribution: fixed, tokens: 200}
          volume: {requests_per_day: 1000}
        slo: {ttft_p95_ms: 1000}
        options:
          - name: api
            kind: api
            catalog: gpt-4o
            latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}
          - name: self
            kind: self_hosted
            model: llama-3.1-8b
            gpu: l4
            pricing: {catalog: aws-g6-xlarge-us-east-1}
            replicas: 1
        """;

    /// <summary>Replaces the one line that starts (after indentation) with <paramref name="lineStart"/>; the indentation is kept.</summary>
    public static string ReplaceLine(string yaml, string lineStart, string replacement)
    {
        string[] lines = yaml.Split('\n');
        int index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(lineStart, StringComparison.Ordinal));
        if (index < 0 || Array.FindIndex(lines, index + 1, l => l.TrimStart().StartsWith(lineStart, StringComparison.Ordinal)) >= 0)
        {
            throw new ArgumentException($"expected exactly one line starting with '{lineStart}'");
        }
        string indent = lines[index][..(lines[index].Length - lines[index].TrimStart().Length)];
        lines[index] = indent + replacement;
        return string.Join('\n', lines);
    }

    /// <summary>1-based line and column of the first occurrence of <paramref name="text"/>.</summary>
    public static (int Line, int Column) Position(string yaml, string text)
    {
        string[] lines = yaml.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int column = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i + 1, column + 1);
            }
        }
        throw new ArgumentException($"'{text}' not found");
    }
}
