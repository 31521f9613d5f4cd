using System.Globalization;
using System.Text;
using Planner.Calibration.Benchmarking;
using Planner.Core.Specs;
using Planner.Formats.Csv;

namespace Planner.Calibration.Import;

/// <summary>
/// Reads the per-operator GPU timings of Vidur's profiling data set (Microsoft, MIT licence;
/// <c>data/profiling/compute/&lt;gpu&gt;/&lt;model&gt;/mlp.csv</c>: one row per token count and
/// tensor-parallel degree, each operator's min/max/mean/median/std in milliseconds) and turns them
/// into <see cref="OperatorTimingTable"/>s: per token count, the sum of the medians of a layer's
/// operators other than the attention kernel, and the embedding lookup. Points that linear
/// interpolation between their neighbours reproduces within <see cref="Tolerance"/> are dropped,
/// so a table stays small; a token count profiled more than once counts at the median of its runs.
/// </summary>
public static class VidurOperatorImporter
{
    /// <summary>The operators of one decoder layer Vidur times in <c>mlp.csv</c> (the attention kernel is in <c>attention.csv</c>).</summary>
    public static IReadOnlyList<string> LayerOperators { get; } =
    [
        "input_layernorm", "attn_pre_proj", "attn_rope", "attn_post_proj", "post_attention_layernorm",
        "mlp_up_proj", "mlp_act", "mlp_down_proj", "add",
    ];

    /// <summary>Largest interpolation error, relative to the layer time, of a point the table drops.</summary>
    public const double Tolerance = 0.02;

    private static readonly string[] ShapeColumns = ["n_embd", "n_expanded_embd", "n_head", "n_kv_head", "use_gated_mlp", "num_tokens", "num_tensor_parallel_workers"];

    /// <summary>The tables of <paramref name="csvPath"/>, one per tensor-parallel degree, ascending.</summary>
    /// <exception cref="MeasurementFormatException">The file is not a Vidur <c>mlp.csv</c>; the message says where and why.</exception>
    public static IReadOnlyList<OperatorTimingTable> Import(string csvPath, string source)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        IReadOnlyList<CsvRecord> records = ReadRecords(csvPath, "Vidur's mlp.csv: one row per num_tokens and num_tensor_parallel_workers");
        Dictionary<string, int> column = Columns(csvPath, records[0], [.. ShapeColumns, "time_stats.emb.median", .. LayerOperators.Select(Median)],
            $"Vidur's mlp.csv, which has {string.Join(", ", ShapeColumns)} and time_stats.<operator>.median for {string.Join(", ", LayerOperators)} and emb");

