using Microsoft.ML.OnnxRuntime.Tensors;
using System.Globalization;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>
/// Builds Llama-style decoder models as ONNX graphs with standard operators only: RMSNorm,
/// grouped-query attention over a KV cache (past keys and values in, present ones out), rotary
/// position embeddings, SwiGLU MLP; plus the token embedding and LM head. Weights are random
/// (seeded), so the real model's shapes can be timed without its weights.
/// </summary>
/// <remarks>
/// Inputs of a block stack: <c>hidden_states</c> [batch, seq, hidden]; <c>attention_bias</c>
/// [group × seq, past + seq] (0 where a query may attend, a large negative number where the causal
/// mask forbids it; rows ordered by query head within a KV group, then position);
/// <c>rope_cos</c>, <c>rope_sin</c> [seq, head_dim] for positions past … past + seq − 1; and per
/// block <c>past_key.i</c>, <c>past_value.i</c> [batch, kv_heads, past, head_dim] (past may be 0).
/// Outputs: <c>hidden_out</c> and <c>present_key.i</c>, <c>present_value.i</c> [batch, kv_heads, past + seq, head_dim].
/// The head takes <c>input_ids</c> [batch, seq] and gives <c>embeddings</c> [batch, seq, hidden] and
/// <c>logits</c> [batch, 1, vocab] of each sequence's last position, as serving engines compute them.
/// </remarks>
public sealed class DecoderModelBuilder
{
    /// <summary>Weights with more elements than this are generated at session creation instead of being stored in the model.</summary>
    public const long InlineWeightLimit = 1 << 16;

    /// <summary>Added to attention scores the causal mask forbids (finite, so fp16 stays finite too).</summary>
    public const float MaskedScore = -10000f;

    private readonly DecoderDimensions _d;
    private readonly ModelPrecision _precision;
    private readonly ulong _seed;
    private readonly OnnxGraph _g;
    private readonly List<WeightRecipe> _weights = [];
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

    private DecoderModelBuilder(DecoderDimensions d, ModelPrecision precision, ulong seed, string name)
    {
        _d = d;
        _precision = precision;
        _seed = seed;
        _g = new OnnxGraph(name);
    }

    private TensorElementType T => _precision == ModelPrecision.Fp16 ? TensorElementType.Float16 : TensorElementType.Float;

    /// <summary>Default seed of the random weights.</summary>
    public const ulong DefaultSeed = 20250101;

    /// <summary>A stack of <paramref name="blocks"/> decoder blocks.</summary>
    public static BuiltModel BlockStack(DecoderDimensions dimensions, int blocks, ModelPrecision precision = ModelPrecision.Fp32, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        dimensions.Validated();
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        var b = new DecoderModelBuilder(dimensions, precision, seed, Invariant($"{dimensions.ModelId}-{blocks}-blocks"));
        string x = b._g.AddInput("hidden_states", b.T, "batch", "seq", dimensions.HiddenSize);
        b.AttentionInputs();
        for (int i = 0; i < blocks; i++)
        {
            x = b.Block(i, x);
        }
        b._g.Op("Identity", [x], "hidden_out");
        b._g.AddOutput("hidden_out", b.T, "batch", "seq", dimensions.HiddenSize);
        b.PresentOutputs(blocks);
        return b.Finish(ModelComponent.BlockStack, blocks);
    }

    /// <summary>Token embedding, final norm and LM head.</summary>
    public static BuiltModel Head(DecoderDimensions dimensions, ModelPrecision precision = ModelPrecision.Fp32, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        dimensions.Validated();
        var b = new DecoderModelBuilder(dimensions, precision, seed, Invariant($"{dimensions.ModelId}-head"));
        string ids = b._g.AddInput("input_ids", TensorElementType.Int64, "batch", "seq");
        string embeddings = b.Embed(ids, "embeddings");
        b._g.AddOutput("embeddings", b.T, "batch", "seq", dimensions.HiddenSize);
        b.LmHead(embeddings);
        return b.Finish(ModelComponent.Head, 0);
    }

    /// <summary>The whole model: embedding, <see cref="DecoderDimensions.Layers"/> blocks, final norm and LM head.</summary>
    public static BuiltModel Whole(DecoderDimensions dimensions, ModelPrecision precision = ModelPrecision.Fp32, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        dimensions.Validated();
        var b = new DecoderModelBuilder(dimensions, precision, seed, Invariant($"{dimensions.ModelId}-whole"));
        string ids = b._g.AddInput("input_ids", TensorElementType.Int64, "batch", "seq");
        b.AttentionInputs();
        string x = b.Embed(ids, null);
        for (int i = 0; i < dimensions.Layers; i++)
        {
            x = b.Block(i, x);
        }
        b.LmHead(x);
        b.PresentOutputs(dimensions.Layers);
        return b.Finish(ModelComponent.Whole, dimensions.Layers);
    }

