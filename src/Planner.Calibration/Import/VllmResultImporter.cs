using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;

namespace Planner.Calibration.Import;

/// <summary>
/// Turns result files of vLLM's serving benchmark (<c>benchmark_serving.py --save-result</c> or
/// <c>vllm bench serve --save-result</c>) into whole-model step measurements:
/// <list type="bullet">
/// <item>a decode step per file: the median time per output token with <c>max_concurrency</c>
/// sequences in the batch (or, without a limit, the concurrency Little's law gives:
/// request throughput × mean end-to-end latency), each after its mean prompt plus half its mean
/// output;</item>
/// <item>prefill steps only from runs with concurrency 1 (otherwise time to first token includes
/// queueing): one per prompt-length bin when the per-request lists (<c>--save-detailed</c>) are
/// there, else one at the mean prompt length, timed by the median time to first token.</item>
/// </list>
/// These are approximations of engine steps from request-level figures, and the rows say so.
/// </summary>
public static class VllmResultImporter
{
    private const int MaxPrefillBins = 6;

    public static MeasurementSet Import(IReadOnlyList<string> files, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(settings);
        if (files.Count == 0)
        {
            throw new ArgumentException("no vLLM result files given");
        }
        var rows = new List<MeasurementRow>();
        var sources = new List<ImportedSource>();
        var notes = new List<string>();
        foreach (string file in files)
        {
            rows.AddRange(ImportFile(file, settings, notes));
            sources.Add(new ImportedSource { File = Path.GetFullPath(file), Sha256 = Sha256(file), Citation = settings.Citation });
        }
        return new MeasurementSet
        {
            Metadata = settings.ToMetadata("vllm_benchmark_serving", sources, notes),
            Rows = rows,
        };
    }

    private static List<MeasurementRow> ImportFile(string file, ImportSettings settings, List<string> notes)
    {
        if (!File.Exists(file))
        {
            throw new MeasurementFormatException($"{file}: vLLM result file not found");
        }
        InputFileLimits.Check(file, InputFileLimits.MaxJsonBytes, "result vLLM's benchmark writes");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new MeasurementFormatException($"{file}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {InputFileLimits.JsonProblem(e)}", e);
        }
        using (json)
        {
            JsonElement root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MeasurementFormatException($"{file}: expected a JSON object (a vLLM benchmark result), got {root.ValueKind}");
            }
            double completed = Required(root, "completed", file);
            if (completed < 1)
            {
                throw new MeasurementFormatException($"{file}: 'completed' is {completed}: no request finished, nothing to import");
            }
            double inputMean = Required(root, "total_input_tokens", file) / completed;
            double outputMean = Required(root, "total_output_tokens", file) / completed;
            double concurrency = Concurrency(root, completed, file);
            string label = $"vLLM benchmark_serving {Path.GetFileName(file)} ({Text(root, "model_id") ?? settings.Model}, {Text(root, "backend") ?? "vllm"}, concurrency {concurrency.ToString("0.#", CultureInfo.InvariantCulture)}): {settings.Citation}";
            var rows = new List<MeasurementRow>();

