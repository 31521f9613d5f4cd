using Microsoft.ML.OnnxRuntime.Tensors;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>A graph input or output: name, element type and shape.</summary>
public sealed record OnnxValueInfo(string Name, TensorElementType ElementType, IReadOnlyList<OnnxDimension> Shape);
