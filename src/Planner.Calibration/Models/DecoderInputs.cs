using Microsoft.ML.OnnxRuntime.Tensors;
using System.Globalization;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>
/// Input tensors for one step of a built model: <c>batch</c> sequences, each adding
/// <c>seq</c> new tokens after <c>past</c> cached ones (prefill: past 0; decode: seq 1). Hidden
/// states and caches are random; the causal mask and rotary tables are exact.
/// </summary>
public static class DecoderInputs
{
    /// <summary>Creates the inputs (dispose them after the runs).</summary>
    public static Dictionary<string, HostTensor> Create(BuiltModel model, int batch, int seq, int past, ulong seed = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(past);
        var inputs = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        try
        {
            if (model.Component == ModelComponent.Overhead)
            {
                inputs["x"] = HostTensor.FromFloats([1], [1f]);
                return inputs;
            }
            DecoderDimensions d = model.Dimensions!;
            TensorElementType t = model.Precision == ModelPrecision.Fp16 ? TensorElementType.Float16 : TensorElementType.Float;
            foreach (OnnxValueInfo input in model.Inputs)
            {
                inputs[input.Name] = input.Name switch
                {
                    "input_ids" => TokenIds(batch, seq, d.VocabSize, seed),
                    "hidden_states" => Random(t, [batch, seq, d.HiddenSize], seed, input.Name, 1f),
                    "attention_bias" => Filled(t, [(long)d.GroupSize * seq, past + seq], CausalBias(d.GroupSize, seq, past)),
                    "rope_cos" => Filled(t, [seq, d.HeadDim], Rope(d, seq, past, cos: true)),
                    "rope_sin" => Filled(t, [seq, d.HeadDim], Rope(d, seq, past, cos: false)),
                    _ when input.Name.StartsWith("past_", StringComparison.Ordinal) =>
                        Random(t, [batch, d.KvHeads, past, d.HeadDim], seed, input.Name, 1f),
                    _ => throw new InvalidOperationException($"no value for input '{input.Name}' of model {model.Name}"),
                };
            }
            return inputs;
        }
        catch
        {
            foreach (HostTensor tensor in inputs.Values)
            {
                tensor.Dispose();
            }
            throw;
        }
    }

    /// <summary>Row g·seq + s, column j: 0 when key j is at or before query s's position (past + s), else <see cref="DecoderModelBuilder.MaskedScore"/>.</summary>
    public static float[] CausalBias(int group, int seq, int past)
    {
        int total = past + seq;
        var bias = new float[(long)group * seq * total];
        for (int g = 0; g < group; g++)
        {
            for (int s = 0; s < seq; s++)
            {
                int row = (g * seq + s) * total;
                for (int j = past + s + 1; j < total; j++)
                {
                    bias[row + j] = DecoderModelBuilder.MaskedScore;
                }
            }
        }
        return bias;
    }

    /// <summary>cos or sin of position × inverse frequency, the frequencies repeated over both halves of the head.</summary>
    public static float[] Rope(DecoderDimensions d, int seq, int past, bool cos)
    {
        ArgumentNullException.ThrowIfNull(d);
        int half = d.HeadDim / 2;
        var table = new float[seq * d.HeadDim];
        for (int s = 0; s < seq; s++)
        {
            for (int j = 0; j < half; j++)
            {
                double angle = (past + s) * Math.Pow(d.RopeTheta, -2.0 * j / d.HeadDim);
                float value = (float)(cos ? Math.Cos(angle) : Math.Sin(angle));
                table[s * d.HeadDim + j] = value;
                table[s * d.HeadDim + half + j] = value;
            }
        }
        return table;
    }

    private static HostTensor TokenIds(int batch, int seq, int vocab, ulong seed)
    {
        HostTensor ids = HostTensor.Create(TensorElementType.Int64, [batch, seq]);
        Span<long> span = ids.Span<long>();
        var unit = new float[span.Length];
        WeightGenerator.FillUniform(unit, seed, "input_ids", 1f);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Math.Clamp((long)((unit[i] + 1) / 2 * vocab), 0, vocab - 1);
        }
        return ids;
    }

    private static HostTensor Random(TensorElementType type, long[] shape, ulong seed, string name, float bound)
    {
        HostTensor tensor = HostTensor.Create(type, shape);
        if (type == TensorElementType.Float16)
        {
            WeightGenerator.FillUniform(tensor.Span<Half>(), seed, name, bound);
        }
        else
        {
            WeightGenerator.FillUniform(tensor.Span<float>(), seed, name, bound);
        }
        return tensor;
    }

    private static HostTensor Filled(TensorElementType type, long[] shape, float[] values)
    {
        HostTensor tensor = HostTensor.Create(type, shape);
        if (type == TensorElementType.Float16)
        {
            Span<Half> span = tensor.Span<Half>();
            for (int i = 0; i < values.Length; i++)
            {
                span[i] = (Half)values[i];
            }
        }
        else
        {
            values.CopyTo(tensor.Span<float>());
        }
        return tensor;
    }

    /// <summary>A short description of a step, for progress lines: <c>batch 4 × 128 new tokens after 0</c>.</summary>
    public static string Describe(int batch, int seq, int past) =>
        string.Create(CultureInfo.InvariantCulture, $"batch {batch} × {seq} new tokens after {past}");
}
