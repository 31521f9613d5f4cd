using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Import;
using Planner.Calibration.Tests.Support;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;

namespace Planner.Calibration.Tests.Import;

public sealed class VidurOperatorImporterTests : IDisposable
{
    private const string Source = "test data in Vidur's mlp.csv layout";
    private readonly string _dir = Directory.CreateTempSubdirectory("planner-vidur-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A copy of the repository's four catalog files with an empty <paramref name="folder"/> beside them.</summary>
    private string Catalog(string folder)
    {
        string catalog = Path.Combine(_dir, "catalog");
        Directory.CreateDirectory(Path.Combine(catalog, folder));
        foreach (string file in CatalogLoader.FileNames)
        {
            File.Copy(Path.Combine(Repository.Root, "scenarios", "catalog", file), Path.Combine(catalog, file));
        }
        return catalog;
    }

    private static readonly string[] Operators = ["emb", .. VidurOperatorImporter.LayerOperators];

    /// <summary>A file in Vidur's layout: each operator's min/max/mean/median/std (ms), then the shape columns.</summary>
    private string Write(IEnumerable<(int Tokens, int Tp, double OperatorMs)> rows, string gated = "True", string? dropColumn = null)
    {
        var header = Operators.SelectMany(op => new[] { "min", "max", "mean", "median", "std" }.Select(s => $"time_stats.{op}.{s}"))
            .Concat(["n_head", "n_kv_head", "n_embd", "n_expanded_embd", "vocab_size", "use_gated_mlp", "num_tokens", "num_tensor_parallel_workers"])
            .Where(c => c != dropColumn).ToList();
        var lines = new List<string> { string.Join(",", header) };
        foreach ((int tokens, int tp, double ms) in rows)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string op in Operators)
            {
                // Each operator's median is ms (the embedding's a tenth of it); the other statistics are decoys.
                double median = op == "emb" ? ms / 10 : ms;
                foreach ((string s, double v) in new[] { ("min", median / 2), ("max", median * 3), ("mean", median * 1.5), ("median", median), ("std", 0.01) })
                {
                    values[$"time_stats.{op}.{s}"] = v.ToString("R", CultureInfo.InvariantCulture);
                }
            }
            values["n_head"] = "32";
            values["n_kv_head"] = "8";
            values["n_embd"] = "4096";
            values["n_expanded_embd"] = "14336";
            values["vocab_size"] = "128256";
            values["use_gated_mlp"] = gated;
            values["num_tokens"] = tokens.ToString(CultureInfo.InvariantCulture);
            values["num_tensor_parallel_workers"] = tp.ToString(CultureInfo.InvariantCulture);
            lines.Add(string.Join(",", header.Select(c => values[c])));
        }
        string path = Path.Combine(_dir, "mlp.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void A_layer_is_the_sum_of_its_operators_medians_per_tensor_parallel_degree_and_collinear_points_are_dropped()
    {
        // TP 1: flat at 0.1 ms per operator up to 64 tokens, then linear; TP 2 half of it.
        var rows = new List<(int, int, double)>();
        foreach (int tp in new[] { 2, 1 })
        {
            foreach (int tokens in new[] { 1, 16, 32, 64, 128, 256, 512 })
            {
                rows.Add((tokens, tp, (tokens <= 64 ? 0.1 : 0.1 * tokens / 64) / tp));
            }
        }
        IReadOnlyList<OperatorTimingTable> tables = VidurOperatorImporter.Import(Write(rows), Source);

        Assert.Equal([1, 2], tables.Select(t => t.TensorParallel));
        OperatorTimingTable one = tables[0];
        Assert.Equal((4096, 14336, 32, 8), (one.HiddenSize, one.IntermediateSize, one.AttentionHeads, one.KvHeads));
        // The two straight pieces need only their ends: 1, 64 and 512 tokens.
        Assert.Equal([1, 64, 512], one.Tokens);
        int layerOperators = VidurOperatorImporter.LayerOperators.Count;
        Assert.Equal([Math.Round(layerOperators * 0.1e-3, 12), Math.Round(layerOperators * 0.1e-3, 12), Math.Round(layerOperators * 0.8e-3, 12)],
            one.LayerSeconds.Select(v => Math.Round(v, 12)));
        Assert.Equal([0.01e-3, 0.01e-3, 0.08e-3], one.EmbeddingSeconds.Select(v => Math.Round(v, 12)));
        Assert.Equal(layerOperators * 0.4e-3, tables[1].LayerSeconds[^1], 12);
        Assert.All(tables, t => Assert.Equal(Source, t.Source));
    }

    [Fact]
    public void A_token_count_profiled_twice_counts_at_the_median_of_its_runs()
    {
        IReadOnlyList<OperatorTimingTable> tables = VidurOperatorImporter.Import(Write([(8, 1, 0.2), (8, 1, 0.4), (16, 1, 0.5)]), Source);
        Assert.Equal(VidurOperatorImporter.LayerOperators.Count * 0.3e-3, tables[0].LayerSeconds[0], 12);
    }

    [Fact]
    public void A_file_without_an_operator_column_is_refused_with_its_name()
    {
        var e = Assert.Throws<MeasurementFormatException>(() =>
            VidurOperatorImporter.Import(Write([(1, 1, 0.1)], dropColumn: "time_stats.mlp_up_proj.median"), Source));
        Assert.Contains("mlp.csv:1: missing column(s) time_stats.mlp_up_proj.median", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ungated_mlp_is_refused_at_its_line()
    {
        var e = Assert.Throws<MeasurementFormatException>(() => VidurOperatorImporter.Import(Write([(1, 1, 0.1)], gated: "False"), Source));
        Assert.Contains("mlp.csv:2: use_gated_mlp is 'False'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_written_file_loads_back_from_a_catalog_onto_its_gpu()
    {
        IReadOnlyList<OperatorTimingTable> tables = VidurOperatorImporter.Import(
            Write([(1, 1, 0.1), (64, 1, 0.1), (512, 1, 0.8), (1, 2, 0.05), (512, 2, 0.4)]), Source);
        string catalog = Catalog(CatalogLoader.OperatorsFolder);
        File.WriteAllText(Path.Combine(catalog, CatalogLoader.OperatorsFolder, "a100.yaml"), VidurOperatorImporter.ToYaml("a100-80gb", tables, ["a comment"]));

        CatalogLoadResult loaded = CatalogLoader.Load(catalog);

        Assert.True(loaded.Catalog is not null, string.Join("\n", loaded.Diagnostics));
        IReadOnlyList<OperatorTimingTable> back = loaded.Catalog.Gpus["a100-80gb"].ToSpec().OperatorTimings;
        // The file keeps milliseconds to 4 decimals: 0.1 µs.
        static string Us(IEnumerable<double> seconds) => string.Join(" ", seconds.Select(v => Math.Round(v * 1e7).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(tables.Select(t => (t.TensorParallel, string.Join(" ", t.Tokens), Us(t.LayerSeconds), Us(t.EmbeddingSeconds), t.Source)),
            back.Select(t => (t.TensorParallel, string.Join(" ", t.Tokens), Us(t.LayerSeconds), Us(t.EmbeddingSeconds), t.Source)));
        Assert.Empty(loaded.Catalog.Gpus["h100-sxm"].ToSpec().OperatorTimings);
    }

    [Fact]
    public void A_table_for_an_unknown_gpu_or_with_unequal_lists_is_a_located_catalog_error()
    {
        string catalog = Catalog(CatalogLoader.OperatorsFolder);
        File.WriteAllText(Path.Combine(catalog, CatalogLoader.OperatorsFolder, "bad.yaml"), """
            operator_timings:
              - gpu: a100-80gb
                source: here
                hidden_size: 4096
                intermediate_size: 14336
                attention_heads: 32
                kv_heads: 8
                tensor_parallel: 1
                tokens: [1, 64]
                layer_ms: [0.3]
                embedding_ms: [0.01, 0.02]
              - gpu: no-such-gpu
                source: here
                hidden_size: 4096
                intermediate_size: 14336
                attention_heads: 32
                kv_heads: 8
                tensor_parallel: 1
                tokens: [1]
                layer_ms: [0.3]
                embedding_ms: [0.01]
            """);

        CatalogLoadResult loaded = CatalogLoader.Load(catalog);

        Assert.Null(loaded.Catalog);
        string all = string.Join("\n", loaded.Diagnostics);
        Assert.Contains("bad.yaml:2:5", all, StringComparison.Ordinal);
        Assert.Contains("2 tokens but 1 layer_ms", all, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:12:10", all, StringComparison.Ordinal);
        Assert.Contains("no-such-gpu", all, StringComparison.Ordinal);
    }

    [Fact]
    public void All_reduce_rows_of_one_machine_become_a_table_per_gpu_count_and_load_back_from_a_catalog()
    {
        string csv = Path.Combine(_dir, "all_reduce.csv");
        var lines = new List<string> { ",time_stats.all_reduce.min,time_stats.all_reduce.max,time_stats.all_reduce.mean,time_stats.all_reduce.median,time_stats.all_reduce.std,rank,num_workers,size,collective,devices_per_node,max_devices_per_node" };
        int i = 0;
        foreach ((int workers, int perNode, int rank, int size, double ms) in new[]
        {
            (2, 2, 0, 1 << 20, 0.04), (2, 2, 0, 2 << 20, 0.05), (2, 2, 0, 4 << 20, 0.07), (2, 2, 0, 8 << 20, 0.2),
            (2, 2, 1, 1 << 20, 9.0),  // another rank: ignored
            (2, 1, 0, 1 << 20, 9.0),  // across machines: ignored
            (4, 4, 0, 1 << 20, 0.05), (4, 4, 0, 1 << 20, 0.07), (4, 4, 0, 2 << 20, 0.08),
        })
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i++},0,0,0,{ms},0,{rank},{workers},{size},all_reduce,{perNode},8"));
        }
        File.WriteAllText(csv, string.Join("\n", lines) + "\n");

        IReadOnlyList<CollectiveTimingTable> tables = VidurOperatorImporter.ImportAllReduce(csv, Source);

        Assert.Equal([2, 4], tables.Select(t => t.Gpus));
        // 1, 2 and 4 MiB lie on one line (10 µs per MiB), so 2 MiB is dropped; 8 MiB is not on it.
        Assert.Equal([1 << 20, 4 << 20, 8 << 20], tables[0].Bytes);
        Assert.Equal([40e-6, 70e-6, 200e-6], tables[0].Seconds.Select(s => Math.Round(s, 12)));
        // Two runs of 1 MiB on 4 GPUs: their median.
        Assert.Equal(60e-6, tables[1].Seconds[0], 12);

        string catalog = Catalog(CatalogLoader.CollectivesFolder);
        File.WriteAllText(Path.Combine(catalog, CatalogLoader.CollectivesFolder, "h100.yaml"), VidurOperatorImporter.ToYaml("h100-sxm", tables, ["a comment"]));
        CatalogLoadResult loaded = CatalogLoader.Load(catalog);
        Assert.True(loaded.Catalog is not null, string.Join("\n", loaded.Diagnostics));
        IReadOnlyList<CollectiveTimingTable> back = loaded.Catalog.Gpus["h100-sxm"].ToSpec().AllReduceTimings;
        Assert.Equal(tables.Select(t => (t.Gpus, string.Join(" ", t.Bytes), string.Join(" ", t.Seconds.Select(s => Math.Round(s * 1e7))))),
            back.Select(t => (t.Gpus, string.Join(" ", t.Bytes), string.Join(" ", t.Seconds.Select(s => Math.Round(s * 1e7))))));
    }
}
