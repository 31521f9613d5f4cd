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
            throw new MeasurementFormatException($"{csvPath}: no rows under the header (expected Vidur's mlp.csv: one row per num_tokens and num_tensor_parallel_workers)");
        }
        CsvRecord header = records[0];
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            column.TryAdd(header[i].Trim(), i);
        }
        string[] needed = [.. ShapeColumns, "time_stats.emb.median", .. LayerOperators.Select(Median)];
        string[] missing = [.. needed.Where(c => !column.ContainsKey(c))];
        if (missing.Length > 0)
        {
            throw new MeasurementFormatException($"{csvPath}:{header.Line}: missing column(s) {string.Join(", ", missing)} (expected Vidur's mlp.csv, which has {string.Join(", ", ShapeColumns)} and time_stats.<operator>.median for {string.Join(", ", LayerOperators)} and emb)");
        }

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
        return [.. points.Select(p => Table(s, p.Key,
            Thin([.. p.Value.Select(kv => (kv.Key, MedianOf(kv.Value.Select(r => r.Layer)), MedianOf(kv.Value.Select(r => r.Embedding))))]), source))];
    }

    /// <summary>The tables as the catalog's <c>operators/*.yaml</c> holds them, for GPU <paramref name="gpuId"/>.</summary>
    public static string ToYaml(string gpuId, IReadOnlyList<OperatorTimingTable> tables, IEnumerable<string> comments)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(comments);
        var yaml = new StringBuilder();
        foreach (string line in comments)
        {
            yaml.Append("# ").AppendLine(line);
        }
        yaml.AppendLine("operator_timings:");
        foreach (OperatorTimingTable t in tables)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - gpu: {gpuId}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    source: \"{t.Source.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    hidden_size: {t.HiddenSize}\n    intermediate_size: {t.IntermediateSize}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    attention_heads: {t.AttentionHeads}\n    kv_heads: {t.KvHeads}\n    tensor_parallel: {t.TensorParallel}\n");
            yaml.Append("    tokens: [").AppendJoin(", ", t.Tokens.Select(v => v.ToString(CultureInfo.InvariantCulture))).AppendLine("]");
            yaml.Append("    layer_ms: [").AppendJoin(", ", t.LayerSeconds.Select(Ms)).AppendLine("]");
            yaml.Append("    embedding_ms: [").AppendJoin(", ", t.EmbeddingSeconds.Select(Ms)).AppendLine("]");
        }
        return yaml.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Ms(double seconds) => Math.Round(seconds * 1000, 4).ToString("0.####", CultureInfo.InvariantCulture);

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
    /// The points a piecewise-linear table needs: from each kept point, the farthest next one such
    /// that every point between them lies within <see cref="Tolerance"/> of the line joining them
    /// (the embedding within that share of the layer time too); the first and last are kept.
    /// </summary>
    internal static IReadOnlyList<(int Tokens, double Layer, double Embedding)> Thin(IReadOnlyList<(int Tokens, double Layer, double Embedding)> p)
    {
        var kept = new List<(int, double, double)> { p[0] };
        int anchor = 0;
        while (anchor < p.Count - 1)
        {
            int next = anchor + 1;
            for (int j = anchor + 2; j < p.Count; j++)
            {
                if (!Covers(p, anchor, j))
                {
                    break;
                }
                next = j;
            }
            kept.Add(p[next]);
            anchor = next;
        }
        return kept;
    }

    private static bool Covers(IReadOnlyList<(int Tokens, double Layer, double Embedding)> p, int a, int b)
    {
        for (int i = a + 1; i < b; i++)
        {
            double f = (double)(p[i].Tokens - p[a].Tokens) / (p[b].Tokens - p[a].Tokens);
            double layer = p[a].Layer + f * (p[b].Layer - p[a].Layer);
            double embedding = p[a].Embedding + f * (p[b].Embedding - p[a].Embedding);
            if (Math.Abs(layer - p[i].Layer) > Tolerance * p[i].Layer || Math.Abs(embedding - p[i].Embedding) > Tolerance * p[i].Layer)
            {
                return false;
            }
        }
        return true;
    }
}