    /// <summary>A model that copies one number: what a run costs when the model does nothing.</summary>
    public static BuiltModel Overhead()
    {
        var g = new OnnxGraph("overhead");
        g.AddInput("x", TensorElementType.Float, 1);
        g.Op("Identity", ["x"], "y");
        g.AddOutput("y", TensorElementType.Float, 1);
        return new BuiltModel("overhead", ModelComponent.Overhead, null, 0, ModelPrecision.Fp32, 0, OnnxModelWriter.Write(g), [], g.Inputs);
    }

    private BuiltModel Finish(ModelComponent component, int blocks)
    {
        foreach (WeightRecipe w in _weights.Where(w => w.ElementCount <= InlineWeightLimit))
        {
            var data = new byte[w.ElementCount * HostTensor.ElementSize(w.ElementType)];
            w.Fill(data, _seed);
            _g.AddInitializer(new OnnxInitializer { Name = w.Name, ElementType = w.ElementType, Shape = w.Shape, Data = data });
        }
        long offset = 0;
        foreach (WeightRecipe w in _weights.Where(w => w.ElementCount > InlineWeightLimit))
        {
            _g.AddInitializer(new OnnxInitializer { Name = w.Name, ElementType = w.ElementType, Shape = w.Shape, ExternalOffset = offset });
            offset = BuiltModel.Aligned(offset + w.ElementCount * HostTensor.ElementSize(w.ElementType));
        }
        return new BuiltModel(_g.Name, component, _d, blocks, _precision, _seed, OnnxModelWriter.Write(_g), _weights, _g.Inputs);
    }

    private void AttentionInputs()
    {
        _g.AddInput("attention_bias", T, "group_seq", "total");
        _g.AddInput("rope_cos", T, "seq", _d.HeadDim);
        _g.AddInput("rope_sin", T, "seq", _d.HeadDim);
    }

    private void PresentOutputs(int blocks)
    {
        for (int i = 0; i < blocks; i++)
        {
            _g.AddOutput(Invariant($"present_key.{i}"), T, "batch", _d.KvHeads, "total", _d.HeadDim);
            _g.AddOutput(Invariant($"present_value.{i}"), T, "batch", _d.KvHeads, "total", _d.HeadDim);
        }
    }

    private string Embed(string ids, string? output)
    {
        string table = Weight("embed_tokens", [_d.VocabSize, _d.HiddenSize], 1f);
        return _g.Op("Gather", [table, ids], output, OnnxAttribute.Of("axis", 0L));
    }

    private void LmHead(string hidden)
    {
        string last = _g.Op("Slice", [hidden, Ints("last_start", -1), Ints("last_end", long.MaxValue), Ints("seq_axis", 1)]);
        string normed = RmsNorm(last, "final_norm");
        string lmHead = Weight("lm_head", [_d.HiddenSize, _d.VocabSize], Bound(_d.HiddenSize));
        _g.Op("MatMul", [normed, lmHead], "logits");
        _g.AddOutput("logits", T, "batch", 1, _d.VocabSize);
    }

