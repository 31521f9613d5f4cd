namespace Planner.Cli.Tests;

/// <summary>A quick scenario text for end-to-end tests; placeholders let tests break one thing at a time.</summary>
internal static class SmallScenario
{
    public const string Text = """
        name: small-e2e
        description: A tiny scenario for end-to-end tests.
        start_month: 2026-11
        horizon_months: 3
        seed: 5
        workload:
          classes:
            - name: chat
              share: 1.0
              input_tokens: {distribution: lognormal, median: 500, p95: 2000}
              output_tokens: {distribution: lognormal, mean: 150, sd: 100}
          volume:
            requests_per_day: 3000
            growth: {monthly_rate: 0.5}
          daily_shape: business_hours
          weekend_factor: 0.5
        slo:
          ttft_p95_ms: 2000
        options:
          - name: api
            kind: api
            catalog: openai-gpt-4-1-mini
            latency: {ttft_median_ms: 400, ttft_p95_ms: 1000, output_tokens_per_s: 80}
          - name: h100
            kind: self_hosted
            model: llama-3.1-8b
            gpu: h100-sxm
            gpus_per_replica: 1
            pricing: {per_gpu_hour_usd: 2.5, gpus_per_instance: 1, model: on_demand, source: test quote, as_of: 2026-10-01}
            replicas: 1
        """;

    /// <summary>Writes the scenario into <paramref name="dir"/> with the repository's catalog beside it.</summary>
    public static string WriteInto(TempDir dir, string text = Text)
    {
        string catalog = System.IO.Path.Combine(dir.Path, "catalog");
        Directory.CreateDirectory(catalog);
        foreach (string f in Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "scenarios", "catalog"), "*.yaml"))
        {
            File.Copy(f, System.IO.Path.Combine(catalog, System.IO.Path.GetFileName(f)));
        }
        return dir.Write("small.yaml", text);
    }
}
