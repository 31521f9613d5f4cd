using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;
using Microsoft.ML.OnnxRuntime;
using Planner.Calibration.Runtime;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;

namespace Planner.Cli.Commands;

/// <summary>What <c>bench</c> and <c>calibrate</c> share: turning user mistakes into one-line errors and exit codes, catalog look-ups, list parsing.</summary>
internal static class CalibrationCli
{
    /// <summary>Runs a command body; known user and environment problems print <c>error: …</c> (no stack trace) and pick the exit code.</summary>
    public static int Guard(TextWriter stderr, Func<int> body, string outOfMemoryHint = "use fewer --blocks, smaller --batch/--seq, or a machine with more memory")
    {
        try
        {
            return body();
        }
        catch (ExecutionProviderUnavailableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ModelLoadException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (MeasurementFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OnnxRuntimeException e)
        {
            stderr.WriteLine($"error: ONNX Runtime failed while running the model: {FirstLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException { InnerException: DllNotFoundException })
        {
            stderr.WriteLine($"error: ONNX Runtime's native library could not be loaded ({FirstLine((e.InnerException ?? e).Message)}); the Microsoft.ML.OnnxRuntime.Gpu.Linux package ships it for linux-x64 only");
            return ExitCodes.Failure;
        }
        catch (OutOfMemoryException)
        {
            stderr.WriteLine($"error: out of memory: {outOfMemoryHint}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;

    /// <summary>Comma-separated whole numbers ≥ 1, for example <c>1,4,16</c>.</summary>
    public static IReadOnlyList<int> IntList(string text, string option)
    {
        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1)
            {
                throw new ArgumentException($"{option}: '{part}' is not a whole number ≥ 1 (give a comma-separated list such as 1,4,16)");
            }
            values.Add(v);
        }
        if (values.Count == 0)
        {
            throw new ArgumentException($"{option}: give at least one value (a comma-separated list such as 1,4,16)");
        }
        return values;
    }

    public static IReadOnlyList<BenchmarkPhase> Phases(string text)
    {
        var phases = new List<BenchmarkPhase>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            phases.Add(part.ToLowerInvariant() switch
            {
                "prefill" => BenchmarkPhase.Prefill,
                "decode" => BenchmarkPhase.Decode,
                _ => throw new ArgumentException($"--phase: unknown phase '{part}' (allowed: prefill, decode, or prefill,decode)"),
            });
        }
        return phases.Count > 0 ? phases.Distinct().ToList() : throw new ArgumentException("--phase: give prefill, decode, or prefill,decode");
    }

    public static ExecutionProvider Provider(string text) => text.ToLowerInvariant() switch
    {
        "cpu" => ExecutionProvider.Cpu,
        "cuda" => ExecutionProvider.Cuda,
        "tensorrt" or "trt" => ExecutionProvider.TensorRt,
        _ => throw new ArgumentException($"--provider: unknown execution provider '{text}' (allowed: cpu, cuda, tensorrt)"),
    };

    public static ModelPrecision Precision(string text) => text.ToLowerInvariant() switch
    {
        "fp32" => ModelPrecision.Fp32,
        "fp16" => ModelPrecision.Fp16,
        _ => throw new ArgumentException($"--precision: unknown precision '{text}' (allowed: fp32, fp16)"),
    };

    /// <summary><c>NAME=VALUE</c> pairs for symbolic dimensions.</summary>
    public static IReadOnlyDictionary<string, long> Dimensions(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !long.TryParse(pair[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < 0)
            {
                throw new ArgumentException($"--dim: expected NAME=N with N ≥ 0, got '{pair}'");
            }
            result[pair[..eq]] = value;
        }
        return result;
    }

    /// <summary>The catalog (nearest scenarios/catalog, or the one shipped with the program), or null after printing why.</summary>
    public static Catalog? LoadCatalog(string? directory, TextWriter stderr)
    {
        string? dir = CatalogLocator.Find(Path.Combine(Environment.CurrentDirectory, "scenario.yaml"), directory);
        if (dir is null)
        {
            stderr.WriteLine("error: no catalog found (pass --catalog DIR, a folder holding models.yaml and gpus.yaml)");
            return null;
        }
        CatalogLoadResult loaded = CatalogLoader.Load(dir);
        foreach (Diagnostic d in loaded.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
        return loaded.HasErrors ? null : loaded.Catalog;
    }

    /// <summary>The decoder dimensions of a catalog model.</summary>
    public static DecoderDimensions Dimensions(Catalog catalog, string id)
    {
        if (!catalog.Models.TryGetValue(id, out ModelCatalogEntry? m))
        {
            throw new ArgumentException($"--model: unknown model '{id}' (catalog models: {string.Join(", ", catalog.Models.Keys.Order(StringComparer.Ordinal))})");
        }
        if (m.Experts > 1)
        {
            throw new ArgumentException($"--model: {id} is a mixture of experts; the built-in benchmark builds dense decoders only (benchmark its ONNX export with --onnx)");
        }
        return new DecoderDimensions
        {
            ModelId = m.Id,
            Layers = m.Layers,
            HiddenSize = m.HiddenSize,
            IntermediateSize = m.IntermediateSize,
            AttentionHeads = m.AttentionHeads,
            KvHeads = m.KvHeads,
            HeadDim = m.HeadDim,
            VocabSize = m.VocabSize,
        };
    }

    /// <summary>
    /// A path for messages, with forward slashes: relative to the current folder when it lies under
    /// it, else absolute (an --out of /tmp/run read "../../tmp/run/summary.json" from the project).
    /// </summary>
    public static string Show(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetFullPath(path)
            : relative).Replace('\\', '/');
    }
}
