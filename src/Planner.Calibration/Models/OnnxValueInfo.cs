using Planner.Calibration.Onnx;

namespace Planner.Calibration.Models;

/// <summary>A graph input or output: name, element type and shape.</summary>
public sealed record OnnxValueInfo(string Name, TensorElementType ElementType, IReadOnlyList<OnnxDimension> Shape);
