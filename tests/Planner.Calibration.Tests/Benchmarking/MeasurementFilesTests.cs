using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Benchmarking;

public sealed class MeasurementFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"planner-measurements-{Guid.NewGuid():N}");

    private static MeasurementSet Set() => new()
    {
        Metadata = Measurements.Metadata(),
        Rows =
        [
            Measurements.Row(ModelComponent.Overhead, 0, BenchmarkPhase.Decode, 1, 1, 0, 2e-5),
            Measurements.Row(ModelComponent.Head, 0, BenchmarkPhase.Prefill, 4, 128, 0, 0.25),
            Measurements.Row(ModelComponent.BlockStack, 2, BenchmarkPhase.Decode, 8, 1, 512, 0.125) with { Source = "a, \"quoted\" source" },
        ],
    };

    [Fact]
    public void Writes_under_hardware_and_model_and_reads_back_the_same_rows()
    {
        MeasurementSet written = MeasurementFiles.Write(Set(), _root);
        Assert.Equal(Path.Combine(_root, "cpu-test", "llama-3.1-8b", "20261122T103000Z.csv"), written.CsvPath);
        Assert.True(File.Exists(MeasurementFiles.MetadataPath(written.CsvPath!)));

        MeasurementSet read = MeasurementFiles.Read(written.CsvPath!);
        Assert.Equal(32, read.Metadata.Layers);
        Assert.Equal("llama-3.1-8b", read.Metadata.Model);
        Assert.Equal(3, read.Rows.Count);
        Assert.Equal(written.Rows.Select(r => (r.Component, r.Blocks, r.Phase, r.Batch, r.NewTokens, r.PastTokens, r.Source)),
            read.Rows.Select(r => (r.Component, r.Blocks, r.Phase, r.Batch, r.NewTokens, r.PastTokens, r.Source)));
        Assert.Equal(0.125, read.Rows[2].Timing.MeanSeconds, 6);
        string header = File.ReadLines(written.CsvPath!).First();
        Assert.StartsWith("component,blocks,phase,batch,new_tokens,past_tokens,prefill_tokens", header);
    }

    [Fact]
    public void A_source_with_line_breaks_quotes_and_commas_reads_back_unchanged()
    {
        const string source = "vLLM run 3, \"long prompts\"\nsecond line of the note\r\nthird";
        MeasurementSet set = Set() with { Rows = [.. Set().Rows.Select(r => r with { Source = source })] };
        MeasurementSet written = MeasurementFiles.Write(set, _root);
        MeasurementSet read = MeasurementFiles.Read(written.CsvPath!);
        Assert.Equal(3, read.Rows.Count);
        Assert.All(read.Rows, r => Assert.Equal(source, r.Source));
        Assert.Equal(set.Rows.Select(r => r.Timing.MeanSeconds), read.Rows.Select(r => r.Timing.MeanSeconds), (a, b) => Math.Abs(a - b) <= 1e-6 * a);
    }

    [Fact]
    public void The_operator_breakdown_is_written_beside_the_rows_and_read_back()
    {
        OperatorTime matMul = new()
        {
            Component = "block_stack", Blocks = 2, Phase = BenchmarkPhase.Decode, Batch = 8, NewTokens = 1, PastTokens = 512,
            OpType = "MatMul", Provider = "CPUExecutionProvider", Nodes = 14, Runs = 3, KernelSecondsPerRun = 0.0875, Share = 0.7,
        };
        OperatorTime softmax = matMul with { OpType = "Softmax", Nodes = 2, KernelSecondsPerRun = 0.0375, Share = 0.3 };
        MeasurementSet written = MeasurementFiles.Write(Set() with { Operators = [matMul, softmax] }, _root);
        Assert.Equal("20261122T103000Z.operators.csv", written.Metadata.OperatorsFile);
        MeasurementSet read = MeasurementFiles.Read(written.CsvPath!);
        Assert.Equal([matMul, softmax], read.Operators);
    }

    [Fact]
    public void A_set_without_operators_writes_no_breakdown()
    {
        MeasurementSet written = MeasurementFiles.Write(Set(), _root);
        Assert.Null(written.Metadata.OperatorsFile);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(written.CsvPath!)!, "*.csv"));
        Assert.Empty(MeasurementFiles.Read(written.CsvPath!).Operators);
    }

    [Fact]
    public void Never_overwrites_an_existing_measurement()
    {
        MeasurementSet first = MeasurementFiles.Write(Set(), _root);
        string before = File.ReadAllText(first.CsvPath!);
        MeasurementSet second = MeasurementFiles.Write(Set(), _root);
        Assert.NotEqual(first.CsvPath, second.CsvPath);
        Assert.EndsWith("20261122T103000Z-2.csv", second.CsvPath);
        Assert.Equal(before, File.ReadAllText(first.CsvPath!));
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            string csv = MeasurementFiles.Csv(Set().Rows);
            Assert.Contains(",0.125,", csv);
            Assert.DoesNotContain("0,125", csv);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_malformed_row_names_the_file_line_and_column()
    {
        MeasurementSet written = MeasurementFiles.Write(Set(), _root);
        string[] lines = File.ReadAllLines(written.CsvPath!);
        lines[2] = lines[2].Replace(",4,128,", ",four,128,", StringComparison.Ordinal);
        File.WriteAllLines(written.CsvPath!, lines);
        var e = Assert.Throws<MeasurementFormatException>(() => MeasurementFiles.Read(written.CsvPath!));
        Assert.Contains($"{written.CsvPath}:3: batch: expected a whole number ≥ 0, got 'four'", e.Message);
    }

    [Fact]
    public void A_missing_metadata_file_is_named()
    {
        MeasurementSet written = MeasurementFiles.Write(Set(), _root);
        File.Delete(MeasurementFiles.MetadataPath(written.CsvPath!));
        Assert.Contains("metadata", Assert.Throws<MeasurementFormatException>(() => MeasurementFiles.Read(written.CsvPath!)).Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
