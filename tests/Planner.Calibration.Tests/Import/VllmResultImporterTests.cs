using Planner.Calibration.Benchmarking;
using Planner.Calibration.Import;

namespace Planner.Calibration.Tests.Import;

public sealed class VllmResultImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("planner-vllm-").FullName;

    private static ImportSettings Settings => new()
    {
        Model = "llama-3.1-8b",
        Hardware = "h100-sxm",
        Gpu = "h100-sxm",
        Engine = "vllm",
        Citation = "our run 2026-11-20, vLLM 0.11, H100 SXM",
        Layers = 32,
        CreatedUtc = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
    };

    private string Write(string name, string json)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_summary_result_becomes_a_decode_step_at_the_concurrency_limit()
    {
        string file = Write("c16.json", """
            {"date": "20261120-101010", "backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "num_prompts": 200,
             "request_rate": "inf", "burstiness": 1.0, "max_concurrency": 16, "duration": 40.1, "completed": 200,
             "total_input_tokens": 204800, "total_output_tokens": 25600, "request_throughput": 4.99,
             "mean_ttft_ms": 180.0, "median_ttft_ms": 150.0, "p99_ttft_ms": 700.0,
             "mean_tpot_ms": 12.5, "median_tpot_ms": 12.0, "p99_tpot_ms": 19.0, "mean_itl_ms": 12.4, "median_itl_ms": 11.8, "mean_e2el_ms": 1800.0}
            """);
        MeasurementSet set = VllmResultImporter.Import([file], Settings);
        MeasurementRow decode = Assert.Single(set.Rows);
        Assert.Equal(BenchmarkPhase.Decode, decode.Phase);
        Assert.Equal(16, decode.Batch);
        Assert.Equal(1024 + 64, decode.PastTokens);
        Assert.Equal(0.012, decode.Timing.MeanSeconds, 9);
        Assert.Equal(0.019, decode.Timing.P99Seconds, 9);
        Assert.Contains("c16.json", decode.Source);
        Assert.Contains("our run 2026-11-20", decode.Source);
        Assert.Contains(set.Metadata.Notes, n => n.Contains("no prefill rows", StringComparison.Ordinal));
        Assert.Equal("vllm_benchmark_serving", set.Metadata.Method);
        Assert.Equal(64, Assert.Single(set.Metadata.Sources).Sha256.Length);
    }

    [Fact]
    public void A_detailed_single_stream_result_gives_prefill_steps_by_prompt_length()
    {
        var lens = Enumerable.Range(0, 30).Select(i => 100 + 100 * i).ToArray();
        var ttfts = lens.Select(l => 0.01 + l * 2e-5).ToArray();
        string file = Write("c1.json", $$"""
            {"backend": "vllm", "max_concurrency": 1, "completed": 30, "total_input_tokens": {{lens.Sum()}}, "total_output_tokens": 3000,
             "request_throughput": 1.0, "median_ttft_ms": 40.0, "median_tpot_ms": 8.0,
             "input_lens": [{{string.Join(",", lens)}}], "ttfts": [{{string.Join(",", ttfts.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}}]}
            """);
        MeasurementSet set = VllmResultImporter.Import([file], Settings);
        var prefill = set.Rows.Where(r => r.Phase == BenchmarkPhase.Prefill).ToList();
        Assert.Equal(6, prefill.Count);
        Assert.All(prefill, r => Assert.Equal(0.01 + r.NewTokens * 2e-5, r.Timing.MeanSeconds, 6));
        Assert.Single(set.Rows, r => r.Phase == BenchmarkPhase.Decode && r.Batch == 1);
    }

    [Fact]
    public void A_file_that_is_not_a_vllm_result_is_named_with_what_is_missing()
    {
        string notJson = Write("bad.json", "{\"completed\": 10,\n \"total_input_tokens\": }");
        Assert.Contains("bad.json:2", Assert.Throws<MeasurementFormatException>(() => VllmResultImporter.Import([notJson], Settings)).Message);
        string wrong = Write("other.json", "{\"accuracy\": 0.9}");
        Assert.Contains("missing number 'completed'", Assert.Throws<MeasurementFormatException>(() => VllmResultImporter.Import([wrong], Settings)).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
