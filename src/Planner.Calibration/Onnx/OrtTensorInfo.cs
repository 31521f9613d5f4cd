using System.Globalization;

namespace Planner.Calibration.Onnx;

/// <summary>Name, element type and shape of a model input or output; a dimension of -1 is symbolic (named in <see cref="SymbolicDimensions"/>) or unknown.</summary>
public sealed record OrtTensorInfo
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

    /// <summary>Short lower-case name of an element type, for example <c>float32</c>.</summary>
    public static string ElementTypeName(TensorElementType type) => type.ToString().ToLowerInvariant();
}
