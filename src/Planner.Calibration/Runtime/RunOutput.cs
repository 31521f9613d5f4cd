using Microsoft.ML.OnnxRuntime.Tensors;

namespace Planner.Calibration.Runtime;

/// <summary>One output of a run, copied out of ONNX Runtime's memory: name, element type, concrete shape, and the values as float32.</summary>
public sealed record RunOutput(string Name, TensorElementType ElementType, IReadOnlyList<long> Dimensions, float[] Values);
