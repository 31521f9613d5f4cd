using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;
using Planner.Formats.Csv;

namespace Planner.Calibration.Import;

/// <summary>
/// Imports step measurements transcribed from published tables (TensorRT-LLM's performance
/// overview, MLPerf results, papers) in a documented CSV schema — one row per step shape, header
/// names in any order:
/// <list type="table">
/// <item><term>phase</term><description>required: <c>prefill</c> or <c>decode</c></description></item>
/// <item><term>batch</term><description>required: sequences in the step, ≥ 1</description></item>
/// <item><term>input_tokens</term><description>prefill: prompt tokens per sequence (required); decode: ignored (1)</description></item>
/// <item><term>context_tokens</term><description>cached tokens per sequence before the step (decode: required; prefill: default 0)</description></item>
/// <item><term>step_ms</term><description>the step's time in milliseconds — or</description></item>
/// <item><term>tokens_per_s</term><description>the step's throughput: batch × input tokens (prefill) or batch (decode) per second</description></item>
/// <item><term>source</term><description>optional: where this row's figure comes from (else the citation given to the import)</description></item>
/// <item><term>note</term><description>optional, free text, kept in the source</description></item>
/// </list>
/// </summary>
public static class PublishedTableImporter
{
    public static readonly IReadOnlyList<string> KnownColumns = ["phase", "batch", "input_tokens", "context_tokens", "step_ms", "tokens_per_s", "source", "note"];

    public static MeasurementSet Import(string file, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(file))
        {
            throw new MeasurementFormatException($"{file}: table not found");
        }
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvFile.ReadFile(file, commentPrefix: '#');
        }
        catch (CsvSyntaxException e)
        {
            throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture, $"{file}:{Math.Max(1, e.Line)}: {e.Message}"), e);
        }
        if (records.Count == 0)
        {
            throw new MeasurementFormatException($"{file}:1: empty file (expected a header: {string.Join(",", KnownColumns)})");
        }
        List<string> header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        string headerWhere = string.Create(CultureInfo.InvariantCulture, $"{file}:{records[0].Line}");
        var problems = new List<string>();
        foreach (string h in header.Where(h => !KnownColumns.Contains(h)))
        {
            problems.Add($"{headerWhere}: unknown column '{h}' (allowed: {string.Join(", ", KnownColumns)})");
        }
        foreach (string required in new[] { "phase", "batch" }.Where(r => !header.Contains(r)))
        {
            problems.Add($"{headerWhere}: missing column '{required}'");
        }
        if (!header.Contains("step_ms") && !header.Contains("tokens_per_s"))
        {
            problems.Add($"{headerWhere}: needs a step_ms or a tokens_per_s column");
        }
        if (problems.Count > 0)
        {
            throw new MeasurementFormatException(string.Join("\n", problems));
        }
        var rows = new List<MeasurementRow>();
        foreach (CsvRecord record in records.Skip(1))
        {
            if (record.Fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }
            string where = string.Create(CultureInfo.InvariantCulture, $"{file}:{record.Line}");
            if (record.Count != header.Count)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: expected {header.Count} fields, got {record.Count}"));
                continue;
            }
            string Get(string column) => header.IndexOf(column) is int i and >= 0 ? record[i].Trim() : "";
            try
            {
                rows.Add(ReadRow(Get, where, settings.Citation));
            }
            catch (MeasurementFormatException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0)
        {
            throw new MeasurementFormatException(string.Join("\n", problems));
        }
        if (rows.Count == 0)
        {
            throw new MeasurementFormatException($"{file}: no rows");
        }
        return new MeasurementSet
        {
            Metadata = settings.ToMetadata("published_table", [new ImportedSource { File = Path.GetFullPath(file), Sha256 = VllmResultImporter.Sha256(file), Citation = settings.Citation }]),
            Rows = rows,
        };
    }

    private static MeasurementRow ReadRow(Func<string, string> get, string where, string citation)
    {
        BenchmarkPhase phase = get("phase").ToLowerInvariant() switch
        {
            "prefill" => BenchmarkPhase.Prefill,
            "decode" => BenchmarkPhase.Decode,
            string other => throw new MeasurementFormatException($"{where}: phase: expected prefill or decode, got '{other}'"),
        };
        int batch = Whole(get("batch"), "batch", where, 1, required: true)!.Value;
        int input = phase == BenchmarkPhase.Prefill ? Whole(get("input_tokens"), "input_tokens", where, 1, required: true)!.Value : 1;
        int context = Whole(get("context_tokens"), "context_tokens", where, 0, required: phase == BenchmarkPhase.Decode) ?? 0;
        double? stepMs = Positive(get("step_ms"), "step_ms", where);
        double? throughput = Positive(get("tokens_per_s"), "tokens_per_s", where);
        if (stepMs is null && throughput is null)
        {
            throw new MeasurementFormatException($"{where}: give step_ms or tokens_per_s");
        }
        StepWork work = StepWork.Of(phase, batch, input, context);
        double seconds = stepMs is double ms ? ms / 1000 : work.Tokens / throughput!.Value;
        string source = get("source") is { Length: > 0 } s ? s : citation;
        if (get("note") is { Length: > 0 } note)
        {
            source += $" ({note})";
        }
        return new MeasurementRow
        {
            Component = ModelComponent.Whole,
            Blocks = 0,
            Phase = phase,
            Batch = batch,
            NewTokens = input,
            PastTokens = context,
            Timing = new TimingStatistics
            {
                Runs = 1,
                MeanSeconds = seconds,
                Ci95HalfWidthSeconds = double.NaN,
                P50Seconds = double.NaN,
                P90Seconds = double.NaN,
                P99Seconds = double.NaN,
                MinSeconds = double.NaN,
            },
            Converged = false,
            Source = source,
        };
    }

    private static int? Whole(string text, string column, string where, int min, bool required)
    {
        if (text.Length == 0)
        {
            return required ? throw new MeasurementFormatException($"{where}: {column} is required here") : null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
            ? v
            : throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture, $"{where}: {column}: expected a whole number ≥ {min}, got '{text}'"));
    }

    private static double? Positive(string text, string column, string where)
    {
        if (text.Length == 0)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new MeasurementFormatException($"{where}: {column}: expected a number > 0, got '{text}'");
    }
}
