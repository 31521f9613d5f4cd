using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Planner.Calibration.Runtime;

/// <summary>Name, element type and shape of a model input or output; a dimension of -1 is symbolic (named in <see cref="SymbolicDimensions"/>) or unknown.</summary>
public sealed record TensorInfo
{
    public required string Name { get; init; }

    /// <summary>False for sequences, maps and other non-tensor values.</summary>
    public required bool IsTensor { get; init; }

    public required TensorElementType ElementType { get; init; }

    public required IReadOnlyList<long> Dimensions { get; init; }

    /// <summary>Per dimension, its name when symbolic (for example <c>batch</c>), else empty.</summary>
    public required IReadOnlyList<string> SymbolicDimensions { get; init; }

    /// <summary>The shape as people write it, for example <c>[batch, 128, 4096]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Dimensions.Select((d, i) =>
        d >= 0 ? d.ToString(CultureInfo.InvariantCulture)
        : i < SymbolicDimensions.Count && SymbolicDimensions[i].Length > 0 ? SymbolicDimensions[i] : "?")) + "]";

    public override string ToString() =>
        IsTensor ? $"{Name}: {ElementTypeName(ElementType)} {ShapeText}" : $"{Name}: (not a tensor)";

    /// <summary>ONNX Runtime's description of an input or output, in Planner's terms.</summary>
    public static TensorInfo Of(string name, NodeMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        bool tensor = metadata.IsTensor;
        return new TensorInfo
        {
            Name = name,
            IsTensor = tensor,
            ElementType = tensor ? metadata.ElementDataType : default,
            Dimensions = tensor ? metadata.Dimensions.Select(d => (long)d).ToArray() : [],
            SymbolicDimensions = tensor ? metadata.SymbolicDimensions.Select(s => s ?? "").ToArray() : [],
        };
    }

    /// <summary>Short lower-case name of an element type, with its width for floats: <c>float32</c>, <c>float16</c>, <c>int64</c>.</summary>
    public static string ElementTypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Double => "float64",
        _ => type.ToString().ToLowerInvariant(),
    };
}
