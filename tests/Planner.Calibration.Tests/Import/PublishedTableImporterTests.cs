using Planner.Calibration.Benchmarking;
using Planner.Calibration.Import;

namespace Planner.Calibration.Tests.Import;

public sealed class PublishedTableImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("planner-table-").FullName;

    private static ImportSettings Settings => new()
    {
        Model = "llama-3.1-70b",
        Hardware = "h100-sxm",
        Engine = "tensorrt-llm",
        Citation = "TensorRT-LLM performance overview, 2025",
        CreatedUtc = DateTimeOffset.UnixEpoch,
    };

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "table.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Rows_become_step_measurements_in_seconds_with_their_sources()
    {
        string file = Write("""
            phase,batch,input_tokens,context_tokens,step_ms,tokens_per_s,source,note
            prefill,1,2048,,310,,"https://example.org/table, row 3",
            decode,64,,1100,,2560,,fp8 weights
            # a comment line
            decode,1,,1100,24.5,,,
            """);
        MeasurementSet set = PublishedTableImporter.Import(file, Settings);
        Assert.Equal(3, set.Rows.Count);
        Assert.Equal(0.31, set.Rows[0].Timing.MeanSeconds, 9);
        Assert.Equal("https://example.org/table, row 3", set.Rows[0].Source);
        Assert.Equal(64 / 2560.0, set.Rows[1].Timing.MeanSeconds, 9);
        Assert.Equal("TensorRT-LLM performance overview, 2025 (fp8 weights)", set.Rows[1].Source);
        Assert.Equal(1100, set.Rows[2].PastTokens);
        Assert.Equal("published_table", set.Metadata.Method);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line()
    {
        string file = Write("""
            phase,batch,input_tokens,context_tokens,step_ms
            prefil,1,128,0,10
            decode,0,,100,5
            decode,2,,,5
            prefill,1,128,0,-3
            """);
        string message = Assert.Throws<MeasurementFormatException>(() => PublishedTableImporter.Import(file, Settings)).Message;
        Assert.Contains("table.csv:2: phase: expected prefill or decode, got 'prefil'", message);
        Assert.Contains("table.csv:3: batch: expected a whole number ≥ 1, got '0'", message);
        Assert.Contains("table.csv:4: context_tokens is required here", message);
        Assert.Contains("table.csv:5: step_ms: expected a number > 0, got '-3'", message);
    }

    [Fact]
    public void Unknown_and_missing_columns_are_named_with_the_allowed_ones()
    {
        string file = Write("phase,batchsize,latency\ndecode,1,2\n");
        string message = Assert.Throws<MeasurementFormatException>(() => PublishedTableImporter.Import(file, Settings)).Message;
        Assert.Contains("unknown column 'batchsize'", message);
        Assert.Contains("missing column 'batch'", message);
        Assert.Contains("needs a step_ms or a tokens_per_s column", message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
