using Planner.Calibration.Onnx;

namespace Planner.Calibration.Models;

/// <summary>
/// A model built in memory: the serialized ONNX graph plus the recipes of its large weights,
/// which are generated (never downloaded) when a session is created.
/// </summary>
public sealed class BuiltModel
{
    private readonly IReadOnlyList<WeightRecipe> _weights;

    internal BuiltModel(string name, ModelComponent component, DecoderDimensions? dimensions, int blocks, ModelPrecision precision, ulong seed,
        byte[] bytes, IReadOnlyList<WeightRecipe> weights, IReadOnlyList<OnnxValueInfo> inputs)
    {
        Name = name;
        Component = component;
        Dimensions = dimensions;
        Blocks = blocks;
        Precision = precision;
        Seed = seed;
        Bytes = bytes;
        _weights = weights;
        Inputs = inputs;
    }

    public string Name { get; }

    public ModelComponent Component { get; }

    /// <summary>The decoder's dimensions (null for the overhead model).</summary>
    public DecoderDimensions? Dimensions { get; }

    /// <summary>Decoder blocks in the graph.</summary>
    public int Blocks { get; }

    public ModelPrecision Precision { get; }

    public ulong Seed { get; }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] Bytes { get; }

    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>Bytes of every weight, inline and generated.</summary>
    public long WeightBytes => _weights.Sum(w => w.ElementCount * OrtTensor.ElementSize(w.ElementType));

    /// <summary>Generates the weights that are not stored in the model and loads the model.</summary>
    public OrtSession CreateSession(OrtRuntime runtime, OrtSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var tensors = new List<KeyValuePair<string, OrtTensor>>();
        try
        {
            foreach (WeightRecipe w in _weights.Where(w => w.ElementCount > DecoderModelBuilder.InlineWeightLimit))
            {
                OrtTensor t = OrtTensor.Create(runtime, w.ElementType, w.Shape);
                tensors.Add(new(w.Name, t));
                w.Fill(t, Seed);
            }
        }
        catch
        {
            foreach (var t in tensors)
            {
                t.Value.Dispose();
            }
            throw;
        }
        return runtime.CreateSession(Bytes, settings, tensors);
    }

    /// <summary>A weight's values in float32 (recomputed from the seed), for checking outputs against a reference computation.</summary>
    public float[] WeightValues(string name)
    {
        WeightRecipe w = _weights.FirstOrDefault(w => w.Name == name)
            ?? throw new ArgumentException($"model {Name} has no weight '{name}' (it has {string.Join(", ", _weights.Select(x => x.Name))})", nameof(name));
        var values = new float[w.ElementCount];
        (w with { ElementType = TensorElementType.Float32 }).Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), Seed);
        return values;
    }
}