        var points = new SortedDictionary<int, SortedDictionary<int, List<(double Layer, double Embedding)>>>();
        (int Hidden, int Intermediate, int Heads, int KvHeads)? shape = null;
        foreach (CsvRecord row in records.Skip(1))
        {
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0]))
            {
                continue;
            }
            int Int(string name) => int.TryParse(row[column[name]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
                ? v
                : throw new MeasurementFormatException($"{csvPath}:{row.Line}: {name} is '{row[column[name]]}' (expected a whole number ≥ 1)");
            double Ms(string name) => double.TryParse(row[column[name]], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && double.IsFinite(v)
                ? v
                : throw new MeasurementFormatException($"{csvPath}:{row.Line}: {name} is '{row[column[name]]}' (expected milliseconds ≥ 0)");
            if (!string.Equals(row[column["use_gated_mlp"]], "True", StringComparison.OrdinalIgnoreCase))
            {
                throw new MeasurementFormatException($"{csvPath}:{row.Line}: use_gated_mlp is '{row[column["use_gated_mlp"]]}' (Planner's layer model is a gated MLP, as in Llama; only True is allowed)");
            }
            var rowShape = (Int("n_embd"), Int("n_expanded_embd"), Int("n_head"), Int("n_kv_head"));
            if (shape is { } first && first != rowShape)
            {
                throw new MeasurementFormatException($"{csvPath}:{row.Line}: the layer shape {rowShape} differs from the first row's {first} (one model per file)");
            }
            shape = rowShape;
            int tp = Int("num_tensor_parallel_workers");
            int tokens = Int("num_tokens");
            double layer = LayerOperators.Sum(op => Ms(Median(op)));
            if (!points.TryGetValue(tp, out var byTokens))
            {
                points[tp] = byTokens = [];
            }
            if (!byTokens.TryGetValue(tokens, out var repeats))
            {
                byTokens[tokens] = repeats = [];
            }
            repeats.Add((layer, Ms("time_stats.emb.median")));
        }
        if (shape is not { } s)
        {
            throw new MeasurementFormatException($"{csvPath}: no rows under the header");
        }
        // A token count profiled more than once counts at the median of its runs.
        return [.. points.Select(p =>
        {
            double[] tokens = [.. p.Value.Keys.Select(t => (double)t)];
            double[] layer = [.. p.Value.Values.Select(runs => MedianOf(runs.Select(r => r.Layer)))];
            double[] embedding = [.. p.Value.Values.Select(runs => MedianOf(runs.Select(r => r.Embedding)))];
            IReadOnlyList<int> kept = Kept(tokens, layer, layer, embedding);
            return Table(s, p.Key, [.. kept.Select(k => ((int)tokens[k], layer[k], embedding[k]))], source);
        })];
    }

    /// <summary>
    /// The all-reduce tables of Vidur's <c>data/profiling/network/&lt;machine&gt;/all_reduce.csv</c>
    /// (one row per GPU count, placement and size in bytes, with min/max/mean/median/std in
    /// milliseconds per rank): rank 0 of the runs whose GPUs all sit in one machine, one table per
    /// GPU count, thinned as the operator tables are.
    /// </summary>
    /// <exception cref="MeasurementFormatException">The file is not a Vidur <c>all_reduce.csv</c>; the message says where and why.</exception>
    public static IReadOnlyList<CollectiveTimingTable> ImportAllReduce(string csvPath, string source)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        IReadOnlyList<CsvRecord> records = ReadRecords(csvPath, "one row per num_workers, devices_per_node and size");
        Dictionary<string, int> column = Columns(csvPath, records[0], ["num_workers", "devices_per_node", "rank", "size", "time_stats.all_reduce.median"],
            "Vidur's all_reduce.csv");
        var points = new SortedDictionary<int, SortedDictionary<double, List<double>>>();
        foreach (CsvRecord row in records.Skip(1))
        {
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0]))
            {
                continue;
            }
            double Number(string name, double min) => double.TryParse(row[column[name]], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= min && double.IsFinite(v)
                ? v
                : throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture, $"{csvPath}:{row.Line}: {name} is '{row[column[name]]}' (expected a number ≥ {min})"));
            int workers = (int)Number("num_workers", 1);
            if (Number("rank", 0) != 0 || (int)Number("devices_per_node", 1) != workers)
            {
                continue;
            }
            if (!points.TryGetValue(workers, out var bySize))
            {
                points[workers] = bySize = [];
            }
            double size = Number("size", 1);
            if (!bySize.TryGetValue(size, out var repeats))
            {
                bySize[size] = repeats = [];
            }
            repeats.Add(Number("time_stats.all_reduce.median", 0));
        }
        if (points.Count == 0)
        {
            throw new MeasurementFormatException($"{csvPath}: no rank-0 row whose GPUs all sit in one machine (devices_per_node = num_workers)");
        }
        return [.. points.Select(p =>
        {
            double[] bytes = [.. p.Value.Keys];
            double[] ms = [.. p.Value.Values.Select(MedianOf)];
            IReadOnlyList<int> kept = Kept(bytes, ms, ms);
            return new CollectiveTimingTable
            {
                Gpus = p.Key,
                Bytes = [.. kept.Select(k => bytes[k])],
                Seconds = [.. kept.Select(k => ms[k] / 1000)],
                Source = source,
            };
        })];
    }

    /// <summary>The tables as the catalog's <c>collectives/*.yaml</c> holds them, for GPU <paramref name="gpuId"/>.</summary>
    public static string ToYaml(string gpuId, IReadOnlyList<CollectiveTimingTable> tables, IEnumerable<string> comments) =>
        Yaml("all_reduce", gpuId, tables, comments, t => t.Source, (yaml, t) =>
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    gpus: {t.Gpus}\n");
            yaml.Append("    bytes: [").AppendJoin(", ", t.Bytes.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append("]\n");
            yaml.Append("    ms: [").AppendJoin(", ", t.Seconds.Select(Ms)).Append("]\n");
        });

    /// <summary>The tables as the catalog's <c>operators/*.yaml</c> holds them, for GPU <paramref name="gpuId"/>.</summary>
    public static string ToYaml(string gpuId, IReadOnlyList<OperatorTimingTable> tables, IEnumerable<string> comments) =>
        Yaml("operator_timings", gpuId, tables, comments, t => t.Source, (yaml, t) =>
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    hidden_size: {t.HiddenSize}\n    intermediate_size: {t.IntermediateSize}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    attention_heads: {t.AttentionHeads}\n    kv_heads: {t.KvHeads}\n    tensor_parallel: {t.TensorParallel}\n");
            yaml.Append("    tokens: [").AppendJoin(", ", t.Tokens.Select(v => v.ToString(CultureInfo.InvariantCulture))).Append("]\n");
            yaml.Append("    layer_ms: [").AppendJoin(", ", t.LayerSeconds.Select(Ms)).Append("]\n");
            yaml.Append("    embedding_ms: [").AppendJoin(", ", t.EmbeddingSeconds.Select(Ms)).Append("]\n");
        });

    /// <summary>A catalog measurement file: comment lines, then under <paramref name="topKey"/> one entry per table with its GPU, source and fields.</summary>
    private static string Yaml<T>(string topKey, string gpuId, IReadOnlyList<T> tables, IEnumerable<string> comments, Func<T, string> source, Action<StringBuilder, T> fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gpuId);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(comments);
        var yaml = new StringBuilder();
        foreach (string line in comments)
        {
            yaml.Append("# ").Append(line).Append('\n');
        }
        yaml.Append(topKey).Append(":\n");
        foreach (T t in tables)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - gpu: {gpuId}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    source: \"{Quote(source(t))}\"\n");
            fields(yaml, t);
        }
        return yaml.ToString();
    }

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Ms(double seconds) => Math.Round(seconds * 1000, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static IReadOnlyList<CsvRecord> ReadRecords(string csvPath, string expected)
    {
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvFile.ReadFile(csvPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeasurementFormatException($"{csvPath}: cannot read the file ({e.Message})", e);
        }
        catch (CsvSyntaxException e)
        {
            throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture, $"{csvPath}:{Math.Max(1, e.Line)}: {e.Message}"), e);
        }
        if (records.Count < 2)
        {
            throw new MeasurementFormatException($"{csvPath}: no rows under the header (expected {expected})");
        }
        return records;
    }

    private static Dictionary<string, int> Columns(string csvPath, CsvRecord header, IReadOnlyList<string> needed, string expected)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            column.TryAdd(header[i].Trim(), i);
        }
        string[] missing = [.. needed.Where(c => !column.ContainsKey(c))];
        if (missing.Length > 0)
        {
            throw new MeasurementFormatException($"{csvPath}:{header.Line}: missing column(s) {string.Join(", ", missing)} (expected {expected})");
        }
        return column;
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        double[] v = [.. values.Order()];
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string Median(string op) => $"time_stats.{op}.median";

    private static OperatorTimingTable Table((int Hidden, int Intermediate, int Heads, int KvHeads) shape, int tp,
        IReadOnlyList<(int Tokens, double Layer, double Embedding)> points, string source) => new()
    {
        HiddenSize = shape.Hidden,
        IntermediateSize = shape.Intermediate,
        AttentionHeads = shape.Heads,
        KvHeads = shape.KvHeads,
        TensorParallel = tp,
        Tokens = [.. points.Select(p => p.Tokens)],
        LayerSeconds = [.. points.Select(p => p.Layer / 1000)],
        EmbeddingSeconds = [.. points.Select(p => p.Embedding / 1000)],
        Source = source,
    };

    /// <summary>
    /// Which points a piecewise-linear table needs: from each kept point, the farthest next one such
    /// that every point between them lies, in every one of <paramref name="series"/>, within
    /// <see cref="Tolerance"/> × <paramref name="scale"/> (at that point) of the line joining them;
    /// the first and last are kept.
    /// </summary>
    internal static IReadOnlyList<int> Kept(IReadOnlyList<double> x, IReadOnlyList<double> scale, params IReadOnlyList<double>[] series)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(scale);
        var kept = new List<int> { 0 };
        int anchor = 0;
        while (anchor < x.Count - 1)
        {
            int next = anchor + 1;
            for (int j = anchor + 2; j < x.Count && Covers(x, scale, series, anchor, j); j++)
            {
                next = j;
            }
            kept.Add(next);
            anchor = next;
        }
        return kept;
    }

    private static bool Covers(IReadOnlyList<double> x, IReadOnlyList<double> scale, IReadOnlyList<double>[] series, int a, int b)
    {
        for (int i = a + 1; i < b; i++)
        {
            double f = (x[i] - x[a]) / (x[b] - x[a]);
            foreach (IReadOnlyList<double> y in series)
            {
                if (Math.Abs(y[a] + f * (y[b] - y[a]) - y[i]) > Tolerance * scale[i])
                {
                    return false;
                }
            }
        }
        return true;
    }
}
