using System.Globalization;
using Planner.Core.Specs;
using Planner.Formats.Csv;

namespace Planner.Calibration.Validation;

/// <summary>
/// Reads <c>published.csv</c> (schema in <c>calibration/validation/README.md</c>) into
/// <see cref="PublishedMeasurement"/> rows, resolving each row's catalog model and GPU. Every bad
/// row is reported as <c>path:line: error: …</c> with what is allowed; the reader collects them all.
/// </summary>
public static class PublishedMeasurementReader
{
    /// <summary>The columns the file must have, in the order the schema documents them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "source", "url", "date", "model", "catalog_model", "gpu", "catalog_gpu", "gpus", "tensor_parallel",
        "weight_precision", "kv_precision", "engine", "scenario", "input_tokens", "output_tokens", "requests",
        "concurrency", "metric", "value", "notes",
    ];

    /// <summary>Columns a file may add after <see cref="Columns"/>; a file without them reads as if they were empty.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } =
        ["request_rate", "length_spread", "statistic", "engine_profile", "measurement", "max_num_seqs", "max_num_batched_tokens", "gpu_memory_utilization", "kv_cache_free_memory_fraction", "chunked_prefill", "lengths_file"];

    /// <summary>
    /// The rows of <paramref name="path"/> that are valid; one message per problem goes to
    /// <paramref name="errors"/>. <paramref name="models"/> and <paramref name="gpus"/> are the
    /// catalog by id.
    /// </summary>
    public static IReadOnlyList<PublishedMeasurement> Read(
        string path,
        IReadOnlyDictionary<string, ModelArchitectureSpec> models,
        IReadOnlyDictionary<string, GpuSpec> gpus,
        ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(errors);
        var rows = new List<PublishedMeasurement>();
        List<(int Line, List<string> Fields)> records = CsvRecords(path, errors);
        if (records.Count == 0)
        {
            return rows;
        }
        List<string> header = records[0].Fields;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            index[header[i].Trim()] = i;
        }
        string[] missing = Columns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{records[0].Line}: error: missing column(s) {string.Join(", ", missing)} (expected: {string.Join(",", Columns)})"));
            return rows;
        }
        string[] unknown = index.Keys.Where(c => !Columns.Contains(c) && !OptionalColumns.Contains(c)).ToArray();
        if (unknown.Length > 0)
        {
            // A misspelt optional column would otherwise be read as empty without a word.
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{records[0].Line}: error: unknown column(s) {string.Join(", ", unknown)} (optional columns: {string.Join(", ", OptionalColumns)})"));
            return rows;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lengthFiles = new Dictionary<string, RequestLengths?>(StringComparer.Ordinal);
        foreach ((int line, List<string> fields) in records.Skip(1))
        {
            string Field(string name) => index.TryGetValue(name, out int at) && at < fields.Count ? fields[at].Trim() : "";
            void Error(string message) => errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: error: {message}"));

            if (fields.Count != header.Count)
            {
                Error(string.Create(CultureInfo.InvariantCulture, $"{fields.Count} fields, the header has {header.Count}"));
                continue;
            }
            string id = Field("id");
            if (id.Length == 0 || !ids.Add(id))
            {
                Error(id.Length == 0 ? "empty id" : $"duplicate id '{id}'");
                continue;
            }
            int before = errors.Count;
            string modelId = Field("catalog_model"), gpuId = Field("catalog_gpu");
            if (!models.TryGetValue(modelId, out ModelArchitectureSpec? model))
            {
                Error($"unknown catalog_model '{modelId}' (known: {string.Join(", ", models.Keys)})");
            }
            if (!gpus.TryGetValue(gpuId, out GpuSpec? gpu))
            {
                Error($"unknown catalog_gpu '{gpuId}' (known: {string.Join(", ", gpus.Keys)})");
            }
            int gpuCount = PositiveInt(Field("gpus"), "gpus", Error);
            int tp = PositiveInt(Field("tensor_parallel"), "tensor_parallel", Error);
            if (gpuCount > 0 && tp > 0 && gpuCount % tp != 0)
            {
                Error(string.Create(CultureInfo.InvariantCulture, $"gpus ({gpuCount}) must be a multiple of tensor_parallel ({tp}): one replica per tensor-parallel group"));
            }
            Precision weights = ParsePrecision(Field("weight_precision"), "weight_precision", Error);
            Precision kv = ParsePrecision(Field("kv_precision"), "kv_precision", Error);
            string regime = Field("scenario");
            if (!PublishedMeasurement.Regimes.Contains(regime))
            {
                Error($"scenario '{regime}' is not one of {string.Join(", ", PublishedMeasurement.Regimes)}");
            }
            string metric = Field("metric");
            if (!PublishedMeasurement.Metrics.Contains(metric))
            {
                Error($"metric '{metric}' is not one of {string.Join(", ", PublishedMeasurement.Metrics)}");
            }
            int input = PositiveInt(Field("input_tokens"), "input_tokens", Error);
            int outputTokens = PositiveInt(Field("output_tokens"), "output_tokens", Error);
            int requests = PositiveInt(Field("requests"), "requests", Error);
            int? concurrency = Field("concurrency").Length == 0 ? null : PositiveInt(Field("concurrency"), "concurrency", Error);
            if (regime == PublishedMeasurement.BatchRegime && concurrency is null)
            {
                Error("a batch row needs its concurrency (the batch size)");
            }
            if (regime == PublishedMeasurement.ConcurrencyRegime && concurrency is null)
            {
                Error("a concurrency row needs its concurrency (the number of clients)");
            }
            if (regime == PublishedMeasurement.ConcurrencyRegime && concurrency is int clients && gpuCount > 0 && tp > 0 && clients % (gpuCount / tp) != 0)
            {
                Error(string.Create(CultureInfo.InvariantCulture, $"concurrency ({clients}) must be a multiple of the replicas (gpus / tensor_parallel = {gpuCount / tp}): each replica is simulated with its share of the clients"));
            }
            double? rate = null;
            if (Field("request_rate").Length > 0)
            {
                rate = PositiveNumber(Field("request_rate"), "request_rate", Error);
            }
            if (regime == PublishedMeasurement.RateRegime && rate is null)
            {
                Error("a rate row needs its request_rate (requests per second)");
            }
            if (regime != PublishedMeasurement.RateRegime && rate is not null)
            {
                Error("request_rate is for rate rows only (leave it empty)");
            }
            double spread = 0;
            if (Field("length_spread").Length > 0)
            {
                if (!double.TryParse(Field("length_spread"), NumberStyles.Float, CultureInfo.InvariantCulture, out spread) || !(spread >= 0 && spread < 1))
                {
                    Error($"length_spread '{Field("length_spread")}' must be a share from 0 up to (not including) 1, for example 0.15 for ±15%");
                }
                else if (regime is not (PublishedMeasurement.ConcurrencyRegime or PublishedMeasurement.RateRegime))
                {
                    Error("length_spread is for concurrency and rate rows only (leave it empty)");
                }
            }
            if (regime == PublishedMeasurement.OfflineRegime && metric is not ("output_tokens_per_s" or "requests_per_s"))
            {
                Error("an offline row measures output_tokens_per_s or requests_per_s");
            }
            if (regime == PublishedMeasurement.BatchRegime && metric == "requests_per_s")
            {
                Error("a batch row measures a latency or output_tokens_per_s, not requests_per_s");
            }
            string statistic = Field("statistic").Length == 0 ? PublishedMeasurement.MedianStatistic : Field("statistic");
            bool online = regime is PublishedMeasurement.ConcurrencyRegime or PublishedMeasurement.RateRegime;
            if (!PublishedMeasurement.Statistics.Contains(statistic))
            {
                Error($"statistic '{statistic}' is not one of {string.Join(", ", PublishedMeasurement.Statistics)}");
            }
            else if (statistic == PublishedMeasurement.MeanStatistic && (!online || metric is not ("ttft_ms" or "e2e_latency_ms" or "itl_ms")))
            {
                Error("statistic 'mean' is for the ttft_ms, e2e_latency_ms and itl_ms of concurrency and rate rows");
            }
            else if (statistic is not (PublishedMeasurement.MedianStatistic or PublishedMeasurement.MeanStatistic) && (!online || metric is "output_tokens_per_s" or "requests_per_s"))
            {
                Error($"statistic '{statistic}' (a percentile) is for the latencies of concurrency and rate rows");
            }
            string engineProfile = Field("engine_profile").Length == 0 ? ServingEngineProfiles.Vllm : Field("engine_profile");
            if (!ServingEngineProfiles.Names.Contains(engineProfile))
            {
                Error($"engine_profile '{engineProfile}' is not one of {string.Join(", ", ServingEngineProfiles.Names)}");
            }
            string measurement = Field("measurement").Length == 0 ? PublishedMeasurement.AllMeasurement : Field("measurement");
            if (measurement is not (PublishedMeasurement.AllMeasurement or PublishedMeasurement.SteadyMeasurement))
            {
                Error($"measurement '{measurement}' is not one of all, steady");
            }
            else if (measurement == PublishedMeasurement.SteadyMeasurement && regime != PublishedMeasurement.ConcurrencyRegime)
            {
                Error("measurement 'steady' is for concurrency rows only (leave it empty)");
            }
            else if (measurement == PublishedMeasurement.SteadyMeasurement && metric == "itl_ms" && statistic != PublishedMeasurement.MeanStatistic)
            {
                Error("measurement 'steady' summarises requests one by one: its itl_ms needs statistic 'mean' (the median ITL is read from histograms of every request)");
            }
            int? OptionalPositive(string column)
            {
                if (Field(column).Length == 0)
                {
                    return null;
                }
                int n = PositiveInt(Field(column), column, Error);
                return n > 0 ? n : null;
            }
            double? OptionalShare(string column)
            {
                if (Field(column).Length == 0)
                {
                    return null;
                }
                if (double.TryParse(Field(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share > 0 && share <= 1)
                {
                    return share;
                }
                Error($"{column} '{Field(column)}' must be a share above 0 and at most 1, for example 0.95");
                return null;
            }
            bool? chunked = null;
            if (Field("chunked_prefill").Length > 0)
            {
                chunked = Field("chunked_prefill") switch { "on" => true, "off" => false, _ => null };
                if (chunked is null)
                {
                    Error($"chunked_prefill '{Field("chunked_prefill")}' is not one of on, off");
                }
            }
            RequestLengths? lengths = null;
            if (Field("lengths_file").Length > 0)
            {
                string lengthsPath = Path.Combine(Path.GetDirectoryName(path) ?? "", Field("lengths_file"));
                if (!lengthFiles.TryGetValue(lengthsPath, out lengths))
                {
                    var fileErrors = new List<string>();
                    lengths = RequestLengths.Read(lengthsPath, fileErrors);
                    lengthFiles[lengthsPath] = lengths;
                    foreach (string e in fileErrors)
                    {
                        errors.Add(e);
                    }
                }
                if (lengths is null)
                {
                    Error($"lengths_file '{Field("lengths_file")}' could not be read (see above)");
                }
                else if (spread > 0)
                {
                    Error("a row gives its lengths by lengths_file or by length_spread, not both");
                }
            }
            var limits = new StatedEngineLimits(OptionalPositive("max_num_seqs"), OptionalPositive("max_num_batched_tokens"), OptionalShare("gpu_memory_utilization"), OptionalShare("kv_cache_free_memory_fraction"), chunked);
            if (limits.GpuMemoryUtilization is not null && limits.KvCacheFreeMemoryFraction is not null)
            {
                Error("state one memory rule: gpu_memory_utilization (a share of the whole GPU) or kv_cache_free_memory_fraction (a share of what the weights leave), not both");
            }
            if (!double.TryParse(Field("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0) || !double.IsFinite(value))
            {
                Error($"value '{Field("value")}' must be a positive, finite number");
            }
            if (errors.Count > before)
            {
                continue;
            }
            rows.Add(new PublishedMeasurement
            {
                Id = id,
                Source = Field("source"),
                Url = Field("url"),
                Date = Field("date"),
                ModelLabel = Field("model"),
                GpuLabel = Field("gpu"),
                Model = model!,
                Gpu = gpu!,
                Gpus = gpuCount,
                TensorParallel = tp,
                WeightPrecision = weights,
                KvPrecision = kv,
                PrecisionText = Field("weight_precision") == Field("kv_precision") ? Field("weight_precision") : $"{Field("weight_precision")} (KV {Field("kv_precision")})",
                Engine = Field("engine"),
                EngineProfile = engineProfile,
                Regime = regime,
                InputTokens = input,
                OutputTokens = outputTokens,
                Requests = requests,
                Concurrency = concurrency,
                RequestRate = rate,
                LengthSpread = spread,
                Statistic = statistic,
                Measurement = measurement,
                Limits = limits,
                Lengths = lengths,
                Metric = metric,
                Value = value,
            });
        }
        return rows;
    }

    private static int PositiveInt(string text, string column, Action<string> error)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            return n;
        }
        error($"{column} '{text}' must be a positive whole number");
        return 0;
    }

    private static double PositiveNumber(string text, string column, Action<string> error)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x > 0)
        {
            return x;
        }
        error($"{column} '{text}' must be a positive number");
        return 0;
    }

    private static Precision ParsePrecision(string text, string column, Action<string> error)
    {
        switch (text.ToLowerInvariant())
        {
            case "fp32": return Precision.Fp32;
            case "bf16": return Precision.Bf16;
            case "fp16": return Precision.Fp16;
            case "fp8": return Precision.Fp8;
            case "int4": return Precision.Int4;
            case "fp4": return Precision.Fp4;
            default:
                error($"{column} '{text}' is not one of fp32, bf16, fp16, fp8, int4, fp4");
                return Precision.Bf16;
        }
    }

    /// <summary>The file's records with the line each starts on (Planner's one CSV layer: quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<(int Line, List<string> Fields)> CsvRecords(string path, ICollection<string> errors)
    {
        try
        {
            return CsvFile.ReadFile(path).Select(r => (r.Line, r.Fields.ToList())).ToList();
        }
        catch (CsvSyntaxException e)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{Math.Max(1, e.Line)}: error: {e.Message}"));
            return [];
        }
    }
}
