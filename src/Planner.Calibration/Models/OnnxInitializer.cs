using Microsoft.ML.OnnxRuntime.Tensors;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>
/// A constant tensor of the graph (a weight). Small ones carry their bytes in the model; large ones
/// are external data in a weights file written beside the model when a session is created, which
/// keeps the serialized model far below protobuf's 2 GB limit.
/// </summary>
public sealed record OnnxInitializer
{
    public required string Name { get; init; }

    public required TensorElementType ElementType { get; init; }

    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>Little-endian element bytes, or null for an external initializer.</summary>
    public byte[]? Data { get; init; }

    /// <summary>Where the data starts in the external weights file (<see cref="OnnxModelWriter.ExternalLocation"/>), for an external initializer.</summary>
    public long ExternalOffset { get; init; }

    /// <summary>True when the data is in the external weights file, not stored in the model.</summary>
    public bool IsExternal => Data is null;

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
