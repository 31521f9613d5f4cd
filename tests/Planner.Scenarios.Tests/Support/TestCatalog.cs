namespace Planner.Scenarios.Tests.Support;

/// <summary>A small catalog written to disk for tests: few entries, known dates, known line numbers.</summary>
internal static class TestCatalog
{
    public const string Gpus = """
        gpus:
          - id: h100-sxm
            name: NVIDIA H100 SXM5 80GB
            memory_gb: 80
            hbm_bandwidth_gb_per_s: 3350
            bf16_dense_tflops: 989
            fp8_dense_tflops: 1979
            int8_dense_tops: 1979
            tdp_watts: 700
            interconnect: nvlink
            interconnect_bandwidth_gb_per_s: 900
            pcie_bandwidth_gb_per_s: 128
            source: H100 datasheet
            as_of: 2023-03-21
          - id: h100-pcie
            name: NVIDIA H100 PCIe 80GB
            memory_gb: 80
            hbm_bandwidth_gb_per_s: 2000
            bf16_dense_tflops: 756
            fp8_dense_tflops: 1513
            tdp_watts: 350
            interconnect: pcie
            interconnect_bandwidth_gb_per_s: 128
            pcie_bandwidth_gb_per_s: 128
            source: H100 datasheet
            as_of: 2023-03-21
          - id: h200
            name: NVIDIA H200 SXM 141GB
            memory_gb: 141
            hbm_bandwidth_gb_per_s: 4800
            bf16_dense_tflops: 989
            fp8_dense_tflops: 1979
            tdp_watts: 700
            interconnect: nvlink
            interconnect_bandwidth_gb_per_s: 900
            pcie_bandwidth_gb_per_s: 128
            source: H200 datasheet
            as_of: 2024-11-18
          - id: l4
            name: NVIDIA L4 24GB
            memory_gb: 24
            hbm_bandwidth_gb_per_s: 300
            bf16_dense_tflops: 121
            fp8_dense_tflops: 242
            tdp_watts: 72
            interconnect: pcie
            interconnect_bandwidth_gb_per_s: 64
            pcie_bandwidth_gb_per_s: 64
            source: L4 datasheet
            as_of: 2023-03-21
        """;

    public const string GpuPrices = """
        gpu_prices:
          - id: aws-g6-xlarge-us-east-1
            gpu: l4
            provider: aws
            instance: g6.xlarge
            region: us-east-1
            gpus_per_instance: 1
            on_demand_per_gpu_hour_usd: 0.8048
            spot_per_gpu_hour_usd: 0.35
            source: https://aws.amazon.com/ec2/pricing/on-demand/
            as_of: 2026-06-01
          - id: aws-p5-48xlarge-us-east-1
            gpu: h100-sxm
            provider: aws
            instance: p5.48xlarge
            region: us-east-1
            gpus_per_instance: 8
            on_demand_per_gpu_hour_usd: 6.88
            source: https://aws.amazon.com/ec2/pricing/on-demand/
            as_of: 2025-06-05
        """;

    public const string ApiPrices = """
        api_models:
          - id: gpt-4o-mini
            provider: openai
            model: gpt-4o-mini
            input_per_million_usd: 0.15
            output_per_million_usd: 0.60
            cached_input_per_million_usd: 0.075
            batch_discount: 0.5
            context_window_tokens: 128000
            source: https://openai.com/api/pricing/
            as_of: 2024-07-18
          - id: gpt-4o
            provider: openai
            model: gpt-4o
            input_per_million_usd: 2.50
            output_per_million_usd: 10.00
            context_window_tokens: 128000
            source: https://openai.com/api/pricing/
            as_of: 2026-10-01
        """;

    public const string Models = """
        models:
          - id: llama-3.1-8b
            name: Llama 3.1 8B Instruct
            params_billion: 8.03
            active_params_billion: 8.03
            layers: 32
            hidden_size: 4096
            intermediate_size: 14336
            attention_heads: 32
            kv_heads: 8
            head_dim: 128
            vocab_size: 128256
            experts: 1
            experts_per_token: 1
            max_context_tokens: 131072
            source: https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json
            as_of: 2024-07-23
          - id: llama-3.1-70b
            name: Llama 3.1 70B Instruct
            params_billion: 70.55
            active_params_billion: 70.55
            layers: 80
            hidden_size: 8192
            intermediate_size: 28672
            attention_heads: 64
            kv_heads: 8
            head_dim: 128
            vocab_size: 128256
            experts: 1
            experts_per_token: 1
            max_context_tokens: 131072
            source: https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct/blob/main/config.json
            as_of: 2024-07-23
        """;

    /// <summary>Writes the four files into <paramref name="directory"/>, replacing any of them given in <paramref name="replace"/>.</summary>
    public static void WriteTo(string directory, IReadOnlyDictionary<string, string>? replace = null)
    {
        Directory.CreateDirectory(directory);
        var files = new Dictionary<string, string>
        {
            ["gpus.yaml"] = Gpus,
            ["gpu_prices.yaml"] = GpuPrices,
            ["api_prices.yaml"] = ApiPrices,
            ["models.yaml"] = Models,
        };
        foreach ((string name, string text) in replace ?? new Dictionary<string, string>())
        {
            files[name] = text;
        }
        foreach ((string name, string text) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), text + "\n");
        }
    }
}