    private string Block(int i, string x)
    {
        int h = _d.HiddenSize, nh = _d.AttentionHeads, kv = _d.KvHeads, dh = _d.HeadDim;
        string p = Invariant($"layers.{i}.");
        _g.AddInput(Invariant($"past_key.{i}"), T, "batch", kv, "past", dh);
        _g.AddInput(Invariant($"past_value.{i}"), T, "batch", kv, "past", dh);

        string normed = RmsNorm(x, p + "input_norm");
        string q = MatMul(normed, Weight(p + "q_proj", [h, nh * dh], Bound(h)));
        string k = MatMul(normed, Weight(p + "k_proj", [h, kv * dh], Bound(h)));
        string v = MatMul(normed, Weight(p + "v_proj", [h, kv * dh], Bound(h)));
        q = Heads(q, nh);
        k = Heads(k, kv);
        v = Heads(v, kv);
        q = Rope(q);
        k = Rope(k);
        string keys = _g.Op("Concat", [Invariant($"past_key.{i}"), k], Invariant($"present_key.{i}"), OnnxAttribute.Of("axis", 2L));
        string values = _g.Op("Concat", [Invariant($"past_value.{i}"), v], Invariant($"present_value.{i}"), OnnxAttribute.Of("axis", 2L));

        // Query heads of one KV group side by side: [b, nh, s, d] → [b, kv, group·s, d], so each KV head is read once (no repeat).
        string scaled = _g.Op("Mul", [q, Scalar("attention_scale", 1 / MathF.Sqrt(dh))]);
        string grouped = _g.Op("Reshape", [scaled, Ints("grouped_shape", 0, kv, -1, dh)]);
        string keysT = _g.Op("Transpose", [keys], null, OnnxAttribute.OfInts("perm", 0L, 1L, 3L, 2L));
        string scores = _g.Op("Add", [_g.Op("MatMul", [grouped, keysT]), "attention_bias"]);
        string probs = _g.Op("Softmax", [scores], null, OnnxAttribute.Of("axis", -1L));
        string context = _g.Op("MatMul", [probs, values]);
        context = _g.Op("Reshape", [context, Ints("heads_shape", 0, nh, -1, dh)]);
        context = _g.Op("Transpose", [context], null, OnnxAttribute.OfInts("perm", 0L, 2L, 1L, 3L));
        context = _g.Op("Reshape", [context, Ints("merged_shape", 0, 0, -1)]);
        string attention = MatMul(context, Weight(p + "o_proj", [nh * dh, h], Bound(nh * dh)));
        string x1 = _g.Op("Add", [x, attention]);

        string normed2 = RmsNorm(x1, p + "post_attention_norm");
        string gate = MatMul(normed2, Weight(p + "gate_proj", [h, _d.IntermediateSize], Bound(h)));
        string up = MatMul(normed2, Weight(p + "up_proj", [h, _d.IntermediateSize], Bound(h)));
        string silu = _g.Op("Mul", [gate, _g.Op("Sigmoid", [gate])]);
        string down = MatMul(_g.Op("Mul", [silu, up]), Weight(p + "down_proj", [_d.IntermediateSize, h], Bound(_d.IntermediateSize)));
        return _g.Op("Add", [x1, down]);
    }

    /// <summary>[b, s, heads·d] → [b, heads, s, d].</summary>
    private string Heads(string x, int heads)
    {
        string split = _g.Op("Reshape", [x, Ints(Invariant($"split_heads_{heads}"), 0, 0, heads, _d.HeadDim)]);
        return _g.Op("Transpose", [split], null, OnnxAttribute.OfInts("perm", 0L, 2L, 1L, 3L));
    }

    /// <summary>Rotary embedding, rotate-half form: x·cos + [−x₂, x₁]·sin.</summary>
    private string Rope(string x)
    {
        IReadOnlyList<string> halves = _g.OpWithOutputs("Split", [x], [_g.Fresh("half"), _g.Fresh("half")], OnnxAttribute.Of("axis", -1L));
        string rotated = _g.Op("Concat", [_g.Op("Neg", [halves[1]]), halves[0]], null, OnnxAttribute.Of("axis", -1L));
        return _g.Op("Add", [_g.Op("Mul", [x, "rope_cos"]), _g.Op("Mul", [rotated, "rope_sin"])]);
    }

    /// <summary>x / sqrt(mean(x²) + ε) · scale, in the form ONNX Runtime fuses into one kernel.</summary>
    private string RmsNorm(string x, string name)
    {
        string squared = _g.Op("Pow", [x, Scalar("two", 2f)]);
        string mean = _g.Op("ReduceMean", [squared], null, OnnxAttribute.OfInts("axes", -1L), OnnxAttribute.Of("keepdims", 1L));
        string root = _g.Op("Sqrt", [_g.Op("Add", [mean, Scalar("rms_epsilon", (float)_d.RmsNormEpsilon)])]);
        string normalized = _g.Op("Div", [x, root]);
        string scale = Weight(name, [_d.HiddenSize], 0f, ones: true);
        return _g.Op("Mul", [normalized, scale]);
    }

    private string MatMul(string a, string b) => _g.Op("MatMul", [a, b]);

    private string Weight(string name, long[] shape, float bound, bool ones = false)
    {
        _weights.Add(new WeightRecipe(name, T, shape, bound, ones));
        return name;
    }

    /// <summary>Uniform bound giving variance 1/fan-in, so activations stay near unit scale through the stack.</summary>
    private static float Bound(int fanIn) => MathF.Sqrt(3f / fanIn);

    private string Scalar(string name, float value)
    {
        if (_constants.TryGetValue(name, out string? existing))
        {
            return existing;
        }
        byte[] data = T == TensorElementType.Float16 ? BitConverter.GetBytes((Half)value) : BitConverter.GetBytes(value);
        _g.AddInitializer(new OnnxInitializer { Name = name, ElementType = T, Shape = [], Data = data });
        _constants[name] = name;
        return name;
    }

    private string Ints(string name, params long[] values)
    {
        if (_constants.TryGetValue(name, out string? existing))
        {
            return existing;
        }
        _constants[name] = _g.Int64s(name, values);
        return name;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
