using Microsoft.ML.OnnxRuntime.Tensors;
using System.Globalization;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// Makes inputs for the user's own ONNX model from its declared inputs: symbolic dimensions are
/// bound by name (…batch… → batch size; …past… → cached tokens; …total… or a sum → cached + new;
/// other …seq…/…length… → new tokens) unless given explicitly; <c>input_ids</c>, <c>position_ids</c>
/// and <c>attention_mask</c> get meaningful values, other tensors random ones. Models with
/// <c>past…</c> inputs (a KV cache, as in <c>past_key_values.0.key</c>) can time decode steps.
/// </summary>
public sealed class ExternalModelBinder
{
    private readonly IReadOnlyDictionary<string, long> _overrides;

    /// <param name="dimensionOverrides">Values for symbolic dimensions, by name, that take precedence over the naming rules.</param>
    public ExternalModelBinder(IReadOnlyDictionary<string, long>? dimensionOverrides = null)
    {
        _overrides = dimensionOverrides ?? new Dictionary<string, long>();
    }

    /// <summary>True when the model takes a KV cache (an input whose name starts with <c>past</c>).</summary>
    public static bool HasKvCache(ModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Inputs.Any(i => i.Name.StartsWith("past", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Inputs for one step; every unbound dimension or unsupported input is reported at once.</summary>
    public Dictionary<string, HostTensor> Create(ModelSession session, BenchmarkPhase phase, int batch, int newTokens, int past)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (phase == BenchmarkPhase.Decode && !HasKvCache(session))
        {
            throw new ArgumentException("the model has no KV-cache inputs (none named past…), so decode steps cannot be timed apart from prefill; use --phase prefill");
        }
        var problems = new List<string>();
        var shapes = new List<(TensorInfo Info, long[] Shape)>();
        foreach (TensorInfo input in session.Inputs)
        {
            if (!input.IsTensor)
            {
                problems.Add($"input '{input.Name}' is not a tensor");
                continue;
            }
            var shape = new long[input.Dimensions.Count];
            for (int i = 0; i < shape.Length; i++)
            {
                string symbol = i < input.SymbolicDimensions.Count ? input.SymbolicDimensions[i] : "";
                long? value = input.Dimensions[i] >= 0 ? input.Dimensions[i]
                    : input.Name == "attention_mask" && i == shape.Length - 1 && !_overrides.ContainsKey(symbol) ? past + newTokens
                    : Bind(symbol, batch, newTokens, past);
                if (value is null)
                {
                    problems.Add($"input '{input.Name}' {input.ShapeText}: dimension {i} ('{(symbol.Length > 0 ? symbol : "unnamed")}') has no value (give it with --dim {(symbol.Length > 0 ? symbol : "NAME")}=N)");
                    continue;
                }
                shape[i] = value.Value;
            }
            if (input.ElementType is not (TensorElementType.Float or TensorElementType.Float16 or TensorElementType.Int64 or TensorElementType.Int32 or TensorElementType.Bool))
            {
                problems.Add($"input '{input.Name}' is {TensorInfo.ElementTypeName(input.ElementType)}, which Planner cannot fill (float32, float16, int64, int32 and bool it can)");
            }
            shapes.Add((input, shape));
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException("cannot bind the model's inputs: " + string.Join("; ", problems));
        }
        var tensors = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        try
        {
            foreach ((TensorInfo info, long[] shape) in shapes)
            {
                tensors[info.Name] = Fill(info, shape, past);
            }
            return tensors;
        }
        catch
        {
            foreach (HostTensor t in tensors.Values)
            {
                t.Dispose();
            }
            throw;
        }
    }

    private long? Bind(string symbol, int batch, int newTokens, int past)
    {
        if (_overrides.TryGetValue(symbol, out long given))
        {
            return given;
        }
        string s = symbol.ToLowerInvariant();
        if (s.Contains("batch", StringComparison.Ordinal))
        {
            return batch;
        }
        if (s.Contains("total", StringComparison.Ordinal) || s.Contains('+', StringComparison.Ordinal) || s.Contains("present", StringComparison.Ordinal))
        {
            return past + newTokens;
        }
        if (s.Contains("past", StringComparison.Ordinal))
        {
            return past;
        }
        if (s.Contains("seq", StringComparison.Ordinal) || s.Contains("length", StringComparison.Ordinal) || s.Contains("token", StringComparison.Ordinal))
        {
            return newTokens;
        }
        return null;
    }

    private static HostTensor Fill(TensorInfo info, long[] shape, int past)
    {
        HostTensor t = HostTensor.Create(info.ElementType, shape);
        long last = shape.Length > 0 ? shape[^1] : 1;
        switch (info.ElementType)
        {
            case TensorElementType.Float:
                WeightGenerator.FillUniform(t.Span<float>(), 11, info.Name, 1f);
                break;
            case TensorElementType.Float16:
                WeightGenerator.FillUniform(t.Span<Half>(), 11, info.Name, 1f);
                break;
            case TensorElementType.Int64:
                Span<long> longs = t.Span<long>();
                for (int i = 0; i < longs.Length; i++)
                {
                    longs[i] = IntegerValue(info.Name, i, last, past);
                }
                break;
            case TensorElementType.Int32:
                Span<int> ints = t.Span<int>();
                for (int i = 0; i < ints.Length; i++)
                {
                    ints[i] = (int)IntegerValue(info.Name, i, last, past);
                }
                break;
            default:
                t.Bytes().Fill(1);
                break;
        }
        return t;
    }

    /// <summary>Positions count on from the cache; masks are all ones (attend everywhere); ids are small and varied.</summary>
    private static long IntegerValue(string name, int index, long last, int past) =>
        name.Contains("position", StringComparison.OrdinalIgnoreCase) ? past + index % Math.Max(1, last)
        : name.Contains("mask", StringComparison.OrdinalIgnoreCase) ? 1
        : 1 + index * 7919L % 97;

    /// <summary>The model's inputs and outputs with types and symbolic dimensions, one per line.</summary>
    public static string Describe(ModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var lines = new List<string> { "inputs:" };
        lines.AddRange(session.Inputs.Select(i => "  " + i));
        lines.Add("outputs:");
        lines.AddRange(session.Outputs.Select(o => "  " + o));
        return string.Join('\n', lines);
    }
}
