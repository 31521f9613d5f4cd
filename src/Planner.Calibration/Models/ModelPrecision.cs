namespace Planner.Calibration.Models;

/// <summary>Precision of the built model's weights, activations and KV cache.</summary>
public enum ModelPrecision
{
    Fp32,

    /// <summary>Half precision: what GPUs serve with (ONNX Runtime's CPU provider runs it too, but fp32 is its native precision).</summary>
    Fp16,
}
