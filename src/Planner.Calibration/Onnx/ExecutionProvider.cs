namespace Planner.Calibration.Onnx;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionProvider
{
    /// <summary>ONNX Runtime's CPU kernels (always present).</summary>
    Cpu,

    /// <summary>NVIDIA CUDA (needs a CUDA-enabled build and the CUDA/cuDNN libraries).</summary>
    Cuda,

    /// <summary>NVIDIA TensorRT (needs a TensorRT-enabled build and TensorRT).</summary>
    TensorRt,
}
