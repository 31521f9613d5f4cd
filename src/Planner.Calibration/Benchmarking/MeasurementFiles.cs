using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Planner.Calibration.Models;
using Planner.Formats.Csv;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// Reads and writes measurement files: <c>&lt;root&gt;/&lt;hardware&gt;/&lt;model&gt;/&lt;UTC time&gt;.csv</c>
/// with one row per measured point, a <c>.json</c> of the same name with the metadata, and, when the
/// run was profiled, <c>&lt;UTC time&gt;.operators.csv</c> with the operator breakdown of every
/// point. Every CSV goes through Planner's one CSV layer (<see cref="CsvFile"/>), so a field holding a
/// comma, a quote or a line break (an imported row's <c>source</c>) reads back as it was written.
/// Existing files are never overwritten: a second file in the same second gets a suffix.
/// </summary>
public static class MeasurementFiles
{
    /// <summary>The CSV header, in column order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "component", "blocks", "phase", "batch", "new_tokens", "past_tokens",
        "prefill_tokens", "prefill_attention_pairs", "decode_sequences", "decode_context_tokens",
        "runs", "mean_s", "ci95_half_width_s", "p50_s", "p90_s", "p99_s", "min_s", "tokens_per_s", "converged", "source",
    ];

    /// <summary>The header of the operator breakdown, in column order.</summary>
    public static readonly IReadOnlyList<string> OperatorColumns =
    [
        "component", "blocks", "phase", "batch", "new_tokens", "past_tokens", "op_type", "provider", "nodes", "runs", "kernel_s_per_run", "share",
    ];

    /// <summary>JSON settings of the metadata: snake_case, indented, enums as names.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the set under <paramref name="root"/>; returns it with its CSV path.</summary>
    public static MeasurementSet Write(MeasurementSet set, string root)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(root);
        MeasurementMetadata m = set.Metadata;
        string directory = Path.Combine(root, EnvironmentProbe.Slug(m.Hardware), EnvironmentProbe.Slug(m.Model));
        Directory.CreateDirectory(directory);
        string stamp = m.CreatedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (int attempt = 1; ; attempt++)
        {
            string stem = Path.Combine(directory, attempt == 1 ? stamp : string.Create(CultureInfo.InvariantCulture, $"{stamp}-{attempt}"));
            if (File.Exists(stem + ".json") || File.Exists(stem + ".csv"))
            {
                continue;
            }
            // Imported files are kept beside the rows made from them, so the numbers never lose their source.
            var copies = new List<(string From, string To)>();
            var sources = new List<ImportedSource>();
            for (int i = 0; i < m.Sources.Count; i++)
            {
                ImportedSource source = m.Sources[i];
                if (File.Exists(source.File))
                {
                    string copy = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(stem)}.source{(m.Sources.Count > 1 ? (i + 1).ToString(CultureInfo.InvariantCulture) : "")}{Path.GetExtension(source.File)}");
                    copies.Add((source.File, Path.Combine(directory, copy)));
                    source = source with { CopiedTo = copy };
                }
                sources.Add(source);
            }
            string? operators = set.Operators.Count > 0 ? Path.GetFileName(stem) + ".operators.csv" : null;
            MeasurementMetadata written = m with { Sources = sources, OperatorsFile = operators ?? m.OperatorsFile };
            try
            {
                WriteNew(stem + ".json", JsonSerializer.Serialize(written, Json) + "\n");
            }
            catch (IOException) when (File.Exists(stem + ".json"))
            {
                continue;
            }
            WriteNew(stem + ".csv", Csv(set.Rows));
            if (operators is not null)
            {
                WriteNew(Path.Combine(directory, operators), OperatorCsv(set.Operators));
            }
            foreach ((string from, string to) in copies)
            {
                File.Copy(from, to, overwrite: false);
            }
            return set with { Metadata = written, CsvPath = stem + ".csv" };
        }
    }

    /// <summary>Path of the metadata file beside a measurement CSV.</summary>
    public static string MetadataPath(string csvPath) => Path.ChangeExtension(csvPath, ".json");

    /// <summary>The rows as CSV text.</summary>
    public static string Csv(IEnumerable<MeasurementRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvFile.Write(Columns, rows.Select(r =>
        {
            StepWork w = r.Work;
            TimingStatistics t = r.Timing;
            return (IReadOnlyList<string>)
            [
                BenchmarkRunner.ComponentName(r.Component), I(r.Blocks), PhaseName(r.Phase),
                I(r.Batch), I(r.NewTokens), I(r.PastTokens),
                I(w.PrefillTokens), I(w.PrefillAttentionPairs), I(w.DecodeSequences), I(w.DecodeContextTokens),
                I(t.Runs), D(t.MeanSeconds), D(t.Ci95HalfWidthSeconds), D(t.P50Seconds), D(t.P90Seconds), D(t.P99Seconds), D(t.MinSeconds),
                D(r.TokensPerSecond), r.Converged ? "true" : "false", r.Source,
            ];
        }));
    }

    /// <summary>The operator breakdown as CSV text.</summary>
    public static string OperatorCsv(IEnumerable<OperatorTime> operators)
    {
        ArgumentNullException.ThrowIfNull(operators);
        return CsvFile.Write(OperatorColumns, operators.Select(o => (IReadOnlyList<string>)
        [
            o.Component, I(o.Blocks), PhaseName(o.Phase), I(o.Batch), I(o.NewTokens), I(o.PastTokens), o.OpType, o.Provider,
            I(o.Nodes), I(o.Runs), D(o.KernelSecondsPerRun), D(o.Share),
        ]));
    }

    /// <summary>Reads a measurement CSV and its metadata.</summary>
    /// <exception cref="MeasurementFormatException">A file is missing or malformed; the message names the file and line.</exception>
    public static MeasurementSet Read(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        if (Directory.Exists(csvPath))
        {
            throw new MeasurementFormatException($"{csvPath}: is a folder, not a measurement file (allowed: a measurement CSV with its .json beside it, as planner bench writes them under calibration/measurements/<hardware>/<model>/)");
        }
        if (!File.Exists(csvPath))
        {
            throw new MeasurementFormatException($"{csvPath}: measurement file not found (planner bench writes them under calibration/measurements/<hardware>/<model>/)");
        }
        InputFileLimits.Check(csvPath, InputFileLimits.MaxTableBytes, "measurement CSV planner bench or an import writes");
        List<MeasurementRow> rows = ReadRows(csvPath);
        string metadataPath = MetadataPath(csvPath);
        if (!File.Exists(metadataPath))
        {
            throw new MeasurementFormatException($"{csvPath}: its metadata {Path.GetFileName(metadataPath)} is missing (every measurement CSV has a .json of the same name beside it)");
        }
        InputFileLimits.Check(metadataPath, InputFileLimits.MaxJsonBytes, "measurement metadata planner bench writes");
        MeasurementMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<MeasurementMetadata>(File.ReadAllText(metadataPath), Json);
        }
        catch (JsonException e)
        {
            throw new MeasurementFormatException($"{metadataPath}:{(e.LineNumber ?? 0) + 1}: malformed metadata: {InputFileLimits.JsonProblem(e)}", e);
        }
        if (metadata is null)
        {
            throw new MeasurementFormatException($"{metadataPath}: empty metadata");
        }
        IReadOnlyList<OperatorTime> operators = [];
        if (metadata.OperatorsFile is string operatorsFile)
        {
            string operatorsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(csvPath))!, operatorsFile);
            if (!File.Exists(operatorsPath))
            {
                throw new MeasurementFormatException($"{metadataPath}: operators_file names {operatorsFile}, which is not beside it");
            }
            InputFileLimits.Check(operatorsPath, InputFileLimits.MaxTableBytes, "operator table planner bench writes");
            operators = ReadOperators(operatorsPath);
        }
        return new MeasurementSet { Metadata = metadata, Rows = rows, CsvPath = csvPath, Operators = operators };
    }

    private static List<MeasurementRow> ReadRows(string path)
    {
        var rows = new List<MeasurementRow>();
        foreach ((CsvRecord f, string where) in Records(path, Columns))
        {
            ModelComponent component = BenchmarkRunner.ParseComponent(f[0])
                ?? throw new MeasurementFormatException($"{where}: component '{f[0]}' is not one of block_stack, head, whole, overhead, external");
            rows.Add(new MeasurementRow
            {
                Component = component,
                Blocks = Int(f[1], "blocks", where),
                Phase = Phase(f[2], where),
                Batch = Int(f[3], "batch", where),
                NewTokens = Int(f[4], "new_tokens", where),
                PastTokens = Int(f[5], "past_tokens", where),
                Timing = new TimingStatistics
                {
                    Runs = Int(f[10], "runs", where),
                    MeanSeconds = Number(f[11], "mean_s", where),
                    Ci95HalfWidthSeconds = Number(f[12], "ci95_half_width_s", where),
                    P50Seconds = Number(f[13], "p50_s", where),
                    P90Seconds = Number(f[14], "p90_s", where),
                    P99Seconds = Number(f[15], "p99_s", where),
                    MinSeconds = Number(f[16], "min_s", where),
                },
                Converged = f[18] == "true",
                Source = f[19],
            });
        }
        return rows;
    }

    private static List<OperatorTime> ReadOperators(string path)
    {
        var operators = new List<OperatorTime>();
        foreach ((CsvRecord f, string where) in Records(path, OperatorColumns))
        {
            operators.Add(new OperatorTime
            {
                Component = BenchmarkRunner.ParseComponent(f[0]) is not null ? f[0]
                    : throw new MeasurementFormatException($"{where}: component '{f[0]}' is not one of block_stack, head, whole, overhead, external"),
                Blocks = Int(f[1], "blocks", where),
                Phase = Phase(f[2], where),
                Batch = Int(f[3], "batch", where),
                NewTokens = Int(f[4], "new_tokens", where),
                PastTokens = Int(f[5], "past_tokens", where),
                OpType = f[6],
                Provider = f[7],
                Nodes = Int(f[8], "nodes", where),
                Runs = Int(f[9], "runs", where),
                KernelSecondsPerRun = Number(f[10], "kernel_s_per_run", where),
                Share = Number(f[11], "share", where),
            });
        }
        return operators;
    }

    /// <summary>The records after the header, each with its file:line, every one with the header's field count.</summary>
    private static IEnumerable<(CsvRecord Record, string Where)> Records(string path, IReadOnlyList<string> columns)
    {
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvFile.ReadFile(path);
        }
        catch (CsvSyntaxException e)
        {
            throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{Math.Max(1, e.Line)}: {e.Message}"), e);
        }
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(columns))
        {
            throw new MeasurementFormatException($"{path}:1: expected the header '{string.Join(',', columns)}'");
        }
        foreach (CsvRecord record in records.Skip(1))
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{path}:{record.Line}");
            if (record.Count != columns.Count)
            {
                throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture, $"{where}: expected {columns.Count} fields, got {record.Count}"));
            }
            yield return (record, where);
        }
    }

    private static BenchmarkPhase Phase(string text, string where) => text switch
    {
        "prefill" => BenchmarkPhase.Prefill,
        "decode" => BenchmarkPhase.Decode,
        _ => throw new MeasurementFormatException($"{where}: phase '{text}' is not prefill or decode"),
    };

    private static string PhaseName(BenchmarkPhase phase) => phase == BenchmarkPhase.Prefill ? "prefill" : "decode";

    private static int Int(string text, string column, string where) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v
            : throw new MeasurementFormatException($"{where}: {column}: expected a whole number ≥ 0, got '{text}'");

    /// <summary>A number ≥ 0; NaN (not known, in imports) and Infinity (no confidence interval from one run) are allowed.</summary>
    private static double Number(string text, string column, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !(v < 0)
            ? v
            : throw new MeasurementFormatException($"{where}: {column}: expected a number ≥ 0 (or NaN when not known), got '{text}'");

    private static void WriteNew(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(text);
    }

    private static string I(long v) => CsvNumber.Format(v);

    private static string D(double v) => CsvNumber.Format7(v);
}
