namespace Planner.Calibration.Runtime;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionProvider
{
    /// <summary>ONNX Runtime's CPU kernels (always present).</summary>
    Cpu,

    /// <summary>NVIDIA CUDA (ONNX Runtime 1.32's provider needs CUDA 13, cuDNN 9 and the driver).</summary>
    Cuda,

    /// <summary>NVIDIA TensorRT (needs TensorRT 10 besides what CUDA needs).</summary>
    TensorRt,
}
