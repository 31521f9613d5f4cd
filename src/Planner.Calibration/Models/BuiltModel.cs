using Microsoft.ML.OnnxRuntime.Tensors;
using Planner.Calibration.Runtime;

using System.IO.MemoryMappedFiles;

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
    public long WeightBytes => _weights.Sum(w => w.ElementCount * HostTensor.ElementSize(w.ElementType));

    /// <summary>
    /// Generates the weights that are not stored in the model into a weights file in a fresh temporary
    /// folder (memory-mapped, filled in parallel), loads the model with ONNX Runtime reading its
    /// external data from there, and deletes the folder: ONNX Runtime holds what it loaded.
    /// </summary>
    public unsafe ModelSession CreateSession(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        List<WeightRecipe> external = _weights.Where(w => w.ElementCount > DecoderModelBuilder.InlineWeightLimit).ToList();
        if (external.Count == 0)
        {
            return ModelSession.Create(Bytes, settings);
        }
        string folder = Path.Combine(Path.GetTempPath(), "planner-weights-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            long size = 0;
            foreach (WeightRecipe w in external)
            {
                size = Aligned(size + w.ElementCount * HostTensor.ElementSize(w.ElementType));
            }
            using (var file = MemoryMappedFile.CreateFromFile(Path.Combine(folder, OnnxModelWriter.ExternalLocation), FileMode.CreateNew, null, size))
            using (MemoryMappedViewAccessor view = file.CreateViewAccessor(0, size))
            {
                byte* start = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
                try
                {
                    long offset = 0;
                    foreach (WeightRecipe w in external)
                    {
                        w.Fill(start + view.PointerOffset + offset, Seed);
                        offset = Aligned(offset + w.ElementCount * HostTensor.ElementSize(w.ElementType));
                    }
                }
                finally
                {
                    view.SafeMemoryMappedViewHandle.ReleasePointer();
                }
            }
            return ModelSession.Create(Bytes, settings, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>External weights start on 4 KiB boundaries, so ONNX Runtime can map each one from its page.</summary>
    internal static long Aligned(long offset) => (offset + 4095) / 4096 * 4096;

    /// <summary>A weight's values in float32 (recomputed from the seed), for checking outputs against a reference computation.</summary>
    public float[] WeightValues(string name)
    {
        WeightRecipe w = _weights.FirstOrDefault(w => w.Name == name)
            ?? throw new ArgumentException($"model {Name} has no weight '{name}' (it has {string.Join(", ", _weights.Select(x => x.Name))})", nameof(name));
        var values = new float[w.ElementCount];
        (w with { ElementType = TensorElementType.Float }).Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), Seed);
        return values;
    }
}