            double tpot = (Optional(root, "median_tpot_ms") ?? Optional(root, "mean_tpot_ms") ?? Optional(root, "median_itl_ms")
                ?? throw new MeasurementFormatException($"{file}: has none of median_tpot_ms, mean_tpot_ms, median_itl_ms")) / 1000;
            if (tpot > 0 && outputMean > 1)
            {
                int batch = Math.Max(1, (int)Math.Round(Math.Min(concurrency, completed)));
                rows.Add(Row(BenchmarkPhase.Decode, batch, 1, (int)Math.Round(inputMean + outputMean / 2), tpot,
                    (int)completed, Optional(root, "p99_tpot_ms") / 1000, label));
            }
            if (Math.Round(concurrency) != 1)
            {
                notes.Add($"{Path.GetFileName(file)}: no prefill rows: at concurrency {concurrency.ToString("0.#", CultureInfo.InvariantCulture)} the time to first token includes queueing behind other requests");
                return rows;
            }
            if (root.TryGetProperty("input_lens", out JsonElement lens) && root.TryGetProperty("ttfts", out JsonElement ttfts)
                && lens.ValueKind == JsonValueKind.Array && ttfts.ValueKind == JsonValueKind.Array && lens.GetArrayLength() == ttfts.GetArrayLength())
            {
                var pairs = lens.EnumerateArray().Zip(ttfts.EnumerateArray())
                    .Where(p => p.First.ValueKind == JsonValueKind.Number && p.Second.ValueKind == JsonValueKind.Number && p.Second.GetDouble() > 0)
                    .Select(p => (Tokens: p.First.GetDouble(), Seconds: p.Second.GetDouble()))
                    .OrderBy(p => p.Tokens)
                    .ToList();
                int bins = Math.Min(MaxPrefillBins, pairs.Count / 3);
                for (int b = 0; b < bins; b++)
                {
                    var bin = pairs.Skip(b * pairs.Count / bins).Take((b + 1) * pairs.Count / bins - b * pairs.Count / bins).ToList();
                    var stats = TimingStatistics.Of(bin.Select(p => p.Seconds).ToList());
                    int tokens = (int)Math.Round(TimingStatistics.Quantile(bin.Select(p => p.Tokens).ToList(), 0.5));
                    rows.Add(new MeasurementRow
                    {
                        Component = ModelComponent.Whole,
                        Blocks = 0,
                        Phase = BenchmarkPhase.Prefill,
                        Batch = 1,
                        NewTokens = Math.Max(1, tokens),
                        PastTokens = 0,
                        Timing = stats with { MeanSeconds = stats.P50Seconds },
                        Converged = false,
                        Source = label + " (median time to first token of the requests with prompts near this length)",
                    });
                }
                if (bins > 0)
                {
                    return rows;
                }
            }
            double? ttft = Optional(root, "median_ttft_ms") ?? Optional(root, "mean_ttft_ms");
            if (ttft is double t && t > 0)
            {
                rows.Add(Row(BenchmarkPhase.Prefill, 1, Math.Max(1, (int)Math.Round(inputMean)), 0, t / 1000, (int)completed,
                    Optional(root, "p99_ttft_ms") / 1000, label + " (median time to first token at the mean prompt length)"));
            }
            return rows;
        }
    }

    private static MeasurementRow Row(BenchmarkPhase phase, int batch, int newTokens, int past, double seconds, int runs, double? p99, string source) => new()
    {
        Component = ModelComponent.Whole,
        Blocks = 0,
        Phase = phase,
        Batch = batch,
        NewTokens = newTokens,
        PastTokens = past,
        Timing = new TimingStatistics
        {
            Runs = runs,
            MeanSeconds = seconds,
            Ci95HalfWidthSeconds = double.NaN,
            P50Seconds = seconds,
            P90Seconds = double.NaN,
            P99Seconds = p99 ?? double.NaN,
            MinSeconds = double.NaN,
        },
        Converged = false,
        Source = source,
    };

    /// <summary><c>max_concurrency</c>; without it, all requests at once (rate inf) or Little's law.</summary>
    private static double Concurrency(JsonElement root, double completed, string file)
    {
        if (Optional(root, "max_concurrency") is double limit && limit >= 1)
        {
            return Math.Min(limit, completed);
        }
        bool unlimitedRate = root.TryGetProperty("request_rate", out JsonElement rate)
            && (rate.ValueKind == JsonValueKind.String && rate.GetString() is "inf" or "Infinity");
        if (unlimitedRate)
        {
            return completed;
        }
        double throughput = Required(root, "request_throughput", file);
        double e2e = (Optional(root, "mean_e2el_ms") ?? throw new MeasurementFormatException($"{file}: without max_concurrency, mean_e2el_ms is needed to estimate the concurrency")) / 1000;
        return Math.Max(1, throughput * e2e);
    }

    private static double Required(JsonElement root, string key, string file) =>
        Optional(root, key) ?? throw new MeasurementFormatException($"{file}: missing number '{key}' (is this a vLLM benchmark_serving result saved with --save-result?)");

    private static double? Optional(JsonElement root, string key) =>
        root.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static string Sha256(string file)
    {
        using FileStream stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
